# MLCF planner — build, run, test. `make run` and `make test` are the two set-up commands:
# each installs what a fresh Debian machine lacks, then builds.
SWIFT   ?= swift
PREFIX  ?= /usr/local
DEBUG_BIN   = .build/debug/mlcf
RELEASE_BIN = .build/release/mlcf
# Keep the build light on the 2-core CI machine.
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all build run test deps install clean schema-check lint format

all: deps
	$(SWIFT) build -c release --product mlcf -j $(JOBS)

# Installs the system packages the build and tests need, only when they are missing.
deps:
	@missing=""; \
	[ -e /usr/include/ncursesw/curses.h ] || [ -e /usr/include/ncurses.h ] || missing="$$missing libncursesw5-dev"; \
	command -v tmux >/dev/null 2>&1 || missing="$$missing tmux"; \
	command -v git >/dev/null 2>&1 || missing="$$missing git"; \
	command -v flock >/dev/null 2>&1 || missing="$$missing util-linux"; \
	command -v python3 >/dev/null 2>&1 || missing="$$missing python3"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi; \
	fi; \
	python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install -q jsonschema; \
	python3 -c 'import icalendar' 2>/dev/null || python3 -m pip install -q icalendar 2>/dev/null \
	  || python3 -m pip install -q --break-system-packages icalendar

build: deps
	$(SWIFT) build --product mlcf -j $(JOBS)

# Opens the planner: on the portfolio you used last, or on a private copy of the bundled
# example the first time (`make run ARGS=PATH` opens PATH).
run: build
	@$(DEBUG_BIN) $(if $(ARGS),$(ARGS),--example-if-none)

test: deps
	$(MAKE) --no-print-directory lint
	@# The core is four targets (model, storage, rules, export): an import a target has not declared fails the build.
	$(SWIFT) build --build-tests -j $(JOBS) --explicit-target-dependency-import-check error
	$(MAKE) --no-print-directory schema-check
	$(MAKE) --no-print-directory pdf-check
	$(MAKE) --no-print-directory reliability RELIABILITY_TESTS_DONE=1
	$(MAKE) --no-print-directory bench-smoke
	@# The Swift suite runs last, so its summary is the run's closing line.
	MLCF_BINARY=$(CURDIR)/$(DEBUG_BIN) $(SWIFT) test --skip-build

# Every example fits the JSON Schema (checked by an independent validator), broken ones do not.
schema-check:
	python3 Tests/schema/check_schema.py

install: all
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/mlcf

# Style is settled by swift-format and .swift-format (run by `make test`); `make format` fixes it.
lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

format:
	$(SWIFT) format format --in-place --recursive Sources Tests Package.swift

clean:
	rm -rf .build

# ---- The appraiser's PDF (issue 4) ----------------------------------------------------
.PHONY: pdf pdf-deps pdf-check
PDF_DIR = .build-pdf

# Installs pandoc, the weasyprint PDF engine, pdftotext/pdftoppm and a font for Chinese and
# Japanese characters, only when missing.
pdf-deps:
	@missing=""; \
	command -v pandoc >/dev/null 2>&1 || missing="$$missing pandoc"; \
	command -v weasyprint >/dev/null 2>&1 || missing="$$missing weasyprint"; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	[ -e /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] || missing="$$missing fonts-droid-fallback"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; fi; \
	fi

# The continuing-practice example as the appraiser gets it: Markdown, then PDF (pandoc + weasyprint).
pdf: build pdf-deps
	@mkdir -p $(PDF_DIR)
	$(DEBUG_BIN) export Resources/examples/continuing-practice.json -o $(PDF_DIR)/continuing-practice-appraisal.md --pdf

# Exports two portfolios to PDF and checks with pdftotext what survives (run by `make test`).
pdf-check: pdf-deps
	MLCF_BINARY=$(CURDIR)/$(DEBUG_BIN) bash Tests/pdf/check_pdf.sh

# ---- Reliability and fuzzing (issue 5) -------------------------------------------------
.PHONY: reliability fuzz fuzz-smoke fuzz-build
# The ordinary build the reliability tests drive (`make reliability SCRATCH=.build-rel`).
SCRATCH ?= .build
# The fuzzers: libFuzzer + AddressSanitizer builds of Sources/FuzzLoader, Sources/FuzzEscaping
# and Sources/FuzzUpdate (keys through the UI's `update`), in their own scratch folder (a plain
# build of them only replays files).
FUZZ_SCRATCH ?= .build-fuzz
FUZZERS ?= FuzzLoader FuzzEscaping FuzzUpdate
FUZZ_FLAGS = -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING -Xswiftc -use-ld=lld
# `make fuzz`: 15 minutes per target (45 in all) by default, a random seed, and a corpus kept
# in $(FUZZ_SCRATCH)/corpus/ that grows from run to run; e.g. `make fuzz FUZZ_SECONDS=3600`.
FUZZ_SECONDS ?= 900
# `make fuzz-smoke` (run by `make test`): 12 s per target with a fixed seed, about 40 s in all.
FUZZ_SMOKE_SECONDS ?= 12

