/// The document is built as UTF-8 bytes, not as a `String`: a career's export is megabytes
/// made of hundreds of thousands of small pieces, and a byte array takes each with one copy
/// (no re-check of the text, no per-append bookkeeping of a string's flags), then goes to
/// the file as it is.
extension Array where Element == UInt8 {
    /// The bytes of `text`, which are valid UTF-8 already.
    @inline(__always)
    mutating func append(utf8 text: String) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { append(contentsOf: $0) }
        if copied == nil { append(contentsOf: text.utf8) }
    }

    /// `value` in decimal digits, without making a string (table rows number thousands).
    mutating func append(decimal value: Int) {
        guard value >= 0 else { append(utf8: String(value)); return }
        if value >= 10 { append(decimal: value / 10) }
        append(UInt8(truncatingIfNeeded: 0x30 + value % 10))
    }
}

/// Short texts the hot parts of the export print again and again (kind names, element
/// ids), kept as one run of bytes so that printing one copies bytes and touches no
/// reference count: those counts, shared by the cores that write the document at once,
/// would bounce between them thousands of times.
struct LabelBytes {
    private let bytes: [UInt8]
    private let ends: [Int]

    init(_ labels: [String]) {
        var bytes: [UInt8] = [], ends: [Int] = []
        for label in labels { bytes.append(utf8: label); ends.append(bytes.count) }
        self.bytes = bytes
        self.ends = ends
    }

    /// Reads the labels without reference counting for the duration of `body`.
    func withLabels<R>(_ body: (Reader) -> R) -> R {
        bytes.withUnsafeBufferPointer { b in ends.withUnsafeBufferPointer { e in body(Reader(bytes: b, ends: e)) } }
    }

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let ends: UnsafeBufferPointer<Int>

        @inline(__always)
        func append(_ index: Int, to out: inout [UInt8]) {
            let start = index == 0 ? 0 : ends[index - 1]
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<ends[index]]))
        }
    }
}

/// The short texts of entries, brief-table rows and reference lines, in one `LabelBytes`:
/// kind names and kind cells by `EvidenceKind.ordinal`, element ids and element labels by
/// position.
struct RowLabels {
    private let table: LabelBytes
    private let kindCellBase: Int
    private let elementIDBase: Int
    private let elementLabelBase: Int

    init(kinds: [String], kindCells: [String], elementIDs: [String], elementLabels: [String]) {
        table = LabelBytes(kinds + kindCells + elementIDs + elementLabels)
        kindCellBase = kinds.count
        elementIDBase = kindCellBase + kindCells.count
        elementLabelBase = elementIDBase + elementIDs.count
    }

    /// "Jan"…"Dec", then "January"…"December", for dates.
    static let monthLabels = LabelBytes(ExportContext.shortMonths + ExportContext.months)

    func withLabels<R>(_ body: (Reader) -> R) -> R {
        table.withLabels { labels in RowLabels.monthLabels.withLabels { months in
            body(Reader(labels: labels, months: months, kindCellBase: kindCellBase, elementIDBase: elementIDBase, elementLabelBase: elementLabelBase))
        } }
    }

    struct Reader {
        let labels: LabelBytes.Reader
        let months: LabelBytes.Reader
        let kindCellBase: Int
        let elementIDBase: Int
        let elementLabelBase: Int

        /// "Quality improvement (QI project, audit, re-audit)".
        func appendKind(_ kind: EvidenceKind, to out: inout [UInt8]) { labels.append(kind.ordinal, to: &out) }
        /// "Quality improvement", for table cells and references.
        func appendKindCell(_ kind: EvidenceKind, to out: inout [UInt8]) { labels.append(kindCellBase + kind.ordinal, to: &out) }
        func appendElementID(_ position: Int, to out: inout [UInt8]) { labels.append(elementIDBase + position, to: &out) }
        func appendElementLabel(_ position: Int, to out: inout [UInt8]) { labels.append(elementLabelBase + position, to: &out) }

        func appendDate(_ date: CalendarDate, long: Bool = false, to out: inout [UInt8]) {
            RowLabels.appendDate(date, long: long, months: months, to: &out)
        }
    }

    /// "1 Oct 2025", or with `long` "1 October 2025"; `months` reads `monthLabels`.
    static func appendDate(_ date: CalendarDate, long: Bool, months: LabelBytes.Reader, to out: inout [UInt8]) {
        out.append(decimal: date.day)
        out.append(0x20)
        months.append(date.month - 1 + (long ? 12 : 0), to: &out)
        out.append(0x20)
        out.append(decimal: date.year)
    }
}
