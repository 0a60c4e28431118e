import Foundation

/// A type a table's field may hold: how it is written (`JSONByteWriter`) and read by the
/// quick reader (`FastReader`, which gives up on anything it does not take exactly as
/// `JSONDecoder` would).
protocol SchemaValue: Sendable {
    static var fieldType: FieldType { get }
    func write(to writer: JSONByteWriter)
    static func read(from reader: inout FastReader) throws -> Self
}

/// A fixed set of strings (a stage, a goal's status).
protocol SchemaChoice: SchemaValue, RawRepresentable, CaseIterable where RawValue == String {}

extension SchemaChoice {
    static var fieldType: FieldType { .choice(allCases.map(\.rawValue)) }
    func write(to writer: JSONByteWriter) { writer.string(rawValue) }
    static func read(from reader: inout FastReader) throws -> Self { try reader.enumValue(Self.self) }
}

extension Stage: SchemaChoice {}
extension GoalStatus: SchemaChoice {}

/// An open set: the kinds are the taxonomy's, and a kind it does not know is kept as written.
extension EvidenceKind: SchemaValue {
    static var fieldType: FieldType { .string }
    func write(to writer: JSONByteWriter) { writer.string(rawValue) }
    static func read(from reader: inout FastReader) throws -> EvidenceKind { EvidenceKind(try reader.string()) }
}

extension String: SchemaValue {
    static var fieldType: FieldType { .string }
    func write(to writer: JSONByteWriter) { writer.string(self) }
    static func read(from reader: inout FastReader) throws -> String { try reader.string() }
}

extension Bool: SchemaValue {
    static var fieldType: FieldType { .bool }
    func write(to writer: JSONByteWriter) { writer.bool(self) }
    static func read(from reader: inout FastReader) throws -> Bool { try reader.bool() }
}

extension Int: SchemaValue {
    static var fieldType: FieldType { .integer }
    func write(to writer: JSONByteWriter) { writer.int(Int64(self)) }
    static func read(from reader: inout FastReader) throws -> Int { try reader.int() }
}

extension Double: SchemaValue {
    static var fieldType: FieldType { .number }
    func write(to writer: JSONByteWriter) { writer.double(self) }
    static func read(from reader: inout FastReader) throws -> Double { try reader.double() }
}

extension CalendarDate: SchemaValue {
    static var fieldType: FieldType { .date }
    func write(to writer: JSONByteWriter) {
        if (0...9999).contains(year), (1...12).contains(month), (1...31).contains(day) {
            writer.date(year: year, month: month, day: day)
        } else {
            writer.string(description)
        }
    }
    static func read(from reader: inout FastReader) throws -> CalendarDate { try reader.date() }
}

extension Array: SchemaValue where Element: SchemaValue {
    static var fieldType: FieldType { .list(Element.fieldType) }

    func write(to writer: JSONByteWriter) {
        writer.open(0x5B)
        for (index, element) in enumerated() {
            writer.nextMember(first: index == 0)
            element.write(to: writer)
        }
        writer.close(0x5D, empty: isEmpty)
    }

    static func read(from reader: inout FastReader) throws -> [Element] {
        // Only the list the document asked to stream gives back its pages, not lists inside
        // its items (the keys of the item being read lie in the pages before them).
        let releasing = reader.releasingElements
        reader.releasingElements = false
        defer { reader.releasingElements = releasing }
        var out: [Element] = []
        try reader.array { r in
            if releasing { r.releaseConsumed(upTo: r.c.i) }
            out.append(try Element.read(from: &r))
        }
        return out
    }
}

/// An object of records by id (self-ratings by element), written in the order of its keys' bytes.
extension Dictionary: SchemaValue where Key == String, Value: SchemaRecord {
    static var fieldType: FieldType { .recordMap(Value.schema.name) }

