import Foundation

@testable import PlannerUI

/// Keys as a person presses them, weighted by what the screen is waiting for: in a text field
/// mostly text, Enter and arrows; on a list mostly commands and movement; now and then a paste
/// burst (tabs, newlines, control bytes, accents, CJK, long runs) or a resize from 1×1 to 300×100.
/// The next key depends on the state, which is why this is generated here rather than by a
/// state-blind generator of key arrays.
enum MonkeyKeys {
    static let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    static let commandLetters = Array("dwfvpruexaLnsygGhjklq/?NXtcm")
    static let digits = Array("0123456789")
    static let textPieces = ["é", "李", "Ní Bhriain", "café", "👩‍⚕️", " ", ".", "-", "2026-03-14", "1.2.a", "\"", "\\", "'", "ü"]
    static let controls: [Character] = ["\t", "\n", "\r", "\u{1B}", "\u{07}", "\u{13}", "\u{03}", "\u{7F}", "\u{9B}", "\u{0}"]

    static func next(for state: AppState, _ random: inout SeededRandom) -> Key {
        let roll = Int.random(in: 0..<1000, using: &random)
        if roll < 8 { return resize(&random) }
        if roll < 30 { return .paste(pasteText(&random)) }
        if state.acceptsText {
            switch roll {
            case ..<480: return .character(textCharacter(&random))
            case ..<560: return .enter
            case ..<680: return [Key.up, .down, .left, .right].randomElement(using: &random)!
            case ..<730: return [Key.tab, .backTab].randomElement(using: &random)!
            case ..<770: return .escape
            case ..<830: return [Key.backspace, .delete].randomElement(using: &random)!
            case ..<860: return .ctrl("s")
            case ..<900: return [Key.ctrl("u"), .ctrl("w"), .ctrl("a"), .ctrl("e"), .home, .end].randomElement(using: &random)!
            case ..<930: return [Key.pageUp, .pageDown].randomElement(using: &random)!
            case ..<995: return .character(commandLetters.randomElement(using: &random)!)
            default: return .ctrl("c")
            }
        }
        switch roll {
        case ..<380: return .character(commandLetters.randomElement(using: &random)!)
        case ..<620: return [Key.up, .down, .character("j"), .character("k"), .left, .right].randomElement(using: &random)!
        case ..<740: return .enter
        case ..<820: return .escape
        case ..<860: return [Key.tab, .backTab].randomElement(using: &random)!
        case ..<910: return .character(digits.randomElement(using: &random)!)
        case ..<950: return [Key.pageUp, .pageDown, .home, .end].randomElement(using: &random)!
        case ..<975: return .character(" ")
        case ..<990: return .ctrl("s")
        default: return [Key.ctrl("c"), .backspace, .delete].randomElement(using: &random)!
        }
    }

    static func textCharacter(_ random: inout SeededRandom) -> Character {
        switch Int.random(in: 0..<100, using: &random) {
        case ..<70: return letters.randomElement(using: &random)!
        case ..<80: return digits.randomElement(using: &random)!
        case ..<92: return " "
        default: return textPieces.randomElement(using: &random)!.first!
        }
    }

    static func pasteText(_ random: inout SeededRandom) -> String {
        let length = Int.random(in: 0..<100, using: &random) < 90 ? Int.random(in: 1...40, using: &random) : Int.random(in: 200...3_000, using: &random)
        var text = ""
        for _ in 0..<length {
            switch Int.random(in: 0..<100, using: &random) {
            case ..<10: text.append(controls.randomElement(using: &random)!)
            case ..<20: text += textPieces.randomElement(using: &random)!
            default: text.append(textCharacter(&random))
            }
        }
        return text
    }

    /// Half the resizes are to a usable size, so a run does not sit on "too small" for long.
    static func resize(_ random: inout SeededRandom) -> Key {
        if Bool.random(using: &random) {
            return .resize(width: Int.random(in: 1...300, using: &random), height: Int.random(in: 1...100, using: &random))
        }
        return .resize(width: Int.random(in: 80...160, using: &random), height: Int.random(in: 24...50, using: &random))
    }
}
