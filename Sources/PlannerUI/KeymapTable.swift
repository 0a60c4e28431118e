import PlannerCore

/// The table itself: the bindings of every mode, as groups shared between modes.
public enum Keymap {
    static let movement = BindingGroup(
        "lists",
        [
            Binding([.up, .character("k")], "↑ k", .up, idle: "at the first item", "Move up"),
            Binding([.down, .character("j")], "↓ j", .down, idle: "at the last item", "Move down"),
            Binding([.pageUp, .ctrl("b")], "PgUp", .pageUp, idle: "at the first item", "Page up"),
            Binding([.pageDown, .ctrl("f")], "PgDn", .pageDown, idle: "at the last item", "Page down"),
            Binding([.home, .character("g")], "Home g", .top, idle: "at the first item", "Go to the first item"),
            Binding([.end, .character("G")], "End G", .bottom, idle: "at the last item", "Go to the last item"),
        ], summary: [("↑↓ jk PgUp PgDn g G", "Move; page; first / last item")])

    /// Available on every list screen, in three groups so the jumps fold into one help line.
    static let global: [BindingGroup] = [
        BindingGroup(
            "any list screen",
            [
                Binding([.character("?"), .f1], "? F1", .help, hint: "help", "Help for this screen"),
                Binding([.ctrl("s")], "Ctrl-S", .save, "Save now (every change is already saved as you make it)"),
            ]),
        BindingGroup(
            "any list screen",
            [
                Binding([.character("d")], "d", .goDashboard, idle: "on the dashboard", "Dashboard"),
                Binding([.character("w")], "w", .goWalkthrough, idle: "on the walk-through", "Guided walk-through of the framework, element by element"),
                Binding([.character("f")], "f", .goFramework, idle: "on the framework", "Framework browser"),
                Binding(
                    [.character("F")], "F", .nextFramework, idle: "with one framework",
                    "Show the portfolio's next framework (walk-through, browser, picker); choose them in the profile"),
                Binding([.character("v")], "v", .goEvidence, idle: "on the evidence list", "Evidence list"),
                Binding([.character("p")], "p", .goPDP, idle: "on the PDP", "Personal development plan"),
                Binding([.character("r")], "r", .goReadiness, idle: "on the readiness list", "Readiness: what your stage still expects"),
                Binding([.character("u")], "u", .goProfile, "Your profile, and starting a new period"),
            ], summary: [("d w f v p r u", "Go to the dashboard, walk-through, framework, evidence, PDP, readiness or profile")]),
        BindingGroup(
            "any list screen",
            [
                Binding([.character("e")], "e", .export, hint: "export", "Export the appraiser's Markdown beside the portfolio"),
                Binding([.character("q")], "q", .quit, hint: "quit", "Quit (asks first if an edit is open)"),
                Binding([.escape], "Esc", .back, hint: "back", idle: "with nothing to go back to", "Go back to the previous screen"),
            ]),
    ]

    /// Works in every mode, even a dialog.
    static let everywhere = BindingGroup(
        "everywhere", [Binding([.ctrl("c")], "Ctrl-C", .quit, idle: "in the quit dialog", "Quit (asks first if an edit is open)")])

    static func rating(scale: Int) -> BindingGroup {
        let digits = (1...9).map { Key.character(Character(String($0))) }
        return BindingGroup(
            "walk-through, element",
            [
                Binding(
                    digits, "1-\(min(9, scale))", .rate(0), hint: "rate",
                    "Rate this element from 1 to \(min(9, scale)), the top of the scale (a higher digit is refused)"),
                Binding([.character("0")], "0", .rateClear, idle: "with no rating to clear", "Clear the rating"),
                Binding([.character("n")], "n", .writeNote, hint: "note", "Write a note on this element"),
                Binding([.character("a")], "a", .addEvidence, hint: "add", "Add new evidence linked to this element"),
                Binding([.character("L")], "L", .linkEvidence, hint: "link", "Link evidence you already have"),
            ])
    }

