"""Which tab owns a data key: exact top-level keys, never a prefix of the key's name."""

from __future__ import annotations

import pytest

from editor.qt.tabs.ownership import TabName, owner_of


@pytest.mark.parametrize(
    ("path", "owner"),
    [
        (("quotableClips", 1, "url"), TabName.CLIPS),
        (("quotableClips",), TabName.CLIPS),
        (("transcript", 3, "who"), TabName.TRANSCRIPT),
        (("transcriptNotes",), TabName.METADATA),
        (("quotableClipsOld", 0), TabName.METADATA),
        (("links", "youtube"), TabName.METADATA),
        ((), TabName.METADATA),
        ((0,), TabName.METADATA),
    ],
)
def test_owner_of_a_path(path: tuple[object, ...], owner: TabName) -> None:
    assert owner_of(path) is owner