# Kill -9 mid-save, full and read-only disks, hostile files, two at once, privacy, then a
# short fuzz. Inside `make test` the Swift tests have already run, so only the fuzz is left.
reliability: deps
ifndef RELIABILITY_TESTS_DONE
	$(SWIFT) build --scratch-path $(SCRATCH) --build-tests -j $(JOBS)
	MLCF_BINARY=$(CURDIR)/$(SCRATCH)/debug/mlcf $(SWIFT) test --scratch-path $(SCRATCH) --skip-build --filter ReliabilityTests
endif
	$(MAKE) --no-print-directory fuzz-smoke

fuzz-build:
	@for target in $(FUZZERS); do \
	  $(SWIFT) build --scratch-path $(FUZZ_SCRATCH) --product $$target -j $(JOBS) $(FUZZ_FLAGS) || exit 1; \
	done

fuzz-smoke: fuzz-build
	FUZZ_SCRATCH=$(FUZZ_SCRATCH) FUZZERS="$(FUZZERS)" Tests/fuzz/run-fuzzers.sh $(FUZZ_SMOKE_SECONDS) smoke

fuzz: fuzz-build
	FUZZ_SCRATCH=$(FUZZ_SCRATCH) FUZZERS="$(FUZZERS)" Tests/fuzz/run-fuzzers.sh $(FUZZ_SECONDS)

# ---- Generated tests at length (issue 13) ----------------------------------------------
.PHONY: soak
# `make soak`: a developer's long run of the generated tests, about SOAK_SECONDS in all
# (10 minutes by default): the monkey (random keys through `update`, invariants after each
# key) and the store-model and round-trip generators (up to SOAK_FACTOR times the cases of
# `make test`). Their seven long tasks (four monkey shards, three generators) share the
# cores, so each gets SOAK_SECONDS × cores / 7. One random seed drives them all; it is
# printed first and, after a failure, again with the commands that replay it. `make test`
# uses fixed seeds instead. Built in $(SCRATCH) like `make reliability`, e.g.
# `make soak SCRATCH=.build-soak SOAK_SECONDS=3600`; `make soak SOAK_SEED=N` replays a soak.
SOAK_SECONDS ?= 600
SOAK_FACTOR ?= 1000
ifeq ($(origin SOAK_SEED),undefined)
SOAK_SEED := $(shell od -An -N4 -tu4 /dev/urandom | tr -d ' ')
endif
SOAK_FILTER = MonkeyTests|StoreModelTests|RoundTripPropertyTests

soak: deps
	$(SWIFT) build --scratch-path $(SCRATCH) --build-tests -j $(JOBS)
	@log=$(SCRATCH)/soak-$(SOAK_SEED).log; started=$$(date +%s); \
	width=$$(( $(JOBS) < 7 ? $(JOBS) : 7 )); each=$$(( $(SOAK_SECONDS) * width / 7 )); [ $$each -ge 1 ] || each=1; \
	echo "soak: about $(SOAK_SECONDS) s, $$each s for each of the 7 tasks on $$width cores, seed $(SOAK_SEED) (replay it: make soak SOAK_SEED=$(SOAK_SEED) SOAK_SECONDS=$(SOAK_SECONDS))"; \
	{ MLCF_MONKEY_SECONDS=$$each MLCF_SOAK=$(SOAK_FACTOR) MLCF_SOAK_SECONDS=$$each MLCF_SOAK_SEED=$(SOAK_SEED) \
	  $(SWIFT) test --scratch-path $(SCRATCH) --skip-build --filter '$(SOAK_FILTER)'; echo $$? > $$log.status; } 2>&1 | tee $$log; \
	status=$$(cat $$log.status); rm -f $$log.status; \
	echo "soak: $$(( $$(date +%s) - started )) s, seed $(SOAK_SEED):"; \
	grep -E "^(monkey shard|generated: .*passed)" $$log | sed 's/^/  /'; \
	if [ "$$status" -ne 0 ]; then \
	  echo "SOAK FAILURE (exit $$status) from seed $(SOAK_SEED); the whole output is in $$log." >&2; \
	  grep -hE "seed [0-9]+|Replay:|MLCF_[A-Z_]*SEED=" $$log | grep -vE "^(generated|monkey): .*(cases from|soak for)" | sort -u | sed 's/^/  /' >&2; \
	  echo "Replay the whole soak: make soak SOAK_SEED=$(SOAK_SEED) SOAK_SECONDS=$(SOAK_SECONDS)" >&2; \
	  echo "Replay one case: MLCF_SEED=N (store model, round trip) or MLCF_MONKEY_SEED=N (monkey) with a seed printed above, e.g." >&2; \
	  echo "  MLCF_MONKEY_SEED=N MLCF_MONKEY_VERBOSE=1 swift test --scratch-path $(SCRATCH) --filter MonkeyTests" >&2; \
	  exit 1; \
	fi

