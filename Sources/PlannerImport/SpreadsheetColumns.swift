import Foundation
import PlannerModel

/// Which column fills which field: headers matched by the taxonomy's names (any case, any
/// order), `--map "Column=field"` for the rest; every other column is listed and its cells go
/// into the description under its header (never dropped silently, unless mapped to `ignore`).
public struct SpreadsheetColumns: Sendable, Equatable {
    /// Field → its column (0-based).
    public let columnOf: [SpreadsheetField: Int]
    /// Columns that fill no field, by index, kept in the description.
    public let extra: [Int]
    /// Columns `--map` set aside.
    public let ignored: [Int]
    public let header: [String]

    /// What `--map` may give as a field: a field's name, any header name the taxonomy gives it, or `ignore`.
    public static let ignoreWord = "ignore"

    public struct MappingError: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// The header's name as shown: the cell, or "column C" when it is blank.
    public func name(_ column: Int) -> String {
        let text = header[column].trimmedCell
        return text.isEmpty ? "column \(CSVColumnName.letters(column + 1))" : text
    }

    public init(header: [String], maps: [String], vocabulary: SpreadsheetVocabulary, file: String) throws {
        self.header = header
        var chosen: [Int: SpreadsheetField?] = [:]  // column → field (nil: ignore)
        for map in maps {
            guard let equals = map.lastIndex(of: "=") else {
                throw MappingError(description: "--map “\(map)”: write it as \"Column name=field\", e.g. --map \"Topic=title\".")
            }
            let columnName = SpreadsheetVocabulary.folded(String(map[..<equals]))
            let fieldName = SpreadsheetVocabulary.folded(String(map[map.index(after: equals)...]))
            guard let column = header.firstIndex(where: { SpreadsheetVocabulary.folded($0) == columnName }) else {
                let names = header.map { "“\($0)”" }.joined(separator: ", ")
                throw MappingError(description: "--map “\(map)”: \(file) has no column of that name; its columns are \(names).")
            }
            if fieldName == Self.ignoreWord {
                chosen[column] = .some(nil)
                continue
            }
            guard
                let field = SpreadsheetField(rawValue: fieldName) ?? SpreadsheetField.allCases.first(where: { $0.rawValue.lowercased() == fieldName })
                    ?? vocabulary.field(forHeader: fieldName)
            else {
                let fields = SpreadsheetField.allCases.map(\.rawValue).joined(separator: ", ")
                throw MappingError(description: "--map “\(map)”: “\(fieldName)” is not a field; use one of \(fields), or ignore.")
            }
            chosen[column] = .some(field)
        }
        var columnOf: [SpreadsheetField: Int] = [:], extra: [Int] = [], ignored: [Int] = []
        for (column, cell) in header.enumerated() {
            let field: SpreadsheetField?
            if let mapped = chosen[column] {
                guard let mapped else { ignored.append(column); continue }
                field = mapped
            } else {
                field = vocabulary.field(forHeader: cell)
            }
            guard let field else { extra.append(column); continue }
            if let earlier = columnOf[field] {
                throw MappingError(
                    description:
                        "\(file): columns \(CSVColumnName.letters(earlier + 1)) (“\(header[earlier])”) and \(CSVColumnName.letters(column + 1)) (“\(cell)”) both give the \(field.rawValue); use --map \"\(cell)=ignore\" or map one of them to another field."
                )
            }
            columnOf[field] = column
        }
        for needed in [SpreadsheetField.date, .title] where columnOf[needed] == nil {
            let names = vocabulary.columns.first { $0.field == needed }?.headers.map { "“\($0)”" }.joined(separator: ", ") ?? needed.rawValue
            throw MappingError(
                description:
                    "\(file) has no column for the \(needed.rawValue) (a header such as \(names)); if it is under another name, say which with --map \"Your header=\(needed.rawValue)\"."
            )
        }
        self.columnOf = columnOf
        self.extra = extra
        self.ignored = ignored
    }
}