    /// What each list screen adds, looked up before the global bindings.
    static func screen(_ mode: Mode, scale: Int) -> [BindingGroup] {
        switch mode {
        case .dashboard:
            return [BindingGroup("dashboard", [Binding([.enter], "Enter", .open, hint: "open", "Open the selected item")])]
        case .walkthrough:
            return [
                BindingGroup(
                    "walk-through",
                    [
                        Binding([.right, .character("l")], "→ l", .next, hint: "next", "Next element"),
                        Binding([.left, .character("h")], "← h", .previous, hint: "prev", "Previous element"),
                    ]),
                rating(scale: scale),
                BindingGroup("walk-through", [Binding([.enter], "Enter", .open, idle: "with no evidence linked", "Open the selected evidence")]),
            ]
        case .framework:
            return [
                BindingGroup(
                    "framework",
                    [
                        Binding([.enter], "Enter", .open, hint: "open", "Open the element (or expand a domain)"),
                        Binding([.right, .character("l")], "→ l", .expand, idle: "when already expanded", "Expand"),
                        Binding([.left, .character("h")], "← h", .collapse, idle: "on a collapsed domain", "Collapse"),
                        Binding(
                            [.character("L")], "L", .linkEvidence, hint: "link",
                            "Link evidence you already have to the selected element or competence"),
                    ])
            ]
        case .element:
            return [
                BindingGroup(
                    "element",
                    [
                        Binding([.enter], "Enter", .open, hint: "edit", idle: "with no evidence linked", "Edit the selected evidence"),
                        Binding(
                            [.character("x")], "x", .unlink, hint: "unlink", idle: "with no evidence linked", "Unlink the selected evidence from this element"),
                    ]),
                rating(scale: scale),
            ]
        case .evidenceList:
            return [
                BindingGroup(
                    "evidence",
                    [
                        Binding([.enter], "Enter", .open, hint: "edit", idle: "with no evidence shown", "Edit the selected evidence"),
                        Binding([.character("a")], "a", .addEvidence, hint: "add", "Add new evidence"),
                        Binding([.character("/")], "/", .search, hint: "search", "Search titles, descriptions and reflections"),
                        Binding([.character("K")], "K", .filterKind, hint: "kind", "Filter by kind: choose from the list of kinds"),
                        Binding([.character("E")], "E", .filterElement, hint: "element", "Filter by element or competence"),
                        Binding([.character("c")], "c", .clearFilters, idle: "with no search or filter", "Clear search and filters"),
                        Binding([.character("x")], "x", .deleteItem, idle: "with no evidence shown", "Delete the selected evidence (asks first)"),
                        Binding(
                            [.character("A")], "A", .attachFile, idle: "with no evidence shown",
                            "Attach a file to the selected evidence"),
                        Binding(
                            [.character("b")], "b", .bringForward,
                            idle: "with no evidence shown, or on an item not from an earlier year",
                            "Bring the selected item from an earlier year into this year's document, saying why (again: edit why, or clear it to stop)"),
                    ])
            ]
        case .pdp:
            return [
                BindingGroup(
                    "PDP",
                    [
                        Binding([.enter], "Enter", .open, hint: "edit", idle: "with no goals", "Edit the selected goal"),
                        Binding([.character("a")], "a", .addGoal, hint: "add goal", "Add a goal to the list shown"),
                        Binding([.character("s")], "s", .suggestGoals, hint: "suggest", "Suggest goals from your gaps"),
                        Binding(
                            [.tab], "Tab", .switchSection, hint: "other list",
                            "Switch between the goals \(GoalList.proposed.tab) and \(GoalList.thisYear.tab)"),
                        Binding([.character("x")], "x", .deleteItem, idle: "with no goals", "Delete the selected goal (asks first)"),
                    ])
            ]
        case .readiness:
            return [
                BindingGroup(
                    "readiness",
                    [
                        Binding([.enter], "Enter", .open, hint: "go to fix", idle: "with nothing to fix", "Jump to the place that needs fixing"),
                        Binding(
                            [.character("n")], "n", .declareNone, idle: "on a finding that is not a GMC type",
                            "Declare “none this period” for the selected GMC type (a nil return, with an optional note), or withdraw it"),
                    ])
            ]
        case .periods:
            return [
                BindingGroup(
                    "past periods",
                    [Binding([.enter], "Enter", .open, hint: "view", idle: "with no past period", "View the selected period, read only")])
            ]
        case .conflicts:
            return [
                BindingGroup(
                    "merge conflicts",
                    [
                        Binding(
                            [.character("o")], "o", .pickOurs, hint: "this copy's", idle: "with no conflict",
                            "Keep this copy's version of the selected conflict (the one in the file now)"),
                        Binding([.character("t")], "t", .pickTheirs, hint: "the other's", idle: "with no conflict", "Take the other copy's version"),
                        Binding(
                            [.character("b")], "b", .keepBothTexts, hint: "both", idle: "on a field that is not a text",
                            "Keep both texts, this copy's first (a free-text field only)"),
                    ])
            ]
        default: return []
        }
    }

