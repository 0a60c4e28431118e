import Foundation

/// What a merge knows of each record of the format, read from the record tables
/// (`Portfolio.schema` and the others): each field's type, and how a record in a list is
/// recognised in the other copy. No field is named here; a field added to a table is merged
/// by its type at once, and a key no table has (written by a newer version, or by hand) is
/// merged as a plain value, or key by key when it holds an object.
package enum MergeTables {
    package struct Record: Sendable {
        package let name: String
        package let types: [String: FieldType]
        /// The keys whose values recognise a record in a list: `id` where the record has one
        /// (evidence, goals), or else its required fields (a past period's dates, a scope entry).
        package let identity: [String]
        /// The fields that hold another record's id, with that record's name (from the
        /// tables' `reference`): they follow the record when a merge gives it a new id.
        package let references: [String: String]
        /// Whether two records with the same identity but different contents are two records
        /// (an id given twice, on two machines) rather than two versions of one.
        package var identityIsAnID: Bool { identity == ["id"] }
    }

    static func describe<R>(_ schema: RecordSchema<R>) -> Record {
        let keys = schema.fields.map(\.key)
        let identity = keys.contains("id") ? ["id"] : schema.fields.filter { $0.presence == .required }.map(\.key)
        return Record(
            name: schema.name, types: Dictionary(uniqueKeysWithValues: schema.fields.map { ($0.key, $0.type) }), identity: identity,
            references: Dictionary(uniqueKeysWithValues: schema.fields.compactMap { field in field.reference.map { (field.key, $0) } }))
    }

    /// Every record's table, by name (the names `FieldType.record` and `.recordMap` give).
    package static let records: [String: Record] = Dictionary(
        uniqueKeysWithValues: [
            describe(Portfolio.schema), describe(Profile.schema), describe(ScopeEntry.schema), describe(Evidence.schema),
            describe(Reflection.schema), describe(Confirmation.schema), describe(Rating.schema), describe(Goal.schema),
            describe(PastPeriod.schema), describe(Walkthrough.schema), describe(NoneDeclaration.schema),
            describe(ExportedDocument.schema), describe(MergeConflict.schema), describe(AttachedFile.schema),
            describe(BroughtForwardMark.schema),
        ].map { ($0.name, $0) })

    package static let document = records["Portfolio"]!

    /// How a record is named in a conflict's path: its id, or its identity's values joined.
    static func identity(of value: JSONValue, in record: Record) -> String? {
        guard case .object(let members) = value else { return nil }
        var parts: [String] = []
        for key in record.identity {
            guard let part = members[key] else { return nil }
            if case .string(let text) = part { parts.append(text) } else { parts.append(part.canonicalText) }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " | ")
    }

    /// Every record that carries an id, anywhere in the document (evidence, goals, a past
    /// period's goals), named by its list's place and its id: what a merge with no common
    /// version counts as kept from one copy.
    package static func identifiedItems(in tree: JSONValue) -> Set<String> {
        var out = Set<String>()
        collect(tree, type: .record(document.name), place: "", into: &out)
        return out
    }

    private static func collect(_ value: JSONValue, type: FieldType, place: String, into out: inout Set<String>) {
        switch (unwrapped(type), value) {
        case (.record(let name), .object(let members)):
            guard let record = records[name] else { return }
            for (key, member) in members {
                if let type = record.types[key] { collect(member, type: type, place: place.isEmpty ? key : place + "." + key, into: &out) }
            }
        case (.recordMap(let name), .object(let members)):
            for (key, member) in members { collect(member, type: .record(name), place: place + "." + key, into: &out) }
        case (.list(.record(let name)), .array(let items)):
            guard let record = records[name] else { return }
            for (index, item) in items.enumerated() {
                let identity = identity(of: item, in: record)
                if record.identityIsAnID, let identity { out.insert(place + " " + identity) }
                collect(item, type: .record(name), place: place + "[\(identity ?? String(index))]", into: &out)
            }
        default: return
        }
    }

    /// The type of the field a conflict's path reaches (`nil` for a key no table has, or a
    /// whole record in a list).
    package static func type(at path: [String]) -> FieldType? {
        var type: FieldType? = .record(document.name)
        for step in path {
            switch type.map(unwrapped) {
            case .record(let name)?: type = records[name]?.types[step]
            case .recordMap(let name)?: type = .record(name)
            case .list(.record(let name))?: type = .record(name)
            default: return nil
            }
            _ = step
        }
        return type
    }

    static func unwrapped(_ type: FieldType) -> FieldType {
        if case .optional(let inner) = type { return unwrapped(inner) }
        return type
    }
}

extension JSONValue {
    /// The value as the saver writes it: one text for one value, for ordering and comparing.
    package var canonicalText: String {
        let writer = JSONByteWriter(capacity: 64)
        write(to: writer)
        return String(decoding: writer.finish(), as: UTF8.self)
    }
}
