import Foundation
import PlannerCore

/// One field of a form. Text-like fields keep a `TextBuffer`; others a choice, a switch or links.
public struct FormField: Equatable, Sendable {
    public struct Option: Equatable, Sendable {
        public let id: String
        public let label: String
        public init(_ id: String, _ label: String) { self.id = id; self.label = label }
    }
    public enum Kind: Equatable, Sendable {
        case text
        case multiline(lines: Int)
        case date(required: Bool)
        case number
        case choice([Option])
        case toggle
        /// Competence/element ids chosen in the competence picker.
        case links
        /// Ids chosen in a picker that shows the options' names (GMP domains, GMC areas), so
        /// no one types a hidden code.
        case tags([Option])
    }

    public let key: String
    public let label: String
    public let kind: Kind
    public var buffer: TextBuffer
    public var choice: Int = 0
    public var isOn = false
    public var links: [String] = []

    /// The most characters typing or pasting can put in a text field (nil: no limit).
    public let limit: Int?

    public init(_ key: String, _ label: String, _ kind: Kind, value: String = "", limit: Int? = nil) {
        self.key = key
        self.label = label
        self.kind = kind
        self.limit = limit
        if case .multiline = kind { buffer = TextBuffer(value, multiline: true, limit: limit) } else { buffer = TextBuffer(value, limit: limit) }
        set(value)
    }

    /// The field's value as text: what change detection, drafts and parsing read.
    public var value: String {
        switch kind {
        case .text, .multiline, .date, .number: return buffer.text
        case .choice(let options): return options.isEmpty ? "" : options[choice].id
        case .toggle: return isOn ? "yes" : "no"
        case .links: return links.joined(separator: ",")
        case .tags: return links.joined(separator: ", ")
        }
    }

