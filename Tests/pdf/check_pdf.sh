#!/usr/bin/env bash
# The export, end to end through pandoc and weasyprint (issues 4 and 16): the continuing-practice
# example through `mlcf export --pdf --docx` (the one command a doctor runs; page 1 at a glance,
# the name on every page, no hyphenation, no near-empty page, no internal id or local path, a
# tagged PDF with bookmarks, a Word document with write-in boxes), and the hostile
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

# Per page of a PDF: fails for a page whose text ends in its top quarter (a near-empty page),
# unless it is the last, and for a page without the running head ($2).
pages_check() {   # pages_check PDF HEAD
  pdftotext -bbox "$1" "$work/bbox.html" && python3 - "$work/bbox.html" "$1" "$2" <<'PY'
import html, re, subprocess, sys
pages = open(sys.argv[1], encoding="utf-8").read().split("<page ")[1:]
problems = []
for number, page in enumerate(pages, 1):
    # A4 is 842 pt high; the text area runs from about 51 to 791 (the running head and the
    # page number sit outside it).
    bottoms = [float(y) for y in re.findall(r'yMax="([\d.]+)"', page)]
    body = [y for y in bottoms if 60 < y < 790]
    if number < len(pages) and (max(body) if body else 0) < 51 + (791 - 51) / 4:
        problems.append(f"page {number} of {len(pages)} is less than a quarter full")
    text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), sys.argv[2], "-"], capture_output=True, text=True).stdout
    if sys.argv[3] not in text:
        problems.append(f"page {number} lacks the running head “{sys.argv[3]}”")
print("\n".join(problems))
PY
}

# The running head of every section of a Word document, one line each: the text of the
# header part its default header reference names (read from the zip and the XML, not by
# pattern), or a line saying which section has none.
docx_heads() {   # docx_heads DOCX
  python3 - "$1" <<'PY'
import sys, zipfile, xml.etree.ElementTree as ET
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
P = "{http://schemas.openxmlformats.org/package/2006/relationships}"
docx = zipfile.ZipFile(sys.argv[1])
targets = {r.get("Id"): r.get("Target") for r in ET.fromstring(docx.read("word/_rels/document.xml.rels")).iter(P + "Relationship")}
sections = list(ET.fromstring(docx.read("word/document.xml")).iter(W + "sectPr"))
if not sections:
    print("no section")
for number, section in enumerate(sections, 1):
    refs = [h.get(R + "id") for h in section.iter(W + "headerReference") if h.get(W + "type") == "default"]
    if not refs or refs[0] not in targets:
        print(f"section {number} has no header")
        continue
    header = ET.fromstring(docx.read("word/" + targets[refs[0]]))
    print("".join(t.text or "" for t in header.iter(W + "t")))
PY
}

