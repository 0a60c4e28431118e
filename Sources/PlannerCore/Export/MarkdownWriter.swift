/// Builds a Markdown document block by block, with exactly one blank line between
/// blocks and one newline at the end. It takes text that is already Markdown: callers
/// escape the doctor's text with `MarkdownEscaping` before handing it over.
///
/// The blocks go straight into one growing run of UTF-8 bytes. Sections and the heavy parts
/// inside them (a career's export prints hundreds of entries and thousands of table rows) can
/// be left for later (`deferred`, `deferredText`): `finished()` has them made on all cores,
/// each on its own, and hands each on where it was deferred (`DocumentAssembly`), so the
/// document is the same as written in one go.
struct MarkdownWriter {
    /// The blocks written so far, each after a blank line (no newline after the last).
    private(set) var body: [UInt8] = []
    private var blockCount = 0
    /// Text still to be worked out (itself perhaps with parts left for later), and the byte
    /// offset in `body` where it goes.
    private var pending: [(offset: Int, work: () -> MarkdownWriter)] = []

    /// Room for `count` more bytes, so a part whose size is known roughly (an entry, a
    /// piece of a table) is not copied again and again as it grows.
    mutating func reserveCapacity(_ count: Int) { body.reserveCapacity(body.count + count) }

    /// Starts a block: the blank line that separates it from the one before.
    private mutating func startBlock() {
        if blockCount > 0 { body.append(0x0A); body.append(0x0A) }
        blockCount += 1
    }

    /// A heading. `id` gives a stable anchor for cross-references; `newPage` starts a new
    /// page in the PDF (the class is styled `break-before: page` by `ExportStyle`).
    mutating func heading(_ level: Int, _ markdown: String, id: String? = nil, newPage: Bool = false) {
        startBlock()
        body.append(contentsOf: repeatElement(0x23, count: max(1, min(6, level))))
        body.append(0x20)
        body.append(utf8: markdown)
        guard id != nil || newPage else { return }
        body.append(utf8: " {")
        if let id { body.append(0x23); body.append(utf8: id) }
        if newPage { body.append(utf8: id == nil ? "." : " ."); body.append(utf8: ExportStyle.newPageClass) }
        body.append(0x7D)
    }

    mutating func paragraph(_ markdown: String) {
        guard !markdown.isEmpty else { return }
        startBlock()
        body.append(utf8: markdown)
    }

    /// A paragraph that starts with a lead-in ("**What happened.** "), added without first
    /// joining the two (the rest is often a long reflection).
    mutating func paragraph(_ leadIn: String, _ markdown: String) {
        guard !leadIn.isEmpty || !markdown.isEmpty else { return }
        startBlock()
        body.append(utf8: leadIn)
        body.append(utf8: markdown)
    }

    /// A bullet list, one item per entry (each a single line of inline Markdown).
    mutating func list(_ items: [String]) {
        list { list in for item in items { list.item(item) } }
    }

    /// A bullet list written item by item straight into the document (`items.item { … }`),
    /// or nothing at all when no item is written.
    mutating func list(_ build: (inout ListItems) -> Void) {
        var items = ListItems(separated: blockCount > 0)
        swap(&items.body, &body)
        build(&items)
        swap(&items.body, &body)
        if items.count > 0 { blockCount += 1 }
    }

    /// The items of a list being written (see `list(_:)`).
    struct ListItems {
        fileprivate var body: [UInt8] = []
        fileprivate let separated: Bool
        private(set) var count = 0

        fileprivate init(separated: Bool) { self.separated = separated }

        /// One item (a single line of inline Markdown), written by `write`.
        mutating func item(_ write: (inout [UInt8]) -> Void) {
            if count > 0 { body.append(0x0A) } else if separated { body.append(0x0A); body.append(0x0A) }
            body.append(0x2D); body.append(0x20)
            count += 1
            write(&body)
        }

