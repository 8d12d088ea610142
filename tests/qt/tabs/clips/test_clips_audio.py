"""Audio preview: waveform decoding of a generated WAV, the per-episode setting, playback."""

from __future__ import annotations

import array
import math
import sys
import wave
from pathlib import Path
from typing import Any

import pytest

from editor.core import Document
from editor.qt.editing.session import EpisodeSession
from editor.qt.tabs.clips.tab import ClipsTab
from editor.qt.tabs.clips.waveform import WaveformDecoder, decode_wav

RATE = 8000

# QtMultimedia's FFmpeg backend logs about optional libraries (pipewire, VA-API) it cannot
# find and about the missing audio device of a headless machine: environment noise, not
# errors of the tab. Only these messages are ignored, only in this file.
MULTIMEDIA_NOISE = [
    r"^Couldn't (load|resolve) .*",
    r"^Using Qt multimedia with FFmpeg.*",
    r"^PulseAudioService: .*",
    r"^No audio device detected.*",
    r".*pa_context_connect.*",
    r"^This plugin does not support propagateSizeHints\(\)",  # offscreen window, see tab tests
]
pytestmark = [pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)]


def write_sine(path: Path, seconds: float, amplitudes: list[float], channels: int = 1) -> Path:
    """A 440 Hz sine whose amplitude changes every second (``amplitudes`` per second)."""
    samples = array.array("h")
    for index in range(int(RATE * seconds)):
        amplitude = amplitudes[min(len(amplitudes) - 1, index // RATE)]
        value = int(32767 * amplitude * math.sin(2 * math.pi * 440 * index / RATE))
        samples.extend([value] * channels)
    if sys.byteorder == "big":
        samples.byteswap()
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(channels)
        writer.setsampwidth(2)
        writer.setframerate(RATE)
        writer.writeframes(samples.tobytes())
    return path


@pytest.fixture
def tab(qtbot: Any, session: EpisodeSession, settings: Any) -> ClipsTab:
    widget = ClipsTab(session, settings)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    return widget


def test_wav_waveform_follows_the_amplitude_and_its_samples_come_with_it(tmp_path: Path) -> None:
    path = write_sine(tmp_path / "a.wav", 3, [0.5, 0.25, 0.0], channels=2)
    seen: list[int] = []
    waveform, pcm = decode_wav(path, progress=seen.append)
    assert len(waveform.peaks) == 150
    assert waveform.rate == pytest.approx(50)
    assert all(p == pytest.approx(0.5, abs=0.02) for p in waveform.peaks[:50])
    assert all(p == pytest.approx(0.25, abs=0.02) for p in waveform.peaks[50:100])
    assert all(p < 0.001 for p in waveform.peaks[100:])
    assert seen[-1] == 100
    assert pcm.rate == RATE and len(pcm.samples) == 3 * RATE  # below the analysis rate: as is


def test_a_44_khz_wav_is_drawn_from_its_analysis_rate_samples(tmp_path: Path) -> None:
    """44.1 kHz is averaged down to 11,025 Hz (every 4 samples): a voice's peaks keep their
    height, the bucket is 220 samples (50.11 per second)."""
    rate = 44100
    samples = array.array("h")
    for index in range(rate * 2):
        amplitude = 0.6 if index < rate else 0.2
        samples.append(int(32767 * amplitude * math.sin(2 * math.pi * 300 * index / rate)))
    if sys.byteorder == "big":
        samples.byteswap()
    path = tmp_path / "cd.wav"
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(samples.tobytes())
    waveform, pcm = decode_wav(path)
    assert pcm.rate == rate / 4
    assert waveform.rate == pytest.approx(rate / 4 / 220)
    assert len(waveform.peaks) == pytest.approx(2 * waveform.rate, abs=1)
    first, second = waveform.peaks[:45], waveform.peaks[55:95]
    assert min(first) == pytest.approx(0.6, abs=0.01) and max(first) <= 0.6
    assert max(second) == pytest.approx(0.2, abs=0.01)


def test_wav_decoding_rejects_what_wave_cannot_read(tmp_path: Path) -> None:
    from editor.core.audio import AudioError

    bogus = tmp_path / "bogus.wav"
    bogus.write_bytes(b"RIFF\x00\x00\x00\x00WAVEnot really")
    with pytest.raises(AudioError, match="not a PCM WAV file"):
        decode_wav(bogus)


def test_decoder_works_in_the_background(qtbot: Any, tmp_path: Path) -> None:
    path = write_sine(tmp_path / "b.wav", 2, [1.0, 0.5])
    decoder = WaveformDecoder()
    progress: list[int] = []
    decoder.progressed.connect(progress.append)
    with qtbot.waitSignal(decoder.decoded, timeout=10000) as blocker:
        decoder.start(str(path))
    waveform = blocker.args[0]
    assert len(waveform.peaks) == 100
    assert progress and progress[-1] == 100
    assert not decoder.is_running()


def test_attached_audio_is_remembered_in_settings_not_in_the_episode(
    qtbot: Any, tab: ClipsTab, session: EpisodeSession, settings: Any, episode: Path, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QFileDialog

    audio = write_sine(tmp_path / "episode.wav", 2, [0.8])
    original_text = episode.read_text(encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(audio), ""))
        with qtbot.waitSignal(tab.decoder.decoded, timeout=10000):
            tab.action_attach.trigger()
    assert settings.audio_file(str(episode.resolve())) == str(audio)
    assert tab.timeline.waveform is not None and len(tab.timeline.waveform.peaks) == 100
    assert "episode.wav" in tab.audio_label.text()
    assert session.undo_stack.count() == 0
    assert session.document is not None
    assert session.document.to_text() == original_text

    # Reopening the episode brings the audio back.
    with qtbot.waitSignal(tab.decoder.decoded, timeout=10000):
        session.set_document(Document.load(episode))
    assert tab.audio_path == str(audio)

    tab.detach_audio()
    assert settings.audio_file(str(episode.resolve())) is None
    assert tab.timeline.waveform is None


def test_missing_audio_file_is_explained(tab: ClipsTab, tmp_path: Path) -> None:
    gone = tmp_path / "gone.wav"
    tab.attach_audio(str(gone))
    assert f"missing: {gone}" in tab.audio_label.text()
    tab.select_rows([1])
    assert not tab.action_play.isEnabled()
    tab.play_selected()  # nothing to play, no crash
    assert f"missing: {gone}" in tab.message.text()
    assert tab.model.rowCount() == 4


def test_without_qtmultimedia_the_ui_says_why(
    qtbot: Any, tab: ClipsTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)  # import now fails
    audio = write_sine(tmp_path / "c.wav", 1, [0.5])
    with qtbot.waitSignal(tab.decoder.decoded, timeout=10000):
        tab.attach_audio(str(audio))  # WAV waveform needs no QtMultimedia
    tab.select_rows([0])
    tab.play_selected()
    assert "QtMultimedia could not be loaded" in tab.audio_label.text()
    tab.add_clip()  # everything else keeps working
    assert tab.model.rowCount() == 5


def test_play_clip_moves_the_cursor_and_stops_at_the_end(
    qtbot: Any, tab: ClipsTab, session: EpisodeSession, tmp_path: Path
) -> None:
    try:
        import PySide6.QtMultimedia  # noqa: F401
    except ImportError as error:
        pytest.skip(f"QtMultimedia cannot load here, so playback cannot be tested: {error}")
    audio = write_sine(tmp_path / "d.wav", 3, [0.5])
    with qtbot.waitSignal(tab.decoder.decoded, timeout=10000):
        tab.attach_audio(str(audio))
    session.set_value(("quotableClips", 0, "endOffset"), 1)
    tab.select_rows([0])
    cursor: list[float] = []
    tab.player.positionChanged.connect(cursor.append)
    tab.action_play.trigger()
    assert "QtMultimedia could not be loaded" not in tab.audio_label.text()
    from PySide6.QtMultimedia import QMediaDevices

    if not QMediaDevices.audioOutputs():  # headless CI: the UI says why nothing is heard
        assert "No audio output device" in tab.audio_label.text()
    qtbot.waitUntil(lambda: bool(cursor) and cursor[-1] > 0.3, timeout=10000)
    qtbot.waitUntil(lambda: not tab.player.is_playing(), timeout=10000)
    assert 0.9 <= tab.player.position() <= 1.6  # stopped at the clip's end, not the file's
    assert tab.timeline.cursor_time is not None and tab.timeline.cursor_time >= 0.3
    # ±2 s around the start of clip 1 (at 0:41, past this short file's end): no crash
    tab.play_around_edge("start")
    tab.stop_playback()
    assert not tab.player.is_playing()


def _require_qtmultimedia() -> None:
    try:
        import PySide6.QtMultimedia  # noqa: F401
    except ImportError as error:
        pytest.skip(f"QtMultimedia cannot load here, so its decoder cannot be tested: {error}")


def test_other_formats_decode_through_qaudiodecoder(qtbot: Any, tmp_path: Path) -> None:
    _require_qtmultimedia()
    # FFmpeg probes the content, so a WAV under another name takes the QAudioDecoder path.
    path = write_sine(tmp_path / "sine.audio", 2, [0.5, 0.25])
    decoder = WaveformDecoder()
    with qtbot.waitSignal(decoder.decoded, timeout=20000) as blocker:
        decoder.start(str(path))
    waveform = blocker.args[0]
    assert len(waveform.peaks) == pytest.approx(100, abs=2)
    assert max(waveform.peaks[:40]) == pytest.approx(0.5, abs=0.03)
    assert max(waveform.peaks[60:]) == pytest.approx(0.25, abs=0.03)


@pytest.mark.qt_log_ignore(r"^Could not open media.*", r".*Invalid data found.*")
def test_undecodable_audio_is_reported(qtbot: Any, tmp_path: Path) -> None:
    _require_qtmultimedia()
    bogus = tmp_path / "bogus.wav"
    bogus.write_bytes(b"RIFF\x00\x00\x00\x00WAVEnot really audio" * 10)
    decoder = WaveformDecoder()
    with qtbot.waitSignal(decoder.failed, timeout=20000) as blocker:
        decoder.start(str(bogus))
    assert blocker.args[0]


def test_deleting_the_decoder_mid_decode_stops_its_thread(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from shiboken6 import Shiboken

    from editor.qt.tabs.clips import waveform as module

    started = threading.Event()

    def endless(path: Any, progress: Any = None, cancelled: Any = None) -> Any:
        from editor.core.audio import AudioCancelled

        started.set()
        while not cancelled():
            threading.Event().wait(0.005)
        raise AudioCancelled()

    monkeypatch.setattr(module, "decode_wav", endless)
    decoder = WaveformDecoder()
    decoder.start(str(tmp_path / "any.wav"))
    assert started.wait(5)
    thread = decoder._threads.thread
    assert thread is not None and thread.isRunning()
    stop_flag = thread.stop_flag
    # What happens when the tab closes mid-decode. Deleting a running QThread aborts the
    # whole process, so reaching the next line at all is the main assertion.
    Shiboken.delete(decoder)
    assert stop_flag.is_set()
    assert not Shiboken.isValid(thread)  # deleted with its parent, after it had finished
