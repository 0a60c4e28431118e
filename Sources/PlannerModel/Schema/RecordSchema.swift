import Foundation

/// One described model (issue 14): every record of the portfolio format lists its fields
/// once, here and in the `*Schema.swift` tables beside this file. The saver
/// (`SchemaEncoder`), the quick reader (`FastDecoder`), the PII guard and search (free
/// text), the form limits and the format document's test all read these tables, so a field
/// is added or renamed in one place.
///
/// A field reads and writes its struct through a key path; the structs keep their public
/// initialisers and their `Codable` conformance (the `JSONDecoder` path for errors and
/// migrations, and the reference the byte-for-byte test compares the saver with).
public final class RecordSchema<Record: Sendable>: Sendable {
    /// The record's name, as the format document heads its section.
    public let name: String
    /// The fields in the order the document presents them.
    public let fields: [SchemaField<Record>]
    /// What a reading starts from: every defaulted field at its default (required ones are
    /// overwritten, or the reading gives up).
    let blank: Record
    /// Field indices in the order a save writes them: by the UTF-8 bytes of their keys.
    let writeOrder: [Int]
    /// A bit for each required field.
    let requiredMask: UInt64
    /// How to reach each piece of free text, nested records' included, in table order.
    public let freeTextFields: [FreeTextField<Record>]

    init(_ name: String, blank: Record, _ fields: [SchemaField<Record>]) {
        precondition(fields.count <= 64, "\(name): a record of more than 64 fields needs a wider mask")
        self.name = name
        self.blank = blank
        self.fields = fields
        writeOrder = fields.indices.sorted { fields[$0].keyBytes.lexicographicallyPrecedes(fields[$1].keyBytes) }
        var mask: UInt64 = 0
        for (index, field) in fields.enumerated() where field.presence == .required { mask |= 1 << UInt64(index) }
        requiredMask = mask
        freeTextFields = fields.flatMap { field -> [FreeTextField<Record>] in
            if field.isFreeText, let path = field.textPath { return [FreeTextField(label: field.label, path: path)] }
            return field.nestedFreeText ?? []
        }
    }

    /// The field whose key has these bytes.
    func index(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        for index in fields.indices where fields[index].keyBytes.count == key.count {
            let same = fields[index].keyBytes.withUnsafeBufferPointer { memcmp($0.baseAddress!, key.baseAddress!, key.count) == 0 }
            if same { return index }
        }
        return nil
    }

    public func field(_ key: String) -> SchemaField<Record>? { fields.first { $0.key == key } }

    /// The record's free text (what the PII guard checks and search looks in), with a label
    /// for each; a nested record's free text is labelled `outer: inner`.
    public func freeText(of record: Record) -> [(field: String, text: String)] {
        freeTextFields.map { ($0.label, $0.text(record)) }
    }

}

/// One piece of a record's free text: its label and where it is. A stored field (every
/// free-text field today) is read at its byte offset in the record, nested records' offsets
/// added up, so reading it copies nothing but the string. Reading through the key path
/// instead costs a generic metadata look-up per read, and the PII guard and search read
/// every item's text: at 20,000 items that was a sixteenth of `mlcf validate`.
public final class FreeTextField<Record: Sendable>: Sendable {
    public let label: String
    /// Where the string lies in the record, when it is stored there (`nil` for a computed
    /// property, read through `read` instead).
    let offset: Int?
    private let read: @Sendable (Record) -> String

    init(label: String, path: KeyPath<Record, String> & Sendable) {
        self.label = label
        offset = MemoryLayout<Record>.offset(of: path)
        read = { $0[keyPath: path] }
    }

    /// A nested record's text, reached through the field that holds that record.
    init<Nested: Sendable>(label: String, through outer: KeyPath<Record, Nested> & Sendable, _ inner: FreeTextField<Nested>) {
        self.label = label
        if let outerOffset = MemoryLayout<Record>.offset(of: outer), let innerOffset = inner.offset {
            offset = outerOffset + innerOffset
        } else {
            offset = nil
        }
        read = { inner.text($0[keyPath: outer]) }
    }

