import PlannerCore
import TestSupport
import Testing

@testable import PlannerUI

/// One set of words for the two goal lists (`GoalList`), and this year's goals offered for
/// review only once the core says the review is due (`Portfolio.isReviewDue`).
@Suite struct GoalListWordsTests {
    static let oldWords = ["last period", "next period", "Last period", "Edit goal"]

    static func screens(_ state: AppState) -> [String] {
        var pdp = state
        pdp.press(.character("p"))
        var thisYear = pdp
        thisYear.press(.tab)
        var form = thisYear
        form.press(.enter)
        return [state.render().text, pdp.render().text, thisYear.render().text, form.render().text]
    }

    @Test func rightAfterANewPeriodThisYearsGoalsAreInProgressNotDue() {
        let state = NextYearFlowTests.afterNewPeriod()
        let portfolio = state.portfolio
        #expect(!portfolio.isReviewDue(today: state.today))
        let (dashboard, _, thisYear, form) = Self.unpack(Self.screens(state))
        #expect(dashboard.contains("PDP: this year's goals: \(portfolio.previousPdp.count) in progress · proposed for next year: 0"), "\(dashboard)")
        #expect(thisYear.contains("This year's goals (agreed at the appraisal)"))
        #expect(thisYear.contains("In progress: due for review from \(portfolio.reviewDueFrom)"), "\(thisYear)")
        #expect(form.contains("This year's goal (in progress)") && !form.contains("Review this year's goal"), "\(form)")
        for screen in [dashboard, thisYear, form] {
            for old in Self.oldWords { #expect(!screen.contains(old), "“\(old)” on:\n\(screen)") }
        }
    }

    @Test func onceTheReviewIsDueItIsOfferedAsDue() {
        var state = NextYearFlowTests.afterNewPeriod()
        state.today = state.portfolio.reviewDueFrom
        let (dashboard, proposed, thisYear, form) = Self.unpack(Self.screens(state))
        #expect(dashboard.contains("PDP: this year's goals: 0/\(state.portfolio.previousPdp.count) reviewed"), "\(dashboard)")
        #expect(proposed.contains("[ proposed for next year ]"))
        #expect(thisYear.contains("Due for review"), "\(thisYear)")
        #expect(form.contains("Review this year's goal"), "\(form)")
        for screen in [dashboard, proposed, thisYear, form] {
            for old in Self.oldWords { #expect(!screen.contains(old), "“\(old)” on:\n\(screen)") }
        }
    }

    static func unpack(_ screens: [String]) -> (String, String, String, String) { (screens[0], screens[1], screens[2], screens[3]) }
}
