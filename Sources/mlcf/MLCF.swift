import ArgumentParser
import Foundation
import PlannerCore

/// The `mlcf` command: the terminal planner, plus verbs that work without a terminal.
/// (`main` is in EntryPoint.swift: misspelt verbs, and error messages made terminal-safe.)
@main
struct MLCF: ParsableCommand {
    /// The version `mlcf --version` prints.
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "mlcf",
        abstract: "Plan, evidence and export your medical leadership development (MLCF).",
        discussion: """
            With no verb, opens the planner on the portfolio you used last (or a welcome screen).
            `mlcf PATH` opens that portfolio. The other verbs work without a terminal.
            """,
        version: "mlcf \(version)",
        subcommands: [
            Open.self, New.self, Validate.self, Summary.self, Status.self, FrameworkCommand.self, AddEvidence.self, Declare.self,
            Export.self, NewPeriod.self, Import.self, Attach.self, Detach.self, Merge.self, GitSetup.self, Show.self,
        ],
        defaultSubcommand: Open.self
    )
}

/// Shared edge handling: any core error becomes one sentence on stderr and a clear exit code.
enum CLI {
    static func fail(_ error: any Error) -> ExitCode {
        // Already said (a nested `fail`, e.g. a path refused inside a verb's own `do`).
        if let code = error as? ExitCode { return code }
        warn(TerminalSafe.text("\(error)"))
        return ExitCode(2)
    }

    /// "Today" for validation; `MLCF_TODAY=YYYY-MM-DD` pins it (used by the tests).
    static var today: CalendarDate {
        if let pinned = ProcessInfo.processInfo.environment["MLCF_TODAY"], let date = CalendarDate(pinned) { return date }
        return .today()
    }

    /// What every verb knows besides the portfolio: the bundled data and the user's framework
    /// packs, chosen here once.
    static let catalog = Catalog.forUser(environment: ProcessInfo.processInfo.environment)
    static var taxonomy: Taxonomy { catalog.taxonomy }
    /// The validator for a portfolio: judged by the first framework it uses.
    static func validator(for portfolio: Portfolio) -> Validator { Validator(for: portfolio, catalog: catalog) }

    /// A path argument as a file URL: `~` is `$HOME` (`UserPath`, as in the planner's fields);
    /// `~name/…` stops the command with a sentence saying what to type instead.
    static func url(_ path: String) throws -> URL {
        do { return try UserPath.url(path) } catch { throw fail(error) }
    }

    /// For the verbs that read and report, then end: the portfolio is kept until the process
    /// exits, because freeing a career's items one by one is work the system does at once.
    static func load(_ path: String) throws -> Portfolio {
        let url = try url(path)
        let portfolio: Portfolio
        do { portfolio = try PortfolioStore.load(from: url) } catch { throw fail(error) }
        _ = Unmanaged.passRetained(KeptUntilExit(portfolio))
        return portfolio
    }
}

/// A portfolio deliberately never freed (see `CLI.load`).
private final class KeptUntilExit {
    let portfolio: Portfolio
    init(_ portfolio: Portfolio) { self.portfolio = portfolio }
}

extension CalendarDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension Stage: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
