"""The window-wide audio features, driven like a user with the player replaced by a fake
clock (no sound card): follow playback, double-click to play, speed and jump-back, tap
timing with undo, the spectrogram lane, snap to speech with its review, bytes on disk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QFileDialog

from editor.core.audio import Spectrogram
from editor.core.yaml.document import Document
from editor.qt.common.settings import Settings
from editor.qt.features.audio import snap_dialog
from editor.qt.features.audio.feature import AudioFeature
from editor.qt.tabs.clips.spectrogram_lane import SpectrogramLane
from editor.qt.tabs.transcript.model import TIME
from editor.qt.window.main_window import MainWindow
from tests.audio_helpers import voiced_bursts, write_wav

RATE = 8000
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
# The sample episode's line times; the audio below has each line's speech 1 s later.
LINE_SECONDS = [3, 38, 41, 50, 118, 125, 302, 309, 401, 407, 560, 566, 712, 718]


class FakeClock(QObject):
    """A ``PlaybackClock`` whose time moves only when the test says so."""

    positionChanged = Signal(float)
    playingChanged = Signal(bool)
    statusChanged = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.speed = 1.0
        self.playing = False
        self.now = 0.0
        self.started_at: list[float] = []

    def play_from(self, seconds: float) -> bool:
        self.now = seconds
        self.started_at.append(seconds)
        self.playing = True
        self.playingChanged.emit(True)
        self.positionChanged.emit(seconds)
        return True

    def pause(self) -> None:
        self.playing = False
        self.playingChanged.emit(False)

    def is_playing(self) -> bool:
        return self.playing

    def position(self) -> float:
        return self.now

    def set_speed(self, rate: float) -> None:
        self.speed = rate

    def advance(self, seconds: float) -> None:
        """``seconds`` of wall time pass while playing."""
        assert self.playing
        self.now += seconds * self.speed
        self.positionChanged.emit(self.now)


@pytest.fixture(scope="module")
def speech_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("speech")
    samples = voiced_bursts([s + 1 for s in LINE_SECONDS], 725, rate=RATE)
    return write_wav(folder / "episode.wav", samples, RATE)


@pytest.fixture
def opened(
    window: MainWindow,
    episode: Path,
    speech_wav: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    discard_unsaved_prompt: None,
) -> tuple[MainWindow, FakeClock]:
    """The sample episode open, the speech WAV attached through Attach audio… (file dialog
    stubbed), the player replaced by a fake clock, the analysis finished."""
    window.resize(1200, 800)
    window.show()
    assert window.open_path(episode)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(speech_wav), ""))
    window.clips_tab.action_attach.trigger()
    clock = FakeClock()
    window.audio.set_player(clock)
    qtbot.waitUntil(lambda: window.audio.analysis is not None, timeout=30000)
    return window, clock


def feature(window: MainWindow) -> AudioFeature:
    return window.audio


def key(window: MainWindow, sequence: str) -> None:
    """Press a shortcut as the user would, on the focused widget of the window."""
    from PySide6.QtGui import QKeySequence

    combo = QKeySequence(sequence)[0]
    target = window.focusWidget() or window
    QTest.keyClick(target, combo.key(), combo.keyboardModifiers())


def show_transcript(window: MainWindow, qtbot: Any) -> None:
    key(window, "Ctrl+3")
    assert window.tabs.currentWidget() is window.transcript_tab
    window.transcript_tab.view.setFocus()
    qtbot.waitUntil(lambda: window.transcript_tab.view.hasFocus())


def row_of_seconds(window: MainWindow, seconds: int) -> int:
    items = window.transcript_tab.model.items()
    return next(row for row, item in enumerate(items) if item.get("sec") == seconds)


def saved_seconds(path: Path) -> list[int]:
    items = Document.load(path).data["transcript"]
    return [item["sec"] for item in items if "sec" in item]


def test_follow_highlights_the_spoken_line_and_keeps_it_in_view(
    opened: tuple[MainWindow, FakeClock], qtbot: Any
) -> None:
    window, clock = opened
    show_transcript(window, qtbot)
    view = window.transcript_tab.view
    view.resize(view.width(), 200)  # only a few rows fit
    key(window, "Ctrl+Space")
    assert clock.playing and clock.started_at == [0.0]
    clock.advance(50.5)
    follower = feature(window).follower
    assert follower.playing_row == row_of_seconds(window, 50)
    overlay = follower.overlay
    assert overlay.isVisible()
    assert (
        overlay.geometry().top()
        == view.visualRect(view.model().index(follower.playing_row, 0)).top()
    )
    clock.advance(700 - 50.5)
    row = row_of_seconds(window, 566)
    assert follower.playing_row == row
    assert view.viewport().rect().intersects(view.visualRect(view.model().index(row, TIME)))
    assert feature(window).position_label.text() == "11:40.0"
    key(window, "Ctrl+Alt+F")  # follow off
    assert not overlay.isVisible()
    key(window, "Ctrl+Space")
    assert not clock.playing


def test_double_click_on_a_time_plays_from_that_line(
    opened: tuple[MainWindow, FakeClock], qtbot: Any
) -> None:
    window, clock = opened
    show_transcript(window, qtbot)
    view = window.transcript_tab.view
    row = row_of_seconds(window, 118)
    view.scrollTo(view.model().index(row, TIME))
    centre = view.visualRect(view.model().index(row, TIME)).center()
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert clock.started_at == [118]
    assert view.state() != QAbstractItemView.State.EditingState  # played, did not edit
    view.setCurrentIndex(view.model().index(row_of_seconds(window, 302), TIME))
    key(window, "Ctrl+Alt+P")
    assert clock.started_at == [118, 302]


def test_speed_steps_and_jump_back_on_resume(
    opened: tuple[MainWindow, FakeClock], qtbot: Any, settings: Settings
) -> None:
    window, clock = opened
    show_transcript(window, qtbot)
    key(window, "Ctrl+Alt+Up")
    key(window, "Ctrl+Alt+Up")
    assert clock.speed == 1.5
    assert feature(window).speed_box.currentText() == "1.5×"
    for _ in range(6):
        key(window, "Ctrl+Alt+Down")
    assert clock.speed == 0.75  # the slowest
    key(window, "Ctrl+Space")
    clock.advance(20)  # 15 s of audio at 0.75×
    key(window, "Ctrl+Space")
    key(window, "Ctrl+Space")
    assert clock.started_at == [0.0, 15.0]  # no jump back by default
    settings.set(Settings.AUDIO_JUMP_BACK, True)
    key(window, "Ctrl+Space")
    key(window, "Ctrl+Space")
    assert clock.started_at == [0.0, 15.0, 13.0]


def test_tap_timing_sets_lines_one_undo_step_each_and_saves(
    opened: tuple[MainWindow, FakeClock], qtbot: Any, episode: Path, settings: Settings
) -> None:
    window, clock = opened
    settings.set(Settings.TAP_REACTION_DELAY_MS, 400)
    show_transcript(window, qtbot)
    view = window.transcript_tab.view
    first = row_of_seconds(window, 3)
    view.setCurrentIndex(view.model().index(first - 1, TIME))  # on the header: taps its line
    key(window, "F9")
    assert saved_seconds(episode)[0] == 3 and window.session.document.is_unchanged()  # off
    key(window, "Ctrl+Alt+T")
    assert feature(window).action_tap_mode.isChecked()
    key(window, "Ctrl+Space")
    clock.advance(4.8)
    key(window, "F9")
    assert view.currentIndex().row() == row_of_seconds(window, 38)  # the next line
    clock.advance(30.2)  # 35.0
    key(window, "Shift+F9")  # 35.0 - 0.4 = 34.6 -> 34
    clock.advance(7.1)  # 42.1
    key(window, "F9")
    items = window.transcript_tab.model.items()
    lines = [row for row, item in enumerate(items) if "sec" in item]
    assert lines[0] == first
    assert [items[row]["sec"] for row in lines[:3]] == [4, 34, 42]
    key(window, "Ctrl+Z")  # the last tap only
    assert [items[row]["sec"] for row in lines[:3]] == [4, 34, 41]
    key(window, "Ctrl+S")
    text = episode.read_text(encoding="utf-8")
    assert "  sec: 4\n  time: '0:04'\n" in text
    assert "  sec: 34\n  time: '0:34'\n" in text
    assert saved_seconds(episode) == [4, 34, *LINE_SECONDS[2:]]


def test_snap_review_moves_the_kept_lines_in_one_undo_step(
    opened: tuple[MainWindow, FakeClock],
    qtbot: Any,
    episode: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, _ = opened
    assert window.clips_tab.timeline.spectrogram is not None
    reviewed: list[Any] = []

    def keep_all_but_line_118(parent: Any, moves: Any, style: Any, max_shift: float) -> Any:
        reviewed.extend(moves)
        return [move for move in moves if move.old != 118]

    monkeypatch.setattr(snap_dialog, "review_snap_moves", keep_all_but_line_118)
    show_transcript(window, qtbot)
    window.transcript_tab.view.clearSelection()
    before = episode.read_bytes()
    key(window, "Ctrl+Alt+S")  # nothing selected: every timed line
    assert [(m.old, m.new) for m in reviewed] == [(s, s + 1) for s in LINE_SECONDS]
    assert all(abs(m.distance) <= 3 for m in reviewed)
    key(window, "Ctrl+Z")
    assert window.session.document.to_text().encode() == before  # one undo step took it all
    key(window, "Ctrl+Shift+Z")
    key(window, "Ctrl+S")
    expected = [s if s == 118 else s + 1 for s in LINE_SECONDS]
    assert saved_seconds(episode) == expected
    text = episode.read_text(encoding="utf-8")
    assert "  sec: 39\n  time: 0:39\n" not in text  # the file's quoting is not copied…
    assert "  sec: 39\n  time: '0:39'\n" in text  # …times are always quoted (YAML 1.1)


def test_snap_clip_edges_from_the_clips_tab_urls_follow(
    opened: tuple[MainWindow, FakeClock],
    qtbot: Any,
    episode: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, _ = opened
    monkeypatch.setattr(snap_dialog, "review_snap_moves", lambda parent, moves, *a: list(moves))
    key(window, "Ctrl+2")
    tab = window.clips_tab
    tab.table.setFocus()
    tab.select_rows([1, 2])
    key(window, "Ctrl+Alt+S")
    key(window, "Ctrl+S")
    clips = Document.load(episode).data["quotableClips"]
    # The edges shared with clips 1 and 4 move with the selected clips' edges.
    assert [(c["startOffset"], c["endOffset"]) for c in clips] == [
        (0, 42),
        (42, 303),
        (303, 561),
        (561, 725),
    ]
    assert [c["url"].rsplit("&", 1)[1] for c in clips] == ["t=0", "t=42", "t=303", "t=561"]


def test_analysis_can_be_cancelled_and_is_cached_per_file(
    window: MainWindow, episode: Path, tmp_path: Path, qtbot: Any, discard_unsaved_prompt: None
) -> None:
    assert window.open_path(episode)
    starts = [5.0 + 60 * minute for minute in range(30)]
    long_wav = write_wav(tmp_path / "long.wav", voiced_bursts(starts, 1800, rate=RATE), RATE)
    audio = window.audio
    window.clips_tab.attach_audio(str(long_wav))
    assert audio.analyser.is_running() and audio.progress_action.isVisible()
    audio.action_cancel.trigger()
    assert not audio.analyser.is_running() and audio.analysis is None
    assert "cancelled" in audio.message.text()
    assert not audio.progress_action.isVisible()
    window.clips_tab.detach_audio()
    window.clips_tab.attach_audio(str(long_wav))
    qtbot.waitUntil(lambda: audio.analysis is not None, timeout=60000)
    assert audio.analysis.onsets == pytest.approx(starts, abs=0.05)
    first = audio.analysis
    window.clips_tab.detach_audio()
    assert window.clips_tab.timeline.spectrogram is None
    window.clips_tab.attach_audio(str(long_wav))
    assert audio.analysis is first  # from the cache, at once
    assert not audio.analyser.is_running()


MULTIMEDIA_NOISE = [
    r"^Couldn't (load|resolve) .*",
    r"^Using Qt multimedia with FFmpeg.*",
    r"^PulseAudioService: .*",
    r"^No audio device detected.*",
    r".*pa_context_connect.*",
]


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_other_formats_are_analysed_through_qt_decoding(
    window: MainWindow, episode: Path, speech_wav: Path, tmp_path: Path, qtbot: Any
) -> None:
    pytest.importorskip("PySide6.QtMultimedia")
    # FFmpeg probes the content: a WAV under another name takes the QAudioDecoder path.
    other = tmp_path / "episode.m4a"
    other.write_bytes(speech_wav.read_bytes())
    assert window.open_path(episode)
    window.clips_tab.attach_audio(str(other))
    audio = window.audio
    assert audio.analyser.is_running()
    qtbot.waitUntil(lambda: audio.analysis is not None, timeout=60000)
    assert audio.analysis.onsets == pytest.approx([s + 1 for s in LINE_SECONDS], abs=0.05)
    assert window.clips_tab.timeline.spectrogram is not None


def test_spectrogram_lane_follows_the_zoom() -> None:
    values = np.zeros((1000, 8), dtype=np.uint8)  # 20 s at 50 columns per second
    values[500, 2] = 255  # a loud moment at 10 s in band 2
    lane = SpectrogramLane(Spectrogram(values, 50.0, np.geomspace(60, 6000, 9)))
    zoomed_out = lane.image(0.0, 1.0, 20)  # one second per pixel
    assert zoomed_out is not None and zoomed_out.height() == 8
    band_row = 8 - 1 - 2  # high bands at the top
    assert [x for x in range(20) if zoomed_out.pixelIndex(x, band_row) == 255] == [10]
    zoomed_in = lane.image(9.0, 0.01, 200)  # 10 ms per pixel from 9 s
    assert [x for x in range(200) if zoomed_in.pixelIndex(x, band_row) == 255] == [100, 101]
    beyond = lane.image(30.0, 1.0, 5)
    assert beyond is not None and all(beyond.pixelIndex(x, band_row) == 0 for x in range(5))


def test_preferences_hold_jump_back_and_reaction_delay(qtbot: Any, settings: Settings) -> None:
    from editor.qt.window.preferences_dialog import PreferencesDialog

    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    assert not dialog.jump_back.isChecked() and dialog.reaction_delay.value() == 300
    dialog.show()
    qtbot.mouseClick(dialog.jump_back, Qt.MouseButton.LeftButton)
    dialog.reaction_delay.selectAll()
    qtbot.keyClicks(dialog.reaction_delay, "250")
    dialog.buttons.accepted.emit()
    assert settings.get(Settings.AUDIO_JUMP_BACK) is True
    assert settings.get(Settings.TAP_REACTION_DELAY_MS) == 250


def test_one_audio_menu_attaches_from_any_tab_and_the_clips_toolbar_has_no_second(
    window: MainWindow,
    episode: Path,
    speech_wav: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    discard_unsaved_prompt: None,
) -> None:
    """Attach audio… is in the window's Audio menu (Ctrl+Alt+A from any tab) and on the Clips
    tab's audio line; the Clips toolbar keeps its clip previews on Play clip's arrow."""
    from PySide6.QtWidgets import QToolButton

    window.resize(1200, 800)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.open_path(episode)
    clips = window.clips_tab
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles.count("Audio") == 1
    audio_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Audio")
    assert audio_menu.actions()[0] is clips.action_attach
    buttons = [b.text().replace("&", "") for b in clips.toolbar.findChildren(QToolButton)]
    assert "Audio" not in buttons
    play_button = clips.toolbar.findChild(QToolButton, "playClipButton")
    assert play_button.defaultAction() is clips.action_play
    assert play_button.menu().actions() == [
        clips.action_play,
        clips.action_play_start,
        clips.action_play_end,
    ]
    assert window.audio.message.text() == "Attach audio first (Audio ▸ Attach audio…, Ctrl+Alt+A)"
    key(window, "Ctrl+2")
    assert window.tabs.currentWidget() is clips
    assert clips.audio_bar.attach_button.isVisible()
    assert clips.audio_bar.attach_button.text().startswith("Attach audio")
    assert not clips.audio_bar.detach_button.isVisible()
    asked: list[str] = []

    def choose(*args: Any, **kwargs: Any) -> tuple[str, str]:
        asked.append(str(args[1]))
        return str(speech_wav), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    show_transcript(window, qtbot)
    key(window, "Ctrl+Alt+A")  # from the Transcript tab
    assert asked == ["Attach the episode's audio"]
    assert clips.audio_bar.path == str(speech_wav)
    assert window.settings.audio_file(str(episode)) == str(speech_wav)
    assert not clips.audio_bar.attach_button.isVisibleTo(clips)
    assert clips.audio_bar.detach_button.isVisibleTo(clips)
    qtbot.waitUntil(lambda: window.audio.analysis is not None, timeout=30000)
    assert window.audio.message.text().endswith("speech starts found.")


def test_transport_is_greyed_out_until_audio_is_attached(
    window: MainWindow,
    episode: Path,
    speech_wav: Path,
    tmp_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    discard_unsaved_prompt: None,
) -> None:
    """Without audio the transport, follow, play from line, tap timing and snap are disabled
    (their tips say where to attach a file) and their keys do nothing; Attach audio… enables
    them, Detach and opening an episode without audio disable them again."""
    from PySide6.QtWidgets import QToolButton

    hint = "Attach audio first (Audio ▸ Attach audio…, Ctrl+Alt+A)"
    window.resize(1200, 800)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.open_path(episode)
    audio = feature(window)
    clock = FakeClock()
    audio.set_player(clock)
    needs_audio = [
        audio.action_play,
        audio.action_back,
        audio.action_forward,
        audio.action_slower,
        audio.action_faster,
        audio.action_follow,
        audio.action_play_line,
        audio.action_tap_mode,
        audio.action_tap,
        audio.action_tap_early,
        audio.action_snap,
    ]
    bar_buttons = [audio.bar.widgetForAction(a) for a in audio.bar.actions() if a in needs_audio]
    assert len(bar_buttons) == 7 and all(isinstance(b, QToolButton) for b in bar_buttons)

    def greyed() -> bool:
        return not any(a.isEnabled() for a in needs_audio) and not audio.speed_box.isEnabled()

    assert greyed() and not any(b.isEnabled() for b in bar_buttons)
    assert window.clips_tab.action_attach.isEnabled()
    assert audio.message.text() == hint
    assert audio.action_play.toolTip().startswith(hint)
    assert audio.speed_box.toolTip().startswith(hint)
    assert audio.action_tap_mode.statusTip() == hint
    assert audio.menu.toolTipsVisible()  # hovering a greyed-out entry says why
    show_transcript(window, qtbot)
    for sequence in ("Ctrl+Space", "Ctrl+Alt+Right", "Ctrl+Alt+Up", "Ctrl+Alt+P", "Ctrl+Alt+T"):
        key(window, sequence)
    assert clock.started_at == [] and clock.speed == 1.0
    assert audio.position_label.text() == "0:00.0"  # Ctrl+Alt+Right did not skip
    assert not audio.action_tap_mode.isChecked()

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(speech_wav), ""))
    key(window, "Ctrl+Alt+A")
    assert window.clips_tab.audio_bar.path == str(speech_wav)
    enabled = [a for a in needs_audio if a not in (audio.action_tap, audio.action_tap_early)]
    assert all(a.isEnabled() for a in enabled) and audio.speed_box.isEnabled()
    assert not audio.action_tap.isEnabled()  # until tap mode is on
    assert not audio.action_play.toolTip().startswith(hint)
    assert audio.action_play.statusTip() == ""
    key(window, "Ctrl+Alt+T")
    assert audio.action_tap.isEnabled() and audio.action_tap_early.isEnabled()
    key(window, "Ctrl+Space")
    assert clock.started_at == [0.0]
    key(window, "Ctrl+Space")

    key(window, "Ctrl+2")
    detach = window.clips_tab.audio_bar.detach_button
    qtbot.mouseClick(detach, Qt.MouseButton.LeftButton)
    assert window.clips_tab.audio_bar.path is None
    assert greyed() and not audio.action_tap_mode.isChecked()
    assert audio.message.text() == hint

    key(window, "Ctrl+Alt+A")  # attached again, then another episode without audio opens
    assert audio.action_play.isEnabled()
    other = tmp_path / "other" / "episode.md"
    other.parent.mkdir()
    other.write_bytes(episode.read_bytes())
    assert window.open_path(other)
    assert greyed() and audio.action_play.toolTip().startswith(hint)
    assert window.open_path(episode)  # its audio is remembered
    assert audio.action_play.isEnabled() and audio.speed_box.isEnabled()


@pytest.mark.qt_log_ignore(
    *MULTIMEDIA_NOISE, r"This plugin does not support propagateSizeHints\(\)"
)
def test_other_formats_are_decoded_once_for_the_waveform_and_the_analysis(
    window: MainWindow,
    episode: Path,
    speech_wav: Path,
    tmp_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    discard_unsaved_prompt: None,
) -> None:
    """Attach audio… with an M4A: one QAudioDecoder run feeds the Clips waveform and the
    analysis (spectrogram, speech starts); re-attaching after a detach decodes once more
    (the waveform) and takes the analysis from its cache."""
    pytest.importorskip("PySide6.QtMultimedia")
    from PySide6.QtMultimedia import QAudioDecoder

    runs: list[str] = []
    original_start = QAudioDecoder.start

    def counted_start(decoder: QAudioDecoder) -> None:
        runs.append(decoder.source().toLocalFile())
        original_start(decoder)

    monkeypatch.setattr(QAudioDecoder, "start", counted_start)
    other = tmp_path / "episode.m4a"
    other.write_bytes(speech_wav.read_bytes())  # FFmpeg probes the content
    window.resize(1200, 800)
    window.show()
    assert window.open_path(episode)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    window.clips_tab.action_attach.trigger()
    audio = feature(window)
    timeline = window.clips_tab.timeline
    qtbot.waitUntil(
        lambda: audio.analysis is not None and timeline.waveform is not None, timeout=60000
    )
    assert runs == [str(other)]
    assert audio.analysis.onsets == pytest.approx([s + 1 for s in LINE_SECONDS], abs=0.05)
    assert timeline.spectrogram is not None
    waveform = timeline.waveform
    assert waveform.rate == pytest.approx(50, abs=1)
    assert len(waveform.peaks) / waveform.rate == pytest.approx(725, abs=0.1)
    speech = int((LINE_SECONDS[0] + 1.1) * waveform.rate)
    quiet = int((LINE_SECONDS[0] + 0.5) * waveform.rate)
    assert waveform.peaks[speech] > 5 * max(waveform.peaks[quiet], 0.001)
    key(window, "Ctrl+2")
    timeline.repaint()  # drawn without error from the shared samples
    window.clips_tab.audio_bar.detach_button.click()
    assert timeline.waveform is None
    window.clips_tab.action_attach.trigger()
    qtbot.waitUntil(lambda: timeline.waveform is not None, timeout=60000)
    assert runs == [str(other), str(other)]
    assert audio.analysis is not None and not audio.analyser.is_running()


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_cancelling_the_analysis_of_another_format_keeps_the_waveform(
    window: MainWindow, episode: Path, speech_wav: Path, tmp_path: Path, qtbot: Any
) -> None:
    """Cancel while the shared decode runs: no analysis (and no late one when the samples
    arrive), but the Clips waveform still comes from that decode."""
    pytest.importorskip("PySide6.QtMultimedia")
    other = tmp_path / "episode.mp3"
    other.write_bytes(speech_wav.read_bytes())
    assert window.open_path(episode)
    audio = feature(window)
    window.clips_tab.attach_audio(str(other))
    assert audio.analyser.is_running() and audio.progress_action.isVisible()
    audio.action_cancel.trigger()
    assert not audio.analyser.is_running() and "cancelled" in audio.message.text()
    timeline = window.clips_tab.timeline
    qtbot.waitUntil(lambda: timeline.waveform is not None, timeout=60000)
    qtbot.wait(50)
    assert audio.analysis is None and timeline.spectrogram is None
    assert not audio.analyser.is_running()


def test_a_wav_is_read_once_for_the_waveform_and_the_analysis(
    window: MainWindow,
    episode: Path,
    speech_wav: Path,
    tmp_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    discard_unsaved_prompt: None,
) -> None:
    """Attach audio… with a WAV: the file is opened once, and that read draws the Clips
    waveform and feeds the analysis; cancel, detach and re-attach read it once more each."""
    import wave

    opened_paths: list[str] = []
    original_open = wave.open

    def counted_open(source: Any, mode: Any = None) -> Any:
        if mode in (None, "r", "rb"):
            opened_paths.append(str(source))
        return original_open(source, mode)

    monkeypatch.setattr(wave, "open", counted_open)
    window.resize(1200, 800)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.open_path(episode)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(speech_wav), ""))
    audio = feature(window)
    timeline = window.clips_tab.timeline
    key(window, "Ctrl+Alt+A")
    qtbot.waitUntil(
        lambda: audio.analysis is not None and timeline.waveform is not None, timeout=60000
    )
    assert opened_paths == [str(speech_wav)]
    assert audio.analysis.onsets == pytest.approx([s + 1 for s in LINE_SECONDS], abs=0.05)
    waveform = timeline.waveform
    assert len(waveform.peaks) / waveform.rate == pytest.approx(725, abs=0.1)
    speech = int((LINE_SECONDS[0] + 1.1) * waveform.rate)
    quiet = int((LINE_SECONDS[0] + 0.5) * waveform.rate)
    assert waveform.peaks[speech] > 5 * max(waveform.peaks[quiet], 0.001)

    # Another file, its analysis cancelled while it is read: the waveform still comes.
    starts = [5.0 + 60 * minute for minute in range(30)]
    long_wav = write_wav(tmp_path / "long.wav", voiced_bursts(starts, 1800, rate=RATE), RATE)
    opened_paths.clear()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(long_wav), ""))
    key(window, "Ctrl+Alt+A")
    assert audio.analyser.is_running()
    audio.action_cancel.trigger()
    assert "cancelled" in audio.message.text()
    qtbot.waitUntil(lambda: timeline.waveform is not None, timeout=60000)
    qtbot.wait(50)
    assert audio.analysis is None and not audio.analyser.is_running()
    assert opened_paths == [str(long_wav)]

    # Detach and attach again: one read, which the analysis takes this time.
    key(window, "Ctrl+2")
    qtbot.mouseClick(window.clips_tab.audio_bar.detach_button, Qt.MouseButton.LeftButton)
    key(window, "Ctrl+Alt+A")
    qtbot.waitUntil(lambda: audio.analysis is not None, timeout=60000)
    assert audio.analysis.onsets == pytest.approx(starts, abs=0.05)
    assert opened_paths == [str(long_wav)] * 2

    # Back to the first file: its analysis is cached, the waveform is read again (once).
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(speech_wav), ""))
    key(window, "Ctrl+Alt+A")
    assert audio.analysis is not None and audio.analysis.path == str(speech_wav)
    qtbot.waitUntil(lambda: timeline.waveform is not None, timeout=60000)
    assert opened_paths == [str(long_wav)] * 2 + [str(speech_wav)]


def test_clips_play_actions_are_greyed_out_until_audio_is_attached(
    window: MainWindow,
    episode: Path,
    speech_wav: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    discard_unsaved_prompt: None,
) -> None:
    """The Clips tab's Play clip (Space) and its previews ([ and ]) follow the transport:
    greyed out with the same tip until audio is attached; their keys then neither play nor
    start editing the clip's cell."""
    from PySide6.QtWidgets import QToolButton

    hint = "Attach audio first (Audio ▸ Attach audio…, Ctrl+Alt+A)"
    window.resize(1200, 800)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.open_path(episode)
    key(window, "Ctrl+2")
    tab = window.clips_tab
    played: list[tuple[float, float | None]] = []
    monkeypatch.setattr(
        tab.player, "play_range", lambda start, end=None: played.append((start, end)) or True
    )
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus)
    tab.select_rows([1])
    plays = [tab.action_play, tab.action_play_start, tab.action_play_end]
    play_button = tab.toolbar.findChild(QToolButton, "playClipButton")
    assert not any(a.isEnabled() for a in plays) and not play_button.isEnabled()
    assert all(a.toolTip().startswith(hint) for a in plays)
    assert tab.action_play.statusTip() == hint
    before = episode.read_bytes()
    for sequence in ("Space", "[", "]"):
        key(window, sequence)
        assert tab.table.state() != QAbstractItemView.State.EditingState
    assert played == []
    assert tab.message.text() == hint
    assert window.session.undo_stack.count() == 0 and episode.read_bytes() == before

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(speech_wav), ""))
    key(window, "Ctrl+Alt+A")
    assert all(a.isEnabled() for a in plays) and play_button.isEnabled()
    assert not tab.action_play.toolTip().startswith(hint) and tab.action_play.statusTip() == ""
    tab.table.setFocus()
    key(window, "Space")
    assert played == [(41, 302)]  # clip 2 of the sample episode
    qtbot.mouseClick(tab.audio_bar.detach_button, Qt.MouseButton.LeftButton)
    assert not any(a.isEnabled() for a in plays)
    assert tab.action_play.toolTip().startswith(hint)