    /// Editing keys of every text: form fields, searches and questions.
    static let typing = BindingGroup(
        "any text (fields, searches, questions)",
        [
            Binding([.left], "←", .cursorLeft, idle: "at the start", "Cursor left"),
            Binding([.right], "→", .cursorRight, idle: "at the end", "Cursor right"),
            Binding([.home], "Home", .lineStart, idle: "at the start", "Start of the line"),
            Binding([.end], "End", .lineEnd, idle: "at the end", "End of the line"),
            Binding([.ctrl("a")], "Ctrl-A", .textStart, idle: "at the start", "Start of the text"),
            Binding([.ctrl("e")], "Ctrl-E", .textEnd, idle: "at the end", "End of the text"),
            Binding([.backspace], "Backspace", .deleteBackward, idle: "at the start", "Delete the character before the cursor"),
            Binding([.delete], "Del", .deleteForward, idle: "at the end", "Delete the character under the cursor"),
            Binding([.ctrl("w")], "Ctrl-W", .deleteWord, idle: "at the start", "Delete the word before the cursor"),
            Binding([.ctrl("u")], "Ctrl-U", .deleteToLineStart, idle: "at the start", "Delete to the start of the line"),
        ],
        summary: [
            ("← → Home End", "Cursor left / right; start / end of the line"), ("Ctrl-A Ctrl-E", "Start / end of the whole text"),
            ("Backspace Del", "Delete the character before / under the cursor"), ("Ctrl-W Ctrl-U", "Delete the word before / back to the line start"),
        ])

    /// The keys every form shares, whatever field has the focus. In the profile, Esc leaves the
    /// field for the profile view (the view's Esc closes the profile).
    static func formCommon(profile: Bool) -> BindingGroup {
        BindingGroup(
            profile ? "profile fields" : "forms",
            [
                Binding([.tab], "Tab", .nextField, hint: "next field", "Next field"),
                Binding([.backTab], "Shift-Tab", .previousField, "Previous field"),
                Binding([.ctrl("s")], "Ctrl-S", .submit, hint: "save", "Save this form"),
                profile
                    ? Binding([.escape], "Esc", .leaveField, hint: "back to the view", "Leave the field: back to the profile view (what you typed stays)")
                    : Binding([.escape], "Esc", .closeForm, hint: "close", "Close (asks before discarding changes)"),
                Binding([.f1], "F1", .help, hint: "help", "Help for this form"),
            ])
    }

    static let fieldUpDown: [Binding] = [
        Binding([.down, .character("j")], "↓ j", .nextField, "Next field"),
        Binding([.up, .character("k")], "↑ k", .previousField, "Previous field"),
        Binding([.character("?")], "?", .help, "Help for this form (F1 in a text field)"),
    ]

