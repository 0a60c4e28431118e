/// An earlier item the doctor brought into a past period's document (`Evidence.bringForward`),
/// kept in that period's archive (`PastPeriod.broughtForward`) when the next period starts.
/// The reason said why the item mattered *that* year: carried on, it would be printed again
/// next year as if written for it, so a new period archives the marks and starts without them,
/// and the archived year's document is still made as it was.
public struct BroughtForwardMark: Codable, Hashable, Sendable {
    /// The evidence item's id.
    public var evidence: String
    /// Why it mattered that year ("" when no reason was written).
    public var reason: String
    /// Keys this version does not know, kept as read and saved back (see `JSONValue`).
    public var unknownFields: [String: JSONValue] = [:]

    public init(evidence: String, reason: String) {
        self.evidence = evidence
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case evidence, reason }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        evidence = try c.decode(String.self, forKey: .evidence)
        reason = try c.decodeIfPresent(String.self, forKey: .reason) ?? ""
        unknownFields = try decoder.unknownFields(besides: CodingKeys.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(evidence, forKey: .evidence)
        try c.encode(reason, forKey: .reason)
        try encoder.encodeUnknownFields(unknownFields)
    }
}

extension Portfolio {
    /// The marks of the items brought into this period's document, to archive with it.
    var broughtForwardMarks: [BroughtForwardMark] {
        evidence.compactMap { item in
            guard let reason = item.bringForward, item.isBroughtForward(into: period) else { return nil }
            return BroughtForwardMark(evidence: item.id, reason: reason)
        }
    }

    /// Each item marked as the archived year had it (none for a year archived without marks).
    mutating func restoreBroughtForward(_ marks: [BroughtForwardMark]?) {
        let reasons = Dictionary((marks ?? []).map { ($0.evidence, $0.reason) }, uniquingKeysWith: { first, _ in first })
        for index in evidence.indices where evidence[index].bringForward != reasons[evidence[index].id] {
            evidence[index].bringForward = reasons[evidence[index].id]
        }
    }
}
