import ArgumentParser
import Foundation
import PlannerCore

/// `mlcf declare PATH TYPE [--note TEXT] [--undo]`: a nil return from the shell. Many
/// appraisal years have no significant events or complaints; the GMC asks the doctor to say
/// so, and a declared type then counts as complete. The planner's `n` on the readiness list
/// calls the same core function (`Portfolio.declareNone`).
struct Declare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Declare that this period has none of a GMC type of supporting information (a nil return), or withdraw it.",
        discussion: """
            TYPE is one of the six GMC types: \(CLI.taxonomy.supportingInfoTypes.map(\.id).joined(separator: ", ")). \
            The declaration belongs to the current period; a new period starts without any. Declaring a type \
            that has evidence this period is allowed but reported as a warning by mlcf validate.

            Exit status: 0 saved, 2 the portfolio could not be read or saved, 64 TYPE is not a GMC type.
            """)

    @Argument(help: "The portfolio file.") var path: String
    @Argument(help: "The GMC supporting-information type, e.g. significant-events.") var type: String
    @Option(help: "A note for your appraiser, e.g. \"no incidents reported this year\".") var note: String?
    @Flag(help: "Withdraw the declaration.") var undo = false

    func validate() throws {
        if undo && note != nil { throw ValidationError("--undo withdraws the declaration; it takes no --note.") }
        if CLI.taxonomy.supportingInfoType(type) == nil {
            throw ValidationError(
                "“\(type)” is not a GMC type of supporting information; choose one of \(CLI.taxonomy.supportingInfoTypes.map(\.id).joined(separator: ", ")).")
        }
    }

    func run() throws {
        let words = CLI.taxonomy.supportingInfoType(type)?.none ?? type
        let what = undo ? "the withdrawal" : "the declaration"
        let edit = try CLI.edit(path, kept: { (_: Void) in "the portfolio with \(what)" }, notDone: "\(what) was not saved") {
            (portfolio: inout Portfolio) -> Void? in
            if undo && portfolio.profile.declaredNone[type] == nil {
                CLI.say("Nothing to withdraw: “\(words)” was not declared for \(portfolio.period.yearLabel).")
                return nil
            }
            portfolio.declareNone(type, note: undo ? nil : (note ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
            return ()
        }
        guard let portfolio = edit?.portfolio else { return }
        let period = portfolio.period.yearLabel
        CLI.say(undo ? "Withdrew “\(words)” for \(period)." : "Declared “\(words)” for \(period).")
        let present = portfolio.evidence.contains { portfolio.period.contains($0.date) && $0.supportingInfoTypes(CLI.taxonomy).contains(type) }
        if !undo && present {
            CLI.warn("note: evidence of this type is dated in \(period); mlcf validate reports the declaration as contradicting it.")
        }
    }
}
