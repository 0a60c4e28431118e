import PlannerCore
import Testing

@testable import PlannerUI

/// The forms apply the core's input rules (issue 14): the planner once saved evidence dated
/// in the future, which `mlcf add-evidence` refuses, and CPD credits the reader then refused,
/// leaving a file the planner could not open again.
@Suite struct InputRuleFormTests {
    static func editor(_ values: [String: String]) -> AppState {
        var state = makeState()
        state.press(.character("v"), .character("a"))
        state.editor?.form.apply(values)
        return state
    }

    @Test func aFutureDateIsRefusedAsTheCLIRefusesIt() {
        var state = Self.editor(["title": "Tomorrow's course", "date": fixedToday.adding(days: 1).description])
        #expect(state.press(.ctrl("s")) == [])
        #expect(state.route == .evidenceEditor)
        #expect(state.editor?.form.error?.contains("in the future") == true)
        #expect(state.render().text.contains("in the future"))
    }

    @Test(arguments: ["1e19", "-1", "inf", "100000"])
    func creditsTheReaderWouldRefuseAreRefusedHere(_ credits: String) {
        var state = Self.editor(["title": "A course", "date": fixedToday.description, "cpdCredits": credits])
        #expect(state.press(.ctrl("s")) == [], "\(credits) credits were saved")
        #expect(state.editor?.form.error?.isEmpty == false)
    }

    @Test func aGMCNumberInOtherDigitsIsRefusedAsTheValidatorRefusesIt() {
        var state = makeState()
        state.press(.character("u"))
        state.profileForm?.apply(["gmcNumber": "١٢٣٤٥٦٧"])
        #expect(state.press(.ctrl("s")) == [])
        #expect(state.profileForm?.error?.contains("7 digits") == true)
    }
}
