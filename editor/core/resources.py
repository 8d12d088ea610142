"""The program's data files (schema, icons, style sheets, sample site), in any install.

They are the package ``editor.resources`` (built from the top-level ``resources/`` folder, see
``pyproject.toml``) and are read with ``importlib.resources``, so a wheel, pipx, pre-commit's
hook environment and the PyInstaller bundle find them as an editable checkout does.
"""

from __future__ import annotations

import shutil
import tempfile
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

RESOURCES_PACKAGE = "editor.resources"
SAMPLE_SITE = "sample-site"
SAMPLE_EPISODE = ("_podcast", "tide-charts-and-lamp-oil.md")


def resource_files() -> Traversable:
    try:
        return files(RESOURCES_PACKAGE)
    except ModuleNotFoundError:
        # A checkout run without installing it (or an editable install made before the
        # mapping existed): the source folder beside the package is the same data.
        source = Path(__file__).resolve().parents[2] / "resources"
        if (source / "__init__.py").is_file():
            return source
        raise


def resource_path(*parts: str) -> Path:
    """A data file as a path on disk (every supported install keeps them as plain files)."""
    found = resource_files().joinpath(*parts)
    if not isinstance(found, Path):
        raise RuntimeError(f"{RESOURCES_PACKAGE} is not installed as plain files: {found}")
    return found


def copy_sample_site(destination: Path | None = None) -> Path:
    """Copies the sample site into ``destination`` (default: a new temporary folder) and
    returns the path of its sample episode there, so opening it never edits the install."""
    if destination is None:
        destination = Path(tempfile.mkdtemp(prefix="episode-editor-sample-"))
    site = destination / SAMPLE_SITE
    shutil.copytree(resource_path(SAMPLE_SITE), site, copy_function=shutil.copyfile)
    for copied in [site, *site.rglob("*")]:  # an installed copy may be read-only
        copied.chmod(copied.stat().st_mode | 0o700 if copied.is_dir() else 0o644)
    return site.joinpath(*SAMPLE_EPISODE)