    static func field(_ field: FieldMode, profile: Bool = false) -> [BindingGroup] {
        switch field {
        case .text where profile:
            return [
                BindingGroup(
                    "profile text field",
                    [
                        Binding([.enter], "Enter", .leaveField, hint: "done", "Leave the field: back to the profile view"),
                        Binding([.down], "↓", .nextField, "Next field"),
                        Binding([.up], "↑", .previousField, "Previous field"),
                    ]),
                typing,
            ]
        case .text:
            return [
                BindingGroup(
                    "text fields",
                    [
                        Binding([.enter, .down], "Enter ↓", .nextField, "Next field"),
                        Binding([.up], "↑", .previousField, "Previous field"),
                    ]),
                typing,
            ]
        case .longText:
            return [
                BindingGroup(
                    "long text",
                    [
                        Binding([.enter], "Enter", .newLine, "New line"),
                        Binding([.up], "↑", .lineUp, idle: "on the first line", "Line up"),
                        Binding([.down], "↓", .lineDown, idle: "on the last line", "Line down"),
                        Binding([.pageUp], "PgUp", .pageUpText, idle: "on the first line", "Eight lines up"),
                        Binding([.pageDown], "PgDn", .pageDownText, idle: "on the last line", "Eight lines down"),
                    ]),
                typing,
            ]
        case .choice where profile:
            return [
                BindingGroup(
                    "profile choice field",
                    [
                        Binding([.right, .character(" "), .character("l")], "→ Space l", .nextOption, "Next choice"),
                        Binding([.left, .character("h")], "← h", .previousOption, "Previous choice"),
                        Binding([.enter], "Enter", .leaveField, "Leave the field: back to the profile view"),
                    ] + fieldUpDown)
            ]
        case .choice:
            return [
                BindingGroup(
                    "choice fields",
                    [
                        Binding([.right, .character(" "), .enter, .character("l")], "→ Space Enter l", .nextOption, "Next choice"),
                        Binding([.left, .character("h")], "← h", .previousOption, "Previous choice"),
                    ] + fieldUpDown)
            ]
        case .toggle:
            return [
                BindingGroup(
                    "yes/no fields",
                    [
                        Binding([.character(" "), .enter, .left, .right], "Space Enter ← →", .toggle, "Switch between yes and no"),
                        Binding([.character("y")], "y", .turnOn, idle: "when already yes", "Yes"),
                        Binding([.character("n")], "n", .turnOff, idle: "when already no", "No"),
                    ] + fieldUpDown)
            ]
        case .links:
            return [
                BindingGroup(
                    "picker fields",
                    [
                        Binding(
                            [.enter, .character(" ")], "Enter Space", .chooseLinks, hint: "choose",
                            "Choose from a picker (competences, GMP domains, GMC areas)"),
                        Binding([.backspace, .delete], "Backspace Del", .clearLinks, idle: "with none chosen", "Remove every choice"),
                    ] + fieldUpDown)
            ]
        }
    }

    static let profile = BindingGroup(
        "profile",
        [
            Binding(
                [.ctrl("n")], "Ctrl-N", .newPeriod, "Start a new period after the appraisal: archive this one; the agreed plan becomes this year's goals"),
            Binding([.ctrl("p")], "Ctrl-P", .goPeriods, "Past periods: view an archived year, read only"),
            Binding(
                [.ctrl("y")], "Ctrl-Y", .copyLastYear, idle: "in other fields, or with nothing from last year",
                "Copy last year's text into this field (probity, health, achievements, challenges, aspirations)"),
        ])

    /// The profile as a view: keys move between fields and choose one to edit; nothing is typed,
    /// so a screen key (`?`, `d`) never lands in the doctor's name.
    static let profileView = BindingGroup(
        "profile",
        [
            Binding([.down, .character("j"), .tab], "↓ j Tab", .nextField, hint: "move", hintKey: "↑↓", "Next field"),
            Binding([.up, .character("k"), .backTab], "↑ k Shift-Tab", .previousField, "Previous field"),
            Binding([.enter, .character("e")], "Enter e", .editField, hint: "edit", "Edit the selected field"),
            Binding([.ctrl("s")], "Ctrl-S", .submit, hint: "save", idle: "with nothing changed", "Save the profile"),
            Binding([.escape], "Esc", .closeForm, hint: "close", "Close (asks before discarding changes)"),
            Binding([.character("?"), .f1], "? F1", .help, hint: "help", "Help for the profile"),
        ])

    static let listHelp = Binding([.character("?"), .f1], "? F1", .help, hint: "help", "Help for this list")
    static let typingHelp = Binding([.f1], "F1", .help, hint: "help", "Help (? is text here)")

