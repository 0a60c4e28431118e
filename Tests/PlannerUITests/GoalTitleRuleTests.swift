import PlannerCore
import TestSupport
import Testing

@testable import PlannerUI

/// Goal titles are held to the core's input rule (`InputRules.goalTitleProblem`), as evidence
/// titles are: the form says the rule's words and saves nothing.
@Suite struct GoalTitleRuleTests {
    @Test(arguments: ["", "   ", "\u{00A0}\u{2003}"])
    func aBlankGoalTitleIsRefusedInTheRulesWords(_ title: String) {
        var state = makeState()
        state.press(.character("p"), .character("a"))
        state.type(title)
        let before = state.portfolio
        let effects = state.press(.ctrl("s"))
        #expect(!effects.contains(.save) && state.portfolio == before)
        let rule = InputRules.goalTitleProblem(title.trimmingCharacters(in: .whitespacesAndNewlines), limits: state.validator.rules.limits)
        #expect(rule != nil)
        #expect(state.goalEditor?.form.error == rule.map(InputRules.sentence), "\(String(describing: state.goalEditor?.form.error))")
        #expect(state.render().text.contains("The title is empty; give the goal a title."))
    }

    @Test func aGoalTitleLongerThanTheGoalTablesLimitIsARuleProblem() {
        let limits = makeState().validator.rules.limits
        let limit = (Goal.schema.field("title")?.limit ?? .title).characters(in: limits)
        #expect(InputRules.goalTitleProblem(String(repeating: "a", count: limit), limits: limits) == nil)
        #expect(InputRules.goalTitleProblem(String(repeating: "a", count: limit + 1), limits: limits)?.contains("the limit is \(limit)") == true)
    }
}
