import Foundation

/// The doctor's answer to one merge conflict: a version of the field (or record), or for a
/// free-text field both texts, ours then theirs.
public enum ConflictChoice: Sendable, Equatable {
    case ours, theirs, bothTexts
}

extension MergeConflict {
    /// Whether both versions may be kept as one text: a free-text field changed on both sides.
    public var canKeepBothTexts: Bool {
        guard case .string? = ours, case .string? = theirs else { return false }
        return MergeTables.type(at: path).map(MergeTables.unwrapped) == .text
    }

    /// The value a choice puts in the file (`nil`: the field or record is removed).
    public func value(for choice: ConflictChoice) -> JSONValue? {
        switch choice {
        case .ours: return ours
        case .theirs: return theirs
        case .bothTexts:
            guard case .string(let mine)? = ours, case .string(let other)? = theirs else { return ours }
            return .string(mine + "\n\n" + other)
        }
    }
}

public enum ConflictResolution {
    /// The portfolio with conflict `index` answered: the chosen value written at its place,
    /// and the conflict taken off the list (the list removed when it was the last).
    public static func resolve(_ portfolio: Portfolio, conflict index: Int, choice: ConflictChoice) throws -> Portfolio {
        guard var conflicts = portfolio.conflicts, conflicts.indices.contains(index) else { return portfolio }
        let conflict = conflicts.remove(at: index)
        var tree = PortfolioMerge.tree(portfolio)
        tree = set(conflict.value(for: choice), at: conflict.path[...], in: tree, type: .record(MergeTables.document.name)) ?? tree
        var resolved = try PortfolioMerge.portfolio(from: tree)
        resolved.conflicts = conflicts.isEmpty ? nil : conflicts
        return resolved
    }

    /// `root` with the value at `path` replaced (removed when `value` is nil); a list of
    /// records is stepped into by identity, and a record missing there is added back.
    static func set(_ value: JSONValue?, at path: ArraySlice<String>, in root: JSONValue?, type: FieldType?) -> JSONValue? {
        guard let step = path.first else { return value }
        let rest = path.dropFirst()
        switch (type.map(MergeTables.unwrapped), root) {
        case (.list(.record(let name))?, .array(var elements)?):
            guard let record = MergeTables.records[name] else { return root }
            if let at = elements.firstIndex(where: { MergeTables.identity(of: $0, in: record) == step }) {
                if let inner = set(value, at: rest, in: elements[at], type: .record(name)) {
                    elements[at] = inner
                } else {
                    elements.remove(at: at)
                }
            } else if rest.isEmpty, let value {
                elements.append(value)
            }
            return .array(elements)
        case (let outer, .object(var members)?):
            let inner: FieldType?
            switch outer {
            case .record(let name)?: inner = MergeTables.records[name]?.types[step]
            case .recordMap(let name)?: inner = .record(name)
            default: inner = nil
            }
            members[step] = set(value, at: rest, in: members[step], type: inner)
            return .object(members)
        default:
            return root
        }
    }
}
