import Foundation
import PlannerCore

/// The evidence list: every item, newest first, with filters and incremental search.
///
/// Kept up to date item by item as the portfolio changes, and searched with the core's
/// `TextQuery` (case and accents folded; ASCII text compared in its own bytes, other text
/// folded once per item and kept), a slice of the
/// list per keystroke, the rest while the planner waits for the next key
/// (`AppState.continueWork`) — so typing stays instant in a career's worth of evidence.
public struct EvidenceListState: Sendable {
    /// Evidence indices, newest first.
    var order: [Int] = []
    public private(set) var visible: [Int] = []
    public var selection = 0
    public var kindFilter: EvidenceKind?
    /// Evidence linked to an element or a competence (`E`).
    public var linkFilter: LinkFilter?
    public var search = TextBuffer()
    public var searching = false
    private var lastQuery = ""
    /// A search still going through the list: `visible` holds what it found so far.
    private var scan: Scan?
    /// The free text of items with characters beyond ASCII, folded (`TextQuery.fold`), by
    /// evidence index: folding is some 50 times the cost of scanning (a keystroke at 20,000
    /// accented items took 32 ms without this), so each item is folded once, when a search
    /// first needs it, and again only when it changes.
    private var folded: [Int: String] = [:]

    struct Scan: Sendable {
        let query: TextQuery
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
        folded = [:]
        lastQuery = ""
        applyFilters(portfolio, live)
    }

    /// After the item at `index` changed: it moves to its place in the order.
    mutating func changed(at index: Int, _ portfolio: Portfolio, _ live: LiveValidation) {
        guard order.count == portfolio.evidence.count, let position = order.firstIndex(of: index) else { return rebuild(portfolio, live) }
        order.remove(at: position)
        folded[index] = nil
        insert(index, portfolio)
        refilter(portfolio, live)
    }

    /// After an item was inserted at `index`: later indices move up one.
    mutating func inserted(at index: Int, _ portfolio: Portfolio, _ live: LiveValidation) {
        guard order.count + 1 == portfolio.evidence.count else { return rebuild(portfolio, live) }
        for k in order.indices where order[k] >= index { order[k] += 1 }
        folded = Dictionary(uniqueKeysWithValues: folded.map { ($0 >= index ? $0 + 1 : $0, $1) })
        insert(index, portfolio)
        refilter(portfolio, live)
    }

