import Foundation
import PlannerCore

/// The past periods: the archive, newest first, and one period shown read only.
public struct PeriodsState: Equatable, Sendable {
    public var selection = 0
    /// The period on show (an index into the history), or nil for the list.
    public var viewing: Int?
    public var scroll = 0
}

extension AppState {
    /// History indices, newest first.
    var periodOrder: [Int] { Array(portfolio.history.indices.reversed()) }

    mutating func periodsKey(_ key: Key) -> [Effect] {
        guard let command = command(for: key) else { return [] }
        if periods.viewing != nil {
            // Reading one period: the movement keys scroll it, Esc goes back to the list.
            switch command {
            case .back: periods.viewing = nil; periods.scroll = 0; return []
            case .down, .pageDown, .bottom: periods.scroll += command == .down ? 1 : max(1, contentHeight - 4); return []
            case .up, .pageUp, .top: periods.scroll = max(0, periods.scroll - (command == .up ? 1 : max(1, contentHeight - 4))); return []
            case .open: return []
            default: return globalCommand(command)
            }
        }
        let order = periodOrder
        if let moved = ListSupport.move(periods.selection, command, count: order.count, page: contentHeight - 4) {
            periods.selection = moved
            return []
        }
        if command == .open, order.indices.contains(periods.selection) {
            periods.viewing = order[periods.selection]
            periods.scroll = 0
            return []
        }
        return globalCommand(command)
    }

    /// One archived period as the doctor reads it: its facts, its goals as reviewed, its texts.
    func periodLines(_ index: Int) -> [String] {
        let past = portfolio.history[index]
        var lines = ["\(past.period.yearLabel): \(past.periodStart) to \(past.periodEnd)"]
        var facts: [String] = []
        if let stage = past.stage { facts.append(stage.rawValue) }
        if let grade = past.grade, !grade.isEmpty { facts.append(grade) }
        if let appraiser = past.appraiser, !appraiser.isEmpty { facts.append("\(past.stage?.reviewerTitle ?? "Appraiser"): \(appraiser)") }
        facts.append(past.appraisalDate.map { "appraisal \($0)" } ?? "no appraisal date kept")
        lines.append(facts.joined(separator: " · "))
        let rated = past.ratings.values.filter { $0.level > 0 }.count
        lines.append("\(rated) self-rating\(rated == 1 ? "" : "s") · \(past.pdp.count) goal\(past.pdp.count == 1 ? "" : "s") reviewed")
        lines.append("")
        if !past.pdp.isEmpty { lines.append("Goals, as reviewed:") }
        for goal in past.pdp {
            lines.append("• \(goal.title) — \(taxonomy.label(of: goal.status))")
            if !goal.reviewNote.isEmpty { lines.append("  \(goal.reviewNote)") }
        }
        let texts: [(String, String?)] = [
            ("Probity statement", past.probityStatement), ("Health statement", past.healthStatement), ("Achievements", past.achievements),
            ("Challenges", past.challenges), ("Aspirations", past.aspirations),
        ]
        for (title, text) in texts {
            guard let text, !PlainText.isBlank(text) else { continue }
            lines.append("")
            lines.append(title + ":")
            lines.append(contentsOf: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        }
        lines.append("")
        lines.append("Read only. Export it again: mlcf export PATH --period \(past.period.yearLabel)")
        return lines
    }

    func drawPeriods(_ screen: inout Screen, y: Int, height: Int) {
        let w = screen.width
        if let index = periods.viewing, portfolio.history.indices.contains(index) {
            let lines = periodLines(index).flatMap { $0.isEmpty ? [""] : Wrap.lines($0, width: w - 4) }
            screen.put("Past period (read only)", x: 1, y: y, style: .heading)
            let top = min(periods.scroll, max(0, lines.count - (height - 2)))
            for (i, line) in lines.dropFirst(top).prefix(height - 2).enumerated() {
                screen.put(line, x: 2, y: y + 1 + i, style: i == 0 && top == 0 ? .bold : .plain, maxWidth: w - 3)
            }
            screen.put("↑↓ scroll · Esc: back to the list", x: 1, y: y + height - 1, style: .muted, maxWidth: w - 2)
            return
        }
        screen.put("Past periods", x: 1, y: y, style: .heading)
        let order = periodOrder
        if order.isEmpty {
            screen.put("No past periods yet: Ctrl-N in the profile archives this one after its appraisal.", x: 2, y: y + 2, style: .muted, maxWidth: w - 3)
            return
        }
        let rows = height - 3
        let top = ListSupport.top(selection: periods.selection, count: order.count, height: rows)
        for i in 0..<min(rows, order.count - top) {
            let past = portfolio.history[order[top + i]]
            let selected = top + i == periods.selection
            let line =
                ListSupport.marker(selected) + " " + DisplayWidth.pad(past.period.yearLabel, to: 9)
                + DisplayWidth.pad("\(past.periodStart) to \(past.periodEnd)", to: 27)
                + DisplayWidth.pad(past.appraisalDate.map { "appraisal \($0)" } ?? "", to: 22) + "\(past.pdp.count) goals"
            screen.put(DisplayWidth.pad(line, to: w), x: 0, y: y + 1 + i, style: selected ? .selected : .plain)
            if selected { screen.cursor = (x: 0, y: y + 1 + i) }
        }
        screen.put("Enter: view it, read only", x: 1, y: y + height - 1, style: .muted, maxWidth: w - 2)
    }
}
