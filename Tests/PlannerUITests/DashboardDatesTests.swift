import PlannerCore
import Testing

@testable import PlannerUI

/// Issue 15: the dashboard shows the CPD credits against the guidance and counts down to the
/// next date the doctor works to; the profile form edits those dates.
@Suite struct DashboardDatesTests {
    static func state(_ change: (inout Portfolio) -> Void, width: Int = 80, height: Int = 24) -> AppState {
        var portfolio = examplePortfolio("continuing-practice")
        change(&portfolio)
        return AppState(
            portfolio: portfolio, path: "/home/doctor/p.json", width: width, height: height, today: fixedToday,
            validator: Validator(framework: .mlcf, catalog: .bundled))
    }

    @Test func theDashboardShowsTheCreditsAndWhatIsDueAndKeepsItsMenuWholeAt80x24() {
        let state = Self.state { $0.profile.appraisalDate = fixedToday.adding(days: 42) }
        let text = state.render().text
        // One row is free at 80×24: the credits and what is due share it.
        #expect(text.contains(" CPD 54/50 · appraisal in 6 weeks: send your documents 2 weeks before\n"), "\(text)")
        #expect(text.contains("Profile and new period"), "the menu lost its last item:\n\(text)")
        let tall = Self.state({ $0.profile.appraisalDate = fixedToday.adding(days: 42) }, width: 120, height: 40).render().text
        #expect(tall.contains("CPD: 54 of 50 credits this period · 60 of 250 in the cycle to 2026-09-30"))
        #expect(tall.contains("Due: appraisal in 6 weeks: send your documents 2 weeks before"))
        #expect(tall.contains("cycle 2021-10-01 to 2026-09-30: 5 years to period end (no revalidation date)"))
    }

    @Test func theCycleFollowsTheRevalidationDateAndADoctorWithNoDatesIsToldToSetThem() {
        let tall = Self.state({ $0.profile.revalidationDate = date("2027-06-30") }, width: 120, height: 40).render().text
        #expect(tall.contains("cycle 2022-07-01 to 2027-06-30: 5 years to your revalidation date"))
        #expect(tall.contains("Due: revalidation in 7 months: your RO makes a recommendation"))
        let none = Self.state({ _ in }, width: 120, height: 40).render().text
        #expect(none.contains("Due: set your appraisal and revalidation dates in your profile"))
    }

    @Test func aTraineesDashboardHasNoCreditsToCount() {
        let text = makeState("postgraduate").render().text
        #expect(!text.contains("CPD:") && !text.contains("Due:"))
    }

    @Test func theProfileFormEditsTheDatesAndRefusesOneThatIsNotReal() {
        var state = makeState()
        state.press(.character("u"))
        #expect(state.profileForm?.fields.contains { $0.key == "responsibleOfficer" } == true)
        state.profileForm?.focus(on: "appraisalDate")
        state.press(.character("e"))  // the profile is a view until a field is chosen for editing
        state.type("2027-02-30")
        state.press(.ctrl("s"))
        #expect(state.portfolio.profile.appraisalDate == nil && state.profileForm != nil)
        state.profileForm?.focus(on: "appraisalDate")
        state.press(.ctrl("u"))
        state.type("2027-02-28")
        state.profileForm?.focus(on: "revalidationDate")
        state.type("2029-01-31")
        state.profileForm?.focus(on: "responsibleOfficer")
        state.type("Dr Ní Bhriain, RO; 李")
        let effects = state.press(.ctrl("s"))
        #expect(effects.contains(.save))
        #expect(state.portfolio.profile.appraisalDate == date("2027-02-28"))
        #expect(state.portfolio.profile.revalidationDate == date("2029-01-31"))
        #expect(state.portfolio.profile.responsibleOfficer == "Dr Ní Bhriain, RO; 李")
        #expect(state.portfolio.profile.designatedBody == nil)
    }
}
