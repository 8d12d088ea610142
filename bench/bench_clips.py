"""Clips tab benchmark: decoding a WAV for the waveform, and a timeline repaint, side by side.

Run: python3 bench/bench_clips.py [MINUTES]

Prints, for a generated 44.1 kHz stereo 16-bit WAV of MINUTES minutes (default 10):
- decode_wav time (the one read that serves the waveform and the audio analysis:
  ``load_pcm`` at the analysis rate, then peaks) as a ratio of merely reading the frames with
  ``wave`` (the floor);
- seconds of audio decoded per second of wall time (extrapolate to your episode);
- a full timeline paint of the largest corpus episode, as a ratio of a 60 fps frame (16.7 ms).
"""

from __future__ import annotations

import array
import math
import os
import sys
import tempfile
import time
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import editor.qt  # noqa: E402, F401  (PySide6 fixes first)
from editor.qt.tabs.clips.waveform import decode_wav  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "site" / "_podcast"
RATE = 44100


def write_wav(path: Path, minutes: float) -> None:
    second = array.array(
        "h", (int(12000 * math.sin(2 * math.pi * 220 * i / RATE)) for i in range(RATE))
    )
    stereo = array.array("h", (v for v in second for _ in range(2))).tobytes()
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(2)
        writer.setsampwidth(2)
        writer.setframerate(RATE)
        for _ in range(int(minutes * 60)):
            writer.writeframes(stereo)


def read_only(path: Path) -> None:
    with wave.open(str(path), "rb") as reader:
        while reader.readframes(RATE * 10):
            pass


def timed(function: object, *args: object) -> float:
    start = time.perf_counter()
    function(*args)  # type: ignore[operator]
    return time.perf_counter() - start


def bench_timeline() -> None:
    from PySide6.QtWidgets import QApplication

    from editor.core import Document
    from editor.qt.common.settings import Settings
    from editor.qt.editing.session import EpisodeSession
    from editor.qt.tabs.clips.tab import ClipsTab

    files = sorted(CORPUS.glob("*.md"), key=lambda p: p.stat().st_size)
    if not files:
        print("timeline: corpus missing, skipped")
        return
    app = QApplication.instance() or QApplication([])
    from PySide6.QtCore import QSettings

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        session = EpisodeSession()
        session.set_document(Document.load(files[-1]))
        tab = ClipsTab(session, settings)
        tab.resize(1400, 900)
        tab.show()
        app.processEvents()
        from editor.qt.tabs.clips.timeline import Waveform

        duration = tab.timeline.content.duration
        tab.timeline.set_waveform(Waveform(array.array("f", [0.5] * int(duration * 50)), 50.0))
        paints = []
        for _ in range(20):
            paints.append(timed(tab.timeline.grab))
        best = min(paints)
        print(
            f"timeline paint ({files[-1].name}, {duration} s, waveform): {best * 1000:.1f} ms "
            f"= {best / (1 / 60):.2f}x a 60 fps frame"
        )
        tab.close()


def main() -> None:
    minutes = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "episode.wav"
        write_wav(path, minutes)
        read_only(path)  # warm the page cache
        floor = min(timed(read_only, path) for _ in range(3))
        decode = min(timed(decode_wav, path) for _ in range(3))
        size_mb = path.stat().st_size / 1e6
    print(f"WAV {minutes:g} min, 44.1 kHz stereo, {size_mb:.0f} MB")
    ratio = decode / floor
    print(f"read frames only: {floor:.2f} s; decode_wav: {decode:.2f} s = {ratio:.1f}x the read")
    print(f"decoding speed: {minutes * 60 / decode:.0f} s of audio per second (background thread)")
    bench_timeline()


if __name__ == "__main__":
    main()
