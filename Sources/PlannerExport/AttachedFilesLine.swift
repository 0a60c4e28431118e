import PlannerModel

/// The export's line for an item's attached files: name, size and SHA-256 of each, so the
/// appraiser can tell which files go with the document and check a copy is the one recorded.
extension ExportContext {
    /// "**Attached files:** certificate.pdf (403 KB, SHA-256 `9f86…`); …", or nil without files.
    static func attachedFilesLine(_ files: [AttachedFile]) -> String? {
        guard !files.isEmpty else { return nil }
        return "**Attached files:** "
            + files.map { "\(MarkdownEscaping.inline($0.name)) (\(AttachedFile.sizeText($0.bytes)), SHA-256 `\($0.sha256)`)" }
            .joined(separator: "; ")
    }
}
