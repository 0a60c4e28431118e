import Foundation
import PlannerCore
import TestSupport
import Testing

@testable import PlannerUI

/// The planner's side of a merge (issue 18): the dashboard says how many conflicts are left,
/// and the conflicts screen resolves each with one key, saving as it goes.
@Suite struct ConflictsScreenTests {
    @Test func theDashboardCountsThemAndEachKeyResolvesOne() {
        var state = KeymapModeTests.withConflict()
        var portfolio = state.portfolio
        let second = portfolio.evidence[1]
        portfolio.conflicts?.append(
            MergeConflict(path: ["evidence", second.id, "description"], base: .string(""), ours: .string("Mine"), theirs: .string("Theirs")))
        state = AppState(
            portfolio: portfolio, path: "/home/doctor/p.json", width: 100, height: 30, today: fixedToday,
            validator: Validator(framework: .mlcf, catalog: .bundled))
        #expect(state.render().text.contains("⚠ 2 conflicts from merging two copies"))
        #expect(state.report.findings.filter { $0.code == "merge.conflict" }.count == 2)
        state.press(.enter)
        #expect(state.mode == .conflicts)
        #expect(state.render().text.contains("the other:  “Other title”"))
        #expect(state.press(.character("t")).contains(.save))
        #expect(state.portfolio.evidence[0].title == "Other title" && state.portfolio.conflicts?.count == 1)
        #expect(state.press(.character("b")).contains(.save))
        #expect(state.portfolio.evidence[1].description == "Mine\n\nTheirs" && state.portfolio.conflicts == nil)
        #expect(!state.report.findings.contains { $0.code == "merge.conflict" })
        state.press(.character("d"))
        #expect(!state.render().text.contains("conflicts from merging"))
    }

    @Test func bothTextsIsRefusedForAFieldThatIsNotText() {
        var portfolio = KeymapModeTests.withConflict().portfolio
        portfolio.conflicts = [MergeConflict(path: ["ratings", "mlcf:1.1", "level"], base: .int(1), ours: .int(2), theirs: .int(3))]
        var state = AppState(
            portfolio: portfolio, path: "/home/doctor/p.json", width: 100, height: 30, today: fixedToday,
            validator: Validator(framework: .mlcf, catalog: .bundled))
        state.press(.enter, .character("b"))
        #expect(state.portfolio.conflicts?.count == 1)
        #expect(state.render().text.contains("b keeps both versions of a text"))
        state.press(.enter)
        #expect(state.press(.character("o")).contains(.save))
        #expect(state.portfolio.conflicts == nil)
    }
}
