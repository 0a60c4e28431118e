#!/usr/bin/env bash
# Runs the libFuzzer targets built by `make fuzz-build`.
#   Tests/fuzz/run-fuzzers.sh SECONDS_PER_TARGET [smoke]
# smoke: a fixed seed and a throw-away corpus (repeatable, for `make test`);
# otherwise a random seed and a corpus kept in $FUZZ_SCRATCH/corpus/ that grows run to run.
# A crash stops with its input in $FUZZ_SCRATCH/artifacts/; the script says what to do next.
set -euo pipefail
# The Swift backtracer is slow under AddressSanitizer and trips it; libFuzzer reports crashes itself.
export SWIFT_BACKTRACE=enable=no
# Objects a Swift global initialiser makes once are kept for the whole run; see lsan.supp.
export LSAN_OPTIONS="suppressions=$(cd "$(dirname "$0")" && pwd)/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
cd "$(dirname "$0")/../.."
seconds=${1:?seconds per target}
mode=${2:-long}
scratch=${FUZZ_SCRATCH:-.build-fuzz}
targets=${FUZZERS:-FuzzLoader}
mkdir -p "$scratch/artifacts"
for target in $targets; do
  case $target in
    FuzzLoader) name=loader; maxlen=16384 ;;
    FuzzEscaping) name=escaping; maxlen=4096 ;;
    FuzzUpdate) name=update; maxlen=4096 ;;
    *) echo "unknown fuzz target $target" >&2; exit 2 ;;
  esac
  binary="$scratch/debug/$target"
  [ -x "$binary" ] || { echo "$binary is missing: run make fuzz-build" >&2; exit 2; }
  if [ "$mode" = smoke ]; then
    work=$(mktemp -d "$scratch/smoke-$name.XXXXXX"); seed=(-seed=1)
  else
    work="$scratch/corpus/$name"; mkdir -p "$work"; seed=()
  fi
  dict=(); [ -f "Tests/fuzz/$name.dict" ] && dict=(-dict="Tests/fuzz/$name.dict")
  echo "== $target: ${seconds}s ($mode) on Tests/fuzz/corpus-$name"
  status=0
  "$binary" "$work" "Tests/fuzz/corpus-$name" "${dict[@]}" "${seed[@]}" \
    -max_total_time="$seconds" -max_len="$maxlen" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$scratch/artifacts/$name-" -print_final_stats=1 2>"$scratch/$name.log" || status=$?
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|stat::new_units_added)|Done [0-9]+ runs" "$scratch/$name.log" || true
  if [ "$mode" = smoke ]; then rm -rf "$work"; fi
  if [ $status -ne 0 ]; then
    tail -40 "$scratch/$name.log" >&2
    echo "FUZZ FAILURE in $target. The input is in $scratch/artifacts/$name-*." >&2
    echo "Reproduce: swift build --product $target && .build/debug/$target $scratch/artifacts/$name-<file>" >&2
    echo "Then copy it into Tests/fuzz/regressions/$name/ (it becomes a regression test) and fix the bug." >&2
    exit 1
  fi
done
