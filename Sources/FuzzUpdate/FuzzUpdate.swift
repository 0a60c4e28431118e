import Foundation
import FuzzSupport
import PlannerCore

#if DEBUG
    @testable import PlannerUI
#else
    import PlannerUI
#endif

// Fuzz target for the UI's pure `update`: any bytes become a sequence of keys pressed on a
// planner opened on a bundled example, and after every key the screen is drawn and the
// monkey's invariants are checked (Tests/UIInvariants/MonkeyInvariants.swift, the one copy):
//   * nothing traps (an overflow, an index out of range, a failed assertion of the live
//     validation against a full one);
//   * the screen is exactly the terminal's size and the cursor is on it;
//   * a form keeps its fields: focus among them, no key twice, no field changing kind;
//   * selections and picker cursors stay within their rows;
//   * the draft a recovery file would keep, opened again, is the same draft;
//   * in a focused one-line field the screen shows the text either side of the cursor;
//   * no save is asked for when nothing changed and nothing was unsaved.
// Where libFuzzer's mutations go, the monkey's weighted generator does not: any order of
// modals, resizes to 1×1 mid-form, pastes of control bytes, long bursts of typing.
//
// How bytes become keys (one key per byte, a few take the following bytes as arguments):
//   first byte         which example (undergraduate, postgraduate, continuing practice) and
//                      whether the terminal starts at 80×24 or 120×40
//   0x00–0x5E          the printable ASCII character 0x20 + b (` ` … `~`)
//   0x5F  n            a non-ASCII character (accents, combining marks, CJK, emoji, BOM …)
//   0x60–0x6D          ↑ ↓ ← → Home End PgUp PgDn Enter Esc Tab Shift-Tab Backspace Delete
//   0x6E  n            Ctrl and a letter (n mod 26)
//   0x6F               the run loop is idle: a search in progress runs to its end
//   0x70–0x77  n …     a bracketed paste of n characters (each from one byte: controls,
//                      ASCII, non-ASCII); n = 255 repeats them to 3,000 characters
//   0x78–0x7B  n …     typed: n printable characters that arrived together
//   0x7C–0x7F  w h     a resize to 1…300 × 1…100 (w < 160: 1 + w wide; 1 + h mod 100 high)
//   0x80–0xFF          the keys a person presses most: command letters, j/k, Enter, Esc, …
// Effects are performed as the monkey's simulated run loop does: every 17th save fails (a
// full disk), an export succeeds.
//
// `make fuzz` / `make fuzz-smoke` build it with `-sanitize=fuzzer -DFUZZING`; a plain debug
// build gives a replayer: `FuzzUpdate FILE…` (`FUZZ_UPDATE_VERBOSE=1` prints each key).

let fuzzToday = CalendarDate(year: 2026, month: 11, day: 23)!

/// The three bundled examples, opened once: each input starts from a copy of one of these.
let fuzzStarts: [AppState] = [BundledExamples.undergraduate, BundledExamples.postgraduate, BundledExamples.continuingPractice]
    .map { bytes in
        guard let portfolio = try? PortfolioStore.decode(Data(bytes), path: "example.json") else {
            fatalError("a bundled example does not load")
        }
        return AppState(
            portfolio: portfolio, path: "/home/doctor/fuzz.json", width: 80, height: 24, today: fuzzToday,
            validator: Validator(framework: .mlcf, catalog: .bundled))
    }

/// Text that has broken terminal programs: accents (precomposed and combining), wide CJK,
/// emoji with joiners, right-to-left text, separators and invisible characters.
let fuzzPieces: [Character] = [
    "é", "e\u{301}", "ü", "李", "学", "👩‍⚕️", "😀", "\u{200B}", "\u{FEFF}", "\u{2028}", "\u{85}", "\u{9B}",
    "ש", "\u{202E}", "Ω", "ß", "\u{0301}", "\u{3000}", "ｶ", "🇬🇧",
]
/// Keys a person presses most, so that libFuzzer's random bytes reach the screens behind them.
let fuzzFrequent: [Key] =
    Array("dwfvpruexaLnsygGhjklq/?NXtcm0123456789 jjkk").map { Key.character($0) }
    + [
        .enter, .enter, .enter, .escape, .escape, .tab, .backTab, .up, .down, .down, .up, .left, .right, .backspace, .ctrl("s"),
        .ctrl("u"), .ctrl("w"), .ctrl("c"), .pageDown, .home, .end,
    ]

/// Reads keys from the input bytes; the input running out ends the sequence.
struct KeyDecoder {
    let bytes: [UInt8]
    var index = 0

    mutating func byte() -> UInt8? {
        guard index < bytes.count else { return nil }
        defer { index += 1 }
        return bytes[index]
    }

    /// nil when the input ran out; `.idle` is not a key but a pause of the run loop.
    enum Event { case key(Key), idle }

