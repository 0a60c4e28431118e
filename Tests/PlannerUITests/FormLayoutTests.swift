import PlannerCore
import TestSupport
import Testing

@testable import PlannerUI
@testable import UIInvariants

/// Forms at 80×24: the header stays, a long one-line field shows the part around the cursor
/// with a "…" on the side that is cut, and the terminal cursor follows the focus.
@Suite struct FormLayoutTests {
    static let forms: [(String, [Key])] = [
        ("evidence editor", [.character("v"), .enter]), ("goal editor", [.character("p"), .enter]), ("profile", [.character("u")]),
    ]

    /// Every field focused in turn, both directions: the header row is the header.
    @Test func noFieldEverDrawsOverTheHeader() {
        for (name, open) in Self.forms {
            var state = makeState()
            state.press(open)
            if name == "profile" { state.press(.enter) }
            let header = state.render().line(at: 0)
            for key in Array(repeating: Key.tab, count: 20) + Array(repeating: Key.backTab, count: 20) {
                state.press(key)
                #expect(state.render().line(at: 0) == header, "\(name), \(key): the header became “\(state.render().line(at: 0))”")
            }
        }
    }

    @Test func aLongFieldShowsTheCutSidesWithAnEllipsis() {
        var state = makeState()
        state.press(.character("v"), .character("a"))
        let words = (1...20).map { "word\($0)" }.joined(separator: " ")
        state.type(words)
        var screen = state.render()
        let row = screen.cursor!.y
        let line = screen.line(at: row)
        let box = Form.labelWidth
        #expect(Array(line)[box] == "…", "cut on the left: \(line)")
        #expect(line.hasSuffix("word20"), "the cursor's end shows: \(line)")
        state.press(.ctrl("a"))
        screen = state.render()
        let start = screen.line(at: row)
        #expect(start.hasSuffix("…"), "cut on the right: \(start)")
        #expect(Array(start)[box] == " " && start.contains("word1 word2"), "nothing cut on the left: \(start)")
        #expect(screen.cursor?.x == box + 1)
        // A field that fits shows no mark.
        state.press(.ctrl("e"), .ctrl("u"))
        state.type("Short")
        #expect(!state.render().line(at: row).contains("…"))
    }

    /// The cursor sits on the highlighted row of every list screen, and moves with it.
    @Test func theCursorIsOnTheSelectedRowOfEveryList() {
        for (open, name) in [("d", "dashboard"), ("v", "evidence"), ("p", "PDP"), ("r", "readiness"), ("f", "framework")] {
            var state = makeState("postgraduate")
            state.press(.character(Character(open)))
            for step in 0..<5 {
                let screen = state.render()
                guard let cursor = screen.cursor else { Issue.record("\(name): no cursor at step \(step)"); break }
                #expect(screen[cursor.x, cursor.y].style == .selected, "\(name), step \(step): the cursor is not on the highlight")
                state.press(.down)
            }
        }
    }

    /// Random walks over every screen and form: after each key, where a row is highlighted the
    /// cursor is on it (the monkey checks the same on its longer walks).
    @Test func randomWalksKeepTheCursorOnTheHighlight() async {
        await Generated.check(fixedSeed: 15_2026, count: 40, maxLength: 300) { bytes in
            var choices = Choices(bytes)
            var state = makeState(choices.pick(["postgraduate", "continuing-practice", "undergraduate"]))
            let keys: [Key] =
                [.up, .down, .enter, .escape, .tab, .left, .right, .pageDown]
                + "dwfvpruaLjkx/ ?".map { Key.character($0) }
            let invariants = MonkeyInvariants()
            for _ in 0..<bytes.count {
                let key = choices.pick(keys)
                _ = state.update(key)
                if let problem = invariants.cursorFollowsTheHighlight(state.render(), state) {
                    Issue.record("after \(key) in \(state.mode.name): \(problem)")
                    return
                }
            }
        }
    }
}
