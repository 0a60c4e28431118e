import Foundation
import PlannerCore

/// The competence picker: the framework as a tree with checkboxes and a search.
public struct PickerState: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        /// The link ticking the row adds (`mlcf:1.2.a`); a heading's own id.
        public let id: String
        public let text: String
        /// 0 domain (heading), 1 element, 2 competence.
        public let level: Int
    }
    let allRows: [Row]
    /// What is chosen ("Competences", "GMP domains") and the form field the ticks go back to.
    public let title: String
    public let fieldKey: String
    public var selected: [String]
    public var visible: [Row]
    public var cursor = 0
    public var search = TextBuffer()
    public var searching = false

    init(selected: [String], framework: Framework, fieldKey: String = "links") {
        title = "Competences"
        self.fieldKey = fieldKey
        var rows: [Row] = []
        for domain in framework.domains {
            rows.append(Row(id: domain.id, text: domain.title, level: 0))
            for element in domain.elements {
                rows.append(Row(id: framework.link(element.id), text: element.title + " (whole \(framework.levelNames.unit))", level: 1))
                for competence in element.competences {
                    rows.append(Row(id: framework.link(competence.id), text: "\(competence.id) \(competence.text)", level: 2))
                }
            }
        }
        allRows = rows
        visible = rows
        self.selected = selected
        // It opens at what is already linked, so the doctor sees and can untick it at once.
        cursor = rows.firstIndex { $0.level > 0 && selected.contains($0.id) } ?? 1
    }

    /// A picker over a fixed list of named options (GMP domains, GMC areas), one row each.
    init(options: [FormField.Option], selected: [String], title: String, fieldKey: String) {
        self.title = title
        self.fieldKey = fieldKey
        allRows = options.map { Row(id: $0.id, text: $0.label, level: 1) }
        visible = allRows
        self.selected = selected
        cursor = allRows.firstIndex { selected.contains($0.id) } ?? 0
    }

    /// Filters the rows by the search; the highlight goes to the first match, so Space ticks
    /// what was searched for.
    mutating func filter() {
        let query = TextQuery(search.text)
        visible = query.isEmpty ? allRows : allRows.filter { $0.level > 0 && query.matches($0.text) }
        cursor = query.isEmpty ? min(cursor, max(0, visible.count - 1)) : 0
        if visible.first?.level == 0 && visible.count > 1 && cursor == 0 { cursor = 1 }
    }

    /// What a key did to the picker.
    enum Outcome: Equatable { case stay, keep, discard }

    /// Performs a key's command from the picker's bindings (`Keymap`, modes `.picker` and
    /// `.pickerSearch`): Enter keeps the ticks, Esc leaves the field as it was.
    mutating func perform(_ command: Command?, _ key: Key, height: Int) -> Outcome {
        if searching {
            switch command {
            case .keepSearch?: searching = false
            case .clearSearch?: searching = false; search = TextBuffer(); filter()
            default: if search.apply(command, key, width: 40) { filter() }
            }
            return .stay
        }
        switch command {
        case .up?: cursor = max(0, cursor - 1)
        case .down?: cursor = max(0, min(visible.count - 1, cursor + 1))
        case .pageUp?: cursor = max(0, cursor - height)
        case .pageDown?: cursor = max(0, min(visible.count - 1, cursor + height))
        case .startSearch?: searching = true
        case .tick?:
            guard let row = visible[safe: cursor], row.level > 0 else { return .stay }
            if let i = selected.firstIndex(of: row.id) { selected.remove(at: i) } else { selected.append(row.id) }
        case .done?: return .keep
        case .dismiss?: return .discard
        default: break
        }
        return .stay
    }

    /// Draws the picker; the terminal cursor goes on the highlighted row (or the search text).
    func draw(_ screen: inout Screen, x: Int, y: Int, width: Int, height: Int) {
        screen.fill(x: x, y: y, width: width, height: height)
        let choices = Keymap.choices(in: .picker, separator: " · ", gap: " ")
        let title = searching ? " \(self.title) — search: \(search.text)▏" : " \(self.title) — \(selected.count) chosen · \(choices)"
        screen.put(DisplayWidth.pad(title, to: width), x: x, y: y, style: .bar)
        // The last two rows show the highlighted row in full when its line cuts it.
        let detailRows = 2
        let rows = height - 1 - detailRows
        let top = ListSupport.top(selection: cursor, count: visible.count, height: rows)
        for i in 0..<min(rows, max(0, visible.count - top)) {
            let row = visible[top + i]
            let indent = String(repeating: "  ", count: row.level)
            let box = row.level == 0 ? "" : (selected.contains(row.id) ? "[x] " : "[ ] ")
            let isCursor = top + i == cursor
            let style: CellStyle = isCursor ? .selected : (row.level == 0 ? .heading : .plain)
            screen.put(DisplayWidth.pad(ListSupport.marker(isCursor) + indent + box + row.text, to: width), x: x, y: y + 1 + i, style: style)
            if isCursor, !searching { screen.cursor = (x, y + 1 + i) }
        }
        if let row = visible[safe: cursor], DisplayWidth.of(String(repeating: "  ", count: row.level) + "[ ] " + row.text) + 1 > width {
            for (n, line) in Wrap.lines(row.text, width: width - 2).prefix(detailRows).enumerated() {
                screen.put(line, x: x + 1, y: y + height - detailRows + n, style: .muted, maxWidth: width - 2)
            }
        }
        if searching { screen.cursor = (min(x + width - 1, x + DisplayWidth.of(" \(self.title) — search: \(search.text)")), y) }
        if visible.isEmpty {
            screen.put(" Nothing matches “\(search.text)”.", x: x, y: y + 2, style: .muted)
            if !searching { screen.cursor = (x + 1, y + 2) }
        }
    }
}

/// Choosing existing evidence to link to an element.
public struct LinkPickerState: Equatable, Sendable {
    /// The element or competence the chosen evidence is linked to.
    public let element: String
    /// Evidence indices not yet linked to the element, newest first.
    public let candidates: [Int]
    public var cursor = 0
}

/// A one-line question (e.g. which element to filter by).
public struct PromptState: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        case elementFilter, elementNote(String)
        /// The note of a nil return for this GMC type.
        case declareNone(String)
        /// The path of a file to attach to this evidence item.
        case attachFile(String)
        /// Why this evidence item from an earlier year is brought into this year's document.
        case bringForward(String)
    }
    public let purpose: Purpose
    public let question: String
    public var buffer: TextBuffer
}

/// Suggested PDP goals from the gaps the validator and ratings show.
public struct SuggestionState: Equatable, Sendable {
    public typealias Suggestion = GoalSuggestion
    public let suggestions: [Suggestion]
    public var cursor = 0

    /// The core's suggestions (`GoalSuggestion`), to pick from.
    static func make(_ portfolio: Portfolio, coverage: Coverage, framework: Framework) -> SuggestionState {
        SuggestionState(suggestions: GoalSuggestion.suggestions(for: portfolio, coverage: coverage, framework: framework))
    }
}
