import Foundation
import PlannerCore

/// The evidence list: every item, newest first, with filters and incremental search.
///
/// Kept up to date item by item as the portfolio changes, and searched without a lower-cased
/// copy of the text: a query is looked for in the items' own bytes (ASCII letters in either
/// case), a slice of the list per keystroke, the rest while the planner waits for the next
/// key (`AppState.continueWork`) — so typing stays instant in a career's worth of evidence.
public struct EvidenceListState: Sendable {
    /// Evidence indices, newest first.
    var order: [Int] = []
    public private(set) var visible: [Int] = []
    public var selection = 0
    public var kindFilter: EvidenceKind?
    public var elementFilter: String?
    public var search = TextBuffer()
    public var searching = false
    private var lastQuery = ""
    /// A search still going through the list: `visible` holds what it found so far.
    private var scan: Scan?

    struct Scan: Sendable {
        let query: SearchQuery
        /// The items still to look at, in list order.
        var candidates: [Int]
        var next = 0
    }

    /// How much one keystroke (or one pause between keys) may search: bytes of text, each item
    /// looked at counting a few hundred more (about a millisecond in all).
    static let searchBudget = 1 << 20
    static let costPerItem = 256

    /// True while a search has not yet looked at every item.
    public var isSearching: Bool { scan != nil }

    /// Whether `a` is listed before `b`: newer first, then by id, then as stored.
    static func precedes(_ a: Int, _ b: Int, _ items: [Evidence]) -> Bool {
        let x = items[a], y = items[b]
        if x.date != y.date { return x.date > y.date }
        if x.id != y.id { return x.id < y.id }
        return a < b
    }

    mutating func rebuild(_ portfolio: Portfolio, _ live: LiveValidation) {
        let items = portfolio.evidence
        order = Array(items.indices).sorted { EvidenceListState.precedes($0, $1, items) }
        lastQuery = ""
        applyFilters(portfolio, live)
    }

    /// After the item at `index` changed: it moves to its place in the order.
    mutating func changed(at index: Int, _ portfolio: Portfolio, _ live: LiveValidation) {
        guard order.count == portfolio.evidence.count, let position = order.firstIndex(of: index) else { return rebuild(portfolio, live) }
        order.remove(at: position)
        insert(index, portfolio)
        refilter(portfolio, live)
    }

    /// After an item was inserted at `index`: later indices move up one.
    mutating func inserted(at index: Int, _ portfolio: Portfolio, _ live: LiveValidation) {
        guard order.count + 1 == portfolio.evidence.count else { return rebuild(portfolio, live) }
        for k in order.indices where order[k] >= index { order[k] += 1 }
        insert(index, portfolio)
        refilter(portfolio, live)
    }

    /// After the items at `indices` were removed.
    mutating func removed(at indices: [Int], _ portfolio: Portfolio, _ live: LiveValidation) {
        let gone = Set(indices)
        guard order.count - gone.count == portfolio.evidence.count else { return rebuild(portfolio, live) }
        let sorted = gone.sorted()
        order = order.compactMap { index in
            if gone.contains(index) { return nil }
            var below = 0, low = 0, high = sorted.count
            while low < high { let mid = (low + high) / 2; if sorted[mid] < index { low = mid + 1 } else { high = mid } }
            below = low
            return index - below
        }
        refilter(portfolio, live)
    }

    private mutating func insert(_ index: Int, _ portfolio: Portfolio) {
        let items = portfolio.evidence
        var low = 0, high = order.count
        while low < high {
            let mid = (low + high) / 2
            if EvidenceListState.precedes(order[mid], index, items) { low = mid + 1 } else { high = mid }
        }
        order.insert(index, at: low)
    }

    /// The filters again over the whole list, after the items changed.
    private mutating func refilter(_ portfolio: Portfolio, _ live: LiveValidation) {
        lastQuery = ""
        applyFilters(portfolio, live)
    }

