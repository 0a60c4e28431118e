import Foundation

/// A portfolio as one line per field, each line naming its record (`evidence ev-0012
/// “Led the M&M” › date: 2026-01-02`): what `mlcf show --diff` prints for git's textconv,
/// so `git diff` shows which items and fields changed rather than lines of JSON.
public enum PortfolioLines {
    public static func lines(_ portfolio: Portfolio) -> [String] {
        var out: [String] = []
        // The recorded history changes at every save and says nothing to a reader: left out.
        walk(PortfolioMerge.tree(PortfolioMerge.withoutHistory(portfolio)), type: .record(MergeTables.document.name), place: "", into: &out)
        return out
    }

    private static func walk(_ value: JSONValue, type: FieldType?, place: String, into out: inout [String]) {
        func inner(_ step: String) -> String { place.isEmpty ? step : place + " › " + step }
        switch (type.map(MergeTables.unwrapped), value) {
        case (.record(let name)?, .object(let members)):
            let types = MergeTables.records[name]?.types ?? [:]
            for key in members.keys.sorted() { walk(members[key]!, type: types[key], place: inner(key), into: &out) }
        case (nil, .object(let members)) where !members.isEmpty:
            for key in members.keys.sorted() { walk(members[key]!, type: nil, place: inner(key), into: &out) }
        case (.recordMap(let name)?, .object(let members)) where !members.isEmpty:
            for key in members.keys.sorted() { walk(members[key]!, type: .record(name), place: inner(key), into: &out) }
        case (.list(.record(let name))?, .array(let elements)) where !elements.isEmpty:
            let record = MergeTables.records[name]
            for (index, element) in elements.enumerated() {
                var label = record.flatMap { MergeTables.identity(of: element, in: $0) } ?? String(index + 1)
                if case .object(let members) = element, case .string(let title)? = members["title"] {
                    label += " " + ConflictText.short(.string(title))
                }
                walk(element, type: .record(name), place: inner(label), into: &out)
            }
        default:
            out.append(place + ": " + oneLine(value))
        }
    }

    private static func oneLine(_ value: JSONValue) -> String {
        if case .string(let text) = value {
            return text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
        }
        return value.canonicalText.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
