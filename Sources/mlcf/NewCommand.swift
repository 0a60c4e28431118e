import ArgumentParser
import Foundation
import PlannerCore

/// `mlcf new PATH …`: starts an empty portfolio for one doctor and period.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a new, empty portfolio file.")

    @Argument(help: "Where to create it (an existing file is never replaced).") var path: String
    @Option(help: "Your name as it should appear for your appraiser or supervisor.") var name: String
    @Option(help: "Your career stage: undergraduate, postgraduate or continuing-practice.") var stage: Stage
    @Option(help: "First day of the review period (YYYY-MM-DD).") var periodStart: CalendarDate
    @Option(help: "Last day of the review period (YYYY-MM-DD).") var periodEnd: CalendarDate
    @Option(help: "Your 7-digit GMC reference number (optional).") var gmcNumber: String?
    @Option(help: "Grade or year, e.g. \"ST4\" or \"Year 3\".") var grade = ""
    @Option(help: "Specialty.") var specialty = ""
    @Option(help: "Organisation or medical school.") var organisation = ""
    @Option(help: "Your appraiser, educational supervisor or tutor.") var appraiser = ""

    func validate() throws {
        if name.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--name must not be empty.") }
        if periodStart > periodEnd { throw ValidationError("--period-start (\(periodStart)) is after --period-end (\(periodEnd)).") }
        if let gmc = gmcNumber, let problem = InputRules.gmcNumberProblem(gmc) {
            throw ValidationError("--gmc-number: \(TerminalSafe.text(problem)).")
        }
    }

    func run() throws {
        let profile = Profile(
            name: name.trimmingCharacters(in: .whitespaces), stage: stage, periodStart: periodStart, periodEnd: periodEnd,
            gmcNumber: gmcNumber, grade: grade, specialty: specialty, organisation: organisation, appraiser: appraiser)
        do {
            try PortfolioStore.create(Portfolio(profile: profile), at: CLI.url(path))
        } catch { throw CLI.fail(error) }
        CLI.say("Created \(TerminalSafe.text(path)) for \(TerminalSafe.text(profile.name)) (\(stage.label), \(periodStart) to \(periodEnd)).")
    }
}
