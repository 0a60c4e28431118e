#!/usr/bin/env bash
# The export, end to end through pandoc and weasyprint (issue 4): the continuing-practice
# example through `mlcf export --pdf` (the one command a doctor runs), and the hostile
# portfolio through plain `pandoc FILE.md -o FILE.pdf --pdf-engine=weasyprint` (the
# document must be safe with pandoc's default reader). `pdftotext` must then find the
# doctor's name, the section titles, the coverage matrix and 李, every hostile string
# printed literally, and no private text. Prints `pdf: N passed, M failed`.
#
# Needs pandoc, weasyprint, pdftotext and fonts-droid-fallback (`make pdf-deps`) and the
# mlcf binary ($MLCF_BINARY, else .build/debug/mlcf).
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="${MLCF_BINARY:-$root/.build/debug/mlcf}"
for tool in pandoc weasyprint pdftotext pdfinfo; do
  command -v "$tool" >/dev/null 2>&1 || { echo "pdf: $tool is not installed (run: make pdf-deps)"; echo "pdf: 0 passed, 1 failed"; exit 1; }
done
[ -x "$bin" ] || { echo "pdf: no mlcf binary at $bin (build first, or set MLCF_BINARY)"; echo "pdf: 0 passed, 1 failed"; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export MLCF_TODAY=2026-11-23 LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
passed=0 failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# The PDF's text on one line: line and page breaks become spaces, words that the
# hyphenator split at a line end are joined again. Both of pdftotext's reading orders,
# since each misses something: the default drops the spaces in a short line like
# "| a | b |", the raw order does not keep table rows together.
flatten() {
  { pdftotext "$1" -; echo; pdftotext -raw "$1" -; } | sed ':a;N;$!ba;s/‐\n//g' | tr '\n\f' '  ' | tr -s ' '
}

has() {      # has FILE-TEXT DESCRIPTION NEEDLE
  if grep -qF -- "$3" <<<"$1"; then pass; else fail "$2: “$3” not found"; fi
}
lacks() {    # lacks FILE-TEXT DESCRIPTION NEEDLE
  if grep -qF -- "$3" <<<"$1"; then fail "$2: “$3” should not be there"; else pass; fi
}

# 1. Continuing practice, with the verb a doctor uses.
if "$bin" export "$root/Resources/examples/continuing-practice.json" -o "$work/cp.md" --pdf >"$work/cp.log" 2>&1 && [ -s "$work/cp.pdf" ]; then
  pass
  cp_text="$(flatten "$work/cp.pdf")"
  has "$cp_text" "continuing practice" "Dr Siân Evans"
  for title in "About this document" "3. Personal details" "4. Scope of work" "5. Record of annual appraisals" \
      "6. Personal development plans and their review" "7. Continuing professional development" \
      "8. Quality improvement activity" "9. Significant events" "10. Feedback from colleagues and patients" \
      "11. Review of complaints and compliments" "12. Achievements, challenges and aspirations" \
      "13. Probity and health statements" "14. Additional information" \
      "15. Supporting information: medical leadership (MLCF)" "16. Review against the Good Medical Practice domains" \
      "17. Appraisal checklist" "Proposed personal development plan" "For the appraiser: sections 18 to 20"; do
    has "$cp_text" "section title" "$title"
  done
  has "$cp_text" "matrix header" "Domain Element 1 Element 2 Element 3 Element 4 Domain total Elements covered"
  has "$cp_text" "matrix row" "Demonstrating Personal Qualities 3 (3) · 3/4 1 (1) · 2/4 6 (7) · 4/4 4 (4) · 3/4 13 (14) 4 of 4"
  has "$cp_text" "matrix totals" "All domains 20 (22) 20 of 20"
  has "$cp_text" "private item" "reflection held privately by the doctor"
  if grep -qE '\\[][#*_|<>$`{~^-]' <<<"$cp_text"; then fail "continuing practice: an escape shows as a literal backslash"; else pass; fi
  pages="$(pdfinfo "$work/cp.pdf" | awk '/^Pages:/ {print $2}')"
  if pdfinfo "$work/cp.pdf" | grep -q 'Page size:.*(A4)' && [ "${pages:-0}" -ge 10 ]; then pass; else fail "continuing practice: expected 10+ A4 pages, got ${pages:-none}"; fi
else
  fail "mlcf export --pdf of the continuing-practice example: $(tail -3 "$work/cp.log")"
fi

# 2. The hostile portfolio, with plain pandoc: nothing the doctor typed becomes structure.
if "$bin" export "$root/Tests/golden/hostile.json" -o "$work/hostile.md" --allow-flagged --date 2026-08-10 >"$work/h.log" 2>&1 \
   && pandoc "$work/hostile.md" -o "$work/hostile.pdf" --pdf-engine=weasyprint 2>"$work/h.err" && [ -s "$work/hostile.pdf" ]; then
  pass
  h_text="$(flatten "$work/hostile.pdf")"
  has "$h_text" "hostile name" 'Dr Siân Zoë 李 *Star* <b>Bold</b> | $5 \newpage'
  has "$h_text" "Chinese text" "李 (学习)"
  has "$h_text" "accents" "naïve façade, Ærø, Øresund, Łódź"
  for title in "Profile" "Coverage against the framework" "Evidence by domain and element" "Supervisor confirmations" \
      "Personal development plan" "Readiness: what the planner says is still missing" "For the educational supervisor"; do
    has "$h_text" "section title" "$title"
  done
  for literal in "# not a heading" "> not a quote" "- not a list" "+ not a list either" "* nor this" "1. not numbered" \
      "2) not numbered" "(a) not lettered" ": not a definition" "::: not a div" "<!-- not a comment -->" \
      '| a | b |' '|---|---|' "% not a title block" '**not bold**, __not bold__, *not em*, _not em_, snake_case_name' \
      '~~not struck~~, H~2~O, 2^10^, ^[not a note], [^1] not a footnote' '$x$ and $$y$$ are not maths' \
      '\newpage \textbf{no}' '| pipe | in | title | `code` <script>alert(1)</script> $E=mc^2$' \
      '[link](http://example.org) ![img](x.png) {.class} @cite &amp; ends with backslash \' 'Ward #7 {.red}'; do
    has "$h_text" "hostile text printed as typed" "$literal"
  done
  lacks "$h_text" "private text" "PRIVATE-DESCRIPTION-MUST-NOT-APPEAR"
  lacks "$h_text" "private text" "PRIVATE-REFLECTION-MUST-NOT-APPEAR"
  lacks "$h_text" "PII inside a private item" "someone@example.org"
  has "$h_text" "flagged list" "Flagged: text that may identify a patient"
  # The HTML pandoc builds from it has no structure the doctor's text could have made.
  html="$(pandoc "$work/hostile.md" -t html5 2>/dev/null)"
  for tag in '<script' '<b>' '<i>' '<br>' '<img' '<code' '<del' '<sup' '<sub' 'class="math' \
      '<blockquote' '<ol' '<hr' '<dl' '<pre' 'href="http' 'class="red"' 'class="class"' '<!--' 'class="footnote' \
      'class="citation' '<input'; do
    lacks "$html" "HTML built from the hostile export" "$tag"
  done
else
  fail "hostile export to PDF: $(tail -3 "$work/h.log" "$work/h.err" 2>/dev/null)"
fi

echo "pdf: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
