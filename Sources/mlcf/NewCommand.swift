import ArgumentParser
import Foundation
import PlannerCore

/// `mlcf new PATH …`: starts an empty portfolio for one doctor and period.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a new, empty portfolio file.")

    @Argument(help: "Where to create it (an existing file is never replaced).") var path: String
    @Option(help: "Your name as it should appear for your appraiser or supervisor.") var name: String
    @Option(help: "Your career stage: undergraduate, postgraduate or continuing-practice.") var stage: Stage
    @Option(help: "First day of the review period (YYYY-MM-DD); without it, the start of your stage's year that holds today.")
    var periodStart: CalendarDate?
    @Option(help: "Last day of the review period (YYYY-MM-DD); without it, a year from the start.") var periodEnd: CalendarDate?
    @Option(help: "Your 7-digit GMC reference number (optional).") var gmcNumber: String?
    @Option(help: "Grade or year, e.g. \"ST4\" or \"Year 3\".") var grade = ""
    @Option(help: "Specialty.") var specialty = ""
    @Option(help: "Organisation or medical school.") var organisation = ""
    @Option(help: "Your appraiser, educational supervisor or tutor.") var appraiser = ""

    func validate() throws {
        if name.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--name must not be empty.") }
        if let periodStart, let periodEnd, periodStart > periodEnd {
            throw ValidationError("--period-start (\(periodStart)) is after --period-end (\(periodEnd)).")
        }
        if let gmc = gmcNumber, let problem = InputRules.gmcNumberProblem(gmc) {
            throw ValidationError("--gmc-number: \(TerminalSafe.text(problem)).")
        }
    }

    /// The period asked for; a bound not given follows from the other (a year apart) or, with
    /// neither, from the stage (`Period.suggested`, as the first-run form offers).
    var period: Period {
        switch (periodStart, periodEnd) {
        case (let start?, let end?): return Period(start: start, end: end)
        case (let start?, nil): return Period(start: start, end: start.adding(years: 1).adding(days: -1))
        case (nil, let end?): return Period(start: end.adding(years: -1).adding(days: 1), end: end)
        case (nil, nil): return Period.suggested(for: stage, today: CLI.today, taxonomy: CLI.taxonomy)
        }
    }

    func run() throws {
        let period = period
        let url = try CLI.url(path)
        let profile = Profile(
            name: name.trimmingCharacters(in: .whitespaces), stage: stage, periodStart: period.start, periodEnd: period.end,
            gmcNumber: gmcNumber, grade: grade, specialty: specialty, organisation: organisation, appraiser: appraiser)
        do {
            try PortfolioStore.create(Portfolio(profile: profile), at: url)
        } catch { throw CLI.fail(error) }
        CLI.say("Created \(TerminalSafe.text(url.path)) for \(TerminalSafe.text(profile.name)) (\(stage.label), \(period.start) to \(period.end)).")
    }
}