# ---- Performance at career scale (issue 8) ---------------------------------------------
.PHONY: bench bench-smoke bench-deps
# `make bench`: release builds, then portfolios of 1,000, 5,000 and 20,000 items generated and
# measured against jq, CPython json and orjson on the same files; the table and the targets'
# ratios are printed (`make bench BENCH_ARGS="--json"` prints one JSON object per size).
BENCH_ARGS ?=
BENCH_DATA ?= .build-bench-data

# jq and orjson, the peers, only when missing.
bench-deps:
	@command -v jq >/dev/null 2>&1 || { echo "Installing: jq"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq; fi; }
	@python3 -c 'import orjson' 2>/dev/null || python3 -m pip install -q orjson 2>/dev/null \
	  || python3 -m pip install -q --break-system-packages orjson

# The spreadsheet import (issue 17): a 10,000-row CSV through the release `mlcf import` (the
# whole command) against a plain python3 csv read of the same file; it fails past either bound.
IMPORT_MAX_RATIO ?= 5
IMPORT_MAX_MS ?= 1000

# Two machines (issue 18): two 20,000-item copies differing in 100 items merged by the release
# `mlcf merge` (the whole process), at most MERGE_MAX_RATIO × `mlcf validate` of one copy.
MERGE_MAX_RATIO ?= 2

bench: deps bench-deps
	$(SWIFT) build -c release --product mlcf -j $(JOBS)
	$(SWIFT) build -c release --product mlcf-bench -j $(JOBS)
	.build/release/mlcf-bench run --mlcf $(RELEASE_BIN) --work-dir $(BENCH_DATA) $(BENCH_ARGS)
	.build/release/mlcf-bench import --rows 10000 --mlcf $(RELEASE_BIN) --work-dir $(BENCH_DATA) --max-ratio $(IMPORT_MAX_RATIO) --max-ms $(IMPORT_MAX_MS)
	.build/release/mlcf-bench merge --evidence 20000 --mlcf $(RELEASE_BIN) --work-dir $(BENCH_DATA) --max-ratio $(MERGE_MAX_RATIO)
	@# The appraiser's PDF follows the year, not the career (issue 16): one run per size, bounds checked.
	@if command -v pandoc >/dev/null 2>&1 && command -v weasyprint >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then \
	  .build/release/mlcf-bench pdf --mlcf $(RELEASE_BIN) --work-dir $(BENCH_DATA); \
	else echo "bench: the PDF bounds need pandoc, weasyprint and pdftotext (make pdf-deps); skipped"; fi

# Run by `make test`: the generator (200 items, readable by `mlcf validate`) and one tiny
# round of the benchmark on debug builds, so neither rots. No timing is judged here.
bench-smoke: deps bench-deps
	$(SWIFT) build --product mlcf -j $(JOBS)
	$(SWIFT) build --product mlcf-bench -j $(JOBS)
	@mkdir -p $(BENCH_DATA)
	.build/debug/mlcf-bench generate --evidence 200 --seed 1 -o $(BENCH_DATA)/smoke-200.json
	$(DEBUG_BIN) validate $(BENCH_DATA)/smoke-200.json >/dev/null; status=$$?; \
	  if [ $$status -gt 1 ]; then echo "bench-smoke: the generated portfolio is not readable (exit $$status)"; exit 1; fi
	.build/debug/mlcf-bench run --sizes 200 --runs 1 --mlcf $(DEBUG_BIN) --work-dir $(BENCH_DATA)
	.build/debug/mlcf-bench import --rows 200 --runs 1 --mlcf $(DEBUG_BIN) --work-dir $(BENCH_DATA)
	.build/debug/mlcf-bench merge --evidence 200 --runs 1 --mlcf $(DEBUG_BIN) --work-dir $(BENCH_DATA)
