import PlannerCore

/// Choosing which kind of evidence the list shows: every kind by name with how many items
/// it has, and "all kinds" first. One press of `K` and one of Enter, where cycling took up to
/// a dozen presses past kinds the doctor could not see coming.
public struct KindPickerState: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        /// nil for "all kinds".
        public let kind: EvidenceKind?
        public let label: String
        public let count: Int
    }
    public let rows: [Row]
    public var cursor: Int

    /// The rows for a portfolio, the cursor on the filter in force. Kinds the portfolio holds
    /// that the taxonomy does not know are listed too (by the name in the file), so every item
    /// can be reached.
    init(evidence: [Evidence], taxonomy: Taxonomy, current: EvidenceKind?) {
        var counts: [EvidenceKind: Int] = [:]
        for item in evidence { counts[item.kind, default: 0] += 1 }
        let known = taxonomy.kinds
        let unknown = counts.keys.filter { !taxonomy.isKnown($0) }.sorted { $0.rawValue < $1.rawValue }
        rows =
            [Row(kind: nil, label: "All kinds", count: evidence.count)]
            + (known + unknown).map { Row(kind: $0, label: taxonomy.label(of: $0), count: counts[$0, default: 0]) }
        cursor = rows.firstIndex { $0.kind == current } ?? 0
    }

    /// Moves the cursor for a movement command; false for any other command.
    mutating func move(_ command: Command?, page: Int) -> Bool {
        guard let command, let moved = ListSupport.move(cursor, command, count: rows.count, page: page) else { return false }
        cursor = moved
        return true
    }

    func draw(_ screen: inout Screen, inner: (x: Int, y: Int, w: Int, h: Int)) -> (x: Int, y: Int)? {
        let top = ListSupport.top(selection: cursor, count: rows.count, height: inner.h)
        let countWidth = String(rows.first?.count ?? 0).count
        var at: (x: Int, y: Int)? = nil
        for i in 0..<min(inner.h, rows.count - top) {
            let row = rows[top + i]
            let count = String(row.count)
            let selected = top + i == cursor
            let line = ListSupport.marker(selected) + String(repeating: " ", count: countWidth - count.count) + count + "  " + row.label
            screen.put(DisplayWidth.pad(line, to: inner.w), x: inner.x, y: inner.y + i, style: selected ? .selected : (row.count == 0 ? .muted : .plain))
            if selected { at = (inner.x, inner.y + i) }
        }
        return at
    }
}
