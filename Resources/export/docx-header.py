#!/usr/bin/env python3
"""Gives one export's Word styles a running head: the doctor's name, GMC number and period
at the top of every page, with the page number.

pandoc takes headers and footers from the reference document (`--reference-doc`), which is
the same for everyone; `mlcf export --docx` runs this on a private copy of it, in the
export's private folder, so the head is this doctor's. The text comes from a file, not the
command line, so it never shows in a process listing.

    python3 docx-header.py REFERENCE.docx HEAD.txt OUT.docx

The head goes in a new header part that every section of the document refers to; every
other part of the reference document is copied unchanged.
"""
import re
import sys
import zipfile
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER_TYPE = R + "/header"
HEADER_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
RELATIONSHIP_ID = "rIdMlcfRunningHead"

# Characters XML 1.0 cannot hold at all (a control character in a name would make Word
# refuse the whole file); everything else, accents and 李 included, is kept.
NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def run(text: str) -> str:
    return f'<w:r><w:rPr><w:sz w:val="16" /><w:color w:val="444444" /></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def field(instruction: str) -> str:
    small = '<w:rPr><w:sz w:val="16" /><w:color w:val="444444" /></w:rPr>'
    return (
        f'<w:r>{small}<w:fldChar w:fldCharType="begin" /></w:r>'
        f'<w:r>{small}<w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        f'<w:r>{small}<w:fldChar w:fldCharType="separate" /></w:r>'
        f"<w:r>{small}<w:t>1</w:t></w:r>"
        f'<w:r>{small}<w:fldChar w:fldCharType="end" /></w:r>'
    )


def header_xml(head: str) -> str:
    line = escape(" ".join(NOT_XML.sub("", head).split()))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:hdr xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr><w:spacing w:after="0" />'
        '<w:tabs><w:tab w:val="right" w:pos="10206" /></w:tabs></w:pPr>'
        + run(line)
        + "<w:r><w:tab /></w:r>"
        + run("Page ")
        + field("PAGE")
        + run(" of ")
        + field("NUMPAGES")
        + "</w:p></w:hdr>"
    )


def main() -> int:
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    reference, head_file, out = sys.argv[1:]
    with open(head_file, encoding="utf-8") as f:
        head = f.read()
    source = zipfile.ZipFile(reference)
    names = source.namelist()
    part = next(f"word/header{n}.xml" for n in range(1, 100) if f"word/header{n}.xml" not in names)
    document = source.read("word/document.xml").decode("utf-8")
    if "<w:sectPr" not in document:
        sys.exit("the reference document has no section properties to give a header")
    # Every section shows the head (a section without a reference would show none).
    document = re.sub(r"<w:sectPr(\s[^>]*)?>", lambda m: m.group(0) + f'<w:headerReference w:type="default" r:id="{RELATIONSHIP_ID}" />', document)
    document = re.sub(r"<w:sectPr(\s[^>]*)?/>", f'<w:sectPr><w:headerReference w:type="default" r:id="{RELATIONSHIP_ID}" /></w:sectPr>', document)
    rels = source.read("word/_rels/document.xml.rels").decode("utf-8")
    relationship = f'<Relationship Type="{HEADER_TYPE}" Id="{RELATIONSHIP_ID}" Target="{part[len("word/"):]}" />'
    rels = rels.replace("</Relationships>", relationship + "</Relationships>")
    types = source.read("[Content_Types].xml").decode("utf-8")
    types = types.replace("</Types>", f'<Override PartName="/{part}" ContentType="{HEADER_CONTENT}" /></Types>')
    replaced = {"word/document.xml": document, "word/_rels/document.xml.rels": rels, "[Content_Types].xml": types}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = replaced.get(info.filename)
            target.writestr(info, data.encode("utf-8") if data is not None else source.read(info.filename))
        target.writestr(zipfile.ZipInfo(part, date_time=(1980, 1, 1, 0, 0, 0)), header_xml(head).encode("utf-8"), zipfile.ZIP_DEFLATED)
    return 0


if __name__ == "__main__":
    sys.exit(main())
