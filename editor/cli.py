"""Headless command line: ``episode-editor check [--json] PATH...`` (placeholder)."""

from __future__ import annotations


def check_main(args: list[str]) -> int:
    print("check: not implemented yet")
    return 2
