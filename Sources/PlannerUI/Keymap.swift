import PlannerCore

/// Every user action is a named command with a line of help; key bindings map keys to
/// commands per mode (`Mode`). `update` looks keys up here, and the help overlay, the hint bar,
/// the dialogs' choice lines and the README's key table are generated from the same table, so
/// they cannot drift from what the keys do.
public enum Command: Hashable, Sendable {
    // Lists
    case up, down, pageUp, pageDown, top, bottom, open, back, help, quit, save, export
    case goDashboard, goWalkthrough, goFramework, goEvidence, goPDP, goReadiness, goProfile, nextFramework
    /// Rate the element at this level of the scale (the digit pressed).
    case rate(Int)
    case next, previous, rateClear
    case addEvidence, linkEvidence, unlink, writeNote, search, filterKind, filterElement, clearFilters
    case addGoal, suggestGoals, switchSection, deleteItem, expand, collapse, newPeriod, copyLastYear, goPeriods
    /// Declare "none this period" for a GMC type (a nil return), or withdraw the declaration.
    case declareNone
    /// Copy a file into the folder beside the portfolio and record it on the selected evidence.
    case attachFile
    /// Bring the selected item from an earlier year into this year's document, or stop.
    case bringForward
    /// A merge conflict answered: this copy's version, the other's, or both texts.
    case pickOurs, pickTheirs, keepBothTexts
    // Forms
    case nextField, previousField, submit, closeForm, nextOption, previousOption, toggle, turnOn, turnOff, chooseLinks, clearLinks
    /// The profile is a view until a field is chosen for editing, and editing ends on the field.
    case editField, leaveField
    // Text
    case cursorLeft, cursorRight, lineStart, lineEnd, textStart, textEnd, lineUp, lineDown, pageUpText, pageDownText, newLine
    case deleteBackward, deleteForward, deleteWord, deleteToLineStart
    // Searches, pickers, prompts and dialogs
    case keepSearch, clearSearch, startSearch, tick, done, accept, dismiss
    case discardChanges, saveForm, saveAndQuit, quitAnyway, declineDraft, reload, keepOurs, mergeOther

    /// Commands that edit or move in a text buffer.
    var isTextEditing: Bool {
        switch self {
        case .cursorLeft, .cursorRight, .lineStart, .lineEnd, .textStart, .textEnd, .lineUp, .lineDown, .pageUpText, .pageDownText, .newLine,
            .deleteBackward, .deleteForward, .deleteWord, .deleteToLineStart:
            return true
        default: return false
        }
    }
}

public struct Binding: Sendable {
    public let keys: [Key]
    public let label: String
    public let command: Command
    /// Short text for the bottom hint bar; nil keeps it out of the bar (still in help).
    public let hint: String?
    public let help: String
    /// The key as shown in the hint bar, when it differs from the first key of `label`.
    public let hintKey: String?
    /// True for "any other key": it takes every key no other binding of the mode names.
    public let anyOtherKey: Bool
    /// When the command may leave everything as it was, and why (the mode walk test accepts
    /// a binding that changed nothing only when this says it may).
    public let mayDoNothing: String?

    init(
        _ keys: [Key], _ label: String, _ command: Command, hint: String? = nil, hintKey: String? = nil, idle: String? = nil,
        _ help: String
    ) {
        self.keys = keys; self.label = label; self.command = command; self.hint = hint; self.help = help; self.hintKey = hintKey
        anyOtherKey = false; mayDoNothing = idle
    }

    /// A binding for every key the mode's other bindings do not name.
    static func anyOther(_ label: String, _ command: Command, hint: String? = nil, hintKey: String? = nil, _ help: String) -> Binding {
        Binding(label: label, command: command, hint: hint, hintKey: hintKey ?? label, help: help)
    }

    private init(label: String, command: Command, hint: String?, hintKey: String?, help: String) {
        keys = []; self.label = label; self.command = command; self.hint = hint; self.help = help; self.hintKey = hintKey
        anyOtherKey = true; mayDoNothing = nil
    }

    /// The command for one of this binding's keys: a rating takes its level from the digit.
    func command(for key: Key) -> Command {
        if case .rate = command, case .character(let c) = key, let level = c.wholeNumberValue { return .rate(level) }
        return command
    }

    /// How the key shows in the hint bar and the dialogs.
    var shownKey: String { hintKey ?? String(label.split(separator: " ").first ?? "") }
}

/// Bindings that belong together, with the name of where they apply (the README's "where").
public struct BindingGroup: Sendable {
    public let place: String
    public let bindings: [Binding]
    /// One line standing for the whole group in the help overlay (movement, screen jumps,
    /// text editing), so a mode's help fits an 80×24 terminal.
    public let summary: [(keys: String, help: String)]?

    init(_ place: String, _ bindings: [Binding], summary: [(keys: String, help: String)]? = nil) {
        self.place = place; self.bindings = bindings; self.summary = summary
    }
}

extension Keymap {
    /// Every binding of a mode, in order.
    public static func bindings(in mode: Mode, scale: Int) -> [Binding] {
        if scale == bundledScale, let cached = bundledBindings[mode] { return cached }
        return groups(in: mode, scale: scale).flatMap(\.bindings)
    }

    /// The first bundled framework's scale (the README's), and every mode's bindings for it made once: a key press
    /// looks its mode up instead of building the table again.
    static let bundledScale = Framework.bundled[0].scale.count
    static let bundledBindings: [Mode: [Binding]] = Dictionary(
        uniqueKeysWithValues: Mode.all.map { ($0, groups(in: $0, scale: bundledScale).flatMap(\.bindings)) }
            + [FieldMode.toggle, .links].map { Mode.form($0, profile: true) }.map { ($0, groups(in: $0, scale: bundledScale).flatMap(\.bindings)) })

    /// The binding a key reaches in a mode: the first that names it, else an "any other key".
    public static func binding(for key: Key, in mode: Mode, scale: Int) -> Binding? {
        let all = bindings(in: mode, scale: scale)
        return all.first { $0.keys.contains(key) } ?? all.first { $0.anyOtherKey }
    }

    /// The command a key means in a mode, if any.
    public static func command(for key: Key, in mode: Mode, scale: Int) -> Command? {
        binding(for: key, in: mode, scale: scale)?.command(for: key)
    }
}
