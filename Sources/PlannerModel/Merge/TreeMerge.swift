import Foundation

/// The three-way merge of two copies' documents, as JSON values, led by the record tables
/// (`MergeTables`). At every level: what only one side changed is taken; the same change on
/// both is taken once; what both changed differently is merged inside where it has parts
/// (a record field by field, a list of records by identity, self-ratings element by
/// element, a list of plain values item by item) and is otherwise a conflict: our value is
/// kept and the three versions recorded. A record deleted on one side and edited on the
/// other is kept, with a conflict: a merge never deletes what someone changed.
struct TreeMerge {
    private(set) var conflicts: [MergeConflict] = []
    /// Ids a new id must not take besides those in the lists merged (items set aside).
    var reservedIDs = Set<String>()
    /// Set when there is no common version (`PortfolioMerge.mergeWithoutBase`): a record
    /// both copies hold under one id is one record, compared field by field, never two.
    var withoutBase = false

    /// The merged document. Ids both copies gave out to different records are separated
    /// first (`IDSeparation`), references and all, so the lists below meet no such clash.
    mutating func mergeDocument(_ base: JSONValue, _ ours: JSONValue, _ theirs: JSONValue) -> JSONValue? {
        var ours = ours, theirs = theirs
        IDSeparation.separate(base: base, ours: &ours, theirs: &theirs, reserved: reservedIDs)
        return merge(base, ours, theirs, type: .record(MergeTables.document.name), path: [])
    }

    /// The merged value of one place; `nil` when it is absent from the result.
    mutating func merge(_ base: JSONValue?, _ ours: JSONValue?, _ theirs: JSONValue?, type: FieldType?, path: [String]) -> JSONValue? {
        if ours == theirs { return ours }
        if base == ours { return theirs }
        if base == theirs { return ours }
        guard let ours, let theirs else {
            // Deleted on one side, changed on the other: kept as changed, and said.
            conflicts.append(MergeConflict(path: path, base: base, ours: ours, theirs: theirs))
            return ours ?? theirs
        }
        switch (type.map(MergeTables.unwrapped), base, ours, theirs) {
        case (.record(let name)?, _, .object(let o), .object(let t)):
            return .object(mergeMembers(base?.objectMembers, o, t, record: MergeTables.records[name], path: path))
        case (nil, _, .object(let o), .object(let t)):
            return .object(mergeMembers(base?.objectMembers, o, t, record: nil, path: path))
        case (.recordMap(let name)?, _, .object(let o), .object(let t)):
            return .object(mergeMap(base?.objectMembers ?? [:], o, t, entry: .record(name), path: path))
        case (.list(.record(let name))?, _, .array(let o), .array(let t)):
            if let record = MergeTables.records[name],
                let merged = mergeRecordList(base?.arrayElements ?? [], o, t, record: record, path: path)
            {
                return .array(merged)
            }
        case (.list?, _, .array(let o), .array(let t)):
            return .array(mergeItems(base?.arrayElements ?? [], o, t))
        default: break
        }
        conflicts.append(MergeConflict(path: path, base: base, ours: ours, theirs: theirs))
        return ours
    }

    /// A record's fields one by one; keys no table has are merged as plain values.
    private mutating func mergeMembers(
        _ base: [String: JSONValue]?, _ ours: [String: JSONValue], _ theirs: [String: JSONValue], record: MergeTables.Record?, path: [String]
    ) -> [String: JSONValue] {
        var keys = Set(ours.keys).union(theirs.keys)
        if let base { keys.formUnion(base.keys) }
        var out: [String: JSONValue] = [:]
        for key in keys.sorted() {
            out[key] = merge(base?[key], ours[key], theirs[key], type: record?.types[key], path: path + [key])
        }
        return out
    }

