/// Builds a Markdown document block by block, with exactly one blank line between
/// blocks and one newline at the end. It takes text that is already Markdown: callers
/// escape the doctor's text with `MarkdownEscaping` before handing it over.
///
/// The blocks go straight into one growing string. Sections and the heavy parts inside
/// them (a career's export prints hundreds of entries and thousands of table rows) can be
/// left for later (`deferred`, `deferredText`): `finished()` works them out on all cores,
/// each on its own, and puts them in place, so the document is the same as written in one go.
struct MarkdownWriter {
    /// The blocks written so far, each after a blank line (no newline after the last).
    private(set) var body = ""
    private var blockCount = 0
    /// Text still to be worked out (itself perhaps with parts left for later), and the byte
    /// offset in `body` where it goes.
    private var pending: [(offset: Int, work: () -> MarkdownWriter)] = []

    /// Starts a block: the blank line that separates it from the one before.
    private mutating func startBlock() {
        if blockCount > 0 { body += "\n\n" }
        blockCount += 1
    }

    /// A heading. `id` gives a stable anchor for cross-references; `newPage` starts a new
    /// page in the PDF (the class is styled `break-before: page` by `ExportStyle`).
    mutating func heading(_ level: Int, _ markdown: String, id: String? = nil, newPage: Bool = false) {
        startBlock()
        body += String(repeating: "#", count: max(1, min(6, level)))
        body += " "
        body += markdown
        guard id != nil || newPage else { return }
        body += " {"
        if let id { body += "#" + id }
        if newPage { body += (id == nil ? "." : " .") + ExportStyle.newPageClass }
        body += "}"
    }

    mutating func paragraph(_ markdown: String) {
        guard !markdown.isEmpty else { return }
        startBlock()
        body += markdown
    }

    /// A paragraph that starts with a lead-in ("**What happened.** "), added without first
    /// joining the two (the rest is often a long reflection).
    mutating func paragraph(_ leadIn: String, _ markdown: String) {
        guard !leadIn.isEmpty || !markdown.isEmpty else { return }
        startBlock()
        body += leadIn
        body += markdown
    }

    /// A bullet list, one item per entry (each a single line of inline Markdown).
    mutating func list(_ items: [String]) {
        guard !items.isEmpty else { return }
        startBlock()
        for (i, item) in items.enumerated() {
            body += i == 0 ? "- " : "\n- "
            body += item
        }
    }

    /// A pipe table. `widths` are relative column widths in per cent, written as the number
    /// of dashes under each header. pandoc uses them once a line of the table is longer
    /// than 72 characters, and a separator of about 100 dashes always is: every table then
    /// spans the text width with fixed proportions, so no column pushes it off the page.
    mutating func table(_ header: [String], widths: [Int], rows: [[String]]) {
        table(header, widths: widths)
        for row in rows { MarkdownWriter.appendRow(row, columns: header.count, to: &body) }
    }

    /// A pipe table's header and separator; its rows follow with `appendRow` (or, for
    /// thousands of rows, in pieces with `deferredText`).
    mutating func table(_ header: [String], widths: [Int]) {
        precondition(header.count == widths.count, "one width per column")
        startBlock()
        MarkdownWriter.appendCells(header, columns: header.count, to: &body)
        body += "\n|"
        for width in widths { body += String(repeating: "-", count: max(3, width)) + "|" }
    }

    /// A newline, then `| a | b |`: one table row, padded with empty cells to `columns`.
    static func appendRow(_ cells: [String], columns: Int, to lines: inout String) {
        lines += "\n"
        appendCells(cells, columns: columns, to: &lines)
    }

    private static func appendCells(_ cells: [String], columns: Int, to lines: inout String) {
        let padding = max(0, columns - cells.count)
        if cells.count + padding == 0 { lines += "|  |"; return }
        lines += "|"
        for cell in cells { lines += " " + cell + " |" }
        for _ in 0..<padding { lines += "  |" }
    }

    /// A fenced div with a class for the stylesheet (boxes to write in, the sign-off table).
    mutating func div(_ className: String, _ build: (inout MarkdownWriter) -> Void) {
        var inner = MarkdownWriter()
        build(&inner)
        precondition(inner.pending.isEmpty, "a div's blocks are written at once")
        startBlock()
        body += "::: {." + className + "}\n"
        if !inner.body.isEmpty { body += inner.body + "\n" }
        body += ":::"
    }

    /// Text produced by the exporter itself (the metadata block), added as it is.
    mutating func raw(_ markdown: String) {
        startBlock()
        body += markdown
    }

    /// Blocks that `build` writes later, on any core, into a writer of their own: at least
    /// one block (it stands where one block would), reading only what does not change meanwhile.
    mutating func deferred(_ build: @escaping (inout MarkdownWriter) -> Void) {
        startBlock()
        pending.append((body.utf8.count, {
            var inner = MarkdownWriter()
            build(&inner)
            assert(inner.blockCount > 0, "a deferred part writes at least one block")
            return inner
        }))
    }

    /// More of the current block (rows of a long table), given later by `work`.
    mutating func deferredText(_ work: @escaping () -> String) {
        pending.append((body.utf8.count, {
            var inner = MarkdownWriter()
            inner.body = work()
            return inner
        }))
    }

    /// The document: everything deferred worked out on all cores and put in place, then
    /// the final newline.
    func finished() -> String {
        // The deferred parts, level by level: all those of one level at once, on all cores,
        // then those they left for later. Each level is in document order.
        var levels: [[MarkdownWriter]] = [[self]]
        while true {
            let works = levels[levels.count - 1].flatMap { $0.pending.map(\.work) }
            if works.isEmpty { break }
            levels.append(ParallelParts.each(works.count) { works[$0]() })
        }
        // Then the document in one pass, each part put where it was deferred.
        var out = ""
        out.reserveCapacity(levels.joined().reduce(1) { $0 + $1.body.utf8.count })
        var next = [Int](repeating: 0, count: levels.count)
        MarkdownWriter.emit(self, level: 0, levels: levels, next: &next, into: &out)
        out += "\n"
        return out
    }

    private static func emit(_ writer: MarkdownWriter, level: Int, levels: [[MarkdownWriter]], next: inout [Int], into out: inout String) {
        let utf8 = writer.body.utf8
        var start = utf8.startIndex
        for part in writer.pending {
            // Offsets are where blocks or table rows begin: always between characters.
            let end = utf8.index(utf8.startIndex, offsetBy: part.offset)
            out += writer.body[start..<end]
            emit(levels[level + 1][next[level + 1]], level: level + 1, levels: levels, next: &next, into: &out)
            next[level + 1] += 1
            start = end
        }
        out += writer.body[start...]
    }
}
