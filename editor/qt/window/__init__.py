"""The main window, the composition of its features, preferences and the application start."""
