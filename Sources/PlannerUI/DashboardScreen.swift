import Foundation
import PlannerCore

extension AppState {
    /// The dashboard's menu, in order: what Enter opens.
    var dashboardItems: [(label: String, route: Route)] {
        let element = currentElement
        let resolve: [(label: String, route: Route)] = conflicts.isEmpty ? [] : [("Merge conflicts (\(conflicts.count) to resolve)", .conflicts)]
        return resolve + [
            ("Continue the walk-through (at \(element.title))", .walkthrough),
            ("Browse the framework", .framework),
            ("Evidence (\(portfolio.evidence.count) item\(portfolio.evidence.count == 1 ? "" : "s"))", .evidenceList),
            ("Personal development plan (\(portfolio.pdp.count) goal\(portfolio.pdp.count == 1 ? "" : "s"))", .pdp),
            (isFreshStart ? "Readiness: the full list (r)" : "Readiness (\(report.count(.error)) errors, \(report.count(.warning)) warnings)", .readiness),
            ("Profile and new period", .profile),
        ]
    }

    /// The most useful next thing to do, in one line: the most severe finding first (an error
    /// before any warning), so the dashboard never sends the doctor past what blocks readiness.
    var nextStep: String {
        if let finding = nextFinding { return finding.message }
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
        if isFreshStart { return drawFirstSteps(&screen, y: row + 1, bottom: y + height) }
        let ready = report.isReady
        let x = screen.put(ready ? "✓ READY" : "✗ NOT READY", x: 1, y: row, style: ready ? CellStyle(.good, bold: true) : .error)
        screen.put(
            "  \(report.count(.error)) errors · \(report.count(.warning)) warnings · \(report.count(.info)) info   (r: see the list)", x: x, y: row,
            maxWidth: w - x - 1)
        row += 1
        if let conflictsLine {
            screen.put(conflictsLine, x: 1, y: row, style: .warning, maxWidth: w - 2)
        }
        row += 1
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
        screen.put(pdpLine, x: 1, y: row, maxWidth: w - 2)
        row += 1
        // The menu and the next step stay whole: the block gives way first.
        row = drawDateLines(&screen, row: row, bottom: y + height, reserved: dashboardItems.count + 2)
        screen.put("Next step: ", x: 1, y: row, style: .bold)
        screen.put(nextStep, x: 12, y: row, style: .accent, maxWidth: w - 13)
        drawDashboardMenu(&screen, y: row + 2, bottom: y + height)
    }
}

extension AppState {
    /// The plan in one line, in `GoalList`'s words: this year's goals in progress (or, once the
    /// review is due, how many are reviewed), and how many goals are proposed for next year.
    var pdpLine: String {
        let thisYear = portfolio.previousPdp
        let standing: String
        if portfolio.isReviewDue(today: today) {
            let reviewed = thisYear.filter { $0.status.isReviewed && !PlainText.isBlank($0.reviewNote) }.count
            standing = "\(reviewed)/\(thisYear.count) reviewed"
        } else {
            standing = "\(thisYear.count) in progress"
        }
        return "PDP: \(GoalList.thisYear.tab): \(standing) · \(GoalList.proposed.tab): \(portfolio.pdp.count)"
    }
}
