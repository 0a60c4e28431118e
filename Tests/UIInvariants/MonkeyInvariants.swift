// The one copy of what must hold after every key, compiled by the monkey's tests
// (PlannerUITests) and the update fuzzer (FuzzUpdate), so the two cannot drift apart. It reads
// the planner's internals, so it exists in debug builds only (where `@testable` reaches
// them; the fuzz builds are debug builds).
#if DEBUG
    import Foundation
    import PlannerCore

    @testable import PlannerUI

    /// What must hold after every key, whatever the key was. Each check returns a sentence saying
    /// what broke, or nil.
    struct MonkeyInvariants {
        /// The kind of each field key the first time it was seen, per form screen: a field never
        /// changes kind or key, and no key appears twice.
        private var fieldKinds: [String: [String: String]] = [:]

        mutating func check(_ state: AppState, before: AppState, effects: [Effect], key: Key? = nil) -> String? {
            let screen = state.render()
            if let problem = screenFits(screen, state) { return problem }
            if let problem = headerIsIntact(screen, state) { return problem }
            if let problem = cursorFollowsTheHighlight(screen, state) { return problem }
            if let key, let problem = keysLandWhereTheySay(key, state, before: before) { return problem }
            if let problem = formsKeepTheirFields(state) { return problem }
            if let problem = selectionsInRange(state) { return problem }
            if let problem = draftRoundTrips(state) { return problem }
            if let problem = screenShowsTheDraft(state, screen) { return problem }
            if effects.contains(.save), state.portfolio == before.portfolio, before.saveStatus == .saved {
                return "a .save effect although the portfolio did not change and nothing was unsaved"
            }
            return nil
        }

        func screenFits(_ screen: Screen, _ state: AppState) -> String? {
            if screen.width != max(0, state.width) || screen.height != max(0, state.height) {
                return "the screen is \(screen.width)×\(screen.height), the terminal \(state.width)×\(state.height)"
            }
            if let cursor = screen.cursor, cursor.x < 0 || cursor.y < 0 || cursor.x > screen.width || cursor.y >= screen.height {
                return "the cursor (\(cursor.x), \(cursor.y)) is off the \(screen.width)×\(screen.height) screen"
            }
            return nil
        }

        /// Nothing draws over the header row (a form scrolled half a field out once did).
        func headerIsIntact(_ screen: Screen, _ state: AppState) -> String? {
            guard !state.isTooSmall, screen.height > 0 else { return nil }
            return screen.line(at: 0).hasPrefix(" mlcf · ") ? nil : "the header row reads “\(screen.line(at: 0))”"
        }

        /// A screen reader follows the terminal cursor: where a row is highlighted the cursor is
        /// on it (text being typed and dialogs put it on their own text instead).
        func cursorFollowsTheHighlight(_ screen: Screen, _ state: AppState) -> String? {
            guard !state.isTooSmall, screen.height > 3 else { return nil }
            let content = 1..<(screen.height - 2)
            // Reverse video marks a selection; a title bar (role `.bar`) is reverse too but selects nothing.
            let highlighted = content.filter { y in (0..<screen.width).contains { screen[$0, y].style.reverse && screen[$0, y].style.role != .bar } }
            guard !highlighted.isEmpty else { return nil }
            guard let cursor = screen.cursor else { return "a row is highlighted (\(highlighted[0])) but the terminal cursor is hidden" }
            if state.mode.takesText { return nil }
            switch state.modal {
            // A search that matches nothing leaves the cursor on the line that says so.
            case .picker(let picker)? where picker.visible.isEmpty: return nil
            case nil, .picker?, .linkExisting?, .suggestions?: break
            default: return nil
            }
            return highlighted.contains(cursor.y) ? nil : "the cursor is on row \(cursor.y), the highlight on \(highlighted)"
        }

        /// The form open on screen, if any.
        static func openForm(_ state: AppState) -> Form? {
            switch state.route {
            case .evidenceEditor: return state.editor?.form
            case .goalEditor: return state.goalEditor?.form
            case .profile: return state.profileForm
            default: return nil
            }
        }

        /// A character where no text is typed (the profile view, a choice) never lands in a text
        /// field; one typed into a text field, and claimed by no binding, is never lost.
        func keysLandWhereTheySay(_ key: Key, _ state: AppState, before: AppState) -> String? {
            guard case .character(let c) = key, before.modal == nil, state.modal == nil, before.route == state.route,
                let old = MonkeyInvariants.openForm(before), let new = MonkeyInvariants.openForm(state), old.fields.count == new.fields.count
            else { return nil }
            let mode = before.mode
            if !mode.takesText {
                for (a, b) in zip(old.fields, new.fields) where a.isTextLike && a.buffer.characters != b.buffer.characters {
                    return "“\(c)” in \(mode.name) changed the text of “\(a.label)”"
                }
                return nil
            }
            guard Keymap.binding(for: key, in: mode, scale: before.ratingScale) == nil, c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F })
            else {
                return nil
            }
            let field = old.focus
            let was = old.fields[field].buffer.characters.count, now = new.fields[field].buffer.characters.count
            let full = old.fields[field].limit.map { was >= $0 } ?? false
            if now != was + 1 && !full { return "“\(c)” typed into “\(old.fields[field].label)” took it from \(was) to \(now) characters" }
            for (i, (a, b)) in zip(old.fields, new.fields).enumerated() where i != field && a.buffer.characters != b.buffer.characters {
                return "“\(c)” typed into “\(old.fields[field].label)” changed “\(a.label)” too"
            }
            return nil
        }

        static func kindName(_ kind: FormField.Kind) -> String {
            switch kind {
            case .text: return "text"
            case .multiline(let lines): return "multiline(\(lines))"
            case .date(let required): return "date(\(required))"
            case .number: return "number"
            case .choice(let options): return "choice(\(options.map(\.id).joined(separator: ",")))"
            case .toggle: return "toggle"
            case .links: return "links"
            case .tags(let options): return "tags(\(options.map(\.id).joined(separator: ",")))"
            }
        }

        mutating func formsKeepTheirFields(_ state: AppState) -> String? {
            let forms: [(String, Form?)] = [("evidence editor", state.editor?.form), ("goal editor", state.goalEditor?.form), ("profile", state.profileForm)]
            for (name, form) in forms {
                guard let form else { continue }
                if let problem = formIsWhole(form, name: name) { return problem }
            }
            return nil
        }

        mutating func formIsWhole(_ form: Form, name: String) -> String? {
            guard form.focus >= 0, form.focus < form.fields.count else { return "\(name): focus \(form.focus) outside its \(form.fields.count) fields" }
            var seen = Set<String>()
            for field in form.fields {
                guard seen.insert(field.key).inserted else { return "\(name): the field “\(field.key)” appears twice" }
                let kind = MonkeyInvariants.kindName(field.kind)
                if let known = fieldKinds[name, default: [:]][field.key], known != kind {
                    return "\(name): the field “\(field.key)” changed from \(known) to \(kind)"
                }
                fieldKinds[name, default: [:]][field.key] = kind
            }
            return nil
        }

        func selectionsInRange(_ state: AppState) -> String? {
            if state.list.selection < 0 || state.list.selection > max(0, state.list.visible.count - 1) {
                return "evidence list selection \(state.list.selection) of \(state.list.visible.count)"
            }
            if state.pdp.selection < 0 { return "PDP selection \(state.pdp.selection)" }
            if state.dashboardSelection < 0 { return "dashboard selection \(state.dashboardSelection)" }
            if case .picker(let picker) = state.modal, picker.cursor < 0 || picker.cursor > max(0, picker.visible.count - 1) {
                return "picker cursor \(picker.cursor) of \(picker.visible.count) rows"
            }
            if case .linkExisting(let link) = state.modal, link.cursor < 0 || link.cursor >= max(1, link.candidates.count) {
                return "link picker cursor \(link.cursor) of \(link.candidates.count)"
            }
            return nil
        }

        /// The draft the journal would keep, opened again, is the same draft.
        func draftRoundTrips(_ state: AppState) -> String? {
            guard let draft = state.openDraft else { return nil }
            var fresh = state
            fresh.editor = nil; fresh.goalEditor = nil; fresh.profileForm = nil; fresh.modal = nil
            fresh.route = .dashboard
            fresh.restore(draft)
            guard let again = fresh.openDraft else { return "the draft of the \(draft.kind) form did not come back when restored" }
            if again.values != draft.values {
                let keys = draft.values.keys.filter { again.values[$0] != draft.values[$0] }.sorted()
                return "the restored \(draft.kind) draft differs in \(keys.joined(separator: ", "))"
            }
            return nil
        }

        /// In a focused one-line field, what the screen shows either side of the cursor is the
        /// text either side of the cursor in the state.
        func screenShowsTheDraft(_ state: AppState, _ screen: Screen) -> String? {
            guard state.modal == nil, !state.isTooSmall, state.mode.takesText, let cursor = screen.cursor else { return nil }
            let form: Form?
            switch state.route {
            case .evidenceEditor: form = state.editor?.form
            case .goalEditor: form = state.goalEditor?.form
            case .profile: form = state.profileForm
            default: form = nil
            }
            guard let form else { return nil }
            let field = form.focusedField
            switch field.kind {
            case .text, .date, .number: break;
            default: return nil
            }
            // The text fills the value box but its last column, kept for a "…" saying it is cut there.
            let start = Form.labelWidth + 1, end = min(screen.width, Form.labelWidth + Form.valueWidth(screen.width))
            func cells(_ range: Range<Int>) -> [Character] {
                range.compactMap { x in screen[x, cursor.y].continuation ? nil : screen[x, cursor.y].character }
            }
            guard cursor.x >= start, cursor.x <= end else { return "the cursor is outside the value box of “\(field.label)”" }
            // Character by character as the buffer holds them, each as the terminal is given it
            // (an invisible or bidi character as its visible stand-in): not joined into a string,
            // where a mark typed after a letter would merge with it across the cursor.
            let left = cells(start..<cursor.x), right = cells(cursor.x..<end)
            let characters = field.buffer.characters.map(DisplayWidth.shown)
            let textLeft = characters[0..<field.buffer.cursor], textRight = characters[field.buffer.cursor...]
            if Array(textLeft.suffix(left.count)) != left {
                return "“\(field.label)” shows “\(String(left))” before the cursor; the draft has “\(String(textLeft.suffix(40)))”"
            }
            var shownRight = right
            while shownRight.last == " " { shownRight.removeLast() }
            if Array(textRight.prefix(shownRight.count)) != shownRight {
                return "“\(field.label)” shows “\(String(shownRight))” after the cursor; the draft has “\(String(textRight.prefix(40)))”"
            }
            return nil
        }
    }
#endif
