import Foundation

/// A first pass over the text, before the CSV library reads it: it finds the separator and
/// refuses what the library would read silently wrong or slowly (a quote never closed, a
/// stray quote inside a quoted cell, a NUL byte, a cell or a row far past any real
/// spreadsheet's), naming the row and column as a spreadsheet numbers them. Rows are records,
/// so a cell with a line break inside stays one row, as in the spreadsheet.
enum CSVShape {
    /// The limits, chosen far above a CPD log's and far below what could exhaust memory.
    static let maximumCellBytes = 64 * 1024
    static let maximumColumns = 200

    /// The separator the header row uses most, outside quotes: `,` `;` or a tab (`,` when none).
    static func separator(of text: String) -> Character {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
        var quoted = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") { quoted.toggle(); continue }
            if quoted { continue }
            if byte == 0x0A || byte == 0x0D { break }
            counts[byte]? += 1
        }
        let comma = counts[UInt8(ascii: ",")]!, semicolon = counts[UInt8(ascii: ";")]!, tab = counts[UInt8(ascii: "\t")]!
        if semicolon > comma && semicolon >= tab { return ";" }
        if tab > comma && tab > semicolon { return "\t" }
        return ","
    }

    /// Nil when the library may read the text; else the first problem.
    static func problem(in text: String, separator: Character) -> CSVReadError.Reason? {
        let sep = separator.asciiValue!
        let quote = UInt8(ascii: "\""), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        var row = 1, column = 1, cellBytes = 0
        var atCellStart = true, quoted = false, quoteClosed = false
        var openedAt = (row: 1, column: 1)
        var previousCR = false
        for byte in text.utf8 {
            if previousCR {
                previousCR = false
                if byte == lf && !quoted { continue }
            }
            if byte == 0 { return .nulByte(row: row, column: column) }
            if quoted {
                if quoteClosed {
                    quoteClosed = false
                    if byte == quote {
                        quoted = true; cellBytes += 1; continue
                    }
                    quoted = false
                    if byte != sep && byte != lf && byte != cr { return .strayQuote(row: row, column: column) }
                } else if byte == quote {
                    quoteClosed = true; continue
                } else {
                    cellBytes += 1
                    if cellBytes > maximumCellBytes { return .cellTooLong(row: row, column: column, limit: maximumCellBytes) }
                    continue
                }
            }
            switch byte {
            case sep:
                column += 1; cellBytes = 0; atCellStart = true
                if column > maximumColumns { return .tooManyColumns(row: row, limit: maximumColumns) }
            case lf, cr:
                row += 1; column = 1; cellBytes = 0; atCellStart = true
                previousCR = byte == cr
            case quote where atCellStart:
                quoted = true; atCellStart = false; openedAt = (row, column)
            default:
                atCellStart = false
                cellBytes += 1
                if cellBytes > maximumCellBytes { return .cellTooLong(row: row, column: column, limit: maximumCellBytes) }
            }
        }
        if quoted && !quoteClosed { return .unclosedQuote(row: openedAt.row, column: openedAt.column) }
        return nil
    }
}
