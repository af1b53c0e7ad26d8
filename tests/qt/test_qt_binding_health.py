"""Guards against a PySide6 regression that would crash long-running apps.

PySide6 6.12.0 drops a reference to None on every void method call; on Python 3.11
None's count runs out after a few thousand calls and the process aborts
(`none_dealloc`). pyproject pins PySide6 below 6.12; this test fails if a release
with the bug comes back in.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_qt_calls_keep_none_references() -> None:
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(2000):
        probe.setObjectName("probe")
    assert sys.getrefcount(None) - before > -100