    /// After the items at `indices` were removed.
    mutating func removed(at indices: [Int], _ portfolio: Portfolio, _ live: LiveValidation) {
        let gone = Set(indices)
        guard order.count - gone.count == portfolio.evidence.count else { return rebuild(portfolio, live) }
        let sorted = gone.sorted()
        func shifted(_ index: Int) -> Int? {
            if gone.contains(index) { return nil }
            var low = 0, high = sorted.count
            while low < high { let mid = (low + high) / 2; if sorted[mid] < index { low = mid + 1 } else { high = mid } }
            return index - low
        }
        order = order.compactMap(shifted)
        folded = Dictionary(uniqueKeysWithValues: folded.compactMap { key, value in shifted(key).map { ($0, value) } })
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
        let query = TextQuery(search.text)
        let items = portfolio.evidence
        let kindFilter = self.kindFilter
        let element = linkFilter.map { $0.test(portfolio, live) }
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
            if !lastQuery.isEmpty && query.folded.hasPrefix(lastQuery) {
                base = visible + (scan.map { Array($0.candidates[$0.next...]) } ?? [])
            } else {
                base = order.filter { index in
                    if let kindFilter, items[index].kind != kindFilter { return false }
                    return element?(index) ?? true
                }
            }
            visible = []
            scan = Scan(query: query, candidates: base)
            continueSearch(portfolio)
        }
        lastQuery = query.folded
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
            let (found, cost) = matches(current.query, items[index], at: index)
            spent += cost + EvidenceListState.costPerItem
            if found { visible.append(index) }
        }
        scan = current.next < current.candidates.count ? current : nil
        selection = min(selection, max(0, visible.count - 1))
        return scan != nil
    }

    mutating func resetFilterCache() { lastQuery = "" }

    /// Whether the item holds the query, and how much work that took: its fields scanned as
    /// they are, and only an item with text beyond ASCII folded, once (`folded`).
    mutating func matches(_ query: TextQuery, _ item: Evidence, at index: Int) -> (Bool, Int) {
        if let text = folded[index] { return (query.matches(folded: text), text.utf8.count) }
        var cost = 0, needsFold = false
        for field in Evidence.schema.freeTextFields {
            let text = field.text(item)
            let (found, other) = query.scan(text)
            cost += text.utf8.count
            if found { return (true, cost) }
            needsFold = needsFold || other
        }
        guard needsFold else { return (false, cost) }
        // The separator is a control character no query holds, so no match spans two fields.
        let text = Evidence.schema.freeTextFields.map { TextQuery.fold($0.text(item)) }.joined(separator: "\u{1F}")
        folded[index] = text
        return (query.matches(folded: text), cost + text.utf8.count * TextQuery.foldingCost)
    }

    func filterDescription(_ taxonomy: Taxonomy) -> String {
        var parts: [String] = []
        if let kindFilter { parts.append("kind: \(taxonomy.label(of: kindFilter))") }
        if let linkFilter { parts.append(linkFilter.description) }
        if !search.text.isEmpty { parts.append("search “\(search.text)”") }
        return parts.joined(separator: " · ")
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
            if let index = list.visible[safe: list.selection] { return openEvidenceEditor(portfolio.evidence[index]) }
        case .addEvidence: openEvidenceEditor(nil)
        case .search:
            list.searching = true
        case .filterKind:
            modal = .kindPicker(KindPickerState(evidence: portfolio.evidence, taxonomy: taxonomy, current: list.kindFilter))
        case .filterElement:
            // The question starts empty: what it held is in the list's header, and typing a new id should not mean deleting the old one first.
            let names = framework.levelNames
            let example = framework.elements.dropFirst(framework.elements.count / 2).first
            let examples = [example?.id, example?.competences.first?.id].compactMap { $0 }.joined(separator: " or ")
            modal = .prompt(
                PromptState(
                    purpose: .elementFilter,
                    question:
                        "Show evidence linked to \(Framework.article(names.unit)) \(names.unit)\(names.leaf.map { " or " + $0 } ?? "") (e.g. \(examples); empty for all):",
                    buffer: TextBuffer()))
        case .clearFilters:
            list.kindFilter = nil; list.linkFilter = nil; list.search = TextBuffer()
            list.resetFilterCache(); list.applyFilters(portfolio, live)
        case .deleteItem:
            if let index = list.visible[safe: list.selection] { modal = .confirmDelete(portfolio.evidence[index].id) }
        case .attachFile:
            if let index = list.visible[safe: list.selection] { askForAttachment(to: portfolio.evidence[index]) }
        case .bringForward:
            if let index = list.visible[safe: list.selection] { return toggleBringForward(index) }
        default: return globalCommand(command)
        }
        return []
    }

    /// Beside the date of an earlier item brought into this year's document (`b`).
    static let broughtForwardMark = "+"

    /// Before the title of an item imported from a spreadsheet and not yet opened.
    static let importedToReviewMark = "[imported, to review] "

    func drawEvidenceList(_ screen: inout Screen, y: Int, height: Int) {
        let w = screen.width
        let items = portfolio.evidence
        let period = portfolio.period
        let earlier = items.contains { !period.contains($0.date) }
        let broughtForward = items.contains { $0.isBroughtForward(into: period) }
        // A search through a long list shows what it found so far until it has looked at every item.
        let found = list.isSearching ? "\(list.visible.count) so far" : "\(list.visible.count)"
        let legend = [earlier ? "· = other periods" : nil, broughtForward ? "\(Self.broughtForwardMark) = brought forward" : nil].compactMap { $0 }
        let header = "Evidence — \(found) of \(items.count) item\(items.count == 1 ? "" : "s")" + (legend.isEmpty ? "" : " (\(legend.joined(separator: ", ")))")
        screen.put(header, x: 1, y: y, style: .heading)
        let filters = list.searching ? "/" + list.search.text : list.filterDescription(taxonomy)
        if !filters.isEmpty { screen.put("  " + filters, x: 1 + DisplayWidth.of(header), y: y, style: .accent, maxWidth: w - DisplayWidth.of(header) - 2) }
        screen.put(DisplayWidth.pad("  date        kind         title", to: w - 20) + "linked", x: 0, y: y + 1, style: .muted)
        // The selected item's attached files take the last row, when it has any.
        let selectedFiles = list.visible[safe: list.selection].map { items[$0].files } ?? []
        let rows = height - 2 - (selectedFiles.isEmpty ? 0 : 1)
        if !selectedFiles.isEmpty {
            screen.put(EvidenceAttachments.summary(selectedFiles), x: 1, y: y + height - 1, style: .muted, maxWidth: w - 2)
        }
        if list.visible.isEmpty {
            screen.put(
                items.isEmpty
                    ? "No evidence yet — press a to add your first item."
                    : list.isSearching ? "Searching…" : "Nothing matches — press c to clear the search and filters.",
                x: 2, y: y + 3, style: .muted)
            return
        }
        let top = ListSupport.top(selection: list.selection, count: list.visible.count, height: rows)
        for row in 0..<min(rows, list.visible.count - top) {
            let index = list.visible[top + row]
            let item = items[index]
            // An earlier item the doctor brought into this year's document reads as this year's.
            let marker = period.contains(item.date) ? " " : item.isBroughtForward(into: period) ? Self.broughtForwardMark : "·"
            let kind = DisplayWidth.pad(shortKind(item.kind), to: 12)
            // Only the links that fit: an item may hold a million (issue 13).
            let links = item.links.prefix(8).map(FrameworkLink.display).joined(separator: " ")
            let titleWidth = max(10, w - 28 - 20)
            let selected = top + row == list.selection
            let line =
                "\(ListSupport.marker(selected))\(marker)\(item.date)  \(kind) \(DisplayWidth.pad((item.isPrivate ? "🔒 " : "") + (item.importedToReview == true ? Self.importedToReviewMark : "") + item.title, to: titleWidth)) \(DisplayWidth.truncate(links, to: 18))"
            screen.put(line, x: 0, y: y + 2 + row, style: selected ? .selected : (marker == "·" ? .muted : .plain), maxWidth: w)
            if selected { screen.restyle(x: 0, y: y + 2 + row, width: w, style: .selected) }
        }
    }

}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
