import Foundation

/// Two machines each gave out the same new id (both added "pdp-0007", to different goals).
/// Both records are kept, so one must take a fresh id, and everything on its side that named
/// it by the old id (a goal's `carriedFrom`: any field the record tables mark as a
/// `reference`) must follow, or it would point at the other machine's record. This runs on
/// both documents before the tree merge, so the merge sees two records with two ids and the
/// references already right.
///
/// Which record keeps the id does not depend on which copy is ours: the one whose text sorts
/// first (then its place). Renaming one side can make two records that looked the same
/// differ (both added a goal carried from "pdp-0007", meaning two different goals), so the
/// pass repeats until no id added on both sides names two different records.
struct IDSeparation {
    /// A record in one copy: where it lies (the merge's path) and what it holds.
    struct Located {
        let place: [String]
        let value: JSONValue
    }

    /// Every record identified by an id, by record name then id; ids a copy uses twice for
    /// one kind of record are left out (which one a reference meant cannot be told).
    struct Index {
        var records: [String: [String: Located]] = [:]
        var repeated: [String: Set<String>] = [:]
        var allIDs = Set<String>()
    }

    /// A new id for one side's record, and its place there.
    struct Rename {
        let record: String
        let old: String
        let new: String
        let place: [String]
    }

    /// Renames records on whichever side must give up an id, and the references to them.
    static func separate(base: JSONValue, ours: inout JSONValue, theirs: inout JSONValue, reserved: Set<String>) {
        let baseIndex = index(base)
        var oursIndex = index(ours), theirsIndex = index(theirs)
        var used = reserved.union(baseIndex.allIDs).union(oursIndex.allIDs).union(theirsIndex.allIDs)
        while true {
            var oursRenames: [Rename] = [], theirsRenames: [Rename] = []
            for name in Set(oursIndex.records.keys).intersection(theirsIndex.records.keys).sorted() {
                let mine = oursIndex.records[name]!, other = theirsIndex.records[name]!
                let skipped = (oursIndex.repeated[name] ?? []).union(theirsIndex.repeated[name] ?? []).union(baseIndex.repeated[name] ?? [])
                for id in Set(mine.keys).intersection(other.keys).sorted()
                where baseIndex.records[name]?[id] == nil && !skipped.contains(id) {
                    let o = mine[id]!, t = other[id]!
                    if o.place == t.place && o.value == t.value { continue }
                    let fresh = TreeMerge.freshID(after: id, avoiding: used)
                    used.insert(fresh)
                    if order(o) < order(t) {
                        theirsRenames.append(Rename(record: name, old: id, new: fresh, place: t.place))
                    } else {
                        oursRenames.append(Rename(record: name, old: id, new: fresh, place: o.place))
                    }
                }
            }
            if oursRenames.isEmpty && theirsRenames.isEmpty { return }
            if !oursRenames.isEmpty {
                apply(oursRenames, to: &ours)
                oursIndex = index(ours)
            }
            if !theirsRenames.isEmpty {
                apply(theirsRenames, to: &theirs)
                theirsIndex = index(theirs)
            }
        }
    }

    private static func order(_ located: Located) -> (String, String) {
        (located.value.canonicalText, located.place.joined(separator: "\u{1}"))
    }

    static func index(_ document: JSONValue) -> Index {
        var index = Index()
        visit(document, type: .record(MergeTables.document.name), place: []) { members, record, place in
            guard record.identityIsAnID, case .string(let id)? = members["id"] else { return }
            index.allIDs.insert(id)
            if index.records[record.name, default: [:]].updateValue(Located(place: place, value: .object(members)), forKey: id) != nil {
                index.repeated[record.name, default: []].insert(id)
            }
        }
        return index
    }

    /// Each record's new id at its place, and every reference on this side to an old id.
    static func apply(_ renames: [Rename], to document: inout JSONValue) {
        var byPlace: [[String]: String] = [:]
        var byOld: [String: [String: String]] = [:]
        for rename in renames {
            byPlace[rename.place] = rename.new
            byOld[rename.record, default: [:]][rename.old] = rename.new
        }
        rewrite(&document, type: .record(MergeTables.document.name), place: []) { members, record, place in
            for (key, target) in record.references {
                guard let names = byOld[target] else { continue }
                switch members[key] {
                case .string(let old)?: if let new = names[old] { members[key] = .string(new) }
                case .array(let list)?:
                    members[key] = .array(
                        list.map { item in
                            if case .string(let old) = item, let new = names[old] { return .string(new) }
                            return item
                        })
                default: break
                }
            }
            if record.identityIsAnID, let new = byPlace[place] { members["id"] = .string(new) }
        }
    }

    /// Calls `body` with every record the tables describe, and its place (as the merge names it).
    private static func visit(
        _ value: JSONValue, type: FieldType?, place: [String], _ body: ([String: JSONValue], MergeTables.Record, [String]) -> Void
    ) {
        switch (type.map(MergeTables.unwrapped), value) {
        case (.record(let name)?, .object(let members)):
            guard let record = MergeTables.records[name] else { return }
            body(members, record, place)
            for (key, child) in members { if let type = record.types[key] { visit(child, type: type, place: place + [key], body) } }
        case (.recordMap(let name)?, .object(let members)):
            for (key, child) in members { visit(child, type: .record(name), place: place + [key], body) }
        case (.list(.record(let name))?, .array(let elements)):
            guard let record = MergeTables.records[name] else { return }
            for (position, element) in elements.enumerated() {
                visit(element, type: .record(name), place: place + [MergeTables.identity(of: element, in: record) ?? "#\(position)"], body)
            }
        default: return
        }
    }

    /// `visit`, letting `body` change each record (before its children are visited).
    private static func rewrite(
        _ value: inout JSONValue, type: FieldType?, place: [String], _ body: (inout [String: JSONValue], MergeTables.Record, [String]) -> Void
    ) {
        switch (type.map(MergeTables.unwrapped), value) {
        case (.record(let name)?, .object(var members)):
            guard let record = MergeTables.records[name] else { return }
            body(&members, record, place)
            for key in Array(members.keys) {
                guard let type = record.types[key], var child = members[key] else { continue }
                rewrite(&child, type: type, place: place + [key], body)
                members[key] = child
            }
            value = .object(members)
        case (.recordMap(let name)?, .object(var members)):
            for key in Array(members.keys) {
                var child = members[key]!
                rewrite(&child, type: .record(name), place: place + [key], body)
                members[key] = child
            }
            value = .object(members)
        case (.list(.record(let name))?, .array(var elements)):
            guard let record = MergeTables.records[name] else { return }
            for position in elements.indices {
                // The place is the record's id before the body renames it, as `index` saw it.
                let step = MergeTables.identity(of: elements[position], in: record) ?? "#\(position)"
                rewrite(&elements[position], type: .record(name), place: place + [step], body)
            }
            value = .array(elements)
        default: return
        }
    }
}
