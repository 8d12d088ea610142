"""Live validation: the Problems dock, its model, the validation service and the window feature."""
