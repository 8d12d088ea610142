"""The Clips tab's parts: table model, timeline, audio preview, dialogs."""