    /// Re-filters; when the query only grew, it searches the previous result (and what the
    /// previous search had not reached yet) instead of everything.
    mutating func applyFilters(_ portfolio: Portfolio, _ live: LiveValidation) {
        let query = search.text.lowercased().trimmingCharacters(in: .whitespaces)
        let items = portfolio.evidence
        let kindFilter = self.kindFilter
        let element = elementFilter.map { live.linkTest(element: $0, portfolio) }
        if query.isEmpty {
            scan = nil
            visible =
                kindFilter == nil && element == nil
                ? order
                : order.filter { index in
                    if let kindFilter, items[index].kind != kindFilter { return false }
                    return element?(index) ?? true
                }
        } else {
            let base: [Int]
            if !lastQuery.isEmpty && query.hasPrefix(lastQuery) {
                base = visible + (scan.map { Array($0.candidates[$0.next...]) } ?? [])
            } else {
                base = order.filter { index in
                    if let kindFilter, items[index].kind != kindFilter { return false }
                    return element?(index) ?? true
                }
            }
            visible = []
            scan = Scan(query: SearchQuery(query), candidates: base)
            continueSearch(portfolio)
        }
        lastQuery = query
        selection = min(selection, max(0, visible.count - 1))
    }

    /// Searches the next slice of the list; true when there is more to do.
    @discardableResult
    mutating func continueSearch(_ portfolio: Portfolio) -> Bool {
        guard var current = scan else { return false }
        let items = portfolio.evidence
        var spent = 0
        while current.next < current.candidates.count && spent < EvidenceListState.searchBudget {
            let index = current.candidates[current.next]
            current.next += 1
            guard index < items.count else { continue }
            let (found, cost) = current.query.matches(items[index])
            spent += cost + EvidenceListState.costPerItem
            if found { visible.append(index) }
        }
        scan = current.next < current.candidates.count ? current : nil
        selection = min(selection, max(0, visible.count - 1))
        return scan != nil
    }

    mutating func resetFilterCache() { lastQuery = "" }

    func filterDescription(_ taxonomy: Taxonomy) -> String {
        var parts: [String] = []
        if let kindFilter { parts.append("kind: \(taxonomy.label(of: kindFilter))") }
        if let elementFilter { parts.append("element \(elementFilter)") }
        if !search.text.isEmpty { parts.append("search “\(search.text)”") }
        return parts.joined(separator: " · ")
    }
}

/// A search query, lower-cased, and how to look for it in an item's free text (title,
/// description and reflection, as the evidence table marks them). An ASCII query is compared with the text's bytes, ASCII letters folded to
/// lower case (what lower-casing the text would give, without a copy); other queries compare
/// with each field lower-cased.
struct SearchQuery: Sendable {
    let text: String
    let bytes: [UInt8]
    let isASCII: Bool

    init(_ lowercased: String) {
        text = lowercased
        bytes = Array(lowercased.utf8)
        isASCII = bytes.allSatisfy { $0 < 0x80 }
    }

    /// Whether the item holds the query, and how many bytes of text that took.
    func matches(_ item: Evidence) -> (Bool, Int) {
        var cost = 0
        func holds(_ field: String) -> Bool {
            cost += field.utf8.count
            return contains(field)
        }
        // The fields searched are the evidence table's free text.
        let found = Evidence.schema.freeTextFields.contains { holds($0.text(item)) }
        return (found, cost)
    }

