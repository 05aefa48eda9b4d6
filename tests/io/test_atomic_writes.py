"""Outputs are flushed to disk before they are renamed into place (the audit's finding 9:
an atomic write that never fsyncs can leave an empty file after a power cut)."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest

from roster.io.tables import write_csv_atomic
from roster.io.xlsx import save_workbook_atomic


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records fsync and replace in the order they happen."""
    seen: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        seen.append("fsync")
        real_fsync(fd)

    def replace(src: str | Path, dst: str | Path) -> None:
        seen.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    return seen


def test_a_workbook_is_fsynced_before_the_rename(tmp_path: Path, calls: list[str]) -> None:
    save_workbook_atomic(openpyxl.Workbook(), tmp_path / "out.xlsx")
    assert calls == ["fsync", "replace"]
    assert openpyxl.load_workbook(tmp_path / "out.xlsx").sheetnames == ["Sheet"]


def test_a_csv_is_fsynced_before_the_rename(tmp_path: Path, calls: list[str]) -> None:
    write_csv_atomic(tmp_path / "out.csv", ["a"], [["=1+2"]], mode=0o600)
    assert calls == ["fsync", "replace"]
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines() == ["a", "'=1+2"]
    assert (tmp_path / "out.csv").stat().st_mode & 0o777 == 0o600
