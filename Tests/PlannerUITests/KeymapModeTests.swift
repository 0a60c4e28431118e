import Foundation
import PlannerCore
import TestSupport
import Testing

@testable import PlannerUI

/// The table against the code: in every mode, every key the table names does something (or
/// the table says when it may not), and a key the table does not name does nothing at all,
/// except text typed into a text field.
@Suite struct KeymapModeTests {
    /// A state in each mode, reached as a person would (or set directly for the dialogs that
    /// only the run loop opens).
    static func state(in mode: Mode) -> AppState {
        var state = makeState()
        switch mode {
        case .dashboard: break
        case .walkthrough: state.press(.character("w"))
        case .framework: state.press(.character("f"))
        case .element: state.press(.character("f"), .enter, .down, .enter)
        case .evidenceList: state.press(.character("v"))
        case .pdp: state.press(.character("p"))
        case .readiness: state.press(.character("r"))
        case .periods: state.press(.character("u"), .ctrl("p"))
        case .conflicts:
            state = withConflict()
            state.press(.enter)
        case .search: state.press(.character("v"), .character("/"))
        case .profileView: state.press(.character("u"))
        case .form(let field, let profile):
            if profile {
                state.press(.character("u"))
                let index = state.profileForm!.fields.firstIndex { $0.mode == field }!
                state.profileForm?.focus = index
                state.press(.enter)
            } else {
                state.press(.character("v"), .character("a"))
                let index = state.editor!.form.fields.firstIndex { $0.mode == field }!
                state.editor?.form.focus = index
            }
        case .picker, .pickerSearch:
            state.press(.character("v"), .character("a"))
            state.editor?.form.focus(on: "links")
            state.press(.enter)
            if mode == .pickerSearch { state.press(.character("/")) }
        case .kindPicker: state.press(.character("v"), .character("K"))
        case .linkExisting: state.press(.character("w"), .character("L"))
        case .suggestions:
            state = makeState("postgraduate")
            state.press(.character("p"), .character("s"))
        case .prompt: state.press(.character("v"), .character("E"))
        case .help: state.press(.character("?"))
        case .message: state.modal = .message("A note.")
        case .confirmDiscard: state.press(.character("v"), .character("a"), .character("x"), .escape)
        case .quitWithEdit: state.press(.character("v"), .character("a"), .character("x"), .ctrl("c"))
        case .quitAfterFailure:
            state.saveFinished(error: "the disk is full.")
            state.press(.ctrl("c"))
        case .confirmDelete: state.press(.character("v"), .character("x"))
        case .confirmNewPeriod: state.press(.character("u"), .ctrl("n"))
        case .confirmExport:
            state = makeState("postgraduate")  // not ready: 4 errors
            state.press(.character("e"))
        case .recovery: state.modal = .recovery(Draft(kind: .evidence, targetID: nil, values: ["title": "A draft"]))
        case .otherVersion: state.savedBeside(original: "/home/doctor/p.json", ours: "/home/doctor/p.mine.json")
        case .syncCopy: state.offerSyncCopies([SyncCopy(path: "/home/doctor/p (conflicted copy).json", tool: .dropbox)])
        case .moveAside: state.modal = .moveAside(SyncCopyOffer([SyncCopy(path: "/home/doctor/p (conflicted copy).json", tool: .dropbox)]))
        case .tooSmall: state.press(.resize(width: 60, height: 20))
        }
        return state
    }

    /// The example with one merge conflict on its first item's title (the dashboard's first entry then).
    static func withConflict() -> AppState {
        var portfolio = examplePortfolio("continuing-practice")
        let item = portfolio.evidence[0]
        portfolio.conflicts = [
            MergeConflict(path: ["evidence", item.id, "title"], base: .string("Before"), ours: .string(item.title), theirs: .string("Other title"))
        ]
        return AppState(
            portfolio: portfolio, path: "/home/doctor/continuing-practice.json", width: 80, height: 24, today: fixedToday,
            validator: Validator(framework: .mlcf, catalog: .bundled))
    }

