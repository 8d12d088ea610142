"""Files of a podcast site: which files are episodes, the library, renames, recovery."""
