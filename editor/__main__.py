from editor.app import main

raise SystemExit(main())
