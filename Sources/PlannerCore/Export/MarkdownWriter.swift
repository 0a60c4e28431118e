/// Builds a Markdown document block by block, with exactly one blank line between
/// blocks and one newline at the end. It takes text that is already Markdown: callers
/// escape the doctor's text with `MarkdownEscaping` before handing it over.
struct MarkdownWriter {
    private var blocks: [String] = []

    /// A heading. `id` gives a stable anchor for cross-references; `newPage` starts a new
    /// page in the PDF (the class is styled `break-before: page` by `ExportStyle`).
    mutating func heading(_ level: Int, _ markdown: String, id: String? = nil, newPage: Bool = false) {
        var attributes: [String] = []
        if let id { attributes.append("#" + id) }
        if newPage { attributes.append("." + ExportStyle.newPageClass) }
        let suffix = attributes.isEmpty ? "" : " {" + attributes.joined(separator: " ") + "}"
        blocks.append(String(repeating: "#", count: max(1, min(6, level))) + " " + markdown + suffix)
    }

    mutating func paragraph(_ markdown: String) {
        if !markdown.isEmpty { blocks.append(markdown) }
    }

    /// A bullet list, one item per entry (each a single line of inline Markdown).
    mutating func list(_ items: [String]) {
        if !items.isEmpty { blocks.append(items.map { "- " + $0 }.joined(separator: "\n")) }
    }

    /// A pipe table. `widths` are relative column widths in per cent, written as the number
    /// of dashes under each header. pandoc uses them once a line of the table is longer
    /// than 72 characters, and a separator of about 100 dashes always is: every table then
    /// spans the text width with fixed proportions, so no column pushes it off the page.
    mutating func table(_ header: [String], widths: [Int], rows: [[String]]) {
        precondition(header.count == widths.count, "one width per column")
        var lines = ["| " + header.joined(separator: " | ") + " |"]
        lines.append("|" + widths.map { String(repeating: "-", count: max(3, $0)) }.joined(separator: "|") + "|")
        for row in rows {
            let cells = row + Array(repeating: "", count: max(0, header.count - row.count))
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        blocks.append(lines.joined(separator: "\n"))
    }

    /// A fenced div with a class for the stylesheet (boxes to write in, the sign-off table).
    mutating func div(_ className: String, _ build: (inout MarkdownWriter) -> Void) {
        var inner = MarkdownWriter()
        build(&inner)
        let body = inner.blocks.joined(separator: "\n\n")
        blocks.append("::: {." + className + "}\n" + body + (body.isEmpty ? "" : "\n") + ":::")
    }

    /// The blocks another writer holds, after these.
    mutating func append(_ other: MarkdownWriter) { blocks += other.blocks }

    /// Text produced by the exporter itself (the metadata block), added as it is.
    mutating func raw(_ markdown: String) { blocks.append(markdown) }

    var text: String { blocks.joined(separator: "\n\n") + "\n" }
}
