import Foundation
import PlannerCore

extension AppState {
    /// Evidence linked to an element (directly or through a competence), newest first.
    func evidence(linkedTo element: String) -> [Int] {
        let shown = framework
        guard shown.id != validator.framework.id else { return live.evidence(list.order, linkedTo: element, in: portfolio) }
        // Another framework: read from the links themselves (the live masks are the first framework's).
        return list.order.filter { portfolio.evidence[$0].linkedElements(in: shown).contains(element) }
    }

    mutating func walkthroughKey(_ key: Key) -> [Effect] {
        guard let command = command(for: key) else { return [] }
        let element = currentElement
        let linked = evidence(linkedTo: element.id)
        if let moved = ListSupport.move(walkSelection, command, count: linked.count, page: 5) {
            walkSelection = moved
            return []
        }
        switch command {
        case .next, .previous:
            let target = walkIndex + (command == .next ? 1 : -1)
            guard target >= 0, target < framework.elements.count else {
                say(command == .next ? "That was the last element — see the readiness list (r) or export (e)." : "This is the first element.")
                return []
            }
            walkIndex = target
            walkSelection = 0
            let link = framework.link(framework.elements[target].id)
            return commit(evidence: .none) { $0.walkthrough = Walkthrough(currentElement: link) }
        case .open:
            if let index = linked[safe: walkSelection] { openEvidenceEditor(portfolio.evidence[index]) }
            return []
        default:
            return elementCommand(command, element: element.id) ?? globalCommand(command)
        }
    }

    /// Rating, note and linking commands shared by the walk-through and the element view.
    mutating func elementCommand(_ command: Command, element: String) -> [Effect]? {
        let title = framework.element(element)?.title ?? element
        let key = framework.link(element)
        switch command {
        case .rate, .rateClear:
            var level = 0
            if case .rate(let chosen) = command { level = chosen }
            guard level <= ratingScale else {
                say("Ratings go from 1 to \(ratingScale); \(level) is beyond the top of the scale.", error: true)
                return []
            }
            let label = framework.ratingLabel(level)
            return commit(level == 0 ? "Cleared the rating of \(title)." : "Rated \(title): \(level) \(label).", evidence: .none) { p in
                var rating = p.ratings[key] ?? Rating(level: 0)
                rating.level = level
                if level == 0 && rating.note.isEmpty { p.ratings[key] = nil } else { p.ratings[key] = rating }
            }
        case .writeNote:
            modal = .prompt(
                PromptState(
                    purpose: .elementNote(element), question: "Note on \(title):",
                    // Opened whole and wrapped, line breaks kept: Enter on an untouched note changes nothing.
                    buffer: TextBuffer(portfolio.ratings[key]?.note ?? "", multiline: true)))
            return []
        case .addEvidence:
            openEvidenceEditor(nil, links: [key])
            return []
        case .linkEvidence:
            let linked = Set(evidence(linkedTo: element))
            let candidates = list.order.filter { !linked.contains($0) }
            if candidates.isEmpty {
                say("All your evidence is already linked to \(title).")
            } else {
                modal = .linkExisting(LinkPickerState(element: element, candidates: candidates))
            }
            return []
        default:
            return nil
        }
    }

    func drawElementSummary(_ screen: inout Screen, element: Element, x: Int, y: Int, width: Int) -> Int {
        var row = y
        for line in Wrap.lines(element.summary, width: width) { screen.put(line, x: x, y: row); row += 1 }
        let example = "At your stage: " + element.example(for: portfolio.stage)
        for line in Wrap.lines(example, width: width) { screen.put(line, x: x, y: row, style: .muted); row += 1 }
        row += 1
        screen.put(DisplayWidth.pad("Competences", to: width - 14) + "period  all", x: x, y: row, style: .muted)
        row += 1
        let coverage = self.coverage  // once: another framework's is counted afresh on each reading
        // Competences wrap (read in full at 80 columns) when the rows they take still leave the
        // linked evidence its room; otherwise they are cut, and the framework browser (f) shows
        // the selected one in full.
        let extra = element.competences.reduce(0) { $0 + Wrap.lines($1.text, width: width - 19 - DisplayWidth.of($1.id)).count - 1 }
        let linked = evidence(linkedTo: element.id).count
        let wrap = row + element.competences.count + extra + 4 + min(linked, 6) + 1 <= screen.height - 3
        for competence in element.competences {
            let count = coverage.competence(competence.id)
            let mark = count.inPeriod > 0 ? "✓" : (count.allTime > 0 ? "◐" : "·")
            screen.put(String(format: "%6d %4d", count.inPeriod, count.allTime), x: x + width - 14, y: row)
            let indent = DisplayWidth.of(competence.id) + 3
            let lines = wrap ? Wrap.lines(competence.text, width: width - 16 - indent) : [DisplayWidth.truncate(competence.text, to: width - 16 - indent)]
            for (n, line) in lines.enumerated() {
                screen.put(n == 0 ? "\(mark) \(competence.id) " : "", x: x, y: row)
                screen.put(line, x: x + indent, y: row)
                row += 1
            }
        }
        let rating = portfolio.ratings[framework.link(element.id)]
        let level = rating?.level ?? 0
        row += 1
        let x2 = screen.put("Your rating: ", x: x, y: row, style: .bold)
        screen.put(
            level == 0 ? "not yet rated (press 1–\(framework.scale.count))" : "\(level) \(framework.ratingLabel(level))", x: x2, y: row,
            style: level == 0 ? .warning : .good)
        row += 1
        if let note = rating?.note, !note.isEmpty {
            screen.put("Note: " + note.replacingNewlines(), x: x, y: row, style: .muted, maxWidth: width)
            row += 1
        }
        return row
    }

    func drawLinkedEvidence(_ screen: inout Screen, element: String, selection: Int, x: Int, y: Int, width: Int, height: Int) {
        let linked = evidence(linkedTo: element)
        screen.put("Linked evidence (\(linked.count))", x: x, y: y, style: .bold)
        if linked.isEmpty {
            screen.put("None yet — a adds new evidence, L links evidence you already have.", x: x, y: y + 1, style: .muted, maxWidth: width)
            return
        }
        let rows = height - 1
        let top = ListSupport.top(selection: selection, count: linked.count, height: rows)
        for i in 0..<min(rows, linked.count - top) {
            let item = portfolio.evidence[linked[top + i]]
            let inPeriod = portfolio.period.contains(item.date) ? " " : "·"
            let line = ListSupport.marker(top + i == selection) + "\(inPeriod)\(item.date)  \(DisplayWidth.pad(shortKind(item.kind), to: 12)) \(item.title)"
            screen.put(DisplayWidth.pad(line, to: width), x: x, y: y + 1 + i, style: top + i == selection ? .selected : .plain)
        }
    }

    func drawWalkthrough(_ screen: inout Screen, y: Int, height: Int) {
        let element = currentElement
        let domain = framework.domain(framework.groupID(containing: element.id) ?? "")!
        let w = screen.width
        screen.put("Walk-through \(walkIndex + 1)/\(framework.elements.count) · Domain \(domain.title)", x: 1, y: y, style: .muted, maxWidth: w - 2)
        screen.put(element.title, x: 1, y: y + 1, style: .heading)
        let row = drawElementSummary(&screen, element: element, x: 1, y: y + 2, width: w - 2)
        drawLinkedEvidence(&screen, element: element.id, selection: walkSelection, x: 1, y: row + 1, width: w - 2, height: y + height - row - 1)
    }
}