    public func text(_ record: Record) -> String {
        guard let offset else { return read(record) }
        return withUnsafeBytes(of: record) { $0.load(fromByteOffset: offset, as: String.self) }
    }

    /// Free text held in an optional field, read through `read` ("" when there is none):
    /// a `String?` has no `String` at a fixed offset to load.
    init(label: String, read: @escaping @Sendable (Record) -> String) {
        self.label = label
        offset = nil
        self.read = read
    }

    /// The same text read through the key path (what the tests hold the offsets to).
    func textThroughKeyPath(_ record: Record) -> String { read(record) }
}

/// What a field holds, for the readers of the table that describe it (the format document's
/// test, forms). `text` is a string the doctor writes at length; `string` a short one.
public indirect enum FieldType: Equatable, Sendable {
    case string, text, date, number, integer, bool
    /// One of a fixed set of strings.
    case choice([String])
    case list(FieldType)
    case record(String)
    /// An object whose keys are ids and whose values are records.
    case recordMap(String)
    case optional(FieldType)
    /// Any JSON value (a merge conflict's versions).
    case json
}

/// Whether a reading needs the field.
public enum Presence: Sendable {
    /// Absent or `null`: the file is refused (by `JSONDecoder`, which says why).
    case required
    /// Absent or `null`: the default (the record's blank value); always written.
    case defaulted
    /// Absent or `null`: none; not written when there is none.
    case optional
}

/// Which of the stage rules' length limits bounds a text field (`StageRules.Limits`).
public enum LengthLimit: Sendable {
    case title, text, shortText

    public func characters(in limits: StageRules.Limits) -> Int {
        switch self {
        case .title: return limits.titleMaxCharacters
        case .text: return limits.textMaxCharacters
        case .shortText: return limits.shortTextMaxCharacters
        }
    }
}

/// One row of a record's table.
public final class SchemaField<Record: Sendable>: Sendable {
    /// The JSON key.
    public let key: String
    /// What people call it, in lower case (messages put it mid-sentence).
    public let label: String
    public let type: FieldType
    public let presence: Presence
    /// Words the doctor writes (checked by the PII guard, searched).
    public let isFreeText: Bool
    public let limit: LengthLimit?
    /// The record whose `id` this field holds (a goal's `carriedFrom` names a goal): a merge
    /// that gives a record a new id makes these follow it (`IDSeparation`).
    public let reference: String?

    let keyBytes: [UInt8]
    /// `"key" : ` as written, made once.
    let quotedKey: [UInt8]
    /// False for an optional field with nothing in it (not written).
    let isPresent: @Sendable (Record) -> Bool
    let write: @Sendable (Record, JSONByteWriter) -> Void
    /// Reads the value (not `null`: the reader handles that by `presence`) into the record.
    let read: @Sendable (inout FastReader, inout Record) throws -> Void
    let textPath: (KeyPath<Record, String> & Sendable)?
    /// Free text not stored as a `String` of this record: a nested record's, or an optional field's.
    let nestedFreeText: [FreeTextField<Record>]?
    /// How a form built from the table edits the field (nil: no such form shows it).
    public let form: FormAccess<Record>?

    init(
        key: String, label: String, type: FieldType, presence: Presence, isFreeText: Bool = false, limit: LengthLimit? = nil,
        isPresent: @escaping @Sendable (Record) -> Bool = { _ in true }, write: @escaping @Sendable (Record, JSONByteWriter) -> Void,
        read: @escaping @Sendable (inout FastReader, inout Record) throws -> Void, textPath: (KeyPath<Record, String> & Sendable)? = nil,
        nestedFreeText: [FreeTextField<Record>]? = nil, form: FormAccess<Record>? = nil, reference: String? = nil
    ) {
        self.key = key
        self.label = label
        self.type = type
        self.presence = presence
        self.isFreeText = isFreeText
        self.limit = limit
        keyBytes = Array(key.utf8)
        let writer = JSONByteWriter(capacity: key.utf8.count + 8)
        writer.string(key)
        writer.ascii(" : ")
        quotedKey = Array(writer.finish())
        self.isPresent = isPresent
        self.write = write
        self.read = read
        self.textPath = textPath
        self.nestedFreeText = nestedFreeText
        self.form = form
        self.reference = reference
    }
}

