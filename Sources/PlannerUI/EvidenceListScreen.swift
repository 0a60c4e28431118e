import Foundation
import PlannerCore

/// The evidence list: every item, newest first, with filters and incremental search.
public struct EvidenceListState: Sendable {
    /// Evidence indices, newest first.
    var order: [Int] = []
    /// Lower-cased title, description and reflection per evidence index, for search.
    var haystack: [String] = []
    public private(set) var visible: [Int] = []
    public var selection = 0
    public var kindFilter: EvidenceKind?
    public var elementFilter: String?
    public var search = TextBuffer()
    public var searching = false
    private var lastQuery = ""

    mutating func rebuild(_ portfolio: Portfolio) {
        let items = portfolio.evidence
        order = items.indices.sorted { (items[$0].date, items[$1].id) > (items[$1].date, items[$0].id) }
        haystack = items.map { item in
            [item.title, item.description, item.reflection.whatHappened, item.reflection.whatLearned, item.reflection.whatNext]
                .joined(separator: "\n").lowercased()
        }
        lastQuery = ""
        applyFilters(portfolio)
    }

    /// Re-filters; when the query only grew, it filters the previous result instead of everything.
    mutating func applyFilters(_ portfolio: Portfolio) {
        let query = search.text.lowercased().trimmingCharacters(in: .whitespaces)
        let base = !lastQuery.isEmpty && query.hasPrefix(lastQuery) ? visible : order
        let items = portfolio.evidence
        visible = base.filter { index in
            if let kindFilter, items[index].kind != kindFilter { return false }
            if let elementFilter, !items[index].linkedElements.contains(elementFilter) { return false }
            return query.isEmpty || haystack[index].contains(query)
        }
        lastQuery = query
        selection = min(selection, max(0, visible.count - 1))
    }

    mutating func resetFilterCache() { lastQuery = "" }

    var filterDescription: String {
        var parts: [String] = []
        if let kindFilter { parts.append("kind: \(Taxonomy.bundled.label(of: kindFilter))") }
        if let elementFilter { parts.append("element \(elementFilter)") }
        if !search.text.isEmpty { parts.append("search “\(search.text)”") }
        return parts.joined(separator: " · ")
    }
}

extension AppState {
    mutating func evidenceListKey(_ key: Key) -> [Effect] {
        if list.searching {
            switch key {
            case .enter: list.searching = false
            case .escape:
                list.searching = false
                list.search = TextBuffer()
                list.resetFilterCache()
                list.applyFilters(portfolio)
            default:
                let before = list.search.text
                _ = list.search.handle(key, width: 40)
                if list.search.text.count < before.count { list.resetFilterCache() }
                list.applyFilters(portfolio)
            }
            return []
        }
        guard let command = Keymap.command(for: key, on: route) else { return [] }
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
            let kinds = EvidenceKind.allCases
            if let current = list.kindFilter, let i = kinds.firstIndex(of: current) {
                list.kindFilter = i + 1 < kinds.count ? kinds[i + 1] : nil
            } else { list.kindFilter = kinds.first }
            list.resetFilterCache(); list.applyFilters(portfolio)
        case .filterElement:
            modal = .prompt(PromptState(purpose: .elementFilter, question: "Show evidence linked to element (e.g. 3.2; empty for all):",
                                        buffer: TextBuffer(list.elementFilter ?? "")))
        case .clearFilters:
            list.kindFilter = nil; list.elementFilter = nil; list.search = TextBuffer()
            list.resetFilterCache(); list.applyFilters(portfolio)
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
        let header = "Evidence — \(list.visible.count) of \(items.count) item\(items.count == 1 ? "" : "s")" + (earlier ? " (· = other periods)" : "")
        screen.put(header, x: 1, y: y, style: .heading)
        let filters = list.searching ? "/" + list.search.text : list.filterDescription
        if !filters.isEmpty { screen.put("  " + filters, x: 1 + DisplayWidth.of(header), y: y, style: .accent, maxWidth: w - DisplayWidth.of(header) - 2) }
        screen.put(DisplayWidth.pad("  date        kind         title", to: w - 20) + "linked", x: 0, y: y + 1, style: .muted)
        let rows = height - 2
        if list.visible.isEmpty {
            screen.put(items.isEmpty ? "No evidence yet — press a to add your first item." : "Nothing matches — press c to clear the search and filters.",
                       x: 2, y: y + 3, style: .muted)
            return
        }
        let top = ListSupport.top(selection: list.selection, count: list.visible.count, height: rows)
        let period = portfolio.period
        for row in 0..<min(rows, list.visible.count - top) {
            let index = list.visible[top + row]
            let item = items[index]
            let marker = period.contains(item.date) ? " " : "·"
            let kind = DisplayWidth.pad(EvidenceListState.shortKind(item.kind), to: 12)
            let links = item.links.joined(separator: " ")
            let titleWidth = max(10, w - 28 - 20)
            let line = "\(marker) \(item.date)  \(kind) \(DisplayWidth.pad((item.isPrivate ? "🔒 " : "") + item.title, to: titleWidth)) \(DisplayWidth.truncate(links, to: 18))"
            let selected = top + row == list.selection
            screen.put(line, x: 0, y: y + 2 + row, style: selected ? .selected : (marker == "·" ? .muted : .plain), maxWidth: w)
            if selected { screen.restyle(x: 0, y: y + 2 + row, width: w, style: .selected) }
        }
    }

}

extension EvidenceListState {
    static func shortKind(_ kind: EvidenceKind) -> String {
        switch kind {
        case .reflectiveNote: return "reflection"
        case .cpd: return "CPD"
        case .qualityImprovement: return "QI / audit"
        case .significantEvent: return "sig. event"
        case .colleagueFeedback: return "colleague fb"
        case .patientFeedback: return "patient fb"
        case .complaintCompliment: return "complaint"
        case .workplaceAssessment: return "WPBA"
        case .teaching: return "teaching"
        case .leadershipRole: return "role"
        case .research: return "research"
        case .other: return "other"
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
