import Foundation
import Testing

@testable import PlannerImport

/// The CSV adapter (`CSVTable.read`): what spreadsheets really write, and hostile files,
/// which get a sentence naming the row and column and never a crash.
@Suite struct CSVReadTests {
    func read(_ text: String) throws -> CSVTable { try CSVTable.read(Data(text.utf8), file: "t.csv") }
    func problem(_ data: Data) -> CSVReadError.Reason? {
        do {
            _ = try CSVTable.read(data, file: "t.csv")
            return nil
        } catch let error as CSVReadError { return error.reason } catch { return nil }
    }

    @Test func quotedFieldsEmbeddedNewlinesAndDoubledQuotesAreOneCell() throws {
        let table = try read("title,notes\r\n\"Sepsis, update\",\"line one\r\nline \"\"two\"\"\"\r\nnext,row\r\n")
        #expect(table.header == ["title", "notes"])
        #expect(table.rows.map(\.cells) == [["Sepsis, update", "line one\r\nline \"two\""], ["next", "row"]])
        // A cell with a line break inside is still one spreadsheet row: the next row is row 3.
        #expect(table.rows.map(\.number) == [2, 3])
    }

    @Test func theSeparatorIsFoundFromTheHeader() throws {
        #expect(try read("date;title;notes\n1;a,b;c\n").rows[0].cells == ["1", "a,b", "c"])
        #expect(try read("date;title;notes\n").separator == ";")
        #expect(try read("date,title\n").separator == ",")
        // A ; inside a quoted header does not count.
        #expect(try read("\"a;b;c\",title\n").separator == ",")
        #expect(try read("title\nx\n").separator == ",")
    }

    @Test func theEncodingIsSaid() throws {
        #expect(try read("title\nplain\n").encoding == .ascii)
        #expect(try read("title\nCafé\n").encoding == .utf8)
        let bom = try CSVTable.read(Data([0xEF, 0xBB, 0xBF] + Array("title\nCafé\n".utf8)), file: "t.csv")
        #expect(bom.encoding == .utf8WithBOM)
        #expect(bom.header == ["title"], "the BOM is not part of the first header")
        // é is 0xE9 and the en dash 0x96 in Windows-1252: not valid UTF-8, so read as Windows-1252.
        let cp1252 = try CSVTable.read(Data(Array("title\nCaf".utf8) + [0xE9, 0x20, 0x96, 0x20, 0x80] + [0x0A]), file: "t.csv")
        #expect(cp1252.encoding == .windows1252)
        #expect(cp1252.rows[0].cells == ["Café – €"])
        // 0x81 is unassigned in Windows-1252 and invalid in UTF-8: neither, and said so.
        #expect(problem(Data(Array("title\n".utf8) + [0x81])) == .notText)
        let utf16 = try CSVTable.read(Data([0xFF, 0xFE] + "title\nCafé\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), file: "t.csv")
        #expect(utf16.encoding == .utf16 && utf16.rows[0].cells == ["Café"])
    }

    @Test func crlfAndBlankTrailingRowsAreNotRows() throws {
        let table = try read("date,title\r\n2025-01-01,a\r\n\r\n,\r\n  ,  \r\n\r\n")
        #expect(table.rows.count == 1, "a row of blank cells is no row")
        #expect(table.rows[0].cells == ["2025-01-01", "a"])
        let lone = try read("date,title\r2025-01-01,a\r2025-01-02,b")
        #expect(lone.rows.map(\.number) == [2, 3], "a lone CR ends a row too")
    }

    @Test func aFileWithNoHeaderIsRefused() {
        #expect(problem(Data()) == .empty)
        #expect(problem(Data("\r\n\r\n".utf8)) == .empty)
    }

    // MARK: the hostile corpus

    @Test func anUnclosedQuoteNamesWhereItOpened() {
        #expect(problem(Data("title,notes\na,b\nc,\"never closed\nd,e\n".utf8)) == .unclosedQuote(row: 3, column: 2))
    }

    @Test func aStrayQuoteInsideAQuotedCellIsRefused() {
        #expect(problem(Data("title,notes\n\"ab\"cd,e\n".utf8)) == .strayQuote(row: 2, column: 1))
        // In an unquoted cell a quote is only a character.
        #expect((try? read("title\n5\" screen\n"))?.rows[0].cells == ["5\" screen"])
    }

    @Test func nulBytesAreRefusedWithTheirPlace() {
        #expect(problem(Data("title,notes\na,b\u{0}c\n".utf8)) == .nulByte(row: 2, column: 2))
    }

    @Test func aFiftyMegabyteCellIsRefusedBeforeItIsParsed() {
        var data = Data("title,notes\na,\"".utf8)
        data.append(Data(repeating: UInt8(ascii: "x"), count: 50 << 20))
        data.append(Data("\"\n".utf8))
        #expect(problem(data) == .tooLarge(bytes: data.count, limit: CSVTable.maximumBytes))
        // Within the file limit, the cell limit speaks, naming the cell.
        let long = Data(("title,notes\na,\"" + String(repeating: "y", count: CSVShape.maximumCellBytes + 1) + "\"\n").utf8)
        #expect(problem(long) == .cellTooLong(row: 2, column: 2, limit: CSVShape.maximumCellBytes))
    }

    @Test func aHundredThousandColumnsAreRefused() {
        let header = (1...100_000).map { "c\($0)" }.joined(separator: ",")
        let started = Date()
        #expect(problem(Data((header + "\n").utf8)) == .tooManyColumns(row: 1, limit: CSVShape.maximumColumns))
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func aFormulaStaysText() throws {
        let table = try read("title,notes\n=cmd|' /C calc'!A0,\"=HYPERLINK(\"\"http://x\"\")\"\n")
        #expect(table.rows[0].cells == ["=cmd|' /C calc'!A0", "=HYPERLINK(\"http://x\")"])
    }

    @Test func theMessagesNameTheFileRowAndColumnLetters() {
        let error = CSVReadError(file: "cpd.csv", reason: .unclosedQuote(row: 7, column: 28))
        #expect(error.description.hasPrefix("cpd.csv, row 7, column AB:"))
        #expect(CSVColumnName.letters(1) == "A" && CSVColumnName.letters(26) == "Z" && CSVColumnName.letters(27) == "AA")
    }
}
