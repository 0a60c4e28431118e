import Foundation

/// How conflicts are told to the doctor, one sentence each, in `validate`, `export` and the
/// planner alike.
public enum ConflictText {
    /// A version in a few words: a text quoted (cut at 50 characters), "(deleted)", or the JSON.
    public static func short(_ value: JSONValue?) -> String {
        guard let value else { return "(not there)" }
        switch value {
        case .string(let text):
            let line = text.replacingOccurrences(of: "\n", with: " ")
            return "“" + (line.count > 50 ? String(line.prefix(47)) + "…" : line) + "”"
        case .object(let members):
            if case .string(let title)? = members["title"] { return "the record " + short(.string(title)) }
            return "a record"
        default:
            let text = value.canonicalText.replacingOccurrences(of: "\n", with: " ")
            return text.count > 50 ? String(text.prefix(47)) + "…" : text
        }
    }

    public static func sentence(_ conflict: MergeConflict) -> String {
        if conflict.ours == nil {
            return "\(conflict.place) was deleted in this copy but changed in the other (kept as changed: \(short(conflict.theirs)))"
        }
        if conflict.theirs == nil {
            return "\(conflict.place) was changed in this copy but deleted in the other (kept: \(short(conflict.ours)))"
        }
        return "\(conflict.place) was changed in both copies: this one \(short(conflict.ours)), the other \(short(conflict.theirs))"
    }

    /// Why an export is refused, or nil when there is nothing to resolve.
    public static func exportRefusal(_ portfolio: Portfolio) -> String? {
        guard let count = portfolio.conflicts?.count, count > 0 else { return nil }
        return
            "this portfolio has \(count) merge conflict\(count == 1 ? "" : "s") left by merging two copies; nothing was exported. "
            + "Open it in the planner and choose a version for each (the dashboard's conflicts line), then export again."
    }
}
