#!/usr/bin/env python3
"""Makes Resources/export/reference.docx, the Word styles `mlcf export --docx` hands pandoc.

It starts from pandoc's own default reference document (`pandoc --print-default-data-file
reference.docx`) and changes only what the appraiser's document needs: A4 pages with the
PDF's margins, a 10 pt sans-serif body in British English, tables with gridlines, and the
"Write-in box" paragraph style of the appraiser's sections (a bordered space at least 3 cm
high). Every zip entry gets a fixed date, so the same pandoc gives the same bytes.

    python3 Resources/export/make-reference-docx.py   # rewrites Resources/export/reference.docx
"""
import io
import os
import re
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "reference.docx")

TABLE_BORDERS = (
    "<w:tblBorders>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders>"
)

WRITE_IN = (
    '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Write-inbox">'
    '<w:name w:val="Write-in box"/><w:basedOn w:val="Normal"/><w:qFormat/>'
    "<w:pPr><w:keepLines/>"
    '<w:pBdr><w:top w:val="single" w:sz="6" w:space="4" w:color="555555"/>'
    '<w:left w:val="single" w:sz="6" w:space="4" w:color="555555"/>'
    '<w:bottom w:val="single" w:sz="6" w:space="4" w:color="555555"/>'
    '<w:right w:val="single" w:sz="6" w:space="4" w:color="555555"/></w:pBdr>'
    '<w:spacing w:before="120" w:after="240" w:line="1900" w:lineRule="atLeast"/></w:pPr>'
    "</w:style>"
)


def styles(xml: str) -> str:
    # 10 pt body in a sans-serif face every Word has, British English.
    xml = xml.replace('<w:sz w:val="24" />', '<w:sz w:val="20" />').replace('<w:szCs w:val="24" />', '<w:szCs w:val="20" />')
    xml = xml.replace('w:val="en-US" w:eastAsia="en-US"', 'w:val="en-GB" w:eastAsia="en-GB"')
    xml = re.sub(
        r'<w:rFonts w:asciiTheme="minorHAnsi"[^>]*/>',
        '<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial" />',
        xml,
        count=1,
    )
    # Gridlines on every table pandoc writes (its tables use the style "Table").
    marker = 'w:styleId="Table">'
    start = xml.index(marker)
    tblpr = xml.index("<w:tblPr>", start) + len("<w:tblPr>")
    xml = xml[:tblpr] + TABLE_BORDERS + xml[tblpr:]
    return xml.replace("</w:styles>", WRITE_IN + "</w:styles>")


def document(xml: str) -> str:
    # A4 with the PDF's margins (twentieths of a point: 15 mm = 850, 18 mm = 1020).
    section = (
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838" />'
        '<w:pgMar w:top="1020" w:right="850" w:bottom="1020" w:left="850" w:header="567" w:footer="567" w:gutter="0" />'
        "</w:sectPr>"
    )
    if "<w:sectPr />" not in xml:
        sys.exit("pandoc's reference document has changed: no empty <w:sectPr /> to replace")
    return xml.replace("<w:sectPr />", section)


def main() -> int:
    original = subprocess.run(
        ["pandoc", "--print-default-data-file", "reference.docx"], check=True, capture_output=True
    ).stdout
    source = zipfile.ZipFile(io.BytesIO(original))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name in sorted(source.namelist()):
            data = source.read(name)
            if name == "word/styles.xml":
                data = styles(data.decode("utf-8")).encode("utf-8")
            elif name == "word/document.xml":
                data = document(data.decode("utf-8")).encode("utf-8")
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, data)
    with open(OUT, "wb") as handle:
        handle.write(buffer.getvalue())
    print(f"wrote {OUT} ({len(buffer.getvalue())} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
