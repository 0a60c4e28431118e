import Foundation

/// The appraisal document last exported for a period: which file, when, and how big. A new
/// period archives it with the year (`PastPeriod.exported`), so the doctor can tell later which
/// document went to the appraiser, and `mlcf export --period` can write that year again.
public struct ExportedDocument: Codable, Hashable, Sendable {
    /// The file's name, without its folder (the folder is the portfolio's, or the doctor's `-o`).
    public var file: String
    /// The day it was written.
    public var date: CalendarDate
    /// Its size in bytes, so a later copy can be told apart from it at a glance.
    public var bytes: Int
    /// Keys this version does not know, kept as read and saved back (see `JSONValue`).
    public var unknownFields: [String: JSONValue] = [:]

    public init(file: String, date: CalendarDate, bytes: Int) {
        self.file = file; self.date = date; self.bytes = bytes
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case file, date, bytes }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        file = try c.decode(String.self, forKey: .file)
        date = try c.decode(CalendarDate.self, forKey: .date)
        bytes = try c.decodeIfPresent(Int.self, forKey: .bytes) ?? 0
        unknownFields = try decoder.unknownFields(besides: CodingKeys.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encode(date, forKey: .date)
        try c.encode(bytes, forKey: .bytes)
        try encoder.encodeUnknownFields(unknownFields)
    }
}

extension Portfolio {
    /// Records the document just exported for this period (the planner's `e` and `mlcf export`
    /// both call this; an archived year's export again does not, as that year is closed).
    public mutating func recordExport(_ document: ExportedDocument) {
        profile.exported = document
    }
}