# 1. Continuing practice, with the verb a doctor uses.
if "$bin" export "$root/Resources/examples/continuing-practice.json" -o "$work/cp.md" --pdf --docx >"$work/cp.log" 2>"$work/cp.err" \
    && [ -s "$work/cp.pdf" ]; then
  pass
  cp_text="$(flatten "$work/cp.pdf")"
  has "$cp_text" "continuing practice" "Dr Siân Evans"
  for title in "At a glance" "Contents" "3. Personal details" "4. Scope of work" "5. Record of annual appraisals" \
      "6. Personal development plans and their review" "7. Continuing professional development" \
      "8. Quality improvement activity" "9. Significant events" "10. Feedback from colleagues and patients" \
      "11. Review of complaints and compliments" "12. Achievements, challenges and aspirations" \
      "13. Probity and health statements" "14. Additional information" \
      "15. Supporting information: medical leadership (MLCF)" "16. Review against the Good Medical Practice domains" \
      "17. Appraisal checklist" "Proposed personal development plan" "For the appraiser: sections 18 to 20"; do
    has "$cp_text" "section title" "$title"
  done
  # Page 1 carries every fact an appraiser looks for first.
  page1="$(pdftotext -f 1 -l 1 "$work/cp.pdf" - | tr '\n' ' ' | tr -s ' ')"
  for fact in "At a glance" "Dr Siân Evans" "GMC number 7123456" "Consultant" "Geriatric medicine" "Designated body:" \
      "Responsible officer:" "Appraiser: Dr Rhodri Powell" "Appraisal year: 1 October 2025 to 30 September 2026" \
      "Appraisal meeting:" "Revalidation due:" "Ready for the appraiser:" "Continuing professional development" \
      "Quality improvement activity" "Significant events held privately: to be discussed at the meeting" \
      "Feedback from colleagues" "Feedback from patients" "Review of complaints and compliments" \
      "CPD credits this period: 54" "CPD credits over the revalidation cycle:" \
      "Last year’s plan: 3 goals: 1 achieved, 1 carried forward, 1 dropped." "Demonstrating Personal Qualities" \
      "Three things to discuss"; do
    has "$page1" "page 1" "$fact"
  done
  has "$(pdftotext -f 2 -l 2 "$work/cp.pdf" -)" "contents with page numbers" "17. Appraisal checklist"
  has "$cp_text" "matrix header" "Element This period All time Self-rating"
  has "$cp_text" "matrix row" "1.1 Developing self awareness 3 3 3"
  has "$cp_text" "matrix totals" "All 20 22"
  has "$cp_text" "private item" "reflection held privately by the doctor"
  if grep -qE '\\[][#*_|<>$`{~^-]' <<<"$cp_text"; then fail "continuing practice: an escape shows as a literal backslash"; else pass; fi
  # No word is broken by the hyphenator (weasyprint's inserted hyphen is U+2010 at a line end).
  if pdftotext "$work/cp.pdf" - | grep -q '‐$'; then fail "continuing practice: a word is hyphenated at a line end"; else pass; fi
  # No internal id (the example's are cp-01…) and no local path.
  for needle in "cp-0" "cp-1" "~/" "/home/" "/tmp/"; do lacks "$cp_text" "internal id or local path" "$needle"; done
  problems="$(pages_check "$work/cp.pdf" "Dr Siân Evans · GMC 7123456 · 1 Oct 2025 to 30 Sep 2026")"
  if [ -z "$problems" ]; then pass; else fail "continuing practice pages: $problems"; fi
  pages="$(pdfinfo "$work/cp.pdf" | awk '/^Pages:/ {print $2}')"
  if pdfinfo "$work/cp.pdf" | grep -q 'Page size:.*(A4)' && [ "${pages:-0}" -ge 10 ]; then pass; else fail "continuing practice: expected 10+ A4 pages, got ${pages:-none}"; fi
  if pdfinfo "$work/cp.pdf" | grep -q '^Tagged: *yes'; then pass; else fail "continuing practice: the PDF is not tagged"; fi
  if grep -aq '/Outlines' "$work/cp.pdf"; then pass; else fail "continuing practice: the PDF has no bookmarks"; fi
  if grep -q "making the PDF" "$work/cp.err" && grep -q "making the Word document" "$work/cp.err"; then pass; else fail "no progress on stderr"; fi
  # The Word document: owner-only, headings, gridded tables, write-in boxes and page breaks.
  if [ -s "$work/cp.docx" ] && [ "$(stat -c %a "$work/cp.docx")" = 600 ] && [ "$(stat -c %a "$work/cp.pdf")" = 600 ]; then pass; else fail "the PDF and Word files must exist and be owner-only (0600)"; fi
  docx_text="$(pandoc "$work/cp.docx" -t plain 2>/dev/null | tr '\n' ' ' | tr -s ' ')"
  has "$docx_text" "Word" "At a glance"
  has "$docx_text" "Word" "GMC number 7123456"
  has "$docx_text" "Word" "For the appraiser: sections 18 to 20"
  docx_xml="$(unzip -p "$work/cp.docx" word/document.xml 2>/dev/null)"
  boxes="$(grep -o 'w:pStyle w:val="Write-inbox"' <<<"$docx_xml" | wc -l)"
  if [ "$boxes" -eq 3 ]; then pass; else fail "Word: expected 3 write-in boxes, found $boxes"; fi
  if grep -q 'w:br w:type="page"' <<<"$docx_xml"; then pass; else fail "Word: no page break"; fi
  if unzip -p "$work/cp.docx" word/styles.xml | grep -q 'w:tblBorders'; then pass; else fail "Word: tables have no gridlines"; fi
  # The Word running head: every section names a header that holds the name, GMC number and period.
  heads="$(docx_heads "$work/cp.docx")"
  if [ -n "$heads" ] && ! grep -qvF "Dr Siân Evans · GMC 7123456 · 1 Oct 2025 to 30 Sep 2026" <<<"$heads"; then pass
  else fail "Word: a section without the running head: ${heads:-none}"; fi
  # The item the doctor chose to bring forward, in full with the reason; the career table still counts it.
  has "$cp_text" "brought forward" "Brought forward from earlier years"
  has "$cp_text" "brought forward" "Why it matters this year: It found delirium assessment after hip surgery often missing"
  has "$docx_text" "Word, brought forward" "Brought forward from earlier years"