    /// An object of records by key (self-ratings by element, nil returns by type).
    private mutating func mergeMap(
        _ base: [String: JSONValue], _ ours: [String: JSONValue], _ theirs: [String: JSONValue], entry: FieldType, path: [String]
    ) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        for key in Set(base.keys).union(ours.keys).union(theirs.keys).sorted() {
            out[key] = merge(base[key], ours[key], theirs[key], type: entry, path: path + [key])
        }
        return out
    }

    /// Records matched by identity (`MergeTables.Record.identity`). The result keeps the
    /// common version's order, then what was added, by identity, so that it does not depend
    /// on which side is ours. Two records added under one id with different contents are
    /// both kept: the one whose text sorts first keeps the id, the other gets a new one.
    /// `nil` when a list holds something that is not such a record, or an identity twice.
    private mutating func mergeRecordList(
        _ base: [JSONValue], _ ours: [JSONValue], _ theirs: [JSONValue], record: MergeTables.Record, path: [String]
    ) -> [JSONValue]? {
        guard let baseByID = Self.index(base, record), let oursByID = Self.index(ours, record),
            let theirsByID = Self.index(theirs, record)
        else { return nil }
        var out: [JSONValue] = []
        var placed = Set<String>()
        for element in base {
            let id = MergeTables.identity(of: element, in: record)!
            placed.insert(id)
            if let merged = merge(element, oursByID[id], theirsByID[id], type: .record(record.name), path: path + [id]) {
                out.append(merged)
            }
        }
        var used = Set(oursByID.keys).union(theirsByID.keys).union(baseByID.keys).union(reservedIDs)
        let added = Set(oursByID.keys).union(theirsByID.keys).subtracting(placed).sorted()
        for id in added {
            switch (oursByID[id], theirsByID[id]) {
            case (let o?, let t?) where o != t && record.identityIsAnID && !withoutBase:
                let (first, second) = o.canonicalText < t.canonicalText ? (o, t) : (t, o)
                out.append(first)
                let fresh = Self.freshID(after: id, avoiding: used)
                used.insert(fresh)
                out.append(Self.renamed(second, to: fresh))
            case (let o, let t):
                if let merged = merge(nil, o, t, type: .record(record.name), path: path + [id]) { out.append(merged) }
            }
        }
        return out
    }

    /// A list of plain values (links, frameworks, attachments) as a set: what either side
    /// removed is removed, what either added is added (after the kept ones, in text order).
    private func mergeItems(_ base: [JSONValue], _ ours: [JSONValue], _ theirs: [JSONValue]) -> [JSONValue] {
        let baseSet = Set(base), oursSet = Set(ours), theirsSet = Set(theirs)
        var seen = Set<JSONValue>()
        var out = base.filter { oursSet.contains($0) && theirsSet.contains($0) && seen.insert($0).inserted }
        let added = oursSet.union(theirsSet).subtracting(baseSet).sorted { $0.canonicalText < $1.canonicalText }
        for item in added where seen.insert(item).inserted { out.append(item) }
        return out
    }

    static func index(_ list: [JSONValue], _ record: MergeTables.Record) -> [String: JSONValue]? {
        var out: [String: JSONValue] = [:]
        out.reserveCapacity(list.count)
        for element in list {
            guard let id = MergeTables.identity(of: element, in: record), out.updateValue(element, forKey: id) == nil else { return nil }
        }
        return out
    }

    /// A new id in the same style: `ev-0042` → the next free `ev-NNNN`; otherwise `ID-2`, `ID-3`…
    static func freshID(after id: String, avoiding used: Set<String>) -> String {
        if let dash = id.lastIndex(of: "-"), let number = Int(id[id.index(after: dash)...]) {
            let prefix = id[..<dash], width = id.distance(from: id.index(after: dash), to: id.endIndex)
            var highest = number
            for other in used where other.hasPrefix(prefix + "-") {
                if let n = Int(other.dropFirst(prefix.count + 1)) { highest = max(highest, n) }
            }
            var n = highest + 1
            while true {
                var digits = String(n)
                if digits.count < width { digits = String(repeating: "0", count: width - digits.count) + digits }
                let candidate = "\(prefix)-\(digits)"
                if !used.contains(candidate) { return candidate }
                n += 1
            }
        }
        var n = 2
        while used.contains("\(id)-\(n)") { n += 1 }
        return "\(id)-\(n)"
    }

    static func renamed(_ value: JSONValue, to id: String) -> JSONValue {
        guard case .object(var members) = value else { return value }
        members["id"] = .string(id)
        return .object(members)
    }
}

extension JSONValue {
    var objectMembers: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }
    var arrayElements: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }
}
