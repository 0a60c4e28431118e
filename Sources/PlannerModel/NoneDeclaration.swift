/// A nil return: the doctor's statement that a GMC supporting-information type has nothing
/// to show this period ("no significant events", "no complaints"). Many years have none, and
/// the GMC asks the doctor to say so, so a declared type is complete rather than missing.
/// It belongs to the period it was made in (`Profile.declaredNone`, keyed by the type's id).
public struct NoneDeclaration: Codable, Hashable, Sendable {
    /// What the doctor adds, if anything ("no incidents reported on the ward's system").
    public var note: String
    /// Keys this version does not know, kept as read and saved back (see `JSONValue`).
    public var unknownFields: [String: JSONValue] = [:]

    public init(note: String = "") { self.note = note }

    enum CodingKeys: String, CodingKey, CaseIterable { case note }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        note = try c.decodeIfPresent(String.self, forKey: .note) ?? ""
        unknownFields = try decoder.unknownFields(besides: CodingKeys.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(note, forKey: .note)
        try encoder.encodeUnknownFields(unknownFields)
    }
}

extension Portfolio {
    /// Declares that this period has nothing of a GMC type (replacing any earlier note), or
    /// withdraws the declaration (`note` nil). The planner and `mlcf declare` both call this.
    public mutating func declareNone(_ type: String, note: String?) {
        if let note {
            profile.declaredNone[type] = NoneDeclaration(note: note)
        } else {
            profile.declaredNone[type] = nil
        }
    }
}
