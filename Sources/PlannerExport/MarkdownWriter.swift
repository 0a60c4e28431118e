import PlannerModel

/// Builds a Markdown document block by block, with exactly one blank line between
/// blocks and one newline at the end. It takes text that is already Markdown: callers
/// escape the doctor's text with `MarkdownEscaping` before handing it over.
///
/// One string, written in order as the document reads: even a career's export is a few
/// megabytes, made in milliseconds, so nothing is gained by anything cleverer.
struct MarkdownWriter {
    /// The blocks written so far, separated by blank lines (no newline after the last).
    private(set) var text = ""
    private var blockCount = 0
    /// The level-1 headings with an anchor, in order: the contents page.
    private(set) var outline: [(title: String, id: String)] = []

    /// Starts a block: the blank line that separates it from the one before.
    private mutating func startBlock() {
        if blockCount > 0 { text += "\n\n" }
        blockCount += 1
    }

    /// A heading. `id` gives a stable anchor for cross-references; `newPage` starts a new
    /// page in the PDF (the class is styled `break-before: page` by `ExportStyle`).
    mutating func heading(_ level: Int, _ markdown: String, id: String? = nil, newPage: Bool = false) {
        if newPage {
            // Word's page break: pandoc's docx writer does not read the class, and every other
            // output drops an openxml block.
            startBlock()
            text += "```{=openxml}\n<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>\n```"
        }
        startBlock()
        text += String(repeating: "#", count: max(1, min(6, level))) + " " + markdown
        if level == 1, let id { outline.append((markdown, id)) }
        guard id != nil || newPage else { return }
        var attributes: [String] = []
        if let id { attributes.append("#" + id) }
        if newPage { attributes.append("." + ExportStyle.newPageClass) }
        text += " {" + attributes.joined(separator: " ") + "}"
    }

    mutating func paragraph(_ markdown: String) {
        guard !markdown.isEmpty else { return }
        startBlock()
        text += markdown
    }

    /// A bullet list, one item per entry (each a single line of inline Markdown); nothing
    /// at all when there are no items.
    mutating func list(_ items: [String]) {
        guard !items.isEmpty else { return }
        startBlock()
        text += items.map { "- " + $0 }.joined(separator: "\n")
    }

    /// A pipe table. `widths` are relative column widths in per cent, written as the number
    /// of dashes under each header. pandoc uses them once a line of the table is longer
    /// than 72 characters, and a separator of about 100 dashes always is: every table then
    /// spans the text width with fixed proportions, so no column pushes it off the page.
    mutating func table(_ header: [String], widths: [Int], rows: [[String]]) {
        precondition(header.count == widths.count, "one width per column")
        startBlock()
        text += MarkdownWriter.row(header, columns: header.count)
        text += "\n|" + widths.map { String(repeating: "-", count: max(3, $0)) + "|" }.joined()
        for row in rows { text += "\n" + MarkdownWriter.row(row, columns: header.count) }
    }

    /// `| a | b |`: one table row, padded with empty cells to `columns`.
    private static func row(_ cells: [String], columns: Int) -> String {
        let padding = max(0, columns - cells.count)
        if cells.isEmpty && padding == 0 { return "|  |" }
        return "|" + cells.map { " " + $0 + " |" }.joined() + String(repeating: "  |", count: padding)
    }

    /// A fenced div with a class for the stylesheet (boxes to write in, the sign-off table).
    mutating func div(_ className: String, wordStyle: String? = nil, _ build: (inout MarkdownWriter) -> Void) {
        var inner = MarkdownWriter()
        build(&inner)
        startBlock()
        text += "::: {." + className + (wordStyle.map { " custom-style=\"\($0)\"" } ?? "") + "}\n"
        if !inner.text.isEmpty { text += inner.text + "\n" }
        text += ":::"
    }

    /// A box for the appraiser to write in, in the PDF (the stylesheet's `.write-in`) and in
    /// Word (the reference document's "Write-in box" style holds one no-break space).
    mutating func writeInBox() {
        div(ExportStyle.writeInClass, wordStyle: "Write-in box") { $0.paragraph("\\ ") }
    }

    /// Text produced by the exporter itself (the metadata block), added as it is.
    mutating func raw(_ markdown: String) {
        startBlock()
        text += markdown
    }

    /// Another writer's blocks, after these.
    mutating func append(_ other: MarkdownWriter) {
        guard !other.text.isEmpty else { return }
        startBlock()
        text += other.text
        outline += other.outline
    }

    /// The whole document, with its final newline.
    var document: String { text + "\n" }
}