        mutating func item(_ markdown: String) { item { $0.append(utf8: markdown) } }
    }

    /// A pipe table. `widths` are relative column widths in per cent, written as the number
    /// of dashes under each header. pandoc uses them once a line of the table is longer
    /// than 72 characters, and a separator of about 100 dashes always is: every table then
    /// spans the text width with fixed proportions, so no column pushes it off the page.
    mutating func table(_ header: [String], widths: [Int], rows: [[String]]) {
        table(header, widths: widths)
        for row in rows { MarkdownWriter.appendRow(row, columns: header.count, to: &body) }
    }

    /// A pipe table's header and separator; its rows follow (for thousands of rows, in
    /// pieces with `deferredText`, each row a newline then `| a | b |`).
    mutating func table(_ header: [String], widths: [Int]) {
        precondition(header.count == widths.count, "one width per column")
        startBlock()
        MarkdownWriter.appendCells(header, columns: header.count, to: &body)
        body.append(utf8: "\n|")
        for width in widths { body.append(contentsOf: repeatElement(0x2D, count: max(3, width))); body.append(0x7C) }
    }

    /// A newline, then `| a | b |`: one table row, padded with empty cells to `columns`.
    private static func appendRow(_ cells: [String], columns: Int, to lines: inout [UInt8]) {
        lines.append(0x0A)
        appendCells(cells, columns: columns, to: &lines)
    }

    private static func appendCells(_ cells: [String], columns: Int, to lines: inout [UInt8]) {
        let padding = max(0, columns - cells.count)
        if cells.count + padding == 0 { lines.append(utf8: "|  |"); return }
        lines.append(0x7C)
        for cell in cells { lines.append(0x20); lines.append(utf8: cell); lines.append(utf8: " |") }
        for _ in 0..<padding { lines.append(utf8: "  |") }
    }

    /// A fenced div with a class for the stylesheet (boxes to write in, the sign-off table).
    mutating func div(_ className: String, _ build: (inout MarkdownWriter) -> Void) {
        var inner = MarkdownWriter()
        build(&inner)
        precondition(inner.pending.isEmpty, "a div's blocks are written at once")
        startBlock()
        body.append(utf8: "::: {." + className + "}\n")
        if !inner.body.isEmpty { body += inner.body; body.append(0x0A) }
        body.append(utf8: ":::")
    }

    /// Text produced by the exporter itself (the metadata block), added as it is.
    mutating func raw(_ markdown: String) {
        startBlock()
        body.append(utf8: markdown)
    }

    /// Blocks that `build` writes later, on any core, into a writer of their own: at least
    /// one block (it stands where one block would), reading only what does not change meanwhile.
    mutating func deferred(_ build: @escaping (inout MarkdownWriter) -> Void) {
        startBlock()
        pending.append((body.count, {
            var inner = MarkdownWriter()
            build(&inner)
            assert(inner.blockCount > 0, "a deferred part writes at least one block")
            return inner
        }))
    }

    /// More of the current block (rows of a long table), appended later by `work`.
    mutating func deferredText(_ work: @escaping (inout [UInt8]) -> Void) {
        pending.append((body.count, {
            var inner = MarkdownWriter()
            work(&inner.body)
            return inner
        }))
    }

    /// The document's bytes: everything deferred worked out on all cores and put in place,
    /// then the final newline.
    func finished() -> [UInt8] {
        var out: [UInt8] = []
        finished { out.append(contentsOf: $0) }
        return out
    }

    /// The same, handed to `write` a run of bytes at a time, in order, without joining them,
    /// while later parts are still being made (`DocumentAssembly`).
    func finished(_ write: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        try DocumentAssembly.emit(self, write)
    }

    /// What was left for later, and the byte offsets in `body` where each goes.
    var pendingWork: [() -> MarkdownWriter] { pending.map(\.work) }
    var pendingOffsets: [Int] { pending.map(\.offset) }
}
