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
    public var selected: [String]
    public var visible: [Row]
    public var cursor = 0
    public var search = TextBuffer()
    public var searching = false

    init(selected: [String], framework: Framework) {
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
        cursor = 1
    }

    mutating func filter() {
        let query = TextQuery(search.text)
        visible = query.isEmpty ? allRows : allRows.filter { $0.level > 0 && query.matches($0.text) }
        cursor = min(cursor, max(0, visible.count - 1))
        if visible.first?.level == 0 && visible.count > 1 && cursor == 0 { cursor = 1 }
    }

    /// Performs a key's command from the picker's bindings (`Keymap`, modes `.picker` and
    /// `.pickerSearch`); returns true when the picker should close.
    mutating func perform(_ command: Command?, _ key: Key, height: Int) -> Bool {
        if searching {
            switch command {
            case .keepSearch?: searching = false
            case .clearSearch?: searching = false; search = TextBuffer(); filter()
            default: if search.apply(command, key, width: 40) { filter() }
            }
            return false
        }
        switch command {
        case .up?: cursor = max(0, cursor - 1)
        case .down?: cursor = min(visible.count - 1, cursor + 1)
        case .pageUp?: cursor = max(0, cursor - height)
        case .pageDown?: cursor = min(visible.count - 1, cursor + height)
        case .startSearch?: searching = true
        case .tick?:
            guard let row = visible[safe: cursor], row.level > 0 else { return false }
            if let i = selected.firstIndex(of: row.id) { selected.remove(at: i) } else { selected.append(row.id) }
        case .done?: return true
        default: break
        }
        return false
    }

    func draw(_ screen: inout Screen, x: Int, y: Int, width: Int, height: Int) {
        screen.fill(x: x, y: y, width: width, height: height)
        let choices = Keymap.choices(in: .picker, separator: " · ", gap: " ")
        let title = searching ? " Competences — search: \(search.text)▏" : " Competences — \(choices) · \(selected.count) chosen"
        screen.put(DisplayWidth.pad(title, to: width), x: x, y: y, style: .bar)
        let rows = height - 1
        let top = ListSupport.top(selection: cursor, count: visible.count, height: rows)
        for i in 0..<min(rows, max(0, visible.count - top)) {
            let row = visible[top + i]
            let indent = String(repeating: "  ", count: row.level)
            let box = row.level == 0 ? "" : (selected.contains(row.id) ? "[x] " : "[ ] ")
            let style: CellStyle = top + i == cursor ? .selected : (row.level == 0 ? .heading : .plain)
            screen.put(DisplayWidth.pad(" " + indent + box + row.text, to: width), x: x, y: y + 1 + i, style: style)
        }
        if visible.isEmpty { screen.put(" Nothing matches “\(search.text)”.", x: x, y: y + 2, style: .muted) }
    }
}

/// Choosing existing evidence to link to an element.
public struct LinkPickerState: Equatable, Sendable {
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