    public mutating func set(_ value: String) {
        switch kind {
        case .text, .date, .number: buffer = TextBuffer(value, limit: limit)
        case .multiline: buffer = TextBuffer(value, multiline: true, limit: limit)
        case .choice(let options): choice = options.firstIndex { $0.id == value } ?? 0
        case .toggle: isOn = value == "yes"
        // A draft written before links named their framework holds bare MLCF ids.
        case .links: links = value.split(separator: ",").map { FrameworkLink.qualified(String($0)) }
        case .tags: links = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    /// Whether two states of this field hold the same value, without making it into text.
    func hasSameValue(as other: FormField) -> Bool {
        switch kind {
        case .text, .multiline, .date, .number: return buffer.characters == other.buffer.characters
        case .choice(let options): return options.isEmpty || choice == other.choice
        case .toggle: return isOn == other.isOn
        case .links, .tags: return links == other.links
        }
    }

    var height: Int {
        if case .multiline(let lines) = kind { return lines + 1 }
        return 1
    }

    var isTextLike: Bool {
        switch kind {
        case .text, .multiline, .date, .number: return true
        default: return false
        }
    }

    /// What a key did to one field.
    enum Edit: Equatable {
        /// The field took the key; the note (if any) says what it could not take.
        case edited(note: String?)
        /// Move the focus by this many fields.
        case move(Int)
        case openPicker
        case ignored
    }

    /// Applies a key's command (from the field's bindings in `Keymap`) to this field alone,
    /// or inserts it as text when it is text and no binding claimed it. Moving between fields
    /// is only asked for, never done here, so the field that changes is always the one the key
    /// was typed into.
    mutating func edit(_ command: Command?, _ key: Key, width: Int) -> Edit {
        switch command {
        case .nextField?: return .move(1)
        case .previousField?: return .move(-1)
        case .nextOption?, .previousOption?:
            guard case .choice(let options) = kind else { return .ignored }
            let count = max(1, options.count)
            choice = (choice + (command == .nextOption ? 1 : count - 1)) % count
        case .toggle?: isOn.toggle()
        case .turnOn?: isOn = true
        case .turnOff?: isOn = false
        case .chooseLinks?: return .openPicker
        case .clearLinks?: links.removeAll()
        case let text? where text.isTextEditing:
            return isTextLike && buffer.perform(text, width: width) ? .edited(note: nil) : .ignored
        case nil where isTextLike:
            switch key {
            case .paste(let text): return .edited(note: note(for: buffer.insert(text)))
            case .character(let c):
                buffer.insert(String(c))
                return .edited(note: limitNote(typed: key))
            default: return .ignored
            }
        default: return .ignored
        }
        return .edited(note: nil)
    }

    /// Says what a paste could not put in, in words naming the field.
    private func note(for insertion: TextBuffer.Insertion) -> String? {
        if insertion.dropped > 0, let limit {
            return "\(label): holds at most \(limit) characters; the last \(insertion.dropped) pasted were left out."
        }
        if insertion.flattened, !buffer.multiline { return "\(label) is one line: line breaks and tabs became spaces." }
        return nil
    }

    /// A typed character refused because the field is full says so.
    private func limitNote(typed key: Key) -> String? {
        guard case .character = key, let limit, buffer.characters.count >= limit else { return nil }
        return "\(label): holds at most \(limit) characters."
    }
}

/// What a key did to a form, for the screen that owns it.
public enum FormOutcome: Equatable, Sendable {
    case handled
    case submit
    case cancel
    case openPicker(field: Int)
    case ignored
}

/// A scrolling form: Tab/Shift-Tab between fields, typing into text fields, Ctrl-S submits,
/// Esc cancels (the owner asks before discarding changes).
public struct Form: Equatable, Sendable {
    public var title: String
    public var fields: [FormField]
    public var focus = 0
    public var scroll = 0
    /// A message about the focused field (e.g. an impossible date), shown under the form.
    public var error: String?
    /// True while the form is a view (the profile until a field is chosen): the focus marks a
    /// field and no key types into it.
    public var viewing = false
    /// The fields as the form opened: what "changed" is measured against.
    let originalFields: [FormField]
    public static let labelWidth = 22

    public init(title: String, fields: [FormField]) {
        self.title = title
        self.fields = fields
        originalFields = fields
    }

    public var values: [String: String] { Dictionary(uniqueKeysWithValues: fields.map { ($0.key, $0.value) }) }
    /// Asked on every draw, so it compares each field's own storage (an untouched field shares
    /// it with the original, and the comparison is immediate) instead of building the values.
    public var isChanged: Bool { zip(fields, originalFields).contains { !$0.hasSameValue(as: $1) } }
    public func value(_ key: String) -> String { fields.first { $0.key == key }?.value ?? "" }
    public func index(of key: String) -> Int? { fields.firstIndex { $0.key == key } }
    public mutating func set(_ key: String, _ value: String) { if let i = index(of: key) { fields[i].set(value) } }
    /// Sets many fields at once (restoring a draft); the original values stay, so it shows as changed.
    public mutating func apply(_ values: [String: String]) {
        for i in fields.indices { if let value = values[fields[i].key] { fields[i].set(value) } }
    }
    public mutating func focus(on key: String) { if let i = index(of: key) { focus = i } }
    public var focusedField: FormField { fields[focus] }

    /// Width available to a field's value at a given form width.
    static func valueWidth(_ width: Int) -> Int { max(10, width - labelWidth - 2) }

    /// Applies a key as the focused field's bindings say (`Keymap`, mode `.form`).
    public mutating func handle(_ key: Key, width: Int) -> FormOutcome {
        handle(key, command: Keymap.command(for: key, in: .form(focusedField.mode, profile: false), scale: 0), width: width)
    }

    mutating func handle(_ key: Key, command: Command?, width: Int) -> FormOutcome {
        switch command {
        case .submit?: return .submit
        case .closeForm?: return .cancel
        default: break
        }
        // The field is edited in place and focus moves only after the edit is done: the field
        // a key was typed into is the one that changes (a copy written back after the focus
        // moved once turned the next field into a second copy of this one).
        let index = focus
        switch fields[index].edit(command, key, width: Form.valueWidth(width)) {
        case .edited(let note):
            error = note
            return .handled
        case .move(let delta): return moveFocus(delta)
        case .openPicker: return .openPicker(field: index)
        case .ignored: return .ignored
        }
    }

    /// Leaving a date or number field with text that is not one keeps the focus there and says why.
    mutating func moveFocus(_ delta: Int) -> FormOutcome {
        if let problem = Form.problem(with: fields[focus]) {
            error = problem
            return .handled
        }
        error = nil
        focus = (focus + delta + fields.count) % fields.count
        return .handled
    }

    /// What is wrong with a field's text, if anything, in words naming the field.
    public static func problem(with field: FormField) -> String? {
        let text = field.buffer.text.trimmingCharacters(in: .whitespaces)
        switch field.kind {
        case .date(let required):
            if text.isEmpty { return required ? "\(field.label): a date is needed (YYYY-MM-DD)." : nil }
            if CalendarDate(text) != nil { return nil }
            return "\(field.label): “\(text)” is not a real date — use YYYY-MM-DD, e.g. 2026-03-14."
        case .number:
            if text.isEmpty { return nil }
            // Whether it is a number; what range it must be in is the record's input rule (`InputRules`), said on saving.
            if Double(text) != nil { return nil }
            return "\(field.label): “\(text)” is not a number."
        default: return nil
        }
    }

    /// The first field with a problem (for submit), focusing it.
    public mutating func firstProblem() -> String? {
        for (i, field) in fields.enumerated() {
            if let problem = Form.problem(with: field) { focus = i; error = problem; return problem }
        }
        return nil
    }

    /// Draws the form in a rectangle; returns where the terminal cursor goes: the text cursor of
    /// the field being edited, or the start of the focused field's value in a view (so a screen
    /// reader follows the focus).
    public mutating func draw(
        into screen: inout Screen, x: Int, y: Int, width: Int, height: Int,
        linkLabel: (String) -> String = FrameworkLink.display
    ) -> (x: Int, y: Int)? {
        let valueWidth = Form.valueWidth(width)
        // Keep the focused field in view.
        var top = 0
        var tops: [Int] = []
        for field in fields { tops.append(top); top += field.height }
        let focusTop = tops[focus], focusBottom = focusTop + fields[focus].height
        if focusTop < scroll { scroll = focusTop }
        if focusBottom > scroll + height { scroll = focusBottom - height }
        var cursor: (x: Int, y: Int)? = nil
        for (i, field) in fields.enumerated() {
            let row = y + tops[i] - scroll
            if row + field.height <= y || row >= y + height { continue }
            let focused = i == focus
            let editing = focused && !viewing
            // The focus is said by a mark as well as by reverse video, so it reads without colour.
            let labelStyle: CellStyle = focused ? CellStyle(.accent, bold: true, reverse: true) : .bold
            if row >= y { screen.put(DisplayWidth.pad(ListSupport.marker(focused) + field.label, to: Form.labelWidth), x: x, y: row, style: labelStyle) }
            let vx = x + Form.labelWidth + 1
            if focused, viewing, row >= y { cursor = (vx, row) }
            switch field.kind {
            case .text, .date, .number:
                let at = Form.drawLine(&fields[i].buffer, into: &screen, x: vx, y: row, width: valueWidth, followCursor: editing)
                if editing { cursor = at }
                if !editing, field.buffer.text.isEmpty, case .date = field.kind { screen.put("YYYY-MM-DD", x: vx, y: row, style: .muted) }
            case .multiline(let lines):
                let visible = min(lines, y + height - row - 1)
                // Lines above the form's top (a field half scrolled out) are drawn to a scratch
                // grid and left there, so the form never paints over the header.
                let hidden = max(0, y - (row + 1))
                var scratch = Screen(width: screen.width, height: max(1, visible))
                let at = fields[i].buffer.draw(
                    into: &scratch, x: vx, y: 0, width: valueWidth, height: max(1, visible), style: .plain, followCursor: editing)
                for line in hidden..<max(hidden, visible) {
                    for column in vx..<min(screen.width, vx + valueWidth) { screen[column, row + 1 + line] = scratch[column, line] }
                }
                let total = field.buffer.lines(width: valueWidth).count
                if total > lines, row + 1 >= y { screen.put(" (\(total) lines)", x: x, y: row + 1, style: .muted, maxWidth: Form.labelWidth) }
                if row >= y, field.buffer.text.isEmpty { screen.put("(empty)", x: vx, y: row, style: .muted) }
                if editing, at.y >= hidden { cursor = (at.x, row + 1 + at.y) }
            case .choice(let options):
                let label = options.isEmpty ? "" : options[field.choice].label
                screen.put("◂ " + DisplayWidth.truncate(label, to: valueWidth - 4) + " ▸", x: vx, y: row, style: editing ? .selected : .plain)
                if editing { cursor = (vx, row) }
            case .toggle:
                screen.put(field.isOn ? "[x] yes" : "[ ] no", x: vx, y: row, style: editing ? .selected : .plain)
                if editing { cursor = (vx + 1, row) }
            case .links:
                // The field says it is a picker whether or not anything is chosen yet.
                let hint = "  (Enter to choose)"
                let room = valueWidth - hint.count
                let text = field.links.isEmpty ? "none yet" : DisplayWidth.truncate(Form.visibleLinks(field.links, linkLabel, width: room), to: room)
                screen.put(text + hint, x: vx, y: row, style: editing ? .selected : (field.links.isEmpty ? .muted : .plain), maxWidth: valueWidth)
                if editing { cursor = (vx, row) }
            case .tags(let options):
                let hint = "  (Enter to choose)"
                let room = valueWidth - hint.count
                let names = field.links.map { id in options.first { $0.id == id }?.label ?? id }
                let text = names.isEmpty ? "none yet" : DisplayWidth.truncate(names.joined(separator: "; "), to: room)
                screen.put(text + hint, x: vx, y: row, style: editing ? .selected : (names.isEmpty ? .muted : .plain), maxWidth: valueWidth)
                if editing { cursor = (vx, row) }
            }
        }
        return cursor
    }

    /// Draws a one-line value in a box of `width` columns from `x`, its last column kept for a
    /// mark: a "…" there, or in the gap column before the box, says the text goes on that way.
    static func drawLine(_ buffer: inout TextBuffer, into screen: inout Screen, x: Int, y: Int, width: Int, followCursor: Bool) -> (x: Int, y: Int) {
        let inner = max(1, width - 1)
        let at = buffer.draw(into: &screen, x: x, y: y, width: inner, height: 1, style: .plain, followCursor: followCursor)
        let characters = buffer.characters
        let start = min(buffer.scroll, characters.count)
        var used = 0, end = start
        while end < characters.count, used + DisplayWidth.of(characters[end]) <= inner {
            used += DisplayWidth.of(characters[end])
            end += 1
        }
        if start > 0 { screen.put("…", x: x - 1, y: y, style: .muted) }
        if end < characters.count { screen.put("…", x: x + inner, y: y, style: .muted) }
        return at
    }
}

extension Form {
    /// As many links as fit `width` (the count first when not all do): drawing costs what
    /// the row shows, not the number of links (an item may hold a million, issue 13).
    static func visibleLinks(_ links: [String], _ label: (String) -> String, width: Int) -> String {
        var shown: [String] = []
        var length = 0
        for link in links {
            if length > width { break }
            let text = label(link)
            shown.append(text)
            length += text.count + 2
        }
        let list = shown.joined(separator: ", ")
        return shown.count == links.count ? list : "\(links.count) links: " + list
    }
}

extension AppState {
    /// Checks a form's fields and builds its value; on a problem, focuses the field and says why.
    mutating func validated<T>(_ form: inout Form, _ build: (Form) -> Result<T, FormError>) -> T? {
        if let problem = form.firstProblem() { say(problem, error: true); return nil }
        switch build(form) {
        case .failure(let error):
            form.focus(on: error.field)
            form.error = error.message
            say(error.message, error: true)
            return nil
        case .success(let value):
            return value
        }
    }

    /// Draws a form screen: its title (with a changed mark), the fields, and the field error.
    func drawFormScreen(_ form: inout Form, _ screen: inout Screen, y: Int, height: Int, note: String = "") {
        screen.put(form.title + (form.isChanged ? "  (changed — Ctrl-S to save)" : note), x: 1, y: y, style: .heading, maxWidth: screen.width - 2)
        let errorLine = form.error != nil ? 1 : 0
        let cursor = form.draw(into: &screen, x: 0, y: y + 1, width: screen.width, height: height - 1 - errorLine)
        if let error = form.error { screen.put("⚠ " + error, x: 1, y: y + height - 1, style: .error, maxWidth: screen.width - 2) }
        if modal == nil { screen.cursor = cursor }
    }
}
