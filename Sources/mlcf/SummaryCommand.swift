import ArgumentParser
import Foundation
import PlannerCore

/// `mlcf summary PATH`: the coverage table, domain by element, in the terminal.
struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show evidence coverage and self-ratings per domain and element.")

    @Argument(help: "The portfolio file.") var path: String

    func run() throws {
        let portfolio = try CLI.load(path)
        let validator = CLI.validator(for: portfolio)
        let report = validator.validate(portfolio, today: CLI.today)
        CLI.say(CoverageTable.render(portfolio, report: report, framework: validator.framework, taxonomy: CLI.taxonomy, today: CLI.today))
    }
}

enum CoverageTable {
    /// The coverage of `framework`, the one the report's coverage was counted for.
    static func render(_ portfolio: Portfolio, report: ValidationReport, framework: Framework, taxonomy: Taxonomy, today: CalendarDate) -> String {
        let p = portfolio.profile
        let c = report.coverage
        var out = [
            "\(TerminalSafe.text(p.name)) — \(p.stage.label), period \(p.periodStart) to \(p.periodEnd)",
            "\(c.evidenceInPeriod) evidence item\(c.evidenceInPeriod == 1 ? "" : "s") in period, \(c.evidenceTotal) in all",
        ]
        out += yearLines(portfolio, taxonomy: taxonomy, today: today)
        out += ["", "   element                                      period  all  competences  rating"]
        for domain in framework.domains {
            out.append(
                "\(domain.title)  (\(c.elementsCovered(in: domain))/\(domain.elements.count) \(Framework.plural(framework.levelNames.unit)), \(c.domain(domain.id).inPeriod) in period)"
            )
            for element in domain.elements {
                let count = c.element(element.id)
                let covered = element.competences.filter { c.competence($0.id).inPeriod > 0 }.count
                let rating = portfolio.ratings[framework.link(element.id)]?.level ?? 0
                let mark = count.inPeriod == 0 ? "✗" : "✓"
                let name = "\(element.id) \(element.name)"
                out.append(
                    " \(mark) \(pad(name, 44)) \(lpad("\(count.inPeriod)", 6)) \(lpad("\(count.allTime)", 4))  \(lpad("\(covered)/4", 11))  \(rating == 0 ? "–" : "\(rating)/4")"
                )
            }
        }
        out.append("")
        out.append(
            report.isReady
                ? "Ready: no errors."
                : "Not ready: \(report.count(.error)) error(s); run `mlcf validate \(portfolio.profile.name.isEmpty ? "FILE" : "FILE")` for the list.")
        return out.joined(separator: "\n")
    }

    /// The CPD figures (for a stage the guidance is for), the cycle they count, and what is due next.
    static func yearLines(_ portfolio: Portfolio, taxonomy: Taxonomy, today: CalendarDate) -> [String] {
        var lines: [String] = []
        if let cpd = CPDFigures.shown(for: portfolio, taxonomy: taxonomy) {
            lines.append("CPD: \(cpd.headline)")
            lines.append("  (\(cpd.cycleText))")
        }
        if let due = DueDates.next(portfolio.profile, taxonomy: taxonomy, today: today) { lines.append("Due: " + due.text) }
        return lines
    }

    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? String(s.prefix(n)) : s + String(repeating: " ", count: n - s.count) }
    static func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
}
