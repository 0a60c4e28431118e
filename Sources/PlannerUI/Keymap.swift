/// Every user action is a named command with a line of help; key bindings map keys to
/// commands per screen. The help overlay and the hint bar are generated from this table,
/// so they cannot drift from what the keys do.
public enum Command: String, CaseIterable, Sendable {
    case up, down, pageUp, pageDown, top, bottom, open, back, help, quit, save, export
    case goDashboard, goWalkthrough, goFramework, goEvidence, goPDP, goReadiness, goProfile
    case next, previous, rate1, rate2, rate3, rate4, rateClear
    case addEvidence, linkEvidence, unlink, writeNote, search, filterKind, filterElement, clearFilters
    case addGoal, suggestGoals, switchSection, deleteItem, expand, collapse, newPeriod
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

    init(_ keys: [Key], _ label: String, _ command: Command, hint: String? = nil, hintKey: String? = nil, _ help: String) {
        self.keys = keys; self.label = label; self.command = command; self.hint = hint; self.help = help; self.hintKey = hintKey
    }
}

public enum Keymap {
    static let movement: [Binding] = [
        Binding([.up, .character("k")], "↑ k", .up, "Move up"),
        Binding([.down, .character("j")], "↓ j", .down, "Move down"),
        Binding([.pageUp, .ctrl("b")], "PgUp", .pageUp, "Page up"),
        Binding([.pageDown, .ctrl("f")], "PgDn", .pageDown, "Page down"),
        Binding([.home, .character("g")], "Home g", .top, "Go to the first item"),
        Binding([.end, .character("G")], "End G", .bottom, "Go to the last item"),
    ]

    /// Available on every list screen.
    static let global: [Binding] = [
        Binding([.character("?")], "?", .help, hint: "help", "Help for this screen"),
        Binding([.ctrl("s")], "Ctrl-S", .save, "Save now (every change is already saved as you make it)"),
        Binding([.character("d")], "d", .goDashboard, "Dashboard"),
        Binding([.character("w")], "w", .goWalkthrough, "Guided walk-through of the framework, element by element"),
        Binding([.character("f")], "f", .goFramework, "Framework browser"),
        Binding([.character("v")], "v", .goEvidence, "Evidence list"),
        Binding([.character("p")], "p", .goPDP, "Personal development plan"),
        Binding([.character("r")], "r", .goReadiness, "Readiness: what your stage still expects"),
        Binding([.character("u")], "u", .goProfile, "Your profile, and starting a new period"),
        Binding([.character("e")], "e", .export, hint: "export", "Export the appraiser's Markdown beside the portfolio"),
        Binding([.character("q"), .ctrl("c")], "q", .quit, hint: "quit", "Quit (asks first if an edit is open)"),
        Binding([.escape], "Esc", .back, hint: "back", "Go back to the previous screen"),
    ]

    static let rating: [Binding] = [
        Binding([.character("1")], "1", .rate1, "Rate this element 1: not yet demonstrated"),
        Binding([.character("2")], "2", .rate2, "Rate 2: developing"),
        Binding([.character("3")], "3", .rate3, "Rate 3: competent for my stage"),
        Binding([.character("4")], "4", .rate4, hint: "rate", hintKey: "1-4", "Rate 4: excellent / beyond my stage"),
        Binding([.character("0")], "0", .rateClear, "Clear the rating"),
        Binding([.character("n")], "n", .writeNote, hint: "note", "Write a note on this element"),
        Binding([.character("a")], "a", .addEvidence, hint: "add", "Add new evidence linked to this element"),
        Binding([.character("L")], "L", .linkEvidence, hint: "link", "Link evidence you already have"),
    ]

    /// Screen-specific bindings, looked up before the global ones.
    static func screen(_ route: Route) -> [Binding] {
        switch route {
        case .dashboard:
            return [Binding([.enter], "Enter", .open, hint: "open", "Open the selected item")] + movement
        case .walkthrough:
            return [
                Binding([.right, .character("l")], "→ l", .next, hint: "next", "Next element"),
                Binding([.left, .character("h")], "← h", .previous, hint: "prev", "Previous element"),
            ]
                + rating + [Binding([.enter], "Enter", .open, "Open the selected evidence")] + movement
        case .framework:
            return [
                Binding([.enter], "Enter", .open, hint: "open", "Open the element (or expand a domain)"),
                Binding([.right, .character("l")], "→ l", .expand, "Expand"),
                Binding([.left, .character("h")], "← h", .collapse, "Collapse"),
            ] + movement
        case .element:
            return [
                Binding([.enter], "Enter", .open, hint: "edit", "Edit the selected evidence"),
                Binding([.character("x")], "x", .unlink, hint: "unlink", "Unlink the selected evidence from this element"),
            ]
                + rating + movement
        case .evidenceList:
            return [
                Binding([.enter], "Enter", .open, hint: "edit", "Edit the selected evidence"),
                Binding([.character("a")], "a", .addEvidence, hint: "add", "Add new evidence"),
                Binding([.character("/")], "/", .search, hint: "search", "Search titles, descriptions and reflections"),
                Binding([.character("K")], "K", .filterKind, hint: "kind", "Filter by kind (repeat to cycle)"),
                Binding([.character("E")], "E", .filterElement, hint: "element", "Filter by element"),
                Binding([.character("c")], "c", .clearFilters, "Clear search and filters"),
                Binding([.character("x")], "x", .deleteItem, "Delete the selected evidence (asks first)"),
            ] + movement
        case .pdp:
            return [
                Binding([.enter], "Enter", .open, hint: "edit", "Edit the selected goal"),
                Binding([.character("a")], "a", .addGoal, hint: "add goal", "Add a goal for the next period"),
                Binding([.character("s")], "s", .suggestGoals, hint: "suggest", "Suggest goals from your gaps"),
                Binding([.tab], "Tab", .switchSection, hint: "last period", "Switch between next period's goals and last period's review"),
                Binding([.character("x")], "x", .deleteItem, "Delete the selected goal (asks first)"),
            ] + movement
        case .readiness:
            return [Binding([.enter], "Enter", .open, hint: "go to fix", "Jump to the place that needs fixing")] + movement
        case .evidenceEditor, .goalEditor, .profile:
            return []
        }
    }

