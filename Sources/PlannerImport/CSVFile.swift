import CSV
import Foundation

/// Why a CSV file could not be read at all, with the row and column as a spreadsheet numbers
/// them (row 1 is the header; column 1 is A).
public struct CSVReadError: Error, Equatable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        case tooLarge(bytes: Int, limit: Int)
        case notText
        case empty
        case nulByte(row: Int, column: Int)
        case unclosedQuote(row: Int, column: Int)
        case strayQuote(row: Int, column: Int)
        case cellTooLong(row: Int, column: Int, limit: Int)
        case tooManyColumns(row: Int, limit: Int)
    }
    public let file: String
    public let reason: Reason

    public var description: String {
        switch reason {
        case .tooLarge(let bytes, let limit):
            return "\(file) is \(bytes >> 20) MB, far larger than a spreadsheet of CPD (the limit is \(limit >> 20) MB); is it the right file?"
        case .notText:
            return "\(file) is neither UTF-8 nor Windows-1252 text; save the spreadsheet as CSV (UTF-8) and try again."
        case .empty:
            return "\(file) has no header row: the first row must name the columns (date, title, kind, …)."
        case .nulByte(let row, let column):
            return
                "\(file), row \(row), column \(CSVColumnName.letters(column)): a NUL byte, which no spreadsheet writes into a CSV; is this a spreadsheet's own file (.xlsx, .ods) rather than its CSV?"
        case .unclosedQuote(let row, let column):
            return
                "\(file), row \(row), column \(CSVColumnName.letters(column)): the cell opens a quote (\") that is never closed, so the rest of the file would be read as one cell."
        case .strayQuote(let row, let column):
            return
                "\(file), row \(row), column \(CSVColumnName.letters(column)): a quote inside a quoted cell must be doubled (\"\"); the cell cannot be read as it stands."
        case .cellTooLong(let row, let column, let limit):
            return
                "\(file), row \(row), column \(CSVColumnName.letters(column)): the cell is longer than \(limit / 1024) KB, far beyond any note; is it the right file?"
        case .tooManyColumns(let row, let limit):
            return "\(file), row \(row): more than \(limit) columns, far beyond a CPD log; is it the right file?"
        }
    }
}

/// Spreadsheet column letters: 1 → A, 27 → AA.
public enum CSVColumnName {
    public static func letters(_ column: Int) -> String {
        var n = column, letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return letters
    }
}

/// A CSV file as read: its header, its rows (blank ones left out, numbers kept), and how
/// it was read (encoding and separator), which the import reports.
public struct CSVTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// As the spreadsheet numbers it (the header is row 1).
        public let number: Int
        public let cells: [String]
    }
    public let header: [String]
    public let rows: [Row]
    public let encoding: CSVEncoding
    public let separator: Character

    /// The largest file read: far beyond a career's CPD log, small enough to hold in memory.
    public static let maximumBytes = 16 << 20

    /// Reads CSV bytes: the encoding, then the separator, then the shape check
    /// (`CSVShape`), then the well-kept parser (yaslab/CSV.swift) for the cells themselves.
    public static func read(_ data: Data, file: String) throws -> CSVTable {
        guard data.count <= maximumBytes else { throw CSVReadError(file: file, reason: .tooLarge(bytes: data.count, limit: maximumBytes)) }
        guard let (text, encoding) = TextEncodingGuess.decode(data) else { throw CSVReadError(file: file, reason: .notText) }
        let separator = CSVShape.separator(of: text)
        if let problem = CSVShape.problem(in: text, separator: separator) { throw CSVReadError(file: file, reason: problem) }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: separator.unicodeScalars.first!)
        } catch { throw CSVReadError(file: file, reason: .empty) }
        var header: [String]?
        var rows: [Row] = []
        var number = 0
        while let cells = reader.next() {
            number += 1
            if header == nil {
                if cells.allSatisfy(\.isBlankCell) { continue }
                header = cells
                continue
            }
            if cells.allSatisfy(\.isBlankCell) { continue }
            rows.append(Row(number: number, cells: cells))
        }
        guard let header else { throw CSVReadError(file: file, reason: .empty) }
        return CSVTable(header: header, rows: rows, encoding: encoding, separator: separator)
    }

    /// "comma", "semicolon", "tab": for the report.
    public var separatorName: String {
        switch separator {
        case ";": return "semicolon (;)"
        case "\t": return "tab"
        default: return "comma (,)"
        }
    }
}

extension String {
    var isBlankCell: Bool { allSatisfy(\.isWhitespace) }
}
