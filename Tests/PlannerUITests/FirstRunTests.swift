import Foundation
import PlannerCore
import Testing

@testable import PlannerUI

/// The first run (issue 15): the welcome form asks the stage first and fills the period from
/// it; a new portfolio opens on three first things to do; "Next step" is never less severe
/// than anything else the validator found.
@Suite struct FirstRunTests {
    static func welcome(width: Int = 80, height: Int = 24) -> WelcomeState {
        var state = WelcomeState(width: width, height: height, today: fixedToday, defaultPath: "~/mlcf-portfolio.json", taxonomy: .bundled)
        _ = state.update(.character("n"))
        return state
    }

    static func period(_ state: WelcomeState) -> String { state.wizard.value("periodStart") + " to " + state.wizard.value("periodEnd") }

    // MARK: The form

    @Test func theFormAsksTheStageFirstAndChoosesNoneForTheDoctor() {
        var state = Self.welcome()
        #expect(state.step == .wizard)
        #expect(state.wizard.fields.first?.key == "stage" && state.wizard.focusedField.key == "stage")
        #expect(state.chosenStage == nil && Self.period(state) == " to ", "no stage, so no period yet")
        #expect(state.render().text.contains("(choose your stage: ← →)"))
        // A name and Ctrl-S without a stage: nothing is created, and the form says why.
        _ = state.update(.tab)
        _ = state.update(.paste("Dr Ada Okafor"))
        let submitted = state.update(.ctrl("s"))
        #expect(submitted == nil)
        #expect(state.wizard.focusedField.key == "stage")
        #expect(state.message?.hasPrefix("Stage: choose yours") == true, "\(state.message ?? "")")
    }

    @Test func choosingAStageFillsThePeriodItMeans() {
        var state = Self.welcome(width: 120)
        let expected = [
            (Stage.undergraduate, "2026-09-01 to 2027-08-31", "academic year"),
            (.postgraduate, "2026-08-01 to 2027-07-31", "training year"),
            (.continuingPractice, "2026-04-01 to 2027-03-31", "12-month appraisal"),
        ]
        for (stage, period, name) in expected {
            _ = state.update(.right)
            #expect(state.chosenStage == stage)
            #expect(Self.period(state) == period, "\(stage)")
            #expect(state.render().text.contains(name), "the note under the form names the \(name)")
        }
        // Round to "choose" again: the form's own dates go with the stage.
        _ = state.update(.right)
        #expect(state.chosenStage == nil && Self.period(state) == " to ")
    }

    @Test func datesTheDoctorTypedStayWhenTheStageChanges() {
        var state = Self.welcome()
        _ = state.update(.right)  // undergraduate
        _ = state.update(.tab); _ = state.update(.tab)  // to Period start
        #expect(state.wizard.focusedField.key == "periodStart")
        _ = state.update(.end); _ = state.update(.ctrl("u"))
        _ = state.update(.paste("2026-10-01"))
        _ = state.update(.backTab); _ = state.update(.backTab)  // back to Stage
        _ = state.update(.right)  // postgraduate
        #expect(state.chosenStage == .postgraduate)
        #expect(state.wizard.value("periodStart") == "2026-10-01", "a typed date is the doctor's, not the form's")
    }

    @Test func theFormCreatesThePortfolioForTheChosenStageAndPeriod() throws {
        var state = Self.welcome()
        _ = state.update(.right); _ = state.update(.right)  // postgraduate
        _ = state.update(.tab)
        _ = state.update(.paste("Dr Ada Okafor"))
        let submitted = state.update(.ctrl("s"))
        let effect = try #require(submitted)
        guard case .create(let path, let portfolio) = effect else { Issue.record("\(effect)"); return }
        #expect(path == "~/mlcf-portfolio.json")
        #expect(portfolio.profile.name == "Dr Ada Okafor" && portfolio.stage == .postgraduate)
        #expect(portfolio.period == Period(start: date("2026-08-01"), end: date("2027-07-31")))
    }

    @Test func aPathThatIsNotThereYetOpensOnTheFormAndEscLeaves() throws {
        var state = WelcomeState(width: 80, height: 24, today: fixedToday, defaultPath: "~/mlcf-portfolio.json", taxonomy: .bundled)
        state.offerToCreate(at: "~/appraisal/2026.json")
        #expect(state.step == .wizard && state.wizard.value("path") == "~/appraisal/2026.json")
        let text = state.render().text
        #expect(text.contains("There is no portfolio at ~/appraisal/2026.json yet. Create it there?"), "\(text)")
        #expect(text.contains("Esc leave without creating it"))
        let left = state.update(.escape)
        #expect(left == .quit, "there is no menu behind an offer: Esc leaves")
        // From the menu's own form, or an offer made from its "Open a portfolio file…", Esc
        // goes back to the menu.
        var menu = Self.welcome()
        let back = menu.update(.escape)
        #expect(back == nil && menu.step == .menu)
        menu.offerToCreate(at: "/tmp/typed.json", fromMenu: true)
        #expect(menu.render().text.contains("Esc back"))
        let backAgain = menu.update(.escape)
        #expect(backAgain == nil && menu.step == .menu && menu.offeredPath == nil)
    }

    // MARK: A new portfolio's dashboard