    /// The command a key means on a screen, if any.
    public static func command(for key: Key, on route: Route) -> Command? {
        for binding in screen(route) + global where binding.keys.contains(key) { return binding.command }
        return nil
    }

    /// Bindings of forms, for help and the hint bar (keys are handled by `Form`).
    static let form: [Binding] = [
        Binding([.tab], "Tab", .down, hint: "next field", "Next field (Shift-Tab: previous)"),
        Binding([.ctrl("s")], "Ctrl-S", .save, hint: "save", "Save this form"),
        Binding([.escape], "Esc", .back, hint: "close", "Close (asks before discarding changes)"),
        Binding([.enter], "Enter", .open, "Choose competences (on the Competences field); new line in long text"),
        Binding([.character(" ")], "Space ←→", .open, "Change a choice or a yes/no field"),
        Binding([.home], "Home End", .top, "Start or end of the line; Ctrl-A / Ctrl-E: start or end of the text"),
        Binding([.ctrl("w")], "Ctrl-W Ctrl-U", .back, "Delete the word before the cursor / to the start of the line"),
    ]

    /// The profile form's own key, besides the form keys.
    static let profile: [Binding] = [
        Binding([.ctrl("n")], "Ctrl-N", .newPeriod, "Start a new period: archive this one, carry unfinished goals forward for review")
    ]

    /// The bindings of a form, for help and the hint bar.
    static func formBindings(_ route: Route) -> [Binding] { route == .profile ? form + profile : form }

    public static func hints(for route: Route) -> String {
        let bindings = route.isForm ? formBindings(route) : screen(route) + global
        return bindings.compactMap { b in b.hint.map { "\(b.hintKey ?? String(b.label.split(separator: " ").first ?? "")) \($0)" } }.joined(separator: "  ")
    }

    public static func helpLines(for route: Route) -> [(key: String, help: String)] {
        if route.isForm { return formBindings(route).map { ($0.label, $0.help) } }
        // Movement keys and the screen-jump letters each fold into one line, so the whole
        // table fits an 80×24 terminal.
        let jumps: Set<Command> = [.goDashboard, .goWalkthrough, .goFramework, .goEvidence, .goPDP, .goReadiness, .goProfile]
        let moves = Set(movement.map(\.command))
        var lines: [(key: String, help: String)] = []
        var seen = Set<String>()
        for binding in screen(route) + global {
            if moves.contains(binding.command) {
                if seen.insert("move").inserted { lines.append(("↑↓ jk PgUp PgDn g G", "Move; page; first / last item")) }
            } else if jumps.contains(binding.command) {
                if seen.insert("jump").inserted {
                    lines.append(("d w f v p r u", "Go to the dashboard, walk-through, framework, evidence, PDP, readiness or profile"))
                }
            } else if seen.insert(binding.label + binding.help).inserted {
                lines.append((binding.label, binding.help))
            }
        }
        return lines
    }

    /// The README's key table, made from the bindings above (`KeymapDocumentationTests` fails
    /// when the README's copy differs): one row per key and meaning, with the screens that
    /// have it.
    public static var markdownTable: String {
        let screens: [(Route, String)] = [
            (.dashboard, "dashboard"), (.walkthrough, "walk-through"), (.framework, "framework"),
            (.element(""), "element"), (.evidenceList, "evidence"), (.pdp, "PDP"), (.readiness, "readiness"),
        ]
        var rows: [(keys: String, help: String, places: [String])] = []
        func add(_ binding: Binding, _ place: String) {
            let keys = binding.label.split(separator: " ").map { "`\($0)`" }.joined(separator: " ")
            if let i = rows.firstIndex(where: { $0.keys == keys && $0.help == binding.help }) {
                if !rows[i].places.contains(place) { rows[i].places.append(place) }
            } else {
                rows.append((keys, binding.help, [place]))
            }
        }
        let moves = Set(movement.map(\.command))
        for (route, name) in screens {
            for binding in screen(route) where !moves.contains(binding.command) { add(binding, name) }
        }
        for binding in movement { add(binding, "lists") }
        for binding in global { add(binding, "any list screen") }
        for binding in form { add(binding, "forms") }
        for binding in profile { add(binding, "profile") }
        var table = "| key | where | what it does |\n|---|---|---|\n"
        for row in rows { table += "| \(row.keys) | \(row.places.joined(separator: ", ")) | \(row.help) |\n" }
        return table
    }
}
