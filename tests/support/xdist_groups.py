"""Which test files share one pytest-xdist worker, and the scheduler that keeps them there.

`make test` runs the suite on 4 workers, and a session-wide fixture is built in each
worker that uses it. The bundle, the wheel and the voice pack take seconds to a minute
to build, so each file whose tests need one of them is sent whole to one worker, and
files that share one go to the same worker: each is built once.
(The card reader's tests are not here: they run alone, after the others; see Makefile.)

pytest-xdist's own `xdist_group` mark cannot do it: it renames the tests' node ids,
which pytest 9 no longer lets a plugin do. The controller sees only node ids, so the
groups are named by file here, and `check_groups` fails the collection of a test that
needs a shared fixture from a file this table does not list.
"""

from __future__ import annotations

import pytest
from xdist.scheduler import LoadScopeScheduling

# The session- or module-wide builds that one worker makes for all the tests needing them.
SHARED_FIXTURES = ("bundle", "installed", "built_pack")

# Test file → its group; files of one group run on one worker, one after the other.
GROUP_OF_FILE = {
    "tests/install/test_bundle.py": "bundle",
    "tests/install/test_wheel.py": "wheel",
    "tests/speech/test_engines.py": "voice pack",
    "tests/speech/test_voicepack.py": "voice pack",
}


def unit_of(nodeid: str) -> str:
    """The unit of work a test belongs to: its file's group, or the test alone."""
    return GROUP_OF_FILE.get(nodeid.split("::", 1)[0], nodeid)


class GroupedScheduling(LoadScopeScheduling):
    """pytest-xdist's load scheduling, test by test, except the files of one group,
    which make one unit of work."""

    def _split_scope(self, nodeid: str) -> str:
        return unit_of(nodeid)


def check_groups(items: list[pytest.Item]) -> None:
    """Refuses a collection in which a test needs a shared fixture but its file has no
    group: run in parallel, it would be built again on another worker."""
    for item in items:
        if not isinstance(item, pytest.Function):
            continue
        needs = [name for name in SHARED_FIXTURES if name in item.fixturenames]
        file = item.nodeid.split("::", 1)[0]
        if needs and file not in GROUP_OF_FILE:
            raise pytest.UsageError(
                f"{item.nodeid} needs {needs[0]!r}: add {file} to GROUP_OF_FILE in "
                "tests/support/xdist_groups.py"
            )
