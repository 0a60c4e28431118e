import ArgumentParser
import Foundation
import PlannerCore

/// `mlcf validate PATH`: is the portfolio ready, and if not, exactly what is missing.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a portfolio against its stage's rules.",
        discussion: "Exit status: 0 ready (no errors), 1 not ready, 2 the file could not be read.")

    @Argument(help: "The portfolio file.") var path: String
    @Flag(help: "Print the findings and coverage as JSON.") var json = false

    func run() throws {
        let portfolio = try CLI.load(path)
        // Attached files are checked here, beside the file: the validator sees the portfolio only.
        let attachments = AttachmentFolder.check(portfolio, at: try CLI.url(path)).map(\.finding)
        let report = CLI.validator(for: portfolio).validate(portfolio, today: CLI.today).adding(attachments)
        if json {
            print(TerminalSafe.json(String(decoding: try ReportJSON.encode(report, portfolio: portfolio, path: path), as: UTF8.self)))
        } else {
            CLI.say(ReportText.render(report, portfolio: portfolio, path: path))
        }
        if !report.isReady { throw ExitCode(1) }
    }
}

/// The plain-text report a doctor reads in the terminal.
enum ReportText {
    /// Stored text (the path, the name, ids and titles in the findings) goes through
    /// `TerminalSafe.text`, so no value can carry a control or start a line of its own.
    static func render(_ report: ValidationReport, portfolio: Portfolio, path: String) -> String {
        let p = portfolio.profile
        let safe = TerminalSafe.text
        var lines = ["\(safe(path)): \(safe(p.name)) — \(p.stage.label), period \(p.periodStart) to \(p.periodEnd)"]
        let counts =
            "\(report.count(.error)) error\(report.count(.error) == 1 ? "" : "s"), \(report.count(.warning)) warning\(report.count(.warning) == 1 ? "" : "s"), \(report.count(.info)) info"
        lines.append(report.isReady ? "READY for your \(p.stage.reviewerTitle.lowercased()) (\(counts))" : "NOT READY: \(counts)")
        for finding in report.findings {
            lines.append(
                "  \(finding.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(safe(finding.code)) — \(safe(finding.location.label)): \(safe(finding.message))"
            )
        }
        return lines.joined(separator: "\n")
    }
}

/// The machine-readable report (`--json`).
enum ReportJSON {
    struct Body: Encodable {
        let file: String
        let ready: Bool
        let errors: Int
        let warnings: Int
        let infos: Int
        let findings: [Finding]
        let coverage: [String: CoverageEntry]
    }
    struct CoverageEntry: Encodable { let inPeriod: Int; let allTime: Int }

    static func encode(_ report: ValidationReport, portfolio: Portfolio, path: String) throws -> Data {
        var coverage: [String: CoverageEntry] = [:]
        let c = report.coverage
        for domain in CLI.validator(for: portfolio).framework.domains {
            coverage[domain.id] = CoverageEntry(inPeriod: c.domain(domain.id).inPeriod, allTime: c.domain(domain.id).allTime)
            for element in domain.elements {
                coverage[element.id] = CoverageEntry(inPeriod: c.element(element.id).inPeriod, allTime: c.element(element.id).allTime)
                for competence in element.competences {
                    coverage[competence.id] = CoverageEntry(inPeriod: c.competence(competence.id).inPeriod, allTime: c.competence(competence.id).allTime)
                }
            }
        }
        let body = Body(
            file: path, ready: report.isReady, errors: report.count(.error), warnings: report.count(.warning),
            infos: report.count(.info), findings: report.findings, coverage: coverage)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(body)
    }
}
