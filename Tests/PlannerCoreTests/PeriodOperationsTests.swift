import Foundation
import PlannerCore
import TestSupport
import Testing

/// The domain operations the planner and the CLI share (issue 14): one function each, so
/// every caller gets the same result.
@Suite struct PeriodOperationsTests {
    @Test func aNewPeriodArchivesThisOneAndMakesThePlanThisYearsGoals() throws {
        var portfolio = try example("postgraduate")
        let before = portfolio
        #expect(!before.pdp.isEmpty && !before.ratings.isEmpty)
        let next = try portfolio.startNewPeriod(today: fixedToday)
        #expect(next == before.period.next)
        #expect(portfolio.period == before.period.next)
        #expect(portfolio.history.count == before.history.count + 1)
        let archived = try #require(portfolio.history.last)
        #expect(archived.period == before.period)
        #expect(archived.ratings == before.ratings)
        #expect(archived.pdp == before.previousPdp, "the archive keeps the goals exactly as reviewed")
        #expect(archived.appraiser == before.profile.appraiser)
        let agreed = Array(portfolio.previousPdp.prefix(before.pdp.count))
        #expect(agreed.map(\.id) == before.pdp.map(\.id), "the agreed plan is this year's goals")
        #expect(agreed.allSatisfy { $0.status != .planned }, "planned goals are now in progress")
        let carried = portfolio.previousPdp.dropFirst(before.pdp.count)
        #expect(carried.map(\.carriedFrom) == before.previousPdp.filter { $0.status.isOpen }.map(\.id))
        #expect(portfolio.pdp.isEmpty && portfolio.ratings.isEmpty && portfolio.walkthrough == nil)
        #expect(portfolio.evidence == before.evidence, "evidence stays where it is")
    }

    @Test func suggestionsCoverGapsNotAlreadyPlanned() throws {
        var portfolio = try example("undergraduate")
        portfolio.evidence = []
        portfolio.pdp = []
        let framework = Framework.mlcf
        let coverage = Validator(framework: .mlcf, catalog: .bundled).validate(portfolio, today: fixedToday).coverage
        let all = GoalSuggestion.suggestions(for: portfolio, coverage: coverage, framework: framework)
        #expect(all.map(\.element) == framework.elements.map(\.id), "with no evidence every element is a gap, in order")
        portfolio.pdp = [Goal(id: "g1", title: "Plan", links: [framework.link(framework.elements[0].id)])]
        let fewer = GoalSuggestion.suggestions(for: portfolio, coverage: coverage, framework: framework)
        #expect(!fewer.contains { $0.element == framework.elements[0].id })
        #expect(fewer.count == all.count - 1)
    }

    /// The validator, the profile form and `mlcf new` once disagreed: the form took any digits
    /// (`isNumber`, so Arabic-Indic ones too), the validator ASCII only.
    @Test(arguments: [("1234567", true), ("", true), ("123456", false), ("12345678", false), ("١٢٣٤٥٦٧", false), ("123 4567", false), ("12345a7", false)])
    func gmcNumbers(_ text: String, _ valid: Bool) throws {
        #expect((InputRules.gmcNumberProblem(text) == nil) == valid)
        var portfolio = try example("postgraduate")
        portfolio.profile.gmcNumber = text
        let flagged = Validator(framework: .mlcf, catalog: .bundled).validate(portfolio, today: fixedToday).findings.contains {
            $0.location == .profile("gmcNumber")
        }
        #expect(flagged == !valid, "the validator and the input rule disagree on “\(text)”")
    }

    @Test func evidenceFromTheFutureIsRefused() {
        #expect(InputRules.evidenceDateProblem(fixedToday, today: fixedToday) == nil)
        #expect(InputRules.evidenceDateProblem(fixedToday.adding(days: 1), today: fixedToday)?.contains("future") == true)
    }
}
