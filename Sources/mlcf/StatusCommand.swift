import ArgumentParser
import Foundation
import PlannerCore

/// `mlcf status [PATH]`: one line for a shell prompt or a cron mail; no terminal needed.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print one line: what is due next, errors, and CPD credits (for a shell prompt or a cron mail).",
        discussion: """
            For example: mlcf: appraisal in 42 days · 3 errors · CPD 31/50
            With no PATH, the portfolio you used last (or \(AppLocations.defaultNewPortfolioPath)).
            Exit status: 0 the line was printed; 2 the portfolio could not be read (the line says why).
            """)

    @Argument(help: "The portfolio file (default: the one you used last).") var path: String?

    func run() throws {
        let chosen = path ?? AppLocations.lastUsed() ?? AppLocations.defaultNewPortfolioPath
        let portfolio: Portfolio
        do { portfolio = try PortfolioStore.load(from: CLI.url(chosen)) } catch {
            print(TerminalSafe.text("mlcf: cannot read \(chosen): \(error)"))
            throw ExitCode(2)
        }
        let report = CLI.validator(for: portfolio).validate(portfolio, today: CLI.today)
        print(TerminalSafe.text(StatusLine.make(portfolio, report: report, taxonomy: CLI.taxonomy, today: CLI.today)))
    }
}