    @Test func everyModeCanBeReached() {
        for mode in Mode.all { #expect(Self.state(in: mode).mode == mode, "\(mode.name)") }
    }

    /// Each key of each binding reaches that binding (no earlier one takes it), and pressing it
    /// changes what is on screen or asks for an effect, unless the binding says when it may not.
    @Test func everyBindingOfEveryModeDoesWhatTheTableSays() {
        for mode in Mode.all {
            let start = Self.state(in: mode)
            let bindings = Keymap.bindings(in: mode, scale: start.ratingScale)
            for binding in bindings {
                let keys = binding.anyOtherKey ? [Self.unnamedKey(in: mode, scale: start.ratingScale)] : binding.keys
                for key in keys {
                    let reached = Keymap.binding(for: key, in: mode, scale: start.ratingScale)
                    #expect(reached?.label == binding.label && reached?.help == binding.help, "\(key) in \(mode.name) reaches \(reached?.label ?? "nothing")")
                    var state = start
                    let effects = state.update(key)
                    let changed = !effects.isEmpty || state.render() != start.render()
                    #expect(changed || binding.mayDoNothing != nil, "\(key) (\(binding.help)) in \(mode.name) did nothing")
                }
            }
        }
    }

    /// With text on both sides of the cursor, no editing key may do nothing: the idle cases
    /// the table allows are all at an edge of the text.
    @Test func inTheMiddleOfTextEveryTypingKeyChangesIt() {
        for field in [FieldMode.text, .longText] {
            var start = Self.state(in: .form(field, profile: false))
            let index = start.editor!.form.focus
            var buffer = TextBuffer(field == .text ? "ab cd ef" : "ab cd\nef gh\nij", multiline: field == .longText)
            buffer.moveTo(field == .text ? 4 : 10)
            start.editor?.form.fields[index].buffer = buffer
            for binding in Keymap.typing.bindings {
                for key in binding.keys {
                    var state = start
                    state.press(key)
                    #expect(state.render() != start.render(), "\(key) (\(binding.help)) changed nothing in a \(field.name)")
                }
            }
        }
    }

    /// A key no binding of the mode names, for trying "any other key".
    static func unnamedKey(in mode: Mode, scale: Int) -> Key {
        let named = Set(Keymap.bindings(in: mode, scale: scale).flatMap(\.keys))
        return [Key.character("z"), .character("n"), .f1, .tab].first { !named.contains($0) }!
    }

    /// Every key a person can press (pastes and resizes are not keys: `update` takes them apart).
    static let universe: [Key] =
        [.up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .enter, .escape, .tab, .backTab, .backspace, .delete, .f1]
        + "abcdefghijklmnopqrstuvwxyz".map { Key.ctrl($0) }
        + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ?/.,-'é李".map { Key.character($0) }

    /// Random keys from every mode: a key the mode's table does not name changes nothing (not
    /// the screen, no effect), except a character typed where text goes. The walk wanders on
    /// into whatever mode the keys lead to, so modes reached only by a path are tried too.
    @Test func randomKeysNeverReachAKeyTheTableDoesNotName() async {
        await Generated.check(fixedSeed: 14_2026, count: 60, maxLength: 400) { bytes in
            var choices = Choices(bytes)
            var state = Self.state(in: choices.pick(Mode.all))
            for _ in 0..<bytes.count {
                let key = choices.pick(Self.universe)
                let mode = state.mode
                let named = Keymap.binding(for: key, in: mode, scale: state.ratingScale) != nil
                let typed = mode.takesText && { if case .character = key { return true } else { return false } }()
                let before = state.render()
                let effects = state.update(key)
                if !named && !typed {
                    #expect(
                        effects.isEmpty && state.render() == before,
                        "\(key) is not in the table of \(mode.name), yet it did something:\n\(before.text)\n---\n\(state.render().text)")
                }
                if effects.contains(.quit) { state = Self.state(in: choices.pick(Mode.all)) }
            }
        }
    }
}

/// Behaviour the table brought: help in forms and over pickers, and the rating scale.
@Suite struct KeymapBehaviourTests {
    @Test func inATextFieldQuestionMarkIsTextAndF1IsHelp() {
        var state = KeymapModeTests.state(in: .form(.text, profile: false))
        state.press(.character("?"))
        #expect(state.editor?.form.value("title") == "?")
        #expect(state.modal == nil)
        state.press(.f1)
        #expect(state.modal == .help)
        #expect(state.render().text.contains("Help — Evidence editor"))
        state.press(.character("z"))
        #expect(state.modal == nil)
        #expect(state.editor?.form.value("title") == "?", "the key that closed the help was typed")
    }

    @Test func onAChoiceFieldQuestionMarkIsHelp() {
        var state = KeymapModeTests.state(in: .form(.choice, profile: true))
        state.press(.character("?"))
        #expect(state.modal == .help)
        #expect(state.render().text.contains("Ctrl-N"), "the profile's help names its own key")
    }

    @Test func helpOverThePickerGivesThePickerBack() {
        var state = KeymapModeTests.state(in: .picker)
        state.press(.down, .character(" "))
        guard case .picker(let before) = state.modal else { Issue.record("no picker"); return }
        state.press(.character("?"))
        #expect(state.modal == .help)
        #expect(state.render().text.contains("Tick or untick"))
        state.press(.escape)
        #expect(state.modal == .picker(before))
    }

    @Test func aDigitAboveTheScaleIsRefusedWithAReason() {
        var state = KeymapModeTests.state(in: .walkthrough)
        let element = state.framework.link(state.currentElement.id)
        let rating = state.portfolio.ratings[element]
        #expect(state.press(.character("7")) == [])
        #expect(state.portfolio.ratings[element] == rating)
        #expect(state.statusIsError && state.status?.contains("1 to \(state.ratingScale)") == true)
        state.press(.character(Character("\(state.ratingScale)")))
        #expect(state.portfolio.ratings[element]?.level == state.ratingScale)
    }

    /// The dialogs' choice lines are the table's.
    @Test func dialogsShowTheirBindings() {
        let text = KeymapModeTests.state(in: .confirmDiscard).render().text
        #expect(text.contains("y  discard them    s  save them    n / Esc  keep editing"))
        #expect(Keymap.hints(in: .search, scale: 4) == "type to search  Enter keep  Esc clear")
    }
}
