"""`episode-editor check`: output formats, exit codes, folder search, and no Qt."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT_ROOT, SAMPLE_EPISODE
from validation_helpers import CLEAN_EPISODE, edited, line_of

from editor.commands.check import check_main


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = check_main(list(args), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_clean_file_exits_0_and_prints_no_problems() -> None:
    status, out, err = run(str(SAMPLE_EPISODE))
    assert status == 0
    assert out == ""
    assert "1 file checked: 0 errors, 0 warnings" in err


def test_errors_exit_1_one_line_per_problem(tmp_path: Path) -> None:
    text = edited(("  time: '0:20'\n  who: Pim\n", "  time: '0:20'\n"))
    episode = write(tmp_path / "ep.md", text)
    status, out, _ = run(str(episode))
    assert status == 1
    line = line_of(text, "Glad to be here.")
    assert out.splitlines() == [
        f"{episode}:{line}:3: error: This line has no speaker: add who (the speaker's name); "
        "the previous line is Host's. [transcript.missing-speaker]"
    ]


def test_warnings_alone_exit_0(tmp_path: Path) -> None:
    episode = write(tmp_path / "ep.md", edited(("- sensors\n", "- sensors\n- Sensors\n")))
    status, out, _ = run(str(episode))
    assert status == 0
    assert ": warning: " in out and "[topics.duplicate]" in out


def test_json_output(tmp_path: Path) -> None:
    episode = write(tmp_path / "ep.md", edited(("  sec: 66\n", "  sec: 70\n")))
    status, out, _ = run("--json", str(episode))
    assert status == 1
    rows = json.loads(out)
    assert len(rows) == 1
    row = rows[0]
    assert row["path"] == str(episode)
    assert row["rule"] == "transcript.time-mismatch"
    assert row["severity"] == "error"
    assert (row["line"], row["column"]) == (line_of(CLEAN_EPISODE, "sec: 66"), 8)
    assert "sec" in row["message"]


def test_unreadable_file_exits_2_with_its_position(tmp_path: Path) -> None:
    broken = write(tmp_path / "broken.md", "---\ntitle: [unclosed\nseason: 1\n---\n")
    fine = write(tmp_path / "fine.md", CLEAN_EPISODE)
    status, out, err = run(str(broken), str(fine))
    assert status == 2
    assert out.startswith(f"{broken}:")
    assert "[document.unreadable]" in out
    assert "1 unreadable" in err


def test_missing_path_exits_2(tmp_path: Path) -> None:
    status, _, err = run(str(tmp_path / "nope.md"))
    assert status == 2
    assert "does not exist" in err


def test_folders_are_searched_for_episode_files(tmp_path: Path) -> None:
    write(tmp_path / "_podcast" / "2024" / "a.md", CLEAN_EPISODE)
    write(tmp_path / "_podcast" / "b.md", edited(("episode: 2\n", "episode: 3\n")))
    write(tmp_path / "_podcast" / "notes.txt", "not markdown")
    write(tmp_path / "_podcast" / "readme.md", "# no front matter\n")
    write(tmp_path / "_posts" / "post.md", "---\ntitle: A blog post\nlayout: post\n---\n")
    write(tmp_path / "_people" / "marrowfield.md", "---\nshort: marrowfield\n---\n")
    write(tmp_path / "_podcast" / "stray.md", "oops\n---\nseason: 1\nepisode: 1\n---\n")
    status, out, err = run(str(tmp_path))
    assert status == 2  # stray.md has text before its front matter
    assert "stray.md:1:1: error:" in out
    assert "3 files checked" in err


def test_season_and_episode_duplicated_in_a_folder(tmp_path: Path) -> None:
    first = write(tmp_path / "a.md", CLEAN_EPISODE)
    second = write(tmp_path / "b.md", CLEAN_EPISODE)
    status, out, _ = run(str(tmp_path))
    assert status == 1
    line = line_of(CLEAN_EPISODE, "episode: 2")
    assert f"{first}:{line}:10: error: Season 4 episode 2 is also used by b.md" in out
    assert f"{second}:{line}:10: error: Season 4 episode 2 is also used by a.md" in out


def test_help_exits_0() -> None:
    status, _, _ = run("--help")
    assert status == 0


def test_check_runs_headless_without_importing_qt(tmp_path: Path) -> None:
    episode = write(tmp_path / "ep.md", CLEAN_EPISODE)
    code = (
        "import sys\n"
        "from editor.app import main\n"
        f"status = main(['check', {str(episode)!r}])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(status, ','.join(bad))\n"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}  # no DISPLAY, no QT_QPA_PLATFORM
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert result.stdout.split("\n")[0] == "0 "


def test_pre_commit_hook_runs_the_check() -> None:
    import yaml

    hooks = yaml.safe_load((PROJECT_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "episode-check")
    assert hook["entry"] == "episode-editor check"
    assert hook["language"] == "python"


def test_site_root_option_checks_guests_against_that_site(tmp_path: Path) -> None:
    episode = write(tmp_path / "elsewhere" / "ep.md", CLEAN_EPISODE)
    site = tmp_path / "site"
    write(site / "_people" / "someone.md", "---\nshort: someone\n---\n")
    status, out, _ = run("--site-root", str(site), str(episode))
    assert status == 1
    assert "[guests.no-people-page]" in out
    write(site / "_people" / "pim.md", "---\nshort: marrowfield\n---\n")
    status, out, _ = run("--site-root", str(site), str(episode))
    assert (status, out) == (0, "")


def test_a_people_page_or_folder_is_named_as_not_an_episode_and_exits_0(tmp_path: Path) -> None:
    """Through the command line: a people page is not an error in the site, and not checked."""
    page = write(tmp_path / "_people" / "ada.md", "---\nshort: ada\ntitle: Ada Quill\n---\nBio\n")
    write(tmp_path / "_people" / "bruno.md", "---\nshort: bruno\n---\n")
    broken = write(tmp_path / "_podcast" / "ep.md", edited(("  sec: 66\n", "  sec: 70\n")))

    def check(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "editor", "check", *args],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )

    alone = check(str(page))
    assert alone.returncode == 0, alone.stderr
    assert alone.stdout == ""
    assert f"{page}: not an episode, not checked: a people page" in alone.stderr
    assert "0 files checked" in alone.stderr
    folder = check(str(tmp_path / "_people"))
    assert folder.returncode == 0
    assert "no episodes here, nothing checked: a people page" in folder.stderr
    assert "— 2 files" in folder.stderr
    # Beside a real episode the exit status is the episode's, and --json output stays JSON.
    both = check("--json", str(page), str(broken))
    assert both.returncode == 1
    assert {row["path"] for row in json.loads(both.stdout)} == {str(broken)}
    assert "ada.md: not an episode" in both.stderr


def test_a_named_episode_whose_front_matter_opening_was_deleted_is_checked_and_exits_2(
    tmp_path: Path,
) -> None:
    """A pre-commit hook names the changed file: an episode whose first '---' was deleted
    must block the commit, not pass as "not an episode"."""
    assert CLEAN_EPISODE.startswith("---\n")
    episode = write(tmp_path / "_podcast" / "ep.md", CLEAN_EPISODE.split("\n", 1)[1])
    status, out, err = run(str(episode))
    assert status == 2, err
    assert "not an episode" not in err
    assert f"{episode}:1:1: error: " in out + err
    assert "1 unreadable" in err
