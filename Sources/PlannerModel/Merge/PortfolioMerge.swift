import Foundation

/// `mlcf merge` and the planner's "merge the other version in": two copies of a portfolio
/// edited apart, made one again from the version they share (see `TreeMerge`).
public enum PortfolioMerge {
    public struct Outcome: Sendable {
        /// The merged portfolio: every change of either side, and our value where they
        /// differ (listed in its `conflicts`, with the conflicts either side already had).
        public var portfolio: Portfolio
        /// The conflicts this merge found.
        public var newConflicts: [MergeConflict]
        public var isClean: Bool { newConflicts.isEmpty }
    }

    /// The merged document did not read back as a portfolio (two changes each fine alone
    /// that the format does not allow together).
    public struct Unreadable: Error, CustomStringConvertible {
        public let detail: String
        public var description: String { "the merged portfolio would not be a valid file (\(detail)); nothing was written" }
    }

    public static func merge(base: Portfolio, ours: Portfolio, theirs: Portfolio) throws -> Outcome {
        if ours == theirs { return Outcome(portfolio: ours, newConflicts: []) }
        if base == ours { return Outcome(portfolio: theirs, newConflicts: []) }
        if base == theirs { return Outcome(portfolio: ours, newConflicts: []) }
        var merger = TreeMerge()
        let merged = merger.merge(tree(base), tree(ours), tree(theirs), type: .record(MergeTables.document.name), path: [])
        var portfolio = try portfolio(from: merged ?? .object([:]))
        if !merger.conflicts.isEmpty { portfolio.conflicts = (portfolio.conflicts ?? []) + merger.conflicts }
        return Outcome(portfolio: portfolio, newConflicts: merger.conflicts)
    }

    /// The portfolio as the JSON value its file holds.
    package static func tree(_ portfolio: Portfolio) -> JSONValue {
        // The saver's bytes always read back (the tests hold it to `JSONEncoder`'s).
        try! JSONDecoder().decode(JSONValue.self, from: SchemaEncoder.encode(portfolio))
    }

    package static func portfolio(from tree: JSONValue) throws -> Portfolio {
        do {
            var portfolio = try JSONDecoder().decode(Portfolio.self, from: JSONEncoder().encode(tree))
            FormatMigration.upgrade(&portfolio)
            return portfolio
        } catch {
            throw Unreadable(detail: JSONErrorDescription.split(error).detail)
        }
    }
}
