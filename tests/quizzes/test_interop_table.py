"""docs/interop.md's table is measured, not written by hand: every row's counts are what the
import page's reader gives for that fixture, and the totals add up."""

import pathlib

import pytest

from quizzes.admin_views import _read

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = pathlib.Path(__file__).parent / "fixtures"


def rows() -> list[list[str]]:
    lines = (ROOT / "docs/interop.md").read_text(encoding="utf-8").splitlines()
    table = [line for line in lines if line.startswith("| ") and line.count("|") == 9]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in table[1:]]


def counts(fixture: str) -> tuple[int, int, int, int]:
    path = FIXTURES / fixture
    reading = _read(path.read_bytes(), path.name)
    ready = sum(1 for draft in reading.drafts if draft["status"] == "ready")
    drafts = sum(1 for draft in reading.drafts if draft["status"] == "draft")
    return len(reading.items), ready, drafts, len(reading.skipped)


@pytest.mark.django_db
def test_every_fixture_has_a_row_and_every_row_is_what_the_importer_does():
    table = {row[0]: row for row in rows() if not row[0].startswith("**")}
    on_disk = {f"{p.parent.name}/{p.name}" for p in FIXTURES.glob("*/*")}
    assert set(table) == on_disk
    for fixture, row in table.items():
        assert tuple(int(cell) for cell in row[2:6]) == counts(fixture), fixture


def test_the_totals_add_up():
    body = [row for row in rows() if not row[0].startswith("**")]
    total = next(row for row in rows() if row[0] == "**total**")
    for column in range(2, 6):
        assert int(total[column].strip("*")) == sum(int(row[column]) for row in body)
