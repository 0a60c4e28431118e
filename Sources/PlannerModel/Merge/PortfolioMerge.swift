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
        if ours.versions != nil || theirs.versions != nil { outcome.portfolio.versions = VersionLineage.union(ours.versions, theirs.versions) }
        return outcome
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
            let merged = merger.merge(nil, tree(o), tree(t), type: .record(MergeTables.document.name), path: [])
            var portfolio = try portfolio(from: merged ?? .object([:]))
            if !merger.conflicts.isEmpty { portfolio.conflicts = (portfolio.conflicts ?? []) + merger.conflicts }
            outcome = Outcome(portfolio: portfolio, newConflicts: merger.conflicts)
            outcome.keptFromOneSide = itemIDs(o).symmetricDifference(itemIDs(t)).count
        }
        if ours.versions != nil || theirs.versions != nil { outcome.portfolio.versions = VersionLineage.union(ours.versions, theirs.versions) }
        return outcome
    }

    /// Every evidence item and goal, by list and id.
    private static func itemIDs(_ portfolio: Portfolio) -> Set<String> {
        Set(portfolio.evidence.map { "evidence " + $0.id } + portfolio.pdp.map { "pdp " + $0.id } + portfolio.previousPdp.map { "previousPdp " + $0.id })
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
        var merger = TreeMerge()
        // Items the same in all three copies are set aside: at 20,000 items, only those that
        // changed go through the JSON trees (see `UnchangedEvidence`).
        let unchanged = UnchangedEvidence(base, ours, theirs)
        merger.reservedIDs = unchanged?.ids ?? []
        let slim = [base, ours, theirs].map { unchanged?.without($0) ?? $0 }
        let merged = merger.mergeDocument(tree(slim[0]), tree(slim[1]), tree(slim[2]))
        var portfolio = try portfolio(from: merged ?? .object([:]))
        if let unchanged { portfolio.evidence = unchanged.spliced(into: portfolio.evidence, order: base.evidence) }
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

/// The evidence items equal in all three copies (by id): merged, they are themselves, so the
/// tree merge is given only the rest and they are put back in the common version's order.
/// At 20,000 items this is most of the merge's own work, so it looks items up by position
/// (copies edited apart mostly keep their order) and by index, never copying an item.
struct UnchangedEvidence {
    let ids: Set<String>

    /// Nil when a copy uses an id twice (the tree merge then takes the lists whole).
    init?(_ base: Portfolio, _ ours: Portfolio, _ theirs: Portfolio) {
        func positions(_ items: [Evidence]) -> [String: Int]? {
            var out: [String: Int] = [:]
            out.reserveCapacity(items.count)
            for (position, item) in items.enumerated() where out.updateValue(position, forKey: item.id) != nil { return nil }
            return out
        }
        guard let o = positions(ours.evidence), let t = positions(theirs.evidence), positions(base.evidence) != nil else { return nil }
        var ids = Set<String>()
        ids.reserveCapacity(base.evidence.count)
        // Through buffers, so that comparing two items copies neither.
        base.evidence.withUnsafeBufferPointer { b in
            ours.evidence.withUnsafeBufferPointer { ob in
                theirs.evidence.withUnsafeBufferPointer { tb in
                    /// The same item in a copy: at the same place, or found by id.
                    func same(_ position: Int, in items: UnsafeBufferPointer<Evidence>, _ index: [String: Int]) -> Bool {
                        if position < items.count, items[position].id == b[position].id { return items[position] == b[position] }
                        guard let found = index[b[position].id] else { return false }
                        return items[found] == b[position]
                    }
                    for position in b.indices where same(position, in: ob, o) && same(position, in: tb, t) { ids.insert(b[position].id) }
                }
            }
        }
        self.ids = ids
    }

    /// The portfolio without the unchanged items (built from the few left, not by removing
    /// the many from a copy).
    func without(_ portfolio: Portfolio) -> Portfolio {
        var slim = portfolio
        slim.evidence = portfolio.evidence.filter { !ids.contains($0.id) }
        return slim
    }

    /// The merged items with the unchanged ones back: the common version's order, then what
    /// was added (as the tree merge orders its lists).
    func spliced(into merged: [Evidence], order base: [Evidence]) -> [Evidence] {
        let mergedByID = Dictionary(merged.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var out: [Evidence] = []
        out.reserveCapacity(base.count + merged.count)
        var baseIDs = Set<String>()
        baseIDs.reserveCapacity(base.count)
        for item in base {
            baseIDs.insert(item.id)
            if ids.contains(item.id) { out.append(item) } else if let kept = mergedByID[item.id] { out.append(kept) }
        }
        for item in merged where !baseIDs.contains(item.id) { out.append(item) }
        return out
    }
}
