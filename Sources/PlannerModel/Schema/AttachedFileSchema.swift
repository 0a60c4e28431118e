import Foundation

/// The attached file's table, and the row builder for a list written only when it has something
/// in it (so files without attachments keep their bytes exactly).
extension AttachedFile: SchemaRecord {
    public static let schema = RecordSchema<AttachedFile>(
        "AttachedFile", blank: AttachedFile(name: "", bytes: 0, mediaType: "application/octet-stream", sha256: ""),
        [
            .value("name", \.name, "name", .required),
            .value("bytes", \.bytes, "size in bytes"),
            .value("mediaType", \.mediaType, "media type"),
            .value("sha256", \.sha256, "SHA-256", .required),
        ])
}

extension SchemaField {
    /// A list that is not written when empty, and read as empty when absent or `null`.
    static func nonEmptyList<Element: SchemaValue>(
        _ key: String, _ path: WritableKeyPath<Record, [Element]> & Sendable, _ label: String
    ) -> SchemaField {
        SchemaField(
            key: key, label: label, type: .optional(.list(Element.fieldType)), presence: .optional,
            isPresent: { !$0[keyPath: path].isEmpty },
            write: { record, writer in record[keyPath: path].write(to: writer) },
            read: { reader, record in record[keyPath: path] = try [Element].read(from: &reader) })
    }
}
