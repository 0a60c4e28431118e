import Foundation
import PlannerCore
import Testing

@testable import PlannerUI
@testable import UIInvariants

/// What the update fuzzer (Sources/FuzzUpdate) found, each kept as a test that failed before
/// its fix: a save asked for after a burst of keys that changed nothing, and text with
/// invisible or direction-changing characters drawn so that the screen no longer showed what
/// was typed.
@Suite struct FuzzFindingsTests {
    // MARK: a burst of keys that ends where it began

    /// Keys that arrive together (typed ahead) are taken one by one; when the last undoes the
    /// first, the portfolio on disk is already the portfolio on screen, so nothing is saved.
    @Test func aBurstThatChangesNothingAsksForNoSave() throws {
        var state = makeState()
        state.press(.character("w"))
        let element = state.currentElement.id
        let level = state.portfolio.ratings[state.framework.link(element)]?.level ?? 0
        let other = level == 1 ? 2 : 1
        let before = state
        #expect(before.saveStatus == .saved)
        let effects = state.update(.typed("\(other)\(level)"))
        #expect(state.portfolio == before.portfolio)
        #expect(!effects.contains(.save), "\(effects)")
        #expect(state.saveStatus == .saved, "the status line says \(state.saveStatus) with nothing to save")
        var invariants = MonkeyInvariants()
        #expect(invariants.check(state, before: before, effects: effects) == nil)
    }

    /// A burst that does change the portfolio asks for one save, not one per key.
    @Test func aBurstThatChangesAsksForOneSave() throws {
        var state = makeState()
        state.press(.character("w"))
        let element = state.currentElement.id
        let level = state.portfolio.ratings[state.framework.link(element)]?.level ?? 0
        let (first, second) = level == 1 ? (2, 3) : level == 2 ? (1, 3) : (1, 2)
        let effects = state.update(.typed("\(first)\(second)"))
        #expect(effects.filter { $0 == .save }.count == 1, "\(effects)")
        #expect(state.portfolio.ratings[state.framework.link(element)]?.level == second)
        #expect(state.saveStatus == .unsaved)
    }

    // MARK: invisible and direction-changing characters

    /// Characters a terminal would hide, reorder text around, or draw at another width.
    static let invisible: [Character] = [
        "\u{200B}", "\u{200E}", "\u{200F}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}",
        "\u{2068}", "\u{2069}", "\u{061C}", "\u{FEFF}", "\u{2060}", "\u{2028}", "\u{2029}", "\u{0301}", "\u{20DD}", "\u{FE0F}",
        "\u{200D}", "\u{200C}", "\u{1}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9B}",
    ]

    /// A scalar no cell may hold on its own: the terminal would not show it as a column of its own.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isBidiControl }

    /// Every cell of the screen shows something visible: no bidi control, zero-width
    /// character or control reaches the terminal, and no cell starts with a lone mark.
    static func visibleProblem(_ screen: Screen) -> String? {
        for y in 0..<screen.height {
            for x in 0..<screen.width where !screen[x, y].continuation {
                let scalars = screen[x, y].character.unicodeScalars
                // A joiner inside an emoji sequence is part of a visible character; a bidi
                // control never is.
                if let bad = scalars.first(where: isBidiControl) ?? scalars.first.flatMap({ isInvisible($0) ? $0 : nil }) {
                    return "row \(y) column \(x) holds U+\(String(bad.value, radix: 16, uppercase: true)): \(screen.line(at: y))"
                }
                if let first = scalars.first, [.nonspacingMark, .enclosingMark, .spacingMark].contains(first.properties.generalCategory) {
                    return "row \(y) column \(x) starts with the lone mark U+\(String(first.value, radix: 16, uppercase: true))"
                }
            }
        }
        return nil
    }

    @Test(arguments: invisible)
    func eachInvisibleCharacterIsShownAndTakesOneColumn(_ character: Character) {
        var screen = Screen(width: 10, height: 1)
        let end = screen.put([Character("a"), character, Character("b")], x: 0, y: 0)
        #expect(end == 3, "U+\(String(character.unicodeScalars.first!.value, radix: 16)) is not one column")
        #expect(Self.visibleProblem(screen) == nil)
        #expect(screen[0, 0].character == "a" && screen[2, 0].character == "b")
        #expect(DisplayWidth.of(character) == 1)
    }

    /// Pasted into a title, a reversing control and zero-width characters are kept in the
    /// text exactly, and the screen shows a visible mark for each, in order, under the cursor
    /// rules of every other character.
    @Test func aPasteWithBidiAndZeroWidthCharactersIsKeptAndShown() {
        var state = makeState()
        state.press(.character("v"), .character("a"))
        let pasted = "ab\u{202E}cd\u{200B}ef\u{FEFF}g\u{2066}h\u{2069}"
        state.type(pasted)
        let title = state.editor!.form.focusedField
        #expect(title.buffer.text == pasted)
        let screen = state.render()
        #expect(Self.visibleProblem(screen) == nil, "\(screen.text)")
        let row = screen.line(at: screen.cursor!.y)
        #expect(row.contains("ab�cd�ef�g�h�"), "\(row)")
        var invariants = MonkeyInvariants()
        #expect(invariants.check(state, before: state, effects: []) == nil)
    }

    /// A combining mark typed on its own after a letter joins it in the saved text, but the
    /// cursor can still stand between them: the screen must show what is either side.
    @Test func aCombiningMarkTypedAloneKeepsTheCursorHonest() {
        var state = makeState()
        state.press(.character("v"), .character("a"))
        state.press(.character("a"), .character("\u{301}"), .left)
        #expect(state.editor!.form.focusedField.buffer.text == "a\u{301}")
        let screen = state.render()
        var invariants = MonkeyInvariants()
        #expect(invariants.check(state, before: state, effects: []) == nil, "\(screen.text)")
        #expect(Self.visibleProblem(screen) == nil, "\(screen.text)")
    }

    /// Generated: pastes and single keys of text that has broken terminals (bidi controls,
    /// zero-width and combining characters, wide ones) in one-line and multi-line fields, with
    /// the cursor moved about: after every key the monkey's invariants hold and every cell is
    /// visible. Replay a case with MLCF_SEED=N.
    @Test func hostileTextInFieldsIsKeptAndShown() async {
        let pieces: [Character] = Self.invisible + ["é", "e\u{301}", "李", "👩‍⚕️", "ש", "x", " ", "🇬🇧", "\u{1F1EC}"]
        await Generated.check(fixedSeed: 1507, count: 60, maxLength: 80) { bytes in
            var choices = Choices(bytes)
            var state = makeState(width: choices.chance(2) ? 41 : 80, height: 24)
            // The title (one line), then, after some tabs, the reflection (several lines).
            state.press(.character("v"), .character("a"))
            state.press(Array(repeating: Key.tab, count: choices.next(7)))
            var invariants = MonkeyInvariants()
            for _ in 0..<(bytes.count / 2) {
                let key: Key
                switch choices.next(6) {
                case 0: key = .paste(String((0...choices.next(12)).map { _ in choices.pick(pieces) }))
                case 1: key = choices.pick([.left, .right, .home, .end, .up, .down])
                case 2: key = choices.pick([.backspace, .delete])
                default: key = .character(choices.pick(pieces))
                }
                let before = state
                let effects = state.update(key)
                if let problem = invariants.check(state, before: before, effects: effects) {
                    Issue.record("after \(key): \(problem)")
                    return
                }
                if let problem = Self.visibleProblem(state.render()) {
                    Issue.record("after \(key): \(problem)")
                    return
                }
            }
        }
    }
}