    /// Dialogs, pickers, searches and the too-small screen.
    static func overlay(_ mode: Mode) -> [BindingGroup] {
        switch mode {
        case .search:
            return [
                BindingGroup(
                    mode.name,
                    [
                        Binding([.enter], "Enter", .keepSearch, hint: "keep", "Keep the search and go back to the list"),
                        Binding([.escape], "Esc", .clearSearch, hint: "clear", "Clear the search"),
                    ]),
                typing,
            ]
        case .picker:
            return [
                BindingGroup(
                    mode.name,
                    [
                        Binding([.character(" "), .character("x")], "Space x", .tick, hint: "tick/untick", idle: "on a domain heading", "Tick or untick"),
                        Binding([.character("/")], "/", .startSearch, hint: "search", "Search the competences"),
                        Binding([.enter, .ctrl("s")], "Enter Ctrl-S", .done, hint: "keep", "Keep these ticks: back to the form with them"),
                        Binding([.escape], "Esc", .dismiss, hint: "cancel", "Leave without changes: the field keeps what it had"),
                        Binding([.up, .character("k")], "↑ k", .up, idle: "at the top", "Move up"),
                        Binding([.down, .character("j")], "↓ j", .down, idle: "at the bottom", "Move down"),
                        Binding([.pageUp], "PgUp", .pageUp, idle: "at the top", "Page up"),
                        Binding([.pageDown], "PgDn", .pageDown, idle: "at the bottom", "Page down"),
                        listHelp,
                    ])
            ]
        case .pickerSearch:
            return [
                BindingGroup(
                    mode.name,
                    [
                        Binding([.enter, .down], "Enter ↓", .keepSearch, hint: "keep", "Keep the search and go back to ticking (at the first match)"),
                        Binding([.escape], "Esc", .clearSearch, hint: "clear", "Clear the search"),
                        typingHelp,
                    ]),
                typing,
            ]
        case .kindPicker:
            return [
                BindingGroup(
                    mode.name,
                    [
                        Binding([.enter], "Enter", .accept, hint: "show this kind", "Show only the selected kind (or all kinds)"),
                        Binding([.escape], "Esc", .dismiss, hint: "cancel", "Close without changing the filter"),
                        Binding([.up, .character("k")], "↑ k", .up, idle: "at the top", "Move up"),
                        Binding([.down, .character("j")], "↓ j", .down, idle: "at the bottom", "Move down"),
                        Binding([.pageUp], "PgUp", .pageUp, idle: "at the top", "Page up"),
                        Binding([.pageDown], "PgDn", .pageDown, idle: "at the bottom", "Page down"),
                        listHelp,
                    ])
            ]
        case .linkExisting:
            return [
                BindingGroup(
                    mode.name,
                    [
                        Binding([.enter], "Enter", .open, hint: "links", "Link the selected evidence"),
                        Binding([.escape], "Esc", .dismiss, hint: "closes", "Close without linking"),
                        Binding([.up, .character("k")], "↑ k", .up, idle: "at the top", "Move up"),
                        Binding([.down, .character("j")], "↓ j", .down, idle: "at the bottom", "Move down"),
                        Binding([.pageUp], "PgUp", .pageUp, idle: "at the top", "Page up"),
                        Binding([.pageDown], "PgDn", .pageDown, idle: "at the bottom", "Page down"),
                        listHelp,
                    ])
            ]
        case .suggestions:
            return [
                BindingGroup(
                    mode.name,
                    [
                        Binding([.enter], "Enter", .open, hint: "to start one", "Start a goal from the selected suggestion"),
                        Binding([.escape], "Esc", .dismiss, hint: "closes", "Close"),
                        Binding([.up, .character("k")], "↑ k", .up, idle: "at the top", "Move up"),
                        Binding([.down, .character("j")], "↓ j", .down, idle: "at the bottom", "Move down"),
                        listHelp,
                    ])
            ]
        case .prompt:
            return [
                BindingGroup(
                    mode.name,
                    [
                        Binding([.enter], "Enter", .accept, hint: "to confirm", "Confirm the answer"),
                        Binding([.escape], "Esc", .dismiss, hint: "to cancel", "Cancel"),
                        typingHelp,
                    ]),
                typing,
            ]
        case .help: return [BindingGroup(mode.name, [.anyOther("any key", .dismiss, hint: "closes this help", "Close the help")])]
        case .message: return [BindingGroup(mode.name, [.anyOther("any key", .dismiss, hint: "to continue", "Close the note")])]
        case .confirmDiscard:
            return [
                BindingGroup(
                    mode.name,
                    [
                        Binding([.character("y"), .character("d")], "y d", .discardChanges, hint: "discard them", hintKey: "y", "Discard the changes"),
                        Binding([.character("s"), .ctrl("s")], "s Ctrl-S", .saveForm, hint: "save them", hintKey: "s", "Save the changes"),
                        Binding([.character("n"), .escape], "n Esc", .dismiss, hint: "keep editing", hintKey: "n / Esc", "Keep editing"),
                    ])
            ]
        case .quitWithEdit:
            return [
                BindingGroup(
                    mode.name,
                    [
                        Binding([.character("s")], "s", .saveAndQuit, hint: "save it and quit", "Save the open form and quit"),
                        Binding([.character("y")], "y", .quitAnyway, hint: "quit without it", "Quit without saving the open form"),
                        Binding([.character("n"), .escape], "n Esc", .dismiss, hint: "stay", hintKey: "n / Esc", "Stay"),
                    ])
            ]
        case .quitAfterFailure:
            return [
                BindingGroup(
                    mode.name,
                    [
                        Binding([.character("y")], "y", .quitAnyway, hint: "quit anyway", "Quit although the last change is not on disk"),
                        Binding([.character("n"), .escape], "n Esc", .dismiss, hint: "stay", hintKey: "n / Esc", "Stay"),
                    ])
            ]
        case .confirmDelete:
            return [
                BindingGroup(
                    mode.name,
                    [
                        Binding([.character("y")], "y", .accept, hint: "delete", "Delete it"),
                        .anyOther("any other key", .dismiss, hint: "keep", hintKey: "n / Esc", "Keep it"),
                    ])
            ]
        case .confirmNewPeriod:
            return [
                BindingGroup(
                    mode.name,
                    [
                        Binding([.character("y")], "y", .accept, hint: "start the new period", "Start the new period"),
                        .anyOther("any other key", .dismiss, hint: "not now", hintKey: "n / Esc", "Not now"),
                    ])
            ]
        case .confirmExport:
            return [
                BindingGroup(
                    mode.name,
                    [
                        Binding([.character("y")], "y", .accept, hint: "export it as it is", "Export although the portfolio is not ready"),
                        .anyOther("any other key", .dismiss, hint: "not now", hintKey: "n / Esc", "Not now"),
                    ])
            ]
        case .recovery:
            return [
                BindingGroup(
                    mode.name,
                    [
                        Binding([.character("y")], "y", .accept, hint: "restore it into its editor", "Restore the draft into its editor"),
                        Binding([.character("n"), .escape], "n Esc", .declineDraft, hint: "discard it", hintKey: "n", "Discard the draft"),
                    ])
            ]
        case .otherVersion:
            return [
                BindingGroup(
                    mode.name,
                    [
                        Binding(
                            [.character("m")], "m", .mergeOther, hint: "merge it in",
                            "Merge the other version into yours, field by field (conflicts go to the Merge conflicts screen)"),
                        Binding([.character("r")], "r", .reload, hint: "open the other version (yours stays where it is)", "Open the other version"),
                        Binding(
                            [.character("k"), .escape, .enter], "k Esc Enter", .keepOurs, hint: "keep working on yours", hintKey: "k / Esc",
                            "Keep working on your version"),
                    ])
            ]
        case .syncCopy:
            return [
                BindingGroup(
                    mode.name,
                    [
                        Binding(
                            [.character("m")], "m", .mergeOther, hint: "merge it in",
                            "Merge the copy into the portfolio, field by field (conflicts go to the Merge conflicts screen)"),
                        Binding([.character("n"), .escape], "n Esc", .dismiss, hint: "leave it for now", hintKey: "n / Esc", "Leave the copy as it is"),
                    ])
            ]
        case .moveAside:
            return [
                BindingGroup(
                    mode.name,
                    [
                        Binding([.character("y")], "y", .accept, hint: "rename it to NAME.merged", "Move the merged copy aside"),
                        .anyOther("any other key", .dismiss, hint: "leave it there", hintKey: "n / Esc", "Leave the merged copy where it is"),
                    ])
            ]
        case .tooSmall:
            return [BindingGroup(mode.name, [Binding([.character("q")], "q", .quit, "Quit")])]
        default: return []
        }
    }

    /// All the groups of a mode, in the order keys are looked up.
    public static func groups(in mode: Mode, scale: Int) -> [BindingGroup] {
        switch mode {
        case .dashboard, .walkthrough, .framework, .element, .evidenceList, .pdp, .readiness, .periods, .conflicts:
            return screen(mode, scale: scale) + [movement] + global + [everywhere]
        case .form(let kind, let isProfile):
            return field(kind, profile: isProfile) + [formCommon(profile: isProfile)] + (isProfile ? [profile] : []) + [everywhere]
        case .profileView:
            return [profileView, profile, everywhere]
        default:
            return overlay(mode) + [everywhere]
        }
    }

    /// The command of a key in plain text (one line, or several).
    static func textCommand(for key: Key, multiline: Bool) -> Command? {
        let groups = multiline ? field(.longText) : [typing]
        return groups.flatMap(\.bindings).first { $0.keys.contains(key) }?.command
    }
}