// MARK: Building rows

extension SchemaField {
    /// A field that is always written; `accepts` is a limit the quick reader checks (it
    /// gives up on a value outside it, and `JSONDecoder`'s error says why).
    static func value<Value: SchemaValue>(
        _ key: String, _ path: WritableKeyPath<Record, Value> & Sendable, _ label: String, _ presence: Presence = .defaulted,
        type: FieldType? = nil, limit: LengthLimit? = nil, accepts: (@Sendable (Value) -> Bool)? = nil, refersTo reference: String? = nil
    ) -> SchemaField {
        SchemaField(
            key: key, label: label, type: type ?? Value.fieldType, presence: presence, limit: limit,
            write: { record, writer in record[keyPath: path].write(to: writer) },
            read: { reader, record in
                let value = try Value.read(from: &reader)
                if let accepts, !accepts(value) { throw FastDecoder.GiveUp() }
                record[keyPath: path] = value
            }, reference: reference)
    }

    /// A string the doctor writes: free text, checked by the PII guard and searched.
    static func freeText(
        _ key: String, _ path: WritableKeyPath<Record, String> & Sendable, _ label: String, _ presence: Presence = .defaulted,
        limit: LengthLimit = .text
    ) -> SchemaField {
        SchemaField(
            key: key, label: label, type: .text, presence: presence, isFreeText: true, limit: limit,
            write: { record, writer in writer.string(record[keyPath: path]) },
            read: { reader, record in record[keyPath: path] = try reader.string() },
            textPath: path)
    }

    /// A field that may hold nothing, and is then not written. `refersTo` names the record
    /// whose id it holds, when it is a reference.
    static func optional<Value: SchemaValue>(
        _ key: String, _ path: WritableKeyPath<Record, Value?> & Sendable, _ label: String, accepts: (@Sendable (Value) -> Bool)? = nil,
        refersTo reference: String? = nil
    ) -> SchemaField {
        SchemaField(
            key: key, label: label, type: .optional(Value.fieldType), presence: .optional,
            isPresent: { $0[keyPath: path] != nil },
            write: { record, writer in record[keyPath: path]!.write(to: writer) },
            read: { reader, record in
                let value = try Value.read(from: &reader)
                if let accepts, !accepts(value) { throw FastDecoder.GiveUp() }
                record[keyPath: path] = value
            }, reference: reference)
    }

    /// Words the doctor may write or leave out altogether (absent, not written, when nil):
    /// free text all the same, so the PII guard checks it and search finds it. `text` reads
    /// it ("" when nil) without a key path's look-up.
    static func optionalFreeText(
        _ key: String, _ path: WritableKeyPath<Record, String?> & Sendable, _ label: String,
        text: @escaping @Sendable (Record) -> String
    ) -> SchemaField {
        let plain = optional(key, path, label)
        return SchemaField(
            key: key, label: label, type: .optional(.text), presence: .optional, isFreeText: true, limit: .text,
            isPresent: plain.isPresent, write: plain.write, read: plain.read,
            nestedFreeText: [FreeTextField(label: label, read: text)])
    }

    /// A record inside this one, whose free text counts as this record's (labelled `label: …`).
    static func nested<Nested: SchemaRecord>(
        _ key: String, _ path: WritableKeyPath<Record, Nested> & Sendable, _ label: String, _ presence: Presence = .defaulted
    ) -> SchemaField {
        let plain = value(key, path, label, presence)
        return SchemaField(
            key: key, label: label, type: plain.type, presence: presence, write: plain.write, read: plain.read,
            nestedFreeText: Nested.schema.freeTextFields.map { inner in
                FreeTextField(label: "\(label): \(inner.label)", through: path, inner)
            })
    }
}
