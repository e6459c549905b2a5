"""Shared test data: the project's public vectors (tests/vectors/*.tsv)."""

from __future__ import annotations

from pathlib import Path

VECTORS = Path(__file__).resolve().parents[3] / "tests" / "vectors"


def rows(name: str) -> list[list[str]]:
    """The tab-separated rows of a vector file, comments skipped."""
    lines = (VECTORS / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]
