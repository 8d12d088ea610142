from editor.app import main

if __name__ == "__main__":  # worker processes of `check` import this module again
    raise SystemExit(main())
