import Foundation
import TestSupport
import Testing

@testable import PlannerUI

/// The README's "A year with the planner" tells a doctor what to press: every key it names
/// in a "press `X`" phrase must be a binding of some screen, so the walkthrough cannot
/// name a key the planner ignores.
@Suite struct WalkthroughKeysTests {
    static func walkthrough() throws -> String {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "## A year with the planner\n"), "README.md has no walkthrough section")
        let end = readme.range(of: "\n## ", range: start.upperBound..<readme.endIndex)?.lowerBound ?? readme.endIndex
        return String(readme[start.upperBound..<end])
    }

    /// The keys of each "press `a`, then `Tab`"-style phrase, in order.
    static func pressedKeys(in text: String) throws -> [String] {
        let phrase = try NSRegularExpression(pattern: #"[Pp]ress\s+((?:`[^`]+`(?:,\s+then\s+|,\s+|\s+then\s+|\s+and\s+|\s+or\s+)?)+)"#)
        let key = try NSRegularExpression(pattern: "`([^`]+)`")
        let whole = NSRange(text.startIndex..., in: text)
        return phrase.matches(in: text, range: whole).flatMap { match -> [String] in
            let keys = String(text[Range(match.range(at: 1), in: text)!])
            return key.matches(in: keys, range: NSRange(keys.startIndex..., in: keys)).map { String(keys[Range($0.range(at: 1), in: keys)!]) }
        }
    }

    /// A key as the README writes it (`Ctrl-N`, `Enter`, `→`, `a`).
    static func key(named name: String) -> Key? {
        let named: [String: Key] = [
            "Enter": .enter, "Esc": .escape, "Tab": .tab, "Shift-Tab": .backTab, "Space": .character(" "), "F1": .f1,
            "Backspace": .backspace, "Del": .delete, "↑": .up, "↓": .down, "←": .left, "→": .right,
            "PgUp": .pageUp, "PgDn": .pageDown, "Home": .home, "End": .end,
        ]
        if let key = named[name] { return key }
        if name.hasPrefix("Ctrl-"), name.count == 6, let letter = name.last { return .ctrl(Character(letter.lowercased())) }
        if name.count == 1, let character = name.first { return .character(character) }
        return nil
    }

    @Test func everyKeyTheWalkthroughSaysToPressIsABinding() throws {
        let keys = try Self.pressedKeys(in: Self.walkthrough())
        #expect(keys.count >= 20, "the walkthrough names only \(keys.count) keys: \(keys)")
        for name in keys {
            let key = Self.key(named: name)
            #expect(key != nil, "“\(name)” in the walkthrough is not a key")
            guard let key else { continue }
            let bound = Mode.all.contains { Keymap.command(for: key, in: $0, scale: 4) != nil }
            #expect(bound, "the walkthrough says to press “\(name)”, which no screen binds")
        }
    }

    /// The phrase reader itself: it takes the chain of keys after "press" and nothing else.
    @Test func thePhraseReaderTakesTheChainedKeys() throws {
        let keys = try Self.pressedKeys(in: "Press `p`, then `Tab` and\n`Enter`; run `mlcf ~/y.json`. press\n`Ctrl-N` or `Esc`.")
        #expect(keys == ["p", "Tab", "Enter", "Ctrl-N", "Esc"])
        #expect(Self.key(named: "Ctrl-N") == .ctrl("n") && Self.key(named: "nope") == nil)
    }
}
