/// The profile's fields that belong to one period, in one table: a new period archives each
/// into `PastPeriod` and starts it afresh (`startNewPeriod`), and viewing an archived year
/// puts each back (`asArchived`). A field to archive is added here once, and
/// `PerPeriodFieldTests` holds every row to a round trip.
public struct PerPeriodField: Sendable {
    public let key: String
    /// Copies the profile's value into the archive.
    let archive: @Sendable (Profile, inout PastPeriod) -> Void
    /// Puts the archived value back into a profile (the archived year seen again).
    let restore: @Sendable (PastPeriod, inout Profile) -> Void
    /// What the new period starts with.
    let reset: @Sendable (inout Profile) -> Void
    /// Whether two profiles hold the same value (for the round-trip test's message).
    let same: @Sendable (Profile, Profile) -> Bool

    /// A value that may be absent in both (the appraisal date, the document sent): the new
    /// period starts without it.
    static func optional<Value: Equatable>(
        _ key: String, _ profile: WritableKeyPath<Profile, Value?> & Sendable, _ archived: WritableKeyPath<PastPeriod, Value?> & Sendable
    ) -> PerPeriodField {
        PerPeriodField(
            key: key, archive: { $1[keyPath: archived] = $0[keyPath: profile] }, restore: { $1[keyPath: profile] = $0[keyPath: archived] },
            reset: { $0[keyPath: profile] = nil }, same: { $0[keyPath: profile] == $1[keyPath: profile] })
    }

    /// A text of the year: empty in the profile is absent in the archive's older files.
    static func text(_ text: PastPeriod.PerPeriodText) -> PerPeriodField {
        PerPeriodField(
            key: text.key, archive: { $1[keyPath: text.archived] = $0[keyPath: text.profile] },
            restore: { $1[keyPath: text.profile] = $0[keyPath: text.archived] ?? "" }, reset: { $0[keyPath: text.profile] = "" },
            same: { $0[keyPath: text.profile] == $1[keyPath: text.profile] })
    }

    /// A keyed collection (the nil returns): archived only when not empty, so an archive
    /// without any stays as older files wrote it.
    static func collection<Key: Hashable, Value: Equatable>(
        _ key: String, _ profile: WritableKeyPath<Profile, [Key: Value]> & Sendable,
        _ archived: WritableKeyPath<PastPeriod, [Key: Value]?> & Sendable
    ) -> PerPeriodField {
        PerPeriodField(
            key: key, archive: { $1[keyPath: archived] = $0[keyPath: profile].isEmpty ? nil : $0[keyPath: profile] },
            restore: { $1[keyPath: profile] = $0[keyPath: archived] ?? [:] }, reset: { $0[keyPath: profile] = [:] },
            same: { $0[keyPath: profile] == $1[keyPath: profile] })
    }
}

extension PastPeriod {
    /// Every per-period field of the profile: the year's texts, its appraisal date, its nil
    /// returns and the document sent to the appraiser.
    public static let perPeriodFields: [PerPeriodField] =
        perPeriodTexts.map(PerPeriodField.text) + [
            .optional("appraisalDate", \.appraisalDate, \.appraisalDate),
            .collection("declaredNone", \.declaredNone, \.declaredNone),
            .optional("exported", \.exported, \.exported),
        ]
}
