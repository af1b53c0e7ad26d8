"""The parallel run builds each costly fixture on one worker: a test file that needs one
and is not in tests/support/xdist_groups.py stops the collection, by name; the card
reader's tests are marked to run alone."""

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
def built_pack() -> str:
    return "voice pack"

def pytest_collection_modifyitems(items):
    check_groups(items)
'''
NEEDS_THE_PACK = "def test_says(built_pack):\n    assert built_pack\n"


def _collect(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         "-p", "no:xdist", "--rootdir", str(project), *(args or ("tests",))],
        cwd=project, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_a_new_file_needing_the_voice_pack_must_join_its_group(tmp_path: Path) -> None:
    (tmp_path / "tests" / "speech").mkdir(parents=True)
    (tmp_path / "tests" / "conftest.py").write_text(CONFTEST)
    (tmp_path / "tests" / "speech" / "test_voicepack.py").write_text(NEEDS_THE_PACK)
    assert _collect(tmp_path).returncode == 0  # a listed file
    (tmp_path / "tests" / "speech" / "test_new_pack.py").write_text(NEEDS_THE_PACK)
    refused = _collect(tmp_path)
    assert refused.returncode == 4, refused.stdout + refused.stderr  # a usage error
    assert "tests/speech/test_new_pack.py::test_says needs 'built_pack'" in refused.stderr


def test_the_files_of_one_group_make_one_unit_and_other_tests_go_one_by_one() -> None:
    pack = unit_of("tests/speech/test_engines.py::test_a[th]")
    assert pack == unit_of("tests/speech/test_voicepack.py::test_b")
    assert unit_of("tests/install/test_wheel.py::test_c") != pack
    plain = "tests/web/test_http.py::test_d[sqlite]"
    assert unit_of(plain) == plain


def test_the_card_readers_tests_are_marked_to_run_alone() -> None:
    files = ["tests/card/test_reader.py", "tests/kiosk/test_id_card.py"]
    everything = _collect(ROOT, *files)
    left = _collect(ROOT, "-m", "not card_reader", *files)
    assert everything.returncode == 0, everything.stdout
    assert left.returncode == 5, left.stdout  # nothing left to run in the parallel pass
    assert "tests collected" in everything.stdout and "deselected" in left.stdout
