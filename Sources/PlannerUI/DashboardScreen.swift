import Foundation
import PlannerCore

extension AppState {
    /// The dashboard's menu, in order: what Enter opens.
    var dashboardItems: [(label: String, route: Route)] {
        let element = currentElement
        return [
            ("Continue the walk-through (at \(element.title))", .walkthrough),
            ("Browse the framework", .framework),
            ("Evidence (\(portfolio.evidence.count) item\(portfolio.evidence.count == 1 ? "" : "s"))", .evidenceList),
            ("Personal development plan (\(portfolio.pdp.count) goal\(portfolio.pdp.count == 1 ? "" : "s"))", .pdp),
            ("Readiness (\(report.count(.error)) errors, \(report.count(.warning)) warnings)", .readiness),
            ("Profile and new period", .profile),
        ]
    }

    /// The most useful next thing to do, in one line.
    var nextStep: String {
        if let gap = validator.framework.elements.first(where: { report.coverage.element($0.id).inPeriod == 0 }) {
            return "\(gap.title) has no evidence in this period."
        }
        if let error = report.findings.first(where: { $0.severity == .error }) { return error.message }
        if let unrated = validator.framework.elements.first(where: { (portfolio.ratings[validator.framework.link($0.id)]?.level ?? 0) == 0 }) {
            return "Rate yourself on \(unrated.title)."
        }
        if let warning = report.findings.first(where: { $0.severity == .warning }) { return warning.message }
        return "Everything your stage expects is here — export it for your \(portfolio.stage.reviewerTitle.lowercased()) (e)."
    }

    mutating func dashboardKey(_ key: Key) -> [Effect] {
        guard let command = command(for: key) else { return [] }
        if let moved = ListSupport.move(dashboardSelection, command, count: dashboardItems.count, page: 6) {
            dashboardSelection = moved
            return []
        }
        if command == .open {
            let target = dashboardItems[dashboardSelection].route
            if target == .profile { openProfile() } else { go(target) }
            return []
        }
        return globalCommand(command)
    }

    func drawDashboard(_ screen: inout Screen, y: Int, height: Int) {
        let p = portfolio.profile
        let w = screen.width
        var row = y
        let role = [p.grade, p.specialty].filter { !$0.isEmpty }.joined(separator: ", ")
        screen.put(p.name, x: 1, y: row, style: .heading)
        screen.put(
            "  " + [role, p.stage.label].filter { !$0.isEmpty }.joined(separator: " · "), x: 1 + DisplayWidth.of(p.name), y: row,
            maxWidth: w - 2 - DisplayWidth.of(p.name))
        row += 1
        let reviewer = p.appraiser.isEmpty ? "" : " · \(p.stage.reviewerTitle.lowercased()) \(p.appraiser)"
        screen.put("Period \(p.periodStart) to \(p.periodEnd)\(reviewer)", x: 1, y: row, maxWidth: w - 2)
        row += 1
        let ready = report.isReady
        let x = screen.put(ready ? "✓ READY" : "✗ NOT READY", x: 1, y: row, style: ready ? CellStyle(.good, bold: true) : .error)
        screen.put(
            "  \(report.count(.error)) errors · \(report.count(.warning)) warnings · \(report.count(.info)) info   (r: see the list)", x: x, y: row,
            maxWidth: w - x - 1)
        row += 2
        let barWidth = max(8, min(20, w - 64))
        screen.put(
            DisplayWidth.pad("Domain", to: 40) + DisplayWidth.pad("elements", to: barWidth + 7) + "evidence in period", x: 1, y: row, style: .muted,
            maxWidth: w - 2)
        row += 1
        for domain in validator.framework.domains {
            let covered = report.coverage.elementsCovered(in: domain)
            let all = max(1, domain.elements.count)
            let filled = covered * barWidth / all
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
            let mark = covered == all ? "✓" : (covered == 0 ? "✗" : "◐")
            screen.put("\(mark) " + DisplayWidth.pad(domain.title, to: 38), x: 1, y: row, maxWidth: w - 2)
            screen.put(bar, x: 41, y: row, style: covered == all ? .good : (covered == 0 ? .error : .warning))
            screen.put(" \(covered)/\(all)   \(report.coverage.domain(domain.id).inPeriod)", x: 41 + barWidth, y: row)
            row += 1
        }
        row += 1
        let open = portfolio.pdp.filter { $0.status == .inProgress }.count
        let reviewed = portfolio.previousPdp.filter { [.achieved, .carriedForward, .dropped].contains($0.status) && !$0.reviewNote.isEmpty }.count
        screen.put(
            "PDP: \(portfolio.pdp.count) goal\(portfolio.pdp.count == 1 ? "" : "s") for next period (\(open) in progress) · last period: \(reviewed)/\(portfolio.previousPdp.count) reviewed",
            x: 1, y: row, maxWidth: w - 2)
        row += 1
        // The menu and the next step stay whole: the block gives way first.
        row = drawDateLines(&screen, row: row, bottom: y + height, reserved: dashboardItems.count + 2)
        screen.put("Next step: ", x: 1, y: row, style: .bold)
        screen.put(nextStep, x: 12, y: row, style: .accent, maxWidth: w - 13)
        row += 2
        for (i, item) in dashboardItems.enumerated() where row < y + height {
            let selected = i == dashboardSelection
            screen.put((selected ? "▸ " : "  ") + item.label, x: 1, y: row, style: selected ? .selected : .plain, maxWidth: w - 2)
            row += 1
        }
    }
}