    func write(to writer: JSONByteWriter) {
        writer.open(0x7B)
        var keys = Array(self.keys)
        keys.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for (index, key) in keys.enumerated() {
            writer.nextMember(first: index == 0)
            writer.string(key)
            writer.ascii(" : ")
            self[key]!.write(to: writer)
        }
        writer.close(0x7D, empty: isEmpty)
    }

    static func read(from reader: inout FastReader) throws -> [String: Value] {
        var out: [String: Value] = [:]
        try reader.object { r, key in
            guard let id = String(validating: key, as: UTF8.self) else { throw FastDecoder.GiveUp() }
            out[id] = try Value.read(from: &r)
        }
        return out
    }
}

/// A record described by a table: written and read field by field from it, with the keys
/// it does not know (`unknownFields`) written back in their sorted places.
protocol SchemaRecord: SchemaValue {
    static var schema: RecordSchema<Self> { get }
    var unknownFields: [String: JSONValue] { get }
}

extension SchemaRecord {
    static var fieldType: FieldType { .record(schema.name) }

    func write(to writer: JSONByteWriter) {
        let schema = Self.schema
        writer.open(0x7B)
        var first = true
        func writeField(_ field: SchemaField<Self>) {
            guard field.isPresent(self) else { return }
            writer.nextMember(first: first)
            first = false
            field.quotedKey.withUnsafeBytes { writer.bytes($0) }
            field.write(self, writer)
        }
        if unknownFields.isEmpty {
            for index in schema.writeOrder { writeField(schema.fields[index]) }
        } else {
            // Both lists in byte order, merged.
            let unknown = unknownFields.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            var next = 0
            for index in schema.writeOrder {
                let field = schema.fields[index]
                while next < unknown.count, unknown[next].key.utf8.lexicographicallyPrecedes(field.keyBytes) {
                    writeUnknown(unknown[next], &first, writer)
                    next += 1
                }
                writeField(field)
            }
            for member in unknown[next...] { writeUnknown(member, &first, writer) }
        }
        writer.close(0x7D, empty: first)
    }

    private func writeUnknown(_ member: (key: String, value: JSONValue), _ first: inout Bool, _ writer: JSONByteWriter) {
        writer.nextMember(first: first)
        first = false
        writer.string(member.key)
        writer.ascii(" : ")
        member.value.write(to: writer)
    }

    /// Reads the record's object: each key finds its row; a key the table does not have, a
    /// missing required field or a value outside its limits gives up (see `FastDecoder`).
    static func read(from reader: inout FastReader) throws -> Self {
        let schema = Self.schema
        var record = schema.blank
        var seen: UInt64 = 0
        try reader.object { r, key in
            guard let index = schema.index(of: key) else { throw FastDecoder.GiveUp() }
            let field = schema.fields[index]
            seen |= 1 << UInt64(index)
            if field.presence != .required, r.null() { return }
            try field.read(&r, &record)
        }
        guard seen & schema.requiredMask == schema.requiredMask else { throw FastDecoder.GiveUp() }
        return record
    }
}

extension JSONValue {
    /// Written as `JSONEncoder` writes it (the quick reader never keeps one: it gives up on
    /// unknown keys).
    func write(to writer: JSONByteWriter) {
        switch self {
        case .null: writer.null()
        case .bool(let value): writer.bool(value)
        case .int(let value): writer.int(value)
        case .double(let value): writer.double(value)
        case .string(let value): writer.string(value)
        case .array(let values):
            writer.open(0x5B)
            for (index, value) in values.enumerated() {
                writer.nextMember(first: index == 0)
                value.write(to: writer)
            }
            writer.close(0x5D, empty: values.isEmpty)
        case .object(let members):
            writer.open(0x7B)
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                writer.nextMember(first: index == 0)
                writer.string(key)
                writer.ascii(" : ")
                members[key]!.write(to: writer)
            }
            writer.close(0x7D, empty: members.isEmpty)
        }
    }
}
