import ArgumentParser
import Foundation
import PlannerCore

/// `mlcf new-period PATH [--start DATE]`: what Ctrl-N does in the planner, without a
/// terminal; both call `Portfolio.startNewPeriod`, so the file they leave is the same.
struct NewPeriod: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-period",
        abstract: "Archive this period and start the next one (as Ctrl-N does in the planner).",
        discussion: """
            Run it after your appraisal. This period (its ratings, its goals as reviewed, its \
            appraisal date and appraiser) goes into the portfolio's history. The plan agreed at \
            the appraisal becomes this year's goals, in progress; a goal you carried forward (or \
            did not review) is copied into them once, linked to the old one; goals achieved, \
            replaced or dropped stay in the history. Evidence stays where it is.

            It is refused while this period's review is not due yet (from 8 weeks before the \
            profile's appraisal date; without one, the period's last three months), so running \
            it twice changes nothing the second time.

            Exit status: 0 started and saved; 1 refused (nothing was changed); 2 the portfolio \
            could not be read, locked or saved (the file on disk is unchanged).
            """)

    @Argument(help: "The portfolio file.") var path: String
    @Option(help: ArgumentHelp("The day the new period starts (default: the day after this period ends).", valueName: "YYYY-MM-DD"))
    var start: CalendarDate?

    func run() throws {
        let edit = try CLI.edit(path, kept: { (_: Period) in "the portfolio in its new period" }, notDone: "no new period was started") {
            (portfolio: inout Portfolio) -> Period? in
            do { return try portfolio.startNewPeriod(start: start, today: CLI.today) } catch let refusal as NewPeriodRefusal {
                CLI.warn(TerminalSafe.text(refusal.description) + " Nothing was changed.")
                throw ExitCode(1)
            }
        }
        guard let edit else { return }
        let (next, portfolio) = (edit.result, edit.portfolio)
        let carried = portfolio.previousPdp.filter { $0.carriedFrom != nil }.count
        // The marks went with the year they were made for: said, so the doctor knows to choose afresh.
        let marks = portfolio.history.last?.broughtForward?.count ?? 0
        let kept =
            marks == 0
            ? ""
            : ", with the \(marks == 1 ? "item" : "\(marks) items") you brought into its document and why (bring \(marks == 1 ? "it" : "any") forward again for this year if \(marks == 1 ? "it still matters" : "they still matter"))"
        CLI.say(
            "Started the period \(next.start) to \(next.end) in \(TerminalSafe.text(path)): \(portfolio.previousPdp.count) goal\(portfolio.previousPdp.count == 1 ? "" : "s") this year (\(carried) carried forward); the last period is in the history\(kept)."
        )
    }
}
