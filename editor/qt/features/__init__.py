"""Window features built over the tabs: problems, work protection, the library, formats, audio."""