    mutating func next() -> Event? {
        guard let b = byte() else { return nil }
        switch b {
        case 0x00...0x5E: return .key(.character(Character(Unicode.Scalar(0x20 + b))))
        case 0x5F: return .key(.character(fuzzPieces[Int(byte() ?? 0) % fuzzPieces.count]))
        case 0x60...0x6D:
            let named: [Key] = [.up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .enter, .escape, .tab, .backTab, .backspace, .delete]
            return .key(named[Int(b - 0x60)])
        case 0x6E: return .key(.ctrl(Character(Unicode.Scalar(UInt8(ascii: "a") + (byte() ?? 0) % 26))))
        case 0x6F: return .idle
        case 0x70...0x77:
            let count = Int(byte() ?? 0)
            var text = ""
            for _ in 0..<min(count, 254) { guard let t = byte() else { break }; text.append(textCharacter(t)) }
            if count == 255, !text.isEmpty { while text.count < 3_000 { text += text } }
            return .key(.paste(text))
        case 0x78...0x7B:
            let count = Int(byte() ?? 0)
            var text = ""
            for _ in 0..<count { guard let t = byte() else { break }; text.append(Character(Unicode.Scalar(0x20 + t % 95))) }
            return .key(.typed(text))
        case 0x7C...0x7F:
            // Every width up to 160 and height up to 100 exactly; wider ones up to 300 in steps.
            let w = Int(byte() ?? 79), h = Int(byte() ?? 23)
            return .key(.resize(width: w < 160 ? 1 + w : 161 + (w - 160) * 139 / 95, height: 1 + h % 100))
        default: return .key(fuzzFrequent[Int(b - 0x80) % fuzzFrequent.count])
        }
    }

    /// One byte of pasted text: a control character, ASCII or a piece of non-ASCII text.
    func textCharacter(_ t: UInt8) -> Character {
        if t < 0x80 { return Character(Unicode.Scalar(t)) }
        return fuzzPieces[Int(t) % fuzzPieces.count]
    }
}

#if DEBUG
    // The monkey's own invariants (Tests/UIInvariants), the one copy both check.
    @testable import UIInvariants

    typealias UpdateInvariants = MonkeyInvariants
#else
    /// A release build cannot reach the planner's internals the invariants read: there the
    /// fuzzer checks only that nothing traps. The fuzz builds are debug builds.
    struct UpdateInvariants {
        func check(_ state: AppState, before: AppState, effects: [Effect], key: Key? = nil) -> String? { nil }
    }
#endif

let fuzzVerbose = ProcessInfo.processInfo.environment["FUZZ_UPDATE_VERBOSE"] == "1"

/// Returns a description of a broken invariant (with the key that broke it), or nil.
func checkUpdate(_ data: Data) -> String? {
    var decoder = KeyDecoder(bytes: Array(data))
    guard let first = decoder.byte() else { return nil }
    var state = fuzzStarts[Int(first) % fuzzStarts.count]
    if (first / 3) % 2 == 1 { state.width = 120; state.height = 40 }
    var invariants = UpdateInvariants()
    var saves = 0, pressed = 0
    func idle(_ state: inout AppState) -> String? {
        var slices = 0
        while state.hasPendingWork {
            state.continueWork()
            slices += 1
            if slices > 1_000_000 { return "a search never finished" }
        }
        return nil
    }
    while let event = decoder.next() {
        guard case .key(let key) = event else {
            if let problem = idle(&state) { return "\(problem) (after key \(pressed))" }
            continue
        }
        pressed += 1
        if fuzzVerbose { print("key \(pressed): \(key)") }
        let before = state
        let effects = state.update(key)
        for effect in effects {
            switch effect {
            case .save:
                saves += 1
                state.saveFinished(error: saves % 17 == 0 ? "the disk is full." : nil)
            case .export:
                // The export is recorded in the portfolio, which asks for a save.
                let document = ExportedDocument(file: "portfolio-appraisal.md", date: state.today, bytes: 1)
                if state.exportFinished(ExportResult(text: "Exported.", isError: false, document: document)).contains(.save) {
                    state.saveFinished(error: nil)
                }
            default:
                break
            }
        }
        // Without the key: "a typed character lands in the field" does not hold for the lone
        // combining marks and controls these bytes type (a mark joins the character before it).
        if let problem = invariants.check(state, before: before, effects: effects) {
            return "key \(pressed) (\(key)): \(problem)"
        }
    }
    if let problem = idle(&state) { return "\(problem) (at the end)" }
    return invariants.check(state, before: state, effects: []).map { "at the end: \($0)" }
}

#if FUZZING
    /// libFuzzer calls this with each input.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzUpdateTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
        FuzzSupport.testOneInput(bytes, count, checkUpdate)
    }

    @_cdecl("FuzzUpdate_main")
    public func fuzzUpdateMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
        FuzzSupport.runDriver(argc, argv) { fuzzUpdateTestOneInput($0, $1) }
    }
#else
    @main
    enum FuzzUpdateReplay {
        static func main() { FuzzSupport.replay("FuzzUpdate", checkUpdate) }
    }
#endif
