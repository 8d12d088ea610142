"""The window-wide audio features: the transport bar, follow playback and tap timing in the
Transcript tab, the spectrogram lane of the Clips timeline and snapping to speech."""
