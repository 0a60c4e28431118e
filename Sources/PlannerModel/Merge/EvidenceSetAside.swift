import Foundation

/// The evidence items all three copies hold unchanged, set aside so that the tree merge is
/// given only the rest: merged, such an item is itself. At 20,000 items they are almost all
/// of a copy, so setting them aside is most of what makes a career's merge quick.
///
/// Each copy's list is kept as entries, in its order: an item set aside (by its place in the
/// list of set-aside items, OURS's whole list) or one of the copy's own (by its place in the
/// slim copy, the copy without the items set aside). They are found by value in memory
/// (`byValue`), or by bytes before BASE and THEIRS are decoded (`MergeCopies`, in storage).
public struct EvidenceSetAside: Sendable {
    public enum Entry: Sendable, Equatable {
        case setAside(Int)
        case own(Int)
    }

    /// OURS's whole list: `.setAside` entries point into it.
    public let items: [Evidence]
    /// Each copy's whole list, in order.
    public let base: [Entry], ours: [Entry], theirs: [Entry]

    public init(items: [Evidence], base: [Entry], ours: [Entry], theirs: [Entry]) {
        (self.items, self.base, self.ours, self.theirs) = (items, base, ours, theirs)
    }

    /// The ids of the items set aside.
    var ids: Set<String> {
        var ids = Set<String>()
        for case .setAside(let index) in ours { ids.insert(items[index].id) }
        return ids
    }

    /// The ids of a copy's whole list, in order (`slim` is the copy without the items set aside).
    func order(_ entries: [Entry], _ slim: Portfolio) -> [String] {
        entries.map { entry in
            switch entry {
            case .setAside(let index): items[index].id
            case .own(let index): slim.evidence[index].id
            }
        }
    }

    /// The copy whole again: its own items and those set aside, in its order.
    func whole(_ entries: [Entry], _ slim: Portfolio) -> Portfolio {
        var whole = slim
        whole.evidence = entries.map { entry in
            switch entry {
            case .setAside(let index): items[index]
            case .own(let index): slim.evidence[index]
            }
        }
        return whole
    }

    /// OURS without the items set aside (built from the few left, not by removing the many).
    func slimOurs(_ ours: Portfolio) -> Portfolio {
        var slim = ours
        // OURS's entries are in the order of its whole list, place for place.
        slim.evidence = self.ours.indices.compactMap { place in
            guard case .own = self.ours[place] else { return nil }
            return ours.evidence[place]
        }
        return slim
    }

    /// Whether the merge may rely on it: every id once in each copy, and no item a copy holds
    /// of its own under the id of one set aside (a copy that repeats an id is merged whole).
    func holds(base: Portfolio, theirs: Portfolio) -> Bool {
        let ids = ids
        func unique(_ list: [String]) -> Bool { Set(list).count == list.count }
        return unique(items.map(\.id))
            && [(self.base, base), (self.theirs, theirs)].allSatisfy { entries, slim in
                unique(order(entries, slim)) && !slim.evidence.contains { ids.contains($0.id) }
            }
    }

    /// The merged list: the items set aside and the tree merge's, in the common version's
    /// order, then what was added (as the tree merge orders its lists).
    func spliced(into merged: [Evidence], base slimBase: Portfolio) -> [Evidence] {
        let mergedByID = Dictionary(merged.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var out: [Evidence] = []
        out.reserveCapacity(base.count + merged.count)
        var baseIDs = Set<String>()
        baseIDs.reserveCapacity(base.count)
        for entry in base {
            switch entry {
            case .setAside(let index):
                baseIDs.insert(items[index].id)
                out.append(items[index])
            case .own(let index):
                let id = slimBase.evidence[index].id
                baseIDs.insert(id)
                if let kept = mergedByID[id] { out.append(kept) }
            }
        }
        for item in merged where !baseIDs.contains(item.id) { out.append(item) }
        return out
    }

    /// The items equal in all three copies in memory (by id), with the slim BASE and THEIRS.
    /// Nil when a copy uses an id twice (the tree merge then takes the lists whole). Items are
    /// looked up by position first (copies edited apart mostly keep their order), then by id,
    /// and compared in place, never copied.
    static func byValue(base: Portfolio, ours: Portfolio, theirs: Portfolio) -> (EvidenceSetAside, base: Portfolio, theirs: Portfolio)? {
        func positions(_ items: [Evidence]) -> [String: Int]? {
            var out: [String: Int] = [:]
            out.reserveCapacity(items.count)
            for (position, item) in items.enumerated() where out.updateValue(position, forKey: item.id) != nil { return nil }
            return out
        }
        guard let o = positions(ours.evidence), let t = positions(theirs.evidence), positions(base.evidence) != nil else { return nil }
        // The ids of the base items all three hold unchanged.
        var setAsideIDs = Set<String>()
        base.evidence.withUnsafeBufferPointer { b in
            ours.evidence.withUnsafeBufferPointer { ob in
                theirs.evidence.withUnsafeBufferPointer { tb in
                    /// Whether a copy holds the base item unchanged: at the same place, or found by id.
                    func same(_ position: Int, in items: UnsafeBufferPointer<Evidence>, _ index: [String: Int]) -> Bool {
                        let found = position < items.count && items[position].id == b[position].id ? position : index[b[position].id]
                        guard let found else { return false }
                        return items[found] == b[position]
                    }
                    for position in b.indices where same(position, in: ob, o) && same(position, in: tb, t) {
                        setAsideIDs.insert(b[position].id)
                    }
                }
            }
        }
        /// A copy's entries and its slim list.
        func split(_ list: [Evidence]) -> ([Entry], [Evidence]) {
            var entries: [Entry] = [], own: [Evidence] = []
            entries.reserveCapacity(list.count)
            for index in list.indices {
                if setAsideIDs.contains(list[index].id), let place = o[list[index].id] {
                    entries.append(.setAside(place))
                } else {
                    entries.append(.own(own.count))
                    own.append(list[index])
                }
            }
            return (entries, own)
        }
        let (baseEntries, baseOwn) = split(base.evidence), (oursEntries, _) = split(ours.evidence)
        let (theirsEntries, theirsOwn) = split(theirs.evidence)
        var slimBase = base, slimTheirs = theirs
        slimBase.evidence = baseOwn
        slimTheirs.evidence = theirsOwn
        return (EvidenceSetAside(items: ours.evidence, base: baseEntries, ours: oursEntries, theirs: theirsEntries), slimBase, slimTheirs)
    }
}
