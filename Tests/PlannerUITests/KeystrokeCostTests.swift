import Foundation
import PlannerCore
import Testing

@testable import PlannerUI

/// Issue 13, item 7: a keystroke costs what the screen shows, not the size of what is being
/// edited. A one-line field once cost 0.15 s a key at 1,000 characters and 56 s at 20,000;
/// an item of a million links kept a core busy. Bounds are ratios to a small case in the same
/// run, so a slow machine does not fail them and a quadratic path does.
@Suite(.serialized) struct KeystrokeCostTests {
    /// Seconds for `keys` presses of `key`, each followed by a render, as the run loop does.
    static func cost(_ state: inout AppState, _ key: Key, times keys: Int) -> Double {
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<keys {
                _ = state.update(key)
                _ = state.render()
            }
        }
        return Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds)
    }

    /// An evidence editor with `characters` in "Confirmed by" (a one-line field with no cap), its cursor there.
    static func editorWithLongField(_ characters: Int) -> AppState {
        var state = makeState()
        state.press(.character("v"), .character("a"))
        while state.editor?.form.focusedField.key != "confirmedBy" { state.press(.tab) }
        state.press(.paste(String(repeating: "abcdefghij", count: characters / 10)))
        return state
    }

    @Test func aLongOneLineFieldCostsWhatASmallOneDoes() {
        var small = Self.editorWithLongField(1_000)
        var large = Self.editorWithLongField(20_000)
        #expect(large.editor?.form.value("confirmedBy").count == 20_000)
        _ = Self.cost(&small, .character("x"), times: 20)  // warm up
        let typingSmall = Self.cost(&small, .character("x"), times: 100)
        let typingLarge = Self.cost(&large, .character("x"), times: 100)
        let movingSmall = Self.cost(&small, .left, times: 100)
        let movingLarge = Self.cost(&large, .left, times: 100)
        print("keystroke cost: typing \(typingSmall * 10) ms/key at 1k, \(typingLarge * 10) ms/key at 20k; moving \(movingSmall * 10) / \(movingLarge * 10)")
        #expect(typingLarge < typingSmall * 4 + 0.05, "typing at 20,000 characters: \(typingLarge) s for 100 keys, against \(typingSmall) s at 1,000")
        #expect(movingLarge < movingSmall * 4 + 0.05, "moving at 20,000 characters: \(movingLarge) s for 100 keys, against \(movingSmall) s at 1,000")
    }

    @Test func aMillionLinksCostWhatThreeDo() {
        func editor(links: Int) -> AppState {
            var portfolio = examplePortfolio("continuing-practice")
            portfolio.evidence[0].links = (0..<links).map { ["1.1.a", "2.3.b", "5.4.d"][$0 % 3] }
            var state = AppState(
                portfolio: portfolio, path: "/x.json", width: 100, height: 30, today: fixedToday, validator: Validator(framework: .mlcf, catalog: .bundled))
            state.press(.character("v"))
            let index = state.list.visible.firstIndex(of: 0)!
            state.list.selection = index
            state.press(.enter)
            return state
        }
        var few = editor(links: 3)
        var many = editor(links: 1_000_000)
        #expect(many.route == .evidenceEditor)
        _ = Self.cost(&few, .character("x"), times: 5)
        let typingFew = Self.cost(&few, .character("x"), times: 20)
        let typingMany = Self.cost(&many, .character("x"), times: 20)
        print("keystroke cost: \(typingFew * 50) ms/key with 3 links, \(typingMany * 50) ms/key with 1,000,000")
        #expect(typingMany < typingFew * 4 + 0.1, "a key with a million links on screen: \(typingMany) s for 20 keys, against \(typingFew) s with 3")
    }
}
