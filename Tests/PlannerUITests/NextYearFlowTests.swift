import PlannerCore
import Testing

@testable import PlannerUI

/// Issue 15, "The next year", through the update function: Ctrl-N as an appraisal year runs.
@Suite struct NextYearFlowTests {
    /// The example's appraisal is done (today is after its period): Ctrl-N, then y.
    static func afterNewPeriod() -> AppState {
        var state = makeState()
        state.press(.character("u"), .ctrl("n"), .character("y"))
        return state
    }

    @Test func ctrlNIsTheCoresNewPeriod() throws {
        var expected = examplePortfolio()
        try expected.startNewPeriod(today: fixedToday)
        let state = Self.afterNewPeriod()
        #expect(state.portfolio == expected)
        #expect(try PortfolioStore.encode(state.portfolio) == PortfolioStore.encode(expected), "the file Ctrl-N saves is the core's")
    }

    @Test func theAgreedGoalsAreThisYearsAndInProgressNotErrors() {
        let before = examplePortfolio()
        let state = Self.afterNewPeriod()
        #expect(state.portfolio.previousPdp.map(\.id) == before.pdp.map(\.id))
        #expect(state.portfolio.previousPdp.allSatisfy { $0.status == .inProgress })
        #expect(!state.report.findings.contains { $0.code == "pdp.review" || $0.code == "pdp.goals" })
        var review = state
        review.press(.character("p"), .tab)
        #expect(review.pdp.reviewing)
        #expect(!review.render().text.contains("! "), "no goal of this year is flagged")
    }

    /// The example's carried goal was rewritten in the plan (linked): it does not come twice,
    /// and the replaced/achieved/dropped goals stay in the archive.
    @Test func aCarriedGoalComesOnceAndTheRestStayArchived() {
        let before = examplePortfolio()
        let state = Self.afterNewPeriod()
        #expect(state.portfolio.previousPdp.filter { $0.carriedFrom == "cp-pdp-2526-02" }.count == 1)
        #expect(!state.portfolio.previousPdp.contains { ["cp-pdp-2526-01", "cp-pdp-2526-03"].contains($0.id) })
        #expect(state.portfolio.history.last?.pdp == before.previousPdp)
    }

    @Test func aSecondCtrlNIsRefusedAndSaysWhy() {
        var state = Self.afterNewPeriod()
        let once = state.portfolio
        let effects = state.press(.character("u"), .ctrl("n"), .character("y"))
        #expect(state.portfolio == once)
        #expect(!effects.contains(.save))
        #expect(state.statusIsError)
        #expect(state.status?.contains("Too early") == true)
        #expect(state.status?.contains("2027-07-01") == true, "it says when the review falls due")
    }

    @Test func aGoalForThisYearIsAddedToThisYearsList() {
        var state = Self.afterNewPeriod()
        state.press(.character("p"), .tab, .character("a"))
        #expect(state.goalEditor?.isPrevious == true)
        state.type("Teach the new registrars")
        state.press(.ctrl("s"))
        #expect(state.portfolio.previousPdp.last?.title == "Teach the new registrars")
        #expect(state.portfolio.pdp.isEmpty)
    }

    /// Editing a carried goal keeps its link to the old one (the form does not show it).
    @Test func editingACarriedGoalKeepsItsLink() throws {
        var state = Self.afterNewPeriod()
        let index = try #require(state.portfolio.previousPdp.firstIndex { $0.carriedFrom != nil })
        let id = state.portfolio.previousPdp[index].id
        state.press(.character("p"), .tab)
        state.pdp.selection = index
        state.press(.enter)
        state.goalEditor?.form.focus(on: "reviewNote")
        state.type("Clinic protocol agreed.")
        state.press(.ctrl("s"))
        #expect(state.portfolio.goal(withID: id)?.reviewNote == "Clinic protocol agreed.")
        #expect(state.portfolio.goal(withID: id)?.carriedFrom == "cp-pdp-2526-02")
    }

    @Test func replacedIsAReviewOutcomeToChoose() {
        var state = makeState()
        state.press(.character("p"), .tab, .enter)
        let options = state.goalEditor?.form.fields.first { $0.key == "status" }.map { "\($0)" } ?? ""
        #expect(options.contains("Replaced by a new goal"))
    }

    /// The new year's texts start empty; Ctrl-Y on the field brings back last year's words.
    @Test func ctrlYCopiesLastYearsTextIntoThisYearsField() {
        var state = Self.afterNewPeriod()
        let last = state.portfolio.history.last?.probityStatement ?? ""
        #expect(!last.isEmpty && state.portfolio.profile.probityStatement.isEmpty)
        state.press(.character("u"))
        state.profileForm?.focus(on: "probityStatement")
        state.press(.character("e"))  // the profile is a view until a field is chosen for editing
        #expect(state.render().text.contains("Ctrl-Y: copy last year's text"))
        state.press(.ctrl("y"))
        #expect(state.profileForm?.value("probityStatement") == last)
        state.press(.ctrl("s"))
        #expect(state.portfolio.profile.probityStatement == last)
    }

    @Test func ctrlYElsewhereCopiesNothing() {
        var state = Self.afterNewPeriod()
        state.press(.character("u"))
        state.profileForm?.focus(on: "name")
        let before = state.profileForm
        state.press(.ctrl("y"))
        #expect(state.profileForm == before)
        #expect(state.status?.contains("Ctrl-Y works in") == true)
    }

    /// The archive can be looked at in the planner: a list of past periods, newest first;
    /// Enter shows one read only, Esc goes back to the list, nothing can change it.
    @Test func aPastPeriodIsViewedReadOnly() {
        var state = Self.afterNewPeriod()
        let archive = state.portfolio.history
        state.press(.character("u"), .ctrl("p"))
        #expect(state.route == .periods)
        let list = state.render().text
        #expect(list.contains("2025-26") && list.contains("2024-25") && list.contains("2023-24"))
        #expect(list.range(of: "2025-26")!.lowerBound < list.range(of: "2024-25")!.lowerBound, "newest first")
        state.press(.enter)
        #expect(state.periods.viewing == archive.count - 1)
        let shown = state.render().text
        #expect(shown.contains("Past period (read only)") && shown.contains("2025-10-01 to 2026-09-30"))
        #expect(shown.contains("Carried forward"), "its goals as reviewed")
        state.press(.character("a"), .character("x"), .enter, .ctrl("s"))
        #expect(state.portfolio.history == archive)
        state.press(.escape)
        #expect(state.periods.viewing == nil && state.route == .periods)
        state.press(.escape)
        #expect(state.route == .profile && state.profileForm != nil, "Esc comes back to the profile it was opened from")
        #expect(state.render().text.contains("GMC number"), "the profile is drawn, not an empty screen")
    }

    @Test func theArchivedTextsAreShownInThePeriod() {
        var state = Self.afterNewPeriod()
        let probity = state.portfolio.history.last?.probityStatement ?? ""
        #expect(!probity.isEmpty)
        state = AppState(
            portfolio: state.portfolio, path: "/x.json", width: 120, height: 80, today: fixedToday,
            validator: Validator(framework: .mlcf, catalog: .bundled))
        state.press(.character("u"), .ctrl("p"), .enter)
        #expect(state.render().text.contains("Probity statement:"))
        #expect(state.periodLines(state.portfolio.history.count - 1).joined(separator: "\n").contains(probity))
    }
}
