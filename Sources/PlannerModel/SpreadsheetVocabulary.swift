import Foundation

/// The fields a spreadsheet column can fill (`mlcf import`, `mlcf export --csv`). What each
/// field *means* is code (how its cells are read); what its columns are *called*, and the
/// words that name each kind of evidence, are data: the taxonomy's `spreadsheetImport`.
public enum SpreadsheetField: String, CaseIterable, Sendable, Codable {
    case date, title, kind, credits, description, whatHappened, reflection, whatNext, links
    case isPrivate = "private"
}

/// The taxonomy's `spreadsheetImport` block: header names for each field, and kind words.
public struct SpreadsheetVocabulary: Decodable, Sendable {
    public struct Column: Decodable, Sendable {
        public let field: SpreadsheetField
        /// The names a header may have; the first is the one the CSV export writes.
        public let headers: [String]
        public init(field: SpreadsheetField, headers: [String]) { self.field = field; self.headers = headers }
    }
    public let columns: [Column]
    /// Kind id → the words people type for it (matched without regard to case).
    public let kindWords: [String: [String]]

    public init(columns: [Column], kindWords: [String: [String]]) { self.columns = columns; self.kindWords = kindWords }

    /// A header or word as it is compared: lower case, inner runs of spaces made one, trimmed.
    public static func folded(_ text: String) -> String {
        // Most cells are already folded (`course`, `1.5`): checked byte by byte, kept as they are.
        var plain = true, previousSpace = true
        for byte in text.utf8 {
            let space = byte == 0x20
            if byte >= 0x80 || (byte >= 0x41 && byte <= 0x5A) || (byte < 0x20) || (space && previousSpace) { plain = false; break }
            previousSpace = space
        }
        if plain && !previousSpace { return text }
        return text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The field a header names, if any.
    public func field(forHeader header: String) -> SpreadsheetField? {
        let wanted = Self.folded(header)
        return columns.first { $0.headers.contains { Self.folded($0) == wanted } }?.field
    }

    /// The header the export writes for a field.
    public func header(of field: SpreadsheetField) -> String {
        columns.first { $0.field == field }?.headers.first ?? field.rawValue
    }

    /// Every word (folded) → its kind, the kinds' own ids first: built once for a whole import.
    public func kindIndex(kinds: [EvidenceKind]) -> [String: EvidenceKind] {
        var index: [String: EvidenceKind] = [:]
        for kind in kinds {
            for word in kindWords[kind.rawValue] ?? [] where index[Self.folded(word)] == nil { index[Self.folded(word)] = kind }
        }
        for kind in kinds { index[kind.rawValue] = kind }
        return index
    }

    /// The kind a word names: a kind's own id, or one of its words.
    public func kind(forWord word: String, kinds: [EvidenceKind]) -> EvidenceKind? {
        let wanted = Self.folded(word)
        if let own = kinds.first(where: { $0.rawValue == wanted }) { return own }
        for kind in kinds where (kindWords[kind.rawValue] ?? []).contains(where: { Self.folded($0) == wanted }) { return kind }
        return nil
    }

    /// What would make an import misread a file: a field without a header, a header or word
    /// claimed twice. (A word for a kind this taxonomy lacks is only never used: a deanery's
    /// taxonomy with fewer kinds can keep the bundled words.)
    public func problems(kinds: [String]) -> [String] {
        var problems: [String] = []
        var headerOwner: [String: SpreadsheetField] = [:]
        for field in SpreadsheetField.allCases where !columns.contains(where: { $0.field == field && !$0.headers.isEmpty }) {
            problems.append("spreadsheetImport: the field “\(field.rawValue)” has no header name")
        }
        for column in columns {
            for header in column.headers {
                let key = Self.folded(header)
                if let owner = headerOwner[key], owner != column.field {
                    problems.append("spreadsheetImport: the header “\(header)” is given to both \(owner.rawValue) and \(column.field.rawValue)")
                }
                headerOwner[key] = column.field
            }
        }
        var wordOwner: [String: String] = [:]
        for (kind, words) in kindWords.sorted(by: { $0.key < $1.key }) {
            for word in words {
                let key = Self.folded(word)
                if let owner = wordOwner[key], owner != kind {
                    problems.append("spreadsheetImport: the kind word “\(word)” is given to both \(owner) and \(kind)")
                }
                wordOwner[key] = kind
            }
        }
        return problems
    }
}

extension Taxonomy {
    /// The import's vocabulary: the file's, or (a taxonomy without one) each field's own name.
    public var spreadsheet: SpreadsheetVocabulary {
        if let spreadsheetImport { return spreadsheetImport }
        let columns = SpreadsheetField.allCases.map { SpreadsheetVocabulary.Column(field: $0, headers: [$0.rawValue]) }
        return SpreadsheetVocabulary(columns: columns, kindWords: [:])
    }
}
