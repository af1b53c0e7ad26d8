# Khiu: `make run` starts the demo site, `make test` runs the whole suite.
# Both create .venv and install everything a fresh Debian/Ubuntu machine lacks.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.khiu-installed
DEMO_DB ?= .khiu-demo/khiu.db
WEB_PORT ?= 8080
DEMO_RATE ?= 3
# The suite runs in 4 worker processes (pytest-xdist): much of a test's time is spent
# waiting on a subprocess, a server or a browser, so even 2 cores run 4 well. The tests
# that share a build keep to one worker (tests/support/xdist_groups.py); the card reader's
# tests run afterwards, alone: the machine has one pcscd, and a kiosk started by any other
# test would read their virtual card too. `make test PARALLEL=` runs it in one process.
PARALLEL ?= -n 4
PYTEST := QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider

# Debian packages that Qt (offscreen and xcb), QtMultimedia, speech, USB
# printers, ID card readers and the tests need: QtMultimedia links libpulse0 even without
# a sound server, Pillow shapes Thai only with libfribidi0, pyttsx3 drives libespeak-ng1;
# pcscd and libccid serve card readers, swig, libpcsclite-dev, gcc and python3-dev build
# pyscard, vsmartcard-vpcd is the tests' virtual reader. `chromium` is the real browser
# the web-page tests drive (Playwright with executable_path; never `playwright install`).
APT_PACKAGES := \
	libglib2.0-0 libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3 \
	libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
	libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0 \
	libpulse0 fonts-thai-tlwg-otf libespeak-ng1 libusb-1.0-0 libfribidi0 \
	espeak-ng xvfb xauth poppler-utils chromium postgresql faketime \
	swig libpcsclite-dev gcc python3-dev pcscd libccid vsmartcard-vpcd

.PHONY: run demo screen-check test test-fast bench lint system-deps venv demo-db clean bundle

system-deps:
	@if command -v dpkg-query >/dev/null 2>&1; then \
	  missing=$$(for p in $(APT_PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	  $(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || missing="$$missing python3-venv"; \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then \
	      echo "Installing system packages: $$missing"; \
	      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	    else \
	      echo "Khiu needs these system packages. Run:" >&2; \
	      echo "  sudo apt-get install -y" $$missing >&2; \
	      exit 1; \
	    fi; \
	  fi; \
	fi

$(STAMP): pyproject.toml | system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

venv: system-deps $(STAMP)

demo-db: venv
	KHIU_DEMO_WEB_PORT=$(WEB_PORT) $(BIN)/khiu --db $(DEMO_DB) init --demo

# The demo: hall display, kiosk, counter 1 and the citizens' web pages on the demo site;
# prints what each window is and the demo logins; Ctrl+C stops everything it started.
# `make demo` adds the traffic simulator (khiu demo --simulate) so the hall comes alive.
run: demo-db
	@$(MAKE) --no-print-directory screen-check
	$(BIN)/khiu --db $(DEMO_DB) demo --run --port $(WEB_PORT)

demo: demo-db
	@$(MAKE) --no-print-directory screen-check
	$(BIN)/khiu --db $(DEMO_DB) demo --run --simulate --rate $(DEMO_RATE) --port $(WEB_PORT)

screen-check:
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ] && [ -z "$$QT_QPA_PLATFORM" ]; then \
	  echo "No screen found (DISPLAY is not set). Start Khiu from a desktop session." >&2; exit 1; fi

test: venv
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(PYTEST) $(PARALLEL) -m "not card_reader"
	$(PYTEST) -m card_reader

# The quick loop while working: SQLite only, without the multi-process and crash tests
# (`slow`). Not a substitute for `make test`, which CI runs.
test-fast: venv
	KHIU_TEST_BACKENDS=sqlite $(PYTEST) $(PARALLEL) -m "not slow and not card_reader"
	KHIU_TEST_BACKENDS=sqlite $(PYTEST) -m "not slow and card_reader"

# Every benchmark, the soak included (long: about half an hour on 2 cores).
# One or a shorter soak: make bench BENCH="--quick soak" (or BENCH="kiosk display").
bench: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.bench $(BENCH)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/mypy

# The frozen one-folder bundle (dist/khiu/: khiu, khiu-kiosk, khiu-counter, khiu-display
# sharing _internal/). On Windows the same spec makes the .exe files the installer ships.
bundle: venv
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller installer/khiu.spec
	@echo "Bundle: dist/khiu/ (try: dist/khiu/khiu --db /tmp/khiu-try.db init --demo)"

clean:
	rm -rf $(VENV) .khiu-demo .pytest_cache .ruff_cache build dist
