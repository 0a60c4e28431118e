import PlannerCore

/// What the keyboard is talking to: a list screen, a form field, a dialog, a picker or a
/// search. Each mode has its own bindings in `Keymap`, and `update` looks every key up in the
/// bindings of the mode it arrives in, so what a key does and what help says it does are one.
public enum Mode: Hashable, Sendable {
    case dashboard, walkthrough, framework, element, evidenceList, pdp, readiness, periods, conflicts
    /// Typing a search on the evidence list.
    case search
    /// The focused field of a form; the profile form has one key more.
    case form(FieldMode, profile: Bool)
    /// The profile shown as a view: a field is chosen, then edited.
    case profileView
    case picker, pickerSearch, linkExisting, suggestions, prompt
    /// Choosing the kind of evidence the list shows.
    case kindPicker
    case help, message, confirmDiscard, confirmDelete, confirmNewPeriod, confirmExport, recovery, otherVersion
    /// A sync tool's copy found at open, and moving it aside once merged (issue 18).
    case syncCopy, moveAside
    /// Quitting with a form open (it can be saved first), or after a save failed (it cannot).
    case quitWithEdit, quitAfterFailure
    /// The terminal is smaller than the planner can draw in.
    case tooSmall

    /// Every mode there is, in the order the README's table lists them (the profile form has
    /// text, long text and choice fields only).
    public static let all: [Mode] =
        [.dashboard, .walkthrough, .framework, .element, .evidenceList, .pdp, .readiness, .periods, .conflicts, .search]
        + FieldMode.allCases.map { .form($0, profile: false) } + [.profileView]
        + [FieldMode.text, .longText, .choice].map { .form($0, profile: true) }
        + [
            .picker, .pickerSearch, .kindPicker, .linkExisting, .suggestions, .prompt, .help, .message, .confirmDiscard, .quitWithEdit, .quitAfterFailure,
            .confirmDelete, .confirmNewPeriod, .confirmExport, .recovery, .otherVersion, .syncCopy, .moveAside, .tooSmall,
        ]

    /// The mode's name in help titles and the README.
    public var name: String {
        switch self {
        case .dashboard: return "dashboard"
        case .walkthrough: return "walk-through"
        case .framework: return "framework"
        case .element: return "element"
        case .evidenceList: return "evidence"
        case .pdp: return "PDP"
        case .readiness: return "readiness"
        case .periods: return "past periods"
        case .conflicts: return "merge conflicts"
        case .search: return "evidence search"
        case .form(let field, let profile): return (profile ? "profile " : "") + field.name
        case .profileView: return "profile"
        case .picker: return "competence picker"
        case .pickerSearch: return "picker search"
        case .kindPicker: return "kind picker"
        case .linkExisting: return "link evidence"
        case .suggestions: return "suggested goals"
        case .prompt: return "question"
        case .help: return "help"
        case .message: return "note"
        case .confirmDiscard: return "discard dialog"
        case .quitWithEdit: return "quit dialog (form open)"
        case .quitAfterFailure: return "quit dialog (not saved)"
        case .confirmDelete: return "delete dialog"
        case .confirmNewPeriod: return "new-period dialog"
        case .confirmExport: return "export dialog"
        case .recovery: return "recovered-draft dialog"
        case .otherVersion: return "file-changed dialog"
        case .syncCopy: return "sync-copy dialog"
        case .moveAside: return "move-aside dialog"
        case .tooSmall: return "too small"
        }
    }

    /// Whether printable characters and pastes that no binding claims are inserted as text.
    public var takesText: Bool {
        switch self {
        case .search, .pickerSearch, .prompt: return true
        case .form(let field, _): return field == .text || field == .longText
        default: return false
        }
    }
}

/// The kinds of form field, each with its own keys.
public enum FieldMode: CaseIterable, Hashable, Sendable {
    case text, longText, choice, toggle, links

    var name: String {
        switch self {
        case .text: return "text field"
        case .longText: return "long text"
        case .choice: return "choice field"
        case .toggle: return "yes/no field"
        case .links: return "picker field"
        }
    }
}

extension FormField {
    var mode: FieldMode {
        switch kind {
        case .text, .date, .number: return .text
        case .multiline: return .longText
        case .choice: return .choice
        case .toggle: return .toggle
        case .links, .tags: return .links
        }
    }
}

extension AppState {
    /// The mode the next key arrives in.
    public var mode: Mode { isTooSmall ? .tooSmall : modeAtAnySize }

    /// The mode of what is open, as if the terminal were big enough to show it.
    var modeAtAnySize: Mode {
        if let modal { return Mode(modal, formOpen: hasOpenEdit) }
        switch route {
        case .dashboard: return .dashboard
        case .walkthrough: return .walkthrough
        case .framework: return .framework
        case .element: return .element
        case .evidenceList: return list.searching ? .search : .evidenceList
        case .pdp: return .pdp
        case .readiness: return .readiness
        case .periods: return .periods
        case .conflicts: return .conflicts
        case .evidenceEditor: return .form(editor?.form.focusedField.mode ?? .text, profile: false)
        case .goalEditor: return .form(goalEditor?.form.focusedField.mode ?? .text, profile: false)
        case .profile:
            guard let form = profileForm, !form.viewing else { return .profileView }
            return .form(form.focusedField.mode, profile: true)
        }
    }

    /// The top of the rating scale the rating keys accept (for now the bundled taxonomy's;
    /// a framework's own scale replaces it when frameworks carry one).
    public var ratingScale: Int { framework.scale.count }

    /// The command a key means here, from the table; nil when the mode has no binding for it.
    func command(for key: Key) -> Command? { Keymap.command(for: key, in: mode, scale: ratingScale) }
}

extension Mode {
    init(_ modal: Modal, formOpen: Bool) {
        switch modal {
        case .help: self = .help
        case .message: self = .message
        case .confirmDiscard: self = .confirmDiscard
        case .confirmQuit: self = formOpen ? .quitWithEdit : .quitAfterFailure
        case .confirmDelete: self = .confirmDelete
        case .confirmNewPeriod: self = .confirmNewPeriod
        case .confirmExport: self = .confirmExport
        case .picker(let picker): self = picker.searching ? .pickerSearch : .picker
        case .kindPicker: self = .kindPicker
        case .linkExisting: self = .linkExisting
        case .prompt: self = .prompt
        case .suggestions: self = .suggestions
        case .recovery: self = .recovery
        case .otherVersion: self = .otherVersion
        case .syncCopy: self = .syncCopy
        case .moveAside: self = .moveAside
        }
    }
}

/// What the help overlay explains: the mode it was opened from, its title, and the dialog or
/// picker it covers (which comes back when the help closes).
struct HelpContext: Sendable {
    let mode: Mode
    let title: String
    let under: Modal?
}
