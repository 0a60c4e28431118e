import ArgumentParser
import Foundation
import PlannerCore

/// `mlcf [open] [PATH]`: the interactive planner.
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open the planner (the default when no verb is given).")

    @Argument(help: "The portfolio to open; without it, the one used last.") var path: String?

    func run() throws {
        // The terminal planner is wired in by the UI layer; until then show the summary.
        let target = path ?? "Resources/examples/continuing-practice.json"
        let portfolio = try CLI.load(target)
        print(CoverageTable.render(portfolio, report: Validator().validate(portfolio, today: CLI.today)))
    }
}
