import Foundation
import PlannerCore

/// The framework browser: domains → elements → competences, with coverage marks.
public struct BrowserState: Equatable, Sendable {
    public var expanded: Set<String> = []
    public var selection = 0
}

extension AppState {
    /// Rows of the tree as (id, level) given what is expanded.
    var browserRows: [(id: String, level: Int)] {
        var rows: [(String, Int)] = []
        // A framework without groups (the HLM's nine dimensions) shows its units at the top.
        let grouped = framework.levelNames.group != nil
        for domain in framework.domains {
            if grouped { rows.append((domain.id, 0)) }
            guard !grouped || browser.expanded.contains(domain.id) else { continue }
            for element in domain.elements {
                rows.append((element.id, 1))
                if browser.expanded.contains(element.id) { rows += element.competences.map { ($0.id, 2) } }
            }
        }
        return rows
    }

    mutating func frameworkKey(_ key: Key) -> [Effect] {
        guard let command = command(for: key) else { return [] }
        let rows = browserRows
        if let moved = ListSupport.move(browser.selection, command, count: rows.count, page: contentHeight - 2) {
            browser.selection = moved
            return []
        }
        guard let row = rows[safe: browser.selection] else { return globalCommand(command) }
        switch command {
        case .open:
            if row.level == 0 {
                browser.expanded.formSymmetricDifference([row.id])
            } else {
                elementSelection = 0
                go(.element(framework.unitID(containing: row.id) ?? row.id))
            }
        case .linkEvidence: linkExisting(to: row)
        case .expand: browser.expanded.insert(row.id)
        case .collapse:
            if browser.expanded.contains(row.id) {
                browser.expanded.remove(row.id)
            } else if row.level > 0 {
                let parent = (row.level == 1 ? framework.groupID(containing: row.id) : framework.unitID(containing: row.id)) ?? ""
                browser.expanded.remove(parent)
                browser.selection = browserRows.firstIndex { $0.id == parent } ?? 0
            }
        default: return globalCommand(command)
        }
        return []
    }

    /// Opens the link picker for the selected row: an element as the walk-through does, or one
    /// competence, so evidence can be linked at the finer level too.
    mutating func linkExisting(to row: (id: String, level: Int)) {
        guard row.level > 0 else {
            say("Choose \(Framework.article(framework.levelNames.unit)) \(framework.levelNames.unit) or a competence to link evidence to.")
            return
        }
        if row.level == 1 {
            _ = elementCommand(.linkEvidence, element: row.id)
            return
        }
        let link = framework.link(row.id)
        let candidates = list.order.filter { !portfolio.evidence[$0].links.contains(link) }
        if candidates.isEmpty {
            say("All your evidence is already linked to \(row.id).")
        } else {
            modal = .linkExisting(LinkPickerState(element: row.id, candidates: candidates))
        }
    }

    func coverageMark(_ count: Coverage.Count) -> (String, CellStyle) {
        count.inPeriod > 0 ? ("✓", .good) : (count.allTime > 0 ? ("◐", .warning) : ("✗", .error))
    }

    func drawFramework(_ screen: inout Screen, y: Int, height: Int) {
        let w = screen.width
        // Once per paint: another framework's coverage is counted afresh on each reading.
        let framework = self.framework, coverage = self.coverage
        screen.put("\(framework.title) — ✓ evidence this period · ◐ only earlier · ✗ none", x: 1, y: y, style: .heading, maxWidth: w - 2)
        screen.put(DisplayWidth.pad("", to: w - 24) + "period  all  rating", x: 0, y: y + 1, style: .muted)
        let rows = browserRows
        // The last two rows show the selected competence in full when its row cuts it.
        let detailRows = 2
        let visible = height - 2 - detailRows
        let top = ListSupport.top(selection: browser.selection, count: rows.count, height: visible)
        for i in 0..<min(visible, rows.count - top) {
            let (id, level) = rows[top + i]
            let text: String
            let count: Coverage.Count
            var rating = ""
            switch level {
            case 0:
                let domain = framework.domain(id)!
                text = (browser.expanded.contains(id) ? "▾ " : "▸ ") + domain.title
                count = coverage.domain(id)
            case 1:
                let element = framework.element(id)!
                text = "  " + (browser.expanded.contains(id) ? "▾ " : "▸ ") + element.title
                count = coverage.element(id)
                let level = portfolio.ratings[framework.link(id)]?.level ?? 0
                rating = level == 0 ? "–" : "\(level)/\(framework.scale.count)"
            default:
                text = "      " + "\(id) " + (framework.competence(id)?.text ?? "")
                count = coverage.competence(id)
            }
            let (mark, markStyle) = coverageMark(count)
            let y0 = y + 2 + top * 0 + i
            let selected = top + i == browser.selection
            screen.put(DisplayWidth.pad(text, to: w - 26), x: 2, y: y0, style: selected ? .selected : (level == 0 ? .bold : .plain))
            screen.put(mark, x: 0, y: y0, style: markStyle)
            screen.put(ListSupport.marker(selected), x: 1, y: y0, style: selected ? .selected : .plain)
            screen.put(String(format: "%6d %4d  ", count.inPeriod, count.allTime) + rating, x: w - 24, y: y0)
            if selected, level == 2, DisplayWidth.of(text) > w - 26 {
                let full = Wrap.lines("\(id) " + (framework.competence(id)?.text ?? ""), width: w - 4)
                for (n, line) in full.prefix(detailRows).enumerated() {
                    screen.put(line, x: 2, y: y + height - detailRows + n, style: .muted, maxWidth: w - 4)
                }
            }
        }
    }

    // MARK: element view

    mutating func elementKey(_ key: Key, element: String) -> [Effect] {
        guard let command = command(for: key) else { return [] }
        let linked = evidence(linkedTo: element)
        if let moved = ListSupport.move(elementSelection, command, count: linked.count, page: 5) {
            elementSelection = moved
            return []
        }
        switch command {
        case .open:
            if let index = linked[safe: elementSelection] { openEvidenceEditor(portfolio.evidence[index]) }
            return []
        case .unlink:
            guard let index = linked[safe: elementSelection] else { return [] }
            let item = portfolio.evidence[index]
            let framework = self.framework
            return commit("Unlinked from \(element): “\(item.title)”.", evidence: .changed(index)) { p in
                p.evidence[index].links.removeAll { framework.unitID(ofLink: $0) == element }
            }
        default:
            return elementCommand(command, element: element) ?? globalCommand(command)
        }
    }

    func drawElement(_ screen: inout Screen, element id: String, y: Int, height: Int) {
        guard let element = framework.element(id) else { return }
        let w = screen.width
        screen.put(element.title, x: 1, y: y, style: .heading)
        let row = drawElementSummary(&screen, element: element, x: 1, y: y + 1, width: w - 2)
        drawLinkedEvidence(&screen, element: id, selection: elementSelection, x: 1, y: row + 1, width: w - 2, height: y + height - row - 1)
    }
}