    static func fresh(_ stage: Stage, evidence: [Evidence] = [], width: Int = 80, height: Int = 24) -> AppState {
        let period = Period.suggested(for: stage, today: fixedToday, taxonomy: .bundled)
        var portfolio = Portfolio(profile: Profile(name: "Dr Ada Okafor", stage: stage, periodStart: period.start, periodEnd: period.end))
        portfolio.evidence = evidence
        return AppState(
            portfolio: portfolio, path: "/home/doctor/new.json", width: width, height: height, today: fixedToday,
            validator: Validator(framework: .mlcf, catalog: .bundled))
    }

    @Test(arguments: Stage.allCases)
    func aNewPortfolioOpensOnThreeFirstThingsNotOnErrors(_ stage: Stage) throws {
        var state = Self.fresh(stage)
        #expect(state.isFreshStart)
        #expect(!state.report.findings.isEmpty, "a new portfolio has plenty to do")
        let text = state.render().text
        #expect(text.contains("Three first things to do"), "\(text)")
        #expect(!text.contains("NOT READY") && !text.contains("errors ·"), "\(text)")
        #expect(text.contains("Press r for the full readiness list"), "\(text)")
        let steps = state.firstSteps()
        #expect(steps.count == 3)
        for (i, step) in steps.enumerated() { #expect(text.contains(" \(i + 1). " + step.prefix(40)), "step \(i + 1): \(step)\n\(text)") }
        // The first thing answers the most severe finding, and no two answer the same.
        let next = try #require(state.nextFinding)
        #expect(steps[0] == state.firstStep(for: state.report.findings.filter { state.firstStepKey($0) == state.firstStepKey(next) }))
        #expect(Set(steps).count == steps.count, "\(steps)")
        // r is the full list, one key away.
        state.press(.character("r"))
        #expect(state.route == .readiness)
        #expect(state.render().text.contains("Not ready yet (a new portfolio)"))
    }

    @Test func theFirstThingsAreInADoctorsWords() {
        let state = Self.fresh(.continuingPractice)
        let steps = state.firstSteps()
        #expect(steps[0].hasPrefix("Record something you did this period") && steps[0].contains("none of its 5 domains"), "\(steps)")
        #expect(steps.contains { $0.contains("GMC's supporting information") }, "\(steps)")
        #expect(steps.allSatisfy { $0.contains("(") && $0.hasSuffix(").") || $0.hasSuffix(")") }, "each says which key starts it: \(steps)")
    }

    @Test func oneItemOfEvidenceEndsTheFreshStart() {
        let state = Self.fresh(.postgraduate, evidence: [Evidence(id: "ev-1", title: "Chaired the handover", kind: .reflectiveNote, date: fixedToday)])
        #expect(!state.isFreshStart)
        let lines = state.render().text.split(separator: "\n")
        #expect(lines.contains { $0.contains("NOT READY") } && !lines.contains { $0.contains("Three first things") })
    }

    // MARK: Next step

    /// Any portfolio: "Next step" points at a finding no less severe than any other, and the
    /// dashboard shows it (or, on a fresh start, its rule comes first of the three).
    @Test func theNextStepIsNeverLessSevereThanAnyFinding() async {
        let examples = ["undergraduate", "postgraduate", "continuing-practice"].map { examplePortfolio($0) }
        await Generated.check(fixedSeed: 15_02, count: 120, maxLength: 300) { bytes in
            var choices = Choices(bytes)
            var portfolio: Portfolio
            let generated = choices.chance(3)
            if generated {
                portfolio = choices.portfolio()
            } else {
                // An example with parts taken away: every mix of errors, warnings and hints.
                portfolio = choices.pick(examples)
                portfolio.profile.stage = choices.pick(Stage.allCases)
                portfolio.evidence = portfolio.evidence.filter { _ in choices.next(4) > 0 }
                if choices.chance(3) { portfolio.evidence = [] }
                if choices.chance(3) { portfolio.pdp = [] }
                if choices.chance(3) { portfolio.previousPdp = [] }
                if choices.chance(3) { portfolio.ratings = [:] }
                if choices.chance(4) { portfolio.history = [] }
                if choices.chance(4) { portfolio.profile.appraiser = "" }
            }
            let state = AppState(
                portfolio: portfolio, path: "/home/doctor/p.json", width: 120, height: 40, today: fixedToday,
                validator: Validator(for: portfolio, catalog: .bundled))
            let findings = state.report.findings
            guard let next = state.nextFinding else {
                #expect(findings.isEmpty)
                #expect(state.nextStep.hasPrefix("Everything your stage expects is here"))
                return
            }
            for finding in findings { #expect(next.severity <= finding.severity, "next step \(next.code) is less severe than \(finding.code)") }
            #expect(state.nextStep == next.message)
            let text = state.render().text
            if state.isFreshStart {
                #expect(state.firstSteps().first == state.firstStep(for: findings.filter { state.firstStepKey($0) == state.firstStepKey(next) }))
            } else if !generated {  // generated text holds control characters the screen shows otherwise
                let line = text.split(separator: "\n").first { $0.contains("Next step: ") }
                let shown = line.map { String($0.split(separator: "Next step: ", maxSplits: 1).last ?? "").trimmingCharacters(in: .whitespaces) } ?? ""
                #expect(!shown.isEmpty && next.message.hasPrefix(shown.prefix(30)), "shown “\(shown)” for \(next.message)")
            }
        }
    }
}