    func contains(_ field: String) -> Bool {
        guard isASCII else { return field.lowercased().contains(text) }
        let n = bytes.count
        guard n > 0 else { return true }
        var copy = field
        return copy.withUTF8 { hay in
            guard hay.count >= n else { return false }
            return bytes.withUnsafeBufferPointer { needle in
                let first = needle[0]
                let upperFirst = first >= 0x61 && first <= 0x7A ? first - 32 : first
                var i = 0
                let last = hay.count - n
                while i <= last {
                    let b = hay[i]
                    if b == first || b == upperFirst {
                        var k = 1
                        while k < n {
                            let c = hay[i + k]
                            if (c >= 0x41 && c <= 0x5A ? c + 32 : c) != needle[k] { break }
                            k += 1
                        }
                        if k == n { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}

extension AppState {
    mutating func evidenceListKey(_ key: Key) -> [Effect] {
        if list.searching {
            let command = self.command(for: key)
            switch command {
            case .keepSearch?: list.searching = false
            case .clearSearch?:
                list.searching = false
                list.search = TextBuffer()
                list.resetFilterCache()
                list.applyFilters(portfolio, live)
            default:
                let before = list.search.text
                guard list.search.apply(command, key, width: 40) else { return [] }
                if list.search.text.count < before.count { list.resetFilterCache() }
                list.applyFilters(portfolio, live)
            }
            return []
        }
        guard let command = self.command(for: key) else { return [] }
        if let moved = ListSupport.move(list.selection, command, count: list.visible.count, page: contentHeight - 3) {
            list.selection = moved
            return []
        }
        switch command {
        case .open:
            if let index = list.visible[safe: list.selection] { openEvidenceEditor(portfolio.evidence[index]) }
        case .addEvidence: openEvidenceEditor(nil)
        case .search:
            list.searching = true
        case .filterKind:
            let kinds = taxonomy.kinds
            if let current = list.kindFilter, let i = kinds.firstIndex(of: current) {
                list.kindFilter = i + 1 < kinds.count ? kinds[i + 1] : nil
            } else {
                list.kindFilter = kinds.first
            }
            list.resetFilterCache(); list.applyFilters(portfolio, live)
        case .filterElement:
            modal = .prompt(
                PromptState(
                    purpose: .elementFilter, question: "Show evidence linked to element (e.g. 3.2; empty for all):",
                    buffer: TextBuffer(list.elementFilter ?? "")))
        case .clearFilters:
            list.kindFilter = nil; list.elementFilter = nil; list.search = TextBuffer()
            list.resetFilterCache(); list.applyFilters(portfolio, live)
        case .deleteItem:
            if let index = list.visible[safe: list.selection] { modal = .confirmDelete(portfolio.evidence[index].id) }
        default: return globalCommand(command)
        }
        return []
    }

    func drawEvidenceList(_ screen: inout Screen, y: Int, height: Int) {
        let w = screen.width
        let items = portfolio.evidence
        let earlier = items.contains { !portfolio.period.contains($0.date) }
        // A search through a long list shows what it found so far until it has looked at every item.
        let found = list.isSearching ? "\(list.visible.count) so far" : "\(list.visible.count)"
        let header = "Evidence — \(found) of \(items.count) item\(items.count == 1 ? "" : "s")" + (earlier ? " (· = other periods)" : "")
        screen.put(header, x: 1, y: y, style: .heading)
        let filters = list.searching ? "/" + list.search.text : list.filterDescription(taxonomy)
        if !filters.isEmpty { screen.put("  " + filters, x: 1 + DisplayWidth.of(header), y: y, style: .accent, maxWidth: w - DisplayWidth.of(header) - 2) }
        screen.put(DisplayWidth.pad("  date        kind         title", to: w - 20) + "linked", x: 0, y: y + 1, style: .muted)
        let rows = height - 2
        if list.visible.isEmpty {
            screen.put(
                items.isEmpty
                    ? "No evidence yet — press a to add your first item."
                    : list.isSearching ? "Searching…" : "Nothing matches — press c to clear the search and filters.",
                x: 2, y: y + 3, style: .muted)
            return
        }
        let top = ListSupport.top(selection: list.selection, count: list.visible.count, height: rows)
        let period = portfolio.period
        for row in 0..<min(rows, list.visible.count - top) {
            let index = list.visible[top + row]
            let item = items[index]
            let marker = period.contains(item.date) ? " " : "·"
            let kind = DisplayWidth.pad(shortKind(item.kind), to: 12)
            // Only the links that fit: an item may hold a million (issue 13).
            let links = item.links.prefix(8).map(FrameworkLink.display).joined(separator: " ")
            let titleWidth = max(10, w - 28 - 20)
            let line =
                "\(marker) \(item.date)  \(kind) \(DisplayWidth.pad((item.isPrivate ? "🔒 " : "") + item.title, to: titleWidth)) \(DisplayWidth.truncate(links, to: 18))"
            let selected = top + row == list.selection
            screen.put(line, x: 0, y: y + 2 + row, style: selected ? .selected : (marker == "·" ? .muted : .plain), maxWidth: w)
            if selected { screen.restyle(x: 0, y: y + 2 + row, width: w, style: .selected) }
        }
    }

}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
