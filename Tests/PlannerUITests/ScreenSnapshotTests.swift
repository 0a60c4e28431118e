import PlannerCore
import Testing

@testable import PlannerUI

/// Every screen rendered at 80×24 and 120×40 from a fixed example, against stored text.
@Suite struct ScreenSnapshotTests {
    static let sizes = [(80, 24), (120, 40)]

    /// Each case: a name, the example, and the keys that reach the screen from the dashboard.
    static let screens: [(String, String, [Key])] = [
        ("dashboard", "continuing-practice", []),
        ("walkthrough", "continuing-practice", [.character("w"), .left, .left, .left]),
        ("framework", "continuing-practice", [.character("f"), .down, .down, .enter]),
        ("element", "postgraduate", [.character("f"), .down, .down, .enter, .down, .down, .enter]),
        ("evidence-list", "continuing-practice", [.character("v")]),
        ("evidence-search", "continuing-practice", [.character("v"), .character("/"), .paste("delirium")]),
        ("evidence-editor", "continuing-practice", [.character("v"), .down, .enter]),
        ("competence-picker", "continuing-practice", [.character("v"), .down, .enter] + Array(repeating: Key.tab, count: 7) + [.enter]),
        ("pdp", "continuing-practice", [.character("p")]),
        ("pdp-review", "continuing-practice", [.character("p"), .tab]),
        ("goal-editor", "continuing-practice", [.character("p"), .enter]),
        ("pdp-suggestions", "postgraduate", [.character("p"), .character("s")]),
        ("readiness", "postgraduate", [.character("r")]),
        ("readiness-ready", "undergraduate", [.character("r")]),
        ("profile", "continuing-practice", [.character("u")]),
        ("new-period-confirm", "continuing-practice", [.character("u"), .ctrl("n")]),
        ("help", "continuing-practice", [.character("v"), .character("?")]),
        ("discard-prompt", "continuing-practice", [.character("v"), .character("a"), .paste("Draft"), .escape]),
        // Help in a form (F1, as `?` is text in a text field) and over the competence picker.
        ("form-help", "continuing-practice", [.character("v"), .down, .enter, .tab, .tab, .tab, .f1]),
        ("picker-help", "continuing-practice", [.character("v"), .down, .enter] + Array(repeating: Key.tab, count: 7) + [.enter, .character("?")]),
    ]

    @Test(arguments: 0..<screens.count)
    func screen(_ index: Int) {
        let (name, example, keys) = Self.screens[index]
        for (w, h) in Self.sizes {
            var state = makeState(example, width: w, height: h)
            state.press(keys)
            assertSnapshot(state.render(), named: "\(name)-\(w)x\(h)")
        }
    }

    @Test func tooSmall() {
        var state = makeState()
        state.press(.resize(width: 60, height: 20))
        assertSnapshot(state.render(), named: "too-small-60x20")
        #expect(state.render().text.contains("Terminal too small"))
        state.press(.resize(width: 80, height: 24))
        #expect(state.render().text.contains("Dashboard"))
    }

    @Test func welcome() {
        for (w, h) in Self.sizes {
            var state = WelcomeState(width: w, height: h, today: fixedToday, defaultPath: "~/mlcf-portfolio.json", taxonomy: .bundled)
            assertSnapshot(state.render(), named: "welcome-\(w)x\(h)")
            _ = state.update(.enter)
            assertSnapshot(state.render(), named: "welcome-wizard-\(w)x\(h)")
        }
    }
}
