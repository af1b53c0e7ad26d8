"""Counter app tests: pytest-qt, offscreen, real SQLite files."""
