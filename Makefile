# MLCF planner — build, run, test. `make run` and `make test` are the two set-up commands:
# each installs what a fresh Debian machine lacks, then builds.
SWIFT   ?= swift
PREFIX  ?= /usr/local
DEBUG_BIN   = .build/debug/mlcf
RELEASE_BIN = .build/release/mlcf
# Keep the build light on the 2-core CI machine.
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all build run test deps install clean schema-check lint

all: deps
	$(SWIFT) build -c release --product mlcf -j $(JOBS)

# Installs the system packages the build and tests need, only when they are missing.
deps:
	@missing=""; \
	[ -e /usr/include/ncursesw/curses.h ] || [ -e /usr/include/ncurses.h ] || missing="$$missing libncursesw5-dev"; \
	command -v tmux >/dev/null 2>&1 || missing="$$missing tmux"; \
	command -v flock >/dev/null 2>&1 || missing="$$missing util-linux"; \
	command -v python3 >/dev/null 2>&1 || missing="$$missing python3"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi; \
	fi; \
	python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install -q jsonschema

build: deps
	$(SWIFT) build --product mlcf -j $(JOBS)

# Opens the planner: on the portfolio you used last, or on the bundled example the first time.
run: build
	@$(DEBUG_BIN) $(ARGS)

test: deps
	$(SWIFT) build --build-tests -j $(JOBS)
	$(MAKE) --no-print-directory schema-check
	MLCF_BINARY=$(CURDIR)/$(DEBUG_BIN) $(SWIFT) test --skip-build

# Every example fits the JSON Schema (checked by an independent validator), broken ones do not.
schema-check:
	python3 Tests/schema/check_schema.py

install: all
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/mlcf

lint:
	$(SWIFT) format lint --recursive Sources Tests

clean:
	rm -rf .build
