"""The subcommands of ``episode-editor``; ``editor.cli`` lists them.

Each module has ``register(subparsers) -> None``, which adds its parser and sets
``parser.set_defaults(run=<callable(args) -> int>)``. Registering must not import Qt, so
``check`` stays headless.
"""
