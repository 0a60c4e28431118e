import Foundation

/// A file attached to an evidence item (a certificate, slides, a feedback report), copied into
/// the folder beside the portfolio (`NAME.files/`) and stored there under its SHA-256, so the
/// same content is stored once however many items share it. The portfolio itself stays one
/// JSON file: this record is all it holds of the file.
public struct AttachedFile: Codable, Hashable, Sendable {
    /// The file's name as the doctor had it (no folder), shown and used by `mlcf detach`.
    public var name: String
    /// Its size in bytes when attached.
    public var bytes: Int
    /// Its media type, guessed from the name's extension (`application/pdf`).
    public var mediaType: String
    /// The SHA-256 of its content, 64 lower-case hex digits: also its name in `NAME.files/`.
    public var sha256: String
    /// Keys this version does not know, kept as read and saved back (see `JSONValue`).
    public var unknownFields: [String: JSONValue] = [:]

    public init(name: String, bytes: Int, mediaType: String, sha256: String) {
        self.name = name; self.bytes = bytes; self.mediaType = mediaType; self.sha256 = sha256
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case name, bytes, mediaType, sha256 }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        bytes = try c.decodeIfPresent(Int.self, forKey: .bytes) ?? 0
        mediaType = try c.decodeIfPresent(String.self, forKey: .mediaType) ?? "application/octet-stream"
        sha256 = try c.decode(String.self, forKey: .sha256)
        unknownFields = try decoder.unknownFields(besides: CodingKeys.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(bytes, forKey: .bytes)
        try c.encode(mediaType, forKey: .mediaType)
        try c.encode(sha256, forKey: .sha256)
        try encoder.encodeUnknownFields(unknownFields)
    }

    /// Whether `text` can name a stored file: exactly 64 lower-case hex digits (nothing else in
    /// the folder is ever taken for an attachment, or removed as one).
    public static func isContentName(_ text: some StringProtocol) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// "412 KB", "3.1 MB", "820 bytes": the size as the item's view and the export show it.
    public static func sizeText(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) byte\(bytes == 1 ? "" : "s")" }
        if bytes < 1024 * 1024 { return "\((bytes + 512) / 1024) KB" }
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024)
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}

extension Portfolio {
    /// The content names (SHA-256) of every file any evidence item refers to.
    public var attachedContent: Set<String> {
        var names = Set<String>()
        for item in evidence { for file in item.files { names.insert(file.sha256) } }
        return names
    }
}
