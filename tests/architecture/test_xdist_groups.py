"""The parallel run keeps machine-wide fixtures on one worker: a test file that needs one
and is not in tests/support/xdist_groups.py stops the collection, by name."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.xdist_groups import unit_of

ROOT = Path(__file__).resolve().parents[2]

CONFTEST = '''
import pytest
from tests.support.xdist_groups import check_groups

@pytest.fixture
def pcsc() -> str:
    return "reader"

def pytest_collection_modifyitems(items):
    check_groups(items)
'''
NEEDS_THE_READER = "def test_reads(pcsc):\n    assert pcsc\n"


def _collect(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         "-p", "no:xdist", "--rootdir", str(project), "tests"],
        cwd=project, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_a_new_file_needing_the_card_reader_must_join_its_group(tmp_path: Path) -> None:
    (tmp_path / "tests" / "card").mkdir(parents=True)
    (tmp_path / "tests" / "conftest.py").write_text(CONFTEST)
    (tmp_path / "tests" / "card" / "test_reader.py").write_text(NEEDS_THE_READER)
    assert _collect(tmp_path).returncode == 0  # a listed file
    (tmp_path / "tests" / "card" / "test_new_reader.py").write_text(NEEDS_THE_READER)
    refused = _collect(tmp_path)
    assert refused.returncode == 4, refused.stdout + refused.stderr  # a usage error
    assert "tests/card/test_new_reader.py::test_reads needs 'pcsc'" in refused.stderr


def test_the_files_of_one_group_make_one_unit_and_other_tests_go_one_by_one() -> None:
    reader = unit_of("tests/card/test_reader.py::test_a[sqlite]")
    assert reader == unit_of("tests/kiosk/test_id_card.py::test_b[postgres]")
    assert unit_of("tests/install/test_wheel.py::test_c") != reader
    plain = "tests/web/test_http.py::test_d[sqlite]"
    assert unit_of(plain) == plain
