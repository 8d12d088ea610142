"""Rates shared by the audio code and its callers (no numpy here, so callers can name them
without importing the analysis)."""

from __future__ import annotations

# Speech analysis needs nothing above ~5 kHz: files are averaged down to at most this rate.
ANALYSIS_RATE = 12_000
