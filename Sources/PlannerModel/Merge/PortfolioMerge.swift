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
        /// Merged with no common version: the items (evidence, goals) only one copy held,
        /// all kept (nothing is deleted without a version to say it was).
        public var keptFromOneSide = 0
    }

    /// The merged document did not read back as a portfolio (two changes each fine alone
    /// that the format does not allow together).
    public struct Unreadable: Error, CustomStringConvertible {
        public let detail: String
        public var description: String { "the merged portfolio would not be a valid file (\(detail)); nothing was written" }
    }

    /// The result carries both copies' recorded histories (`VersionLineage.union`), so a
    /// later merge sees both sides'; the histories themselves are never compared or merged.
    public static func merge(base: Portfolio, ours: Portfolio, theirs: Portfolio) throws -> Outcome {
        var outcome = try mergeContent(base: withoutHistory(base), ours: withoutHistory(ours), theirs: withoutHistory(theirs))
        keepHistories(&outcome, ours, theirs)
        return outcome
    }

    /// The same merge, of copies read with the items all three hold set aside (`MergeCopies`):
    /// `base` and `theirs` are slim, `ours` whole. The result is what the whole copies give.
    public static func merge(base: Portfolio, ours: Portfolio, theirs: Portfolio, setAside: EvidenceSetAside) throws -> Outcome {
        guard setAside.holds(base: base, theirs: theirs) else {
            return try merge(base: setAside.whole(setAside.base, base), ours: ours, theirs: setAside.whole(setAside.theirs, theirs))
        }
        var outcome = try mergeContent(slimBase: withoutHistory(base), ours: withoutHistory(ours), slimTheirs: withoutHistory(theirs), setAside)
        keepHistories(&outcome, ours, theirs)
        return outcome
    }

    private static func keepHistories(_ outcome: inout Outcome, _ ours: Portfolio, _ theirs: Portfolio) {
        if ours.versions != nil || theirs.versions != nil { outcome.portfolio.versions = VersionLineage.union(ours.versions, theirs.versions) }
    }

    /// Two copies merged with no common version (none is recorded, or none is kept): every
    /// field they hold differently is a conflict (ours kept, both listed), and every item or
    /// value only one holds is kept, since nothing says the other deleted it rather than
    /// never had it. Never a guess.
    public static func mergeWithoutBase(ours: Portfolio, theirs: Portfolio) throws -> Outcome {
        var merger = TreeMerge()
        merger.withoutBase = true
        let (o, t) = (withoutHistory(ours), withoutHistory(theirs))
        var outcome: Outcome
        if o == t {
            outcome = Outcome(portfolio: o, newConflicts: [])
        } else {
            let (ourTree, theirTree) = (tree(o), tree(t))
            outcome = try self.outcome(merger.merge(nil, ourTree, theirTree, type: .record(MergeTables.document.name), path: []), merger)
            outcome.keptFromOneSide = MergeTables.identifiedItems(in: ourTree).symmetricDifference(MergeTables.identifiedItems(in: theirTree)).count
        }
        keepHistories(&outcome, ours, theirs)
        return outcome
    }

    static func withoutHistory(_ portfolio: Portfolio) -> Portfolio {
        guard portfolio.versions != nil else { return portfolio }
        var copy = portfolio
        copy.versions = nil
        return copy
    }

    private static func mergeContent(base: Portfolio, ours: Portfolio, theirs: Portfolio) throws -> Outcome {
        if ours == theirs { return Outcome(portfolio: ours, newConflicts: []) }
        if base == ours { return Outcome(portfolio: theirs, newConflicts: []) }
        if base == theirs { return Outcome(portfolio: ours, newConflicts: []) }
        guard let (setAside, slimBase, slimTheirs) = EvidenceSetAside.byValue(base: base, ours: ours, theirs: theirs) else {
            var merger = TreeMerge()
            return try outcome(merger.mergeDocument(tree(base), tree(ours), tree(theirs)), merger)
        }
        return try mergeSettingAside(slimBase: slimBase, ours: ours, slimOurs: setAside.slimOurs(ours), slimTheirs: slimTheirs, setAside)
    }

    /// `mergeContent` of copies given slim: a copy equal to another is one whose slim copy
    /// and order are.
    private static func mergeContent(slimBase: Portfolio, ours: Portfolio, slimTheirs: Portfolio, _ setAside: EvidenceSetAside) throws -> Outcome {
        let slimOurs = setAside.slimOurs(ours)
        let (b, o, t) = (setAside.order(setAside.base, slimBase), ours.evidence.map(\.id), setAside.order(setAside.theirs, slimTheirs))
        if slimOurs == slimTheirs && o == t { return Outcome(portfolio: ours, newConflicts: []) }
        if slimBase == slimOurs && b == o { return Outcome(portfolio: setAside.whole(setAside.theirs, slimTheirs), newConflicts: []) }
        if slimBase == slimTheirs && b == t { return Outcome(portfolio: ours, newConflicts: []) }
        return try mergeSettingAside(slimBase: slimBase, ours: ours, slimOurs: slimOurs, slimTheirs: slimTheirs, setAside)
    }

    /// The tree merge of the slim copies, the items set aside put back in.
    private static func mergeSettingAside(
        slimBase: Portfolio, ours: Portfolio, slimOurs: Portfolio, slimTheirs: Portfolio, _ setAside: EvidenceSetAside
    ) throws -> Outcome {
        var merger = TreeMerge()
        merger.reservedIDs = setAside.ids
        let merged = merger.mergeDocument(tree(slimBase), tree(slimOurs), tree(slimTheirs))
        var outcome = try outcome(merged, merger)
        outcome.portfolio.evidence = setAside.spliced(into: outcome.portfolio.evidence, base: slimBase)
        return outcome
    }

    /// The merged tree read back, with the conflicts the merger found added to its list.
    private static func outcome(_ merged: JSONValue?, _ merger: TreeMerge) throws -> Outcome {
        var portfolio = try portfolio(from: merged ?? .object([:]))
        if !merger.conflicts.isEmpty { portfolio.conflicts = (portfolio.conflicts ?? []) + merger.conflicts }
        return Outcome(portfolio: portfolio, newConflicts: merger.conflicts)
    }

    /// The portfolio as the JSON value its file holds.
    package static func tree(_ portfolio: Portfolio) -> JSONValue {
        // The saver's bytes always read back (the tests hold it to `JSONEncoder`'s).
        let bytes = SchemaEncoder.encode(portfolio)
        return JSONValueReader.read(bytes) ?? (try! JSONDecoder().decode(JSONValue.self, from: bytes))
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
