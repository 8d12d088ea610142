"""The Qt editing layer: the session (the one place the GUI changes the document) and its undo
commands.
"""
