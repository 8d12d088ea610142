"""The editor's data files, installed as the package ``editor.resources``.

This folder is the source of every file the program reads at run time (the schema, icons,
style sheets, the ``.desktop`` entry, the sample site). ``pyproject.toml`` maps it to
``editor.resources`` so wheels, sdists, editable installs and the PyInstaller bundle all ship
it; code reads it through ``editor.core.resources`` (``importlib.resources``).
"""
