import Foundation

/// One field two copies of a portfolio changed to different values, or a record one copy
/// deleted while the other edited it (issue 18). A merge never guesses: it keeps our value
/// in the file and lists the conflict here, with all three versions, until the doctor picks
/// one (`ConflictResolution`). `validate` reports each as an error and `export` refuses
/// while any is left.
public struct MergeConflict: Codable, Hashable, Sendable {
    /// Where the field is, from the document down: keys of objects, and for a list of
    /// records the record's identity (an evidence item's or goal's id, a past period's
    /// dates), e.g. `["evidence", "ev-0003", "title"]`.
    public var path: [String]
    /// The value in the common version; absent when the field (or record) was new.
    public var base: JSONValue?
    /// Our value (the one in the file now); absent when we deleted it.
    public var ours: JSONValue?
    /// The other copy's value; absent when it deleted it.
    public var theirs: JSONValue?
    /// Keys this version does not know, kept as read and saved back (see `JSONValue`).
    public var unknownFields: [String: JSONValue] = [:]

    public init(path: [String], base: JSONValue?, ours: JSONValue?, theirs: JSONValue?) {
        self.path = path; self.base = base; self.ours = ours; self.theirs = theirs
    }

    /// Whether one side deleted what the other edited (rather than both editing one field).
    public var isDeleteAgainstEdit: Bool { ours == nil || theirs == nil }

    /// The path as people read it: `evidence ev-0003 › title`.
    public var place: String { path.joined(separator: " › ") }

    enum CodingKeys: String, CodingKey, CaseIterable { case path, base, ours, theirs }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decode([String].self, forKey: .path)
        // `null` is a value a version may hold (an unknown field's); absent is "not there".
        func version(_ key: CodingKeys) throws -> JSONValue? { c.contains(key) ? try c.decode(JSONValue.self, forKey: key) : nil }
        base = try version(.base)
        ours = try version(.ours)
        theirs = try version(.theirs)
        unknownFields = try decoder.unknownFields(besides: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
        try c.encodeIfPresent(base, forKey: .base)
        try c.encodeIfPresent(ours, forKey: .ours)
        try c.encodeIfPresent(theirs, forKey: .theirs)
        try encoder.encodeUnknownFields(unknownFields)
    }
}

extension MergeConflict: SchemaRecord {
    public static let schema = RecordSchema<MergeConflict>(
        "MergeConflict", blank: MergeConflict(path: [], base: nil, ours: nil, theirs: nil),
        [
            .value("path", \.path, "where", .required),
            .optional("base", \.base, "common version"),
            .optional("ours", \.ours, "our version"),
            .optional("theirs", \.theirs, "their version"),
        ])
}

/// Any JSON value, as a conflict keeps it. The quick reader does not read one: a file with
/// conflicts is read by `JSONDecoder` (a rare file, and a small cost).
extension JSONValue: SchemaValue {
    static var fieldType: FieldType { .json }
    static func read(from reader: inout FastReader) throws -> JSONValue { throw FastDecoder.GiveUp() }
}