else
  fail "mlcf export --pdf --docx of the continuing-practice example: $(tail -3 "$work/cp.log" "$work/cp.err")"
fi

# Without python3 the Word document is refused with the reason, and the Markdown is still written.
mkdir -p "$work/no-python" && ln -sf "$(command -v pandoc)" "$work/no-python/pandoc"
if PATH="$work/no-python" "$bin" export "$root/Resources/examples/continuing-practice.json" -o "$work/np.md" --docx >"$work/np.log" 2>&1; then
  fail "--docx without python3 should fail"
elif grep -q "needs pandoc and python3; not installed: python3" "$work/np.log" && [ -s "$work/np.md" ] && [ ! -e "$work/np.docx" ]; then pass
else fail "--docx without python3: $(tail -2 "$work/np.log")"; fi

# The other bundled examples: no near-empty page, the running head on every page.
for example in postgraduate undergraduate gp-not-ready; do
  if "$bin" export "$root/Resources/examples/$example.json" -o "$work/$example.md" --pdf >"$work/$example.log" 2>&1; then
    head="$(pdftotext -f 1 -l 1 "$work/$example.pdf" - | head -1)"
    problems="$(pages_check "$work/$example.pdf" "$head")"
    if [ -n "$head" ] && [ -z "$problems" ]; then pass; else fail "$example pages: ${problems:-no running head}"; fi
  else
    fail "mlcf export --pdf of $example: $(tail -3 "$work/$example.log")"
  fi
done

# 2. The hostile portfolio, with plain pandoc: nothing the doctor typed becomes structure.
if "$bin" export "$root/Tests/golden/hostile.json" -o "$work/hostile.md" --allow-flagged --date 2026-08-10 >"$work/h.log" 2>&1 \
   && pandoc "$work/hostile.md" -o "$work/hostile.pdf" --pdf-engine=weasyprint 2>"$work/h.err" && [ -s "$work/hostile.pdf" ]; then
  pass
  h_text="$(flatten "$work/hostile.pdf")"
  has "$h_text" "hostile name" 'Dr Siân Zoë 李 *Star* <b>Bold</b> | $5 \newpage'
  has "$h_text" "Chinese text" "李 (学习)"
  has "$h_text" "accents" "naïve façade, Ærø, Øresund, Łódź"
  for title in "Profile" "Coverage against the framework" "Evidence by domain and element" "Supervisor confirmations" \
      "Personal development plan" "Readiness: what is still to do" "For the educational supervisor"; do
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
  problems="$(pages_check "$work/hostile.pdf" "GMC 7654321 · 6 Aug 2025 to 4 Aug 2026")"
  if [ -z "$problems" ]; then pass; else fail "hostile pages: $problems"; fi
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
# Its Word document: the hostile name is the running head as typed (XML-escaped in the file,
# so <b> is text, and 李 and the accents survive).
if "$bin" export "$root/Tests/golden/hostile.json" -o "$work/hostile-word.md" --allow-flagged --date 2026-08-10 --docx >"$work/hw.log" 2>&1; then
  heads="$(docx_heads "$work/hostile-word.docx")"
  if [ -n "$heads" ] && ! grep -qvF 'Dr Siân Zoë 李 *Star* <b>Bold</b> | $5 \newpage · GMC 7654321 · 6 Aug 2025 to 4 Aug 2026' <<<"$heads"; then pass
  else fail "Word, hostile: running head is “${heads:-none}”"; fi
  if [ "$(stat -c %a "$work/hostile-word.docx")" = 600 ]; then pass; else fail "Word, hostile: not owner-only"; fi
else
  fail "hostile export to Word: $(tail -3 "$work/hw.log")"
fi

echo "pdf: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