def test_a_missing_audio_file_greys_out_the_controls_and_attach_finds_it_again(
    window: MainWindow,
    episode: Path,
    speech_wav: Path,
    tmp_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    discard_unsaved_prompt: None,
) -> None:
    """The attached file moved away: Play notices (as do activating the window and opening
    the episode); the bars say which file is missing, the controls grey out, and Attach
    audio… opens where the file was, with its name, to find it again."""
    from PySide6.QtWidgets import QWidget

    folder = tmp_path / "audio"
    folder.mkdir()
    attached = folder / "episode.wav"
    attached.write_bytes(speech_wav.read_bytes())
    window.resize(1200, 800)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.open_path(episode)
    audio = feature(window)
    clips = window.clips_tab
    bar = clips.audio_bar
    needs_audio = [*audio.audio_actions, clips.action_play]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(attached), ""))
    key(window, "Ctrl+Alt+A")
    qtbot.waitUntil(lambda: audio.analysis is not None, timeout=60000)
    clock = FakeClock()
    audio.set_player(clock)
    clips.select_rows([1])
    assert all(a.isEnabled() for a in needs_audio)

    moved = tmp_path / "moved.wav"
    attached.rename(moved)
    key(window, "Ctrl+Space")  # Play notices
    assert clock.started_at == []
    assert f"missing: {attached}" in audio.message.text()
    assert not any(a.isEnabled() for a in needs_audio)
    assert "missing" in audio.action_play.toolTip()
    assert f"missing: {attached}" in bar.label.text()
    assert bar.attach_button.isVisibleTo(clips) and bar.detach_button.isVisibleTo(clips)
    assert clips.timeline.waveform is None and clips.timeline.spectrogram is None
    assert clips.timeline.waveform_hint == (
        f"No waveform: the audio file episode.wav is missing ({attached})."
    )

    asked: list[tuple[str, str]] = []

    def find_it(parent: Any, caption: str, start: str, *rest: Any) -> tuple[str, str]:
        asked.append((caption, start))
        return str(moved), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", find_it)
    key(window, "Ctrl+Alt+A")
    assert asked == [("Find the missing audio file episode.wav", str(attached))]
    assert bar.path == str(moved)
    assert window.settings.audio_file(str(episode)) == str(moved)
    assert all(a.isEnabled() for a in needs_audio)
    assert "attach the episode's audio" in clips.timeline.waveform_hint
    qtbot.waitUntil(lambda: clips.timeline.waveform is not None, timeout=60000)

    # Deleted while another window is active: noticed when this one is activated again.
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(other.isActiveWindow)
    moved.rename(attached)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert not any(a.isEnabled() for a in needs_audio)
    assert f"missing: {moved}" in audio.message.text()
    # Put back while away: noticed the same way.
    other.activateWindow()
    qtbot.waitUntil(other.isActiveWindow)
    attached.rename(moved)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert all(a.isEnabled() for a in needs_audio)
    qtbot.waitUntil(lambda: audio.analysis is not None, timeout=60000)

    # Opening the episode while the file is away.
    moved.unlink()
    assert window.open_path(episode)
    assert not any(a.isEnabled() for a in needs_audio)
    assert f"missing: {moved}" in audio.message.text()
    assert f"missing: {moved}" in bar.label.text()
