"""Drawing a spectrogram lane: the visible part, one image column per pixel, at any zoom."""

from __future__ import annotations

import itertools

import numpy as np
from PySide6.QtGui import QImage

from editor.core.audio import Spectrogram


def _colour_table() -> list[int]:
    """Dark blue through magenta and orange to pale yellow: quiet is dark, loud is light."""
    stops = [(0, (8, 8, 32)), (90, (90, 20, 120)), (170, (225, 90, 50)), (255, (255, 245, 170))]
    table = []
    for value in range(256):
        for (a, colour_a), (b, colour_b) in itertools.pairwise(stops):
            if a <= value <= b:
                t = (value - a) / (b - a)
                r, g, bl = (round(x + (y - x) * t) for x, y in zip(colour_a, colour_b, strict=True))
                table.append(0xFF000000 | (r << 16) | (g << 8) | bl)
                break
    return table


COLOURS = _colour_table()


class SpectrogramLane:
    """A spectrogram ready to draw at any zoom (one padded copy made once, not per paint)."""

    def __init__(self, spectrum: Spectrogram) -> None:
        self.spectrum = spectrum
        bands = spectrum.values.shape[1] if spectrum.values.ndim == 2 else 0
        # One silent column past the end: pixels beyond the audio reduce to it.
        self._padded = np.concatenate([spectrum.values, np.zeros((1, bands), dtype=np.uint8)])

    def image(self, first_second: float, seconds_per_pixel: float, width: int) -> QImage | None:
        """An image ``width`` pixels wide (bands high, high frequencies at the top) from
        ``first_second``; each pixel shows the loudest column it covers."""
        count = len(self.spectrum.values)
        if width <= 0 or count == 0:
            return None
        rate = self.spectrum.columns_per_second
        edges = (first_second + np.arange(width + 1) * seconds_per_pixel) * rate
        indices = np.clip(np.floor(edges).astype(np.int64), 0, count)
        picked = np.maximum.reduceat(self._padded, indices, axis=0)[:width]
        pixels = np.ascontiguousarray(picked.T[::-1])  # (bands, width), low at the bottom
        image = QImage(pixels.data, width, pixels.shape[0], width, QImage.Format.Format_Indexed8)
        image.setColorTable(COLOURS)
        return image.copy()  # own the pixels: the numpy buffer goes away
