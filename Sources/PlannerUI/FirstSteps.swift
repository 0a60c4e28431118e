import Foundation
import PlannerCore

/// A new portfolio is a start, not a failure: instead of "5 errors · 41 warnings" the
/// dashboard shows the first three things to do, taken from the validator's findings (the
/// most severe first) and said the way a doctor would say them. The full readiness list is
/// still one key away (r).
extension AppState {
    /// Nothing recorded yet: no evidence, goals, ratings or earlier periods.
    var isFreshStart: Bool {
        portfolio.evidence.isEmpty && portfolio.pdp.isEmpty && portfolio.previousPdp.isEmpty && portfolio.ratings.isEmpty
            && portfolio.history.isEmpty
    }

    /// The finding "Next step" points at: the first of the most severe ones, whatever order
    /// the report lists them in.
    var nextFinding: Finding? { report.findings.min { $0.severity < $1.severity } }

    /// The first things to do: one per thing the doctor would do (the coverage rules are all
    /// "record evidence"), in the order of their most severe finding.
    func firstSteps(limit: Int = 3) -> [String] {
        var groups: [(key: String, findings: [Finding])] = []
        for finding in report.findings.sorted(by: { $0.severity < $1.severity }) {
            let key = firstStepKey(finding)
            if let index = groups.firstIndex(where: { $0.key == key }) {
                groups[index].findings.append(finding)
            } else if groups.count < limit {
                groups.append((key, [finding]))
            }
        }
        return groups.map { firstStep(for: $0.findings) }
    }

    /// Findings that one action answers share a key: the coverage checks, or else the rule.
    func firstStepKey(_ finding: Finding) -> String {
        switch check(of: finding) {
        case .domainCoverage?, .elementCoverage?, .domainKindVariety?: return "coverage"
        default: return finding.code
        }
    }

    private func check(of finding: Finding) -> CheckKind? { validator.rules.rules.first { $0.code == finding.code }?.check }

    /// "none of its 5 domains has any yet", "2 of its 5 domains have none yet".
    private static func gap(_ count: Int, of total: Int, _ noun: String) -> String {
        count >= total ? "none of its \(total) \(noun) has any yet" : "\(count) of its \(total) \(noun) \(count == 1 ? "has" : "have") none yet"
    }

    /// One group's findings as one thing to do, with the key that starts it.
    func firstStep(for findings: [Finding]) -> String {
        let first = findings[0]
        let count = findings.count
        let framework = validator.framework
        let reviewer = portfolio.stage.reviewerTitle.lowercased()
        switch check(of: first) {
        case .domainCoverage?, .elementCoverage?, .domainKindVariety?:
            let domains = findings.filter { check(of: $0) == .domainCoverage }.count
            let elements = findings.filter { check(of: $0) == .elementCoverage }.count
            let gap =
                domains > 0
                ? Self.gap(domains, of: framework.domains.count, "domains")
                : elements > 0
                    ? Self.gap(elements, of: framework.elements.count, "elements")
                    : "\(count) of its domains need a second kind of evidence"
            return "Record something you did this period and link it to the framework: \(gap) (v, then a)."
        case .supportingInfo?:
            let gap = Self.gap(count, of: validator.taxonomy.supportingInfoTypes.count, "types")
            return "Gather the GMC's supporting information for appraisal: \(gap) (v, then a; the kind of evidence decides the type)."
        case .pdpGoals?:
            return "Write at least one goal \(GoalList.proposed.tab) in your personal development plan (p, then a)."
        case .previousPdpReview?:
            return "Review \(GoalList.thisYear.tab): achieved, carried forward, replaced or dropped, with a note (p, then Tab)."
        case .selfRating?:
            return "Rate yourself on each element as you go: the walk-through takes you through them (w)."
        case .declarations?:
            return "Make your probity and health declarations in your profile (u)."
        case .scopeOfWork?:
            return "Describe your scope of work: your roles and where you work (u)."
        case .reviewerNamed?:
            return "Name your \(reviewer) in your profile (u)."
        case .kindInWindow?:
            let rule = validator.rules.rules.first { $0.code == first.code }
            let label = rule?.kind.map { validator.taxonomy.label(of: $0) } ?? "it"
            let window = rule?.windowYears.map { "in the last \($0) years" } ?? "in this period"
            return "Arrange \(label.prefix(1).lowercased() + label.dropFirst()): there is none \(window) yet (v, then a when you have it)."
        case .cpdCredits?:
            return "Log your CPD as you go (1 credit = 1 hour). " + first.message + " (v, then a)"
        default:
            return count == 1 ? first.message : "\(first.message) (and \(count - 1) more like it: r)"
        }
    }

    /// The fresh-start part of the dashboard, from row `y`: the three first things, the key
    /// to the full list, then the menu. Returns nothing: it fills the rest of the dashboard.
    func drawFirstSteps(_ screen: inout Screen, y: Int, bottom: Int) {
        let w = screen.width
        var row = y
        screen.put("A new portfolio. Three first things to do:", x: 1, y: row, style: .heading, maxWidth: w - 2)
        row += 1
        for (i, step) in firstSteps().enumerated() {
            for (j, line) in Wrap.lines(step, width: w - 7).prefix(2).enumerated() where row < bottom {
                screen.put(j == 0 ? " \(i + 1). " : "", x: 1, y: row, style: .bold)
                screen.put(line, x: 5, y: row, style: i == 0 ? .accent : .plain, maxWidth: w - 6)
                row += 1
            }
        }
        let what = "everything your \(portfolio.stage.reviewerTitle.lowercased()) will look for"
        for line in Wrap.lines("Press r for the full readiness list: \(what).", width: w - 2).prefix(2) where row < bottom {
            screen.put(line, x: 1, y: row, style: .muted, maxWidth: w - 2)
            row += 1
        }
        drawDashboardMenu(&screen, y: row + 1, bottom: bottom)
    }

    /// The dashboard's menu, from row `y` while rows remain.
    func drawDashboardMenu(_ screen: inout Screen, y: Int, bottom: Int) {
        var row = y
        for (i, item) in dashboardItems.enumerated() where row < bottom {
            let selected = i == dashboardSelection
            screen.put(ListSupport.marker(selected) + " " + item.label, x: 1, y: row, style: selected ? .selected : .plain, maxWidth: screen.width - 2)
            row += 1
        }
    }
}
