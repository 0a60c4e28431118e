import PlannerCore
import TestSupport
import Testing

@testable import PlannerUI

/// The profile is a view until a field is chosen: screen keys never type into the doctor's name.
@Suite struct ProfileViewTests {
    static func profile() -> AppState {
        var state = makeState()
        state.press(.character("u"))
        return state
    }

    @Test func screenKeysInTheViewTypeNothing() {
        var state = Self.profile()
        let name = state.portfolio.profile.name
        #expect(state.mode == .profileView)
        state.press(.character("?"))
        #expect(state.modal == .help, "? is help in the view")
        state.press(.escape)
        for key in "dwfvprxaz1?".map(Key.character) where key != .character("?") { state.press(key) }
        #expect(state.route == .profile)
        #expect(state.profileForm?.value("name") == name)
        #expect(state.profileForm?.isChanged == false)
    }

    @Test func enterEditsAFieldAndEnterOrEscLeavesItKeepingTheText() {
        var state = Self.profile()
        let name = state.portfolio.profile.name
        state.press(.enter)
        #expect(state.mode == .form(.text, profile: true))
        state.press(.character("?"), .character("d"))
        #expect(state.profileForm?.value("name") == name + "?d", "in the field, ? and d are text")
        state.press(.escape)
        #expect(state.mode == .profileView)
        #expect(state.profileForm?.value("name") == name + "?d", "leaving the field keeps what was typed")
        state.press(.character("j"), .character("e"), .paste("X"), .enter)
        #expect(state.profileForm?.value("gmcNumber") == (state.portfolio.profile.gmcNumber ?? "") + "X")
        #expect(state.mode == .profileView)
    }

    @Test func ctrlSInTheViewSavesAndEscAsksBeforeDiscarding() {
        var state = Self.profile()
        state.press(.character("e"), .paste(" Jr"), .escape)
        state.press(.escape)
        #expect(state.modal == .confirmDiscard)
        state.press(.character("n"))
        let effects = state.press(.ctrl("s"))
        #expect(effects == [.save])
        #expect(state.portfolio.profile.name.hasSuffix(" Jr"))
        #expect(state.route != .profile)
    }

    @Test func aDateThatIsNotOneKeepsTheFieldOpen() {
        var state = Self.profile()
        let index = state.profileForm!.index(of: "periodStart")!
        state.profileForm?.focus = index
        state.press(.enter, .ctrl("u"), .paste("2026-02-30"), .enter)
        #expect(state.mode == .form(.text, profile: true))
        #expect(state.profileForm?.error?.contains("not a real date") == true)
        #expect(state.render().text.contains("not a real date"))
        state.press(.escape)
        #expect(state.mode == .profileView, "Esc leaves even a bad date: no field is a trap")
        #expect(state.render().text.contains("not a real date"), "and the reason stays on screen")
        state.press(.ctrl("s"))
        #expect(state.route == .profile && state.profileForm?.value("periodStart") == "2026-02-30", "saving refuses it")
    }

    /// The view shows whatever rows the profile form has (others add rows to it): walking down
    /// brings every field's label on screen, with the cursor on it.
    @Test func theViewShowsEveryFieldOfTheForm() {
        var state = Self.profile()
        let fields = state.profileForm!.fields
        for (i, field) in fields.enumerated() {
            let screen = state.render()
            #expect(state.profileForm?.focus == i)
            guard let cursor = screen.cursor else { Issue.record("no cursor on \(field.label)"); return }
            let marked = ListSupport.selectionMarker + field.label.prefix(Form.labelWidth - 2)
            #expect(screen.line(at: cursor.y).hasPrefix(marked), "the cursor row shows \(field.label)")
            state.press(.down)
        }
        #expect(state.profileForm?.focus == 0, "down from the last field wraps to the first")
    }

    @Test func theHintBarSaysHowToEditAndWhereHelpIs() {
        let state = Self.profile()
        let bar = state.render().line(at: state.height - 1)
        #expect(bar.contains("Enter edit") && bar.contains("? help"))
        var editing = state
        editing.press(.enter)
        #expect(editing.render().line(at: editing.height - 1).contains("F1 help"))
    }
}
