import Foundation
import PlannerCore
import TestSupport
import Testing

@testable import PlannerImport

/// Generated spreadsheets (`Generated.check`: fixed seeds in `make test`, each failure prints
/// the seed that replays it with MLCF_SEED=N): random cells, quotes, separators, line ends and
/// encodings written out and read back; random date columns against the order rule; the
/// import's idempotence; one random bad cell that must be named and must stop the import.
@Suite struct SpreadsheetImportPropertyTests {
    static let asciiPieces = ["a", "Z", "7", " ", ",", ";", "\"", "\r\n", "\n", "=", "-", "'", "x y"]
    /// Characters whose Windows-1252 bytes can never start a UTF-8 sequence, so a file that
    /// holds one is never valid UTF-8 by accident and must be read as Windows-1252.
    static let cp1252Pieces: [(String, UInt8)] = [("£", 0xA3), ("€", 0x80), ("‘", 0x91), ("–", 0x96), ("°", 0xB0)]
    static let utf8Pieces = ["é", "李", "😀", "e\u{301}", "\u{2028}"]

    enum Encoding: CaseIterable { case utf8, utf8BOM, cp1252 }

    static func cell(_ choices: inout Choices, encoding: Encoding) -> String {
        var text = ""
        for _ in 0..<choices.next(6) {
            switch choices.next(4) {
            case 0 where encoding == .cp1252: text += choices.pick(cp1252Pieces).0
            case 0: text += choices.pick(utf8Pieces)
            default: text += choices.pick(asciiPieces)
            }
        }
        return text
    }

    static func field(_ cell: String, separator: Character, quoteAnyway: Bool) -> String {
        let needs = cell.contains(separator) || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")
        return needs || quoteAnyway ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
    }

    static func bytes(_ text: String, _ encoding: Encoding) -> Data {
        switch encoding {
        case .utf8: return Data(text.utf8)
        case .utf8BOM: return Data([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        case .cp1252:
            return Data(
                text.unicodeScalars.map { scalar in
                    scalar.value < 0x80 ? UInt8(scalar.value) : cp1252Pieces.first { $0.0.unicodeScalars.first == scalar }!.1
                })
        }
    }

    @Test func randomTablesWrittenOutAreReadBackCellForCell() async {
        await Generated.check(fixedSeed: 1701, count: 400, maxLength: 300) { bytes in
            var choices = Choices(bytes)
            let encoding = choices.pick(Encoding.allCases)
            let separator: Character = choices.chance(2) ? ";" : ","
            let lineEnd = choices.chance(2) ? "\r\n" : "\n"
            let columns = 2 + choices.next(4)
            let header = (1...columns).map { "h\($0)" }
            // Every row has a first cell that is not blank: blank rows are (rightly) left out.
            let rows = (0..<choices.next(6)).map { _ in
                ["r" + Self.cell(&choices, encoding: encoding)] + (1..<columns).map { _ in Self.cell(&choices, encoding: encoding) }
            }
            var text = header.joined(separator: String(separator)) + lineEnd
            for row in rows {
                text += row.map { Self.field($0, separator: separator, quoteAnyway: choices.chance(3)) }.joined(separator: String(separator)) + lineEnd
            }
            text += String(repeating: lineEnd, count: choices.next(3))
            let data = Self.bytes(text, encoding)
            let table = try CSVTable.read(data, file: "g.csv")
            #expect(table.header == header)
            #expect(table.separator == separator)
            #expect(table.rows.map(\.cells) == rows)
            let nonASCII = text.unicodeScalars.contains { $0.value >= 0x80 }
            let expected: CSVEncoding =
                switch encoding {
                case .utf8BOM: .utf8WithBOM
                case .utf8: nonASCII ? .utf8 : .ascii
                case .cp1252: nonASCII ? .windows1252 : .ascii
                }
            #expect(table.encoding == expected)
        }
    }

    @Test func randomDateColumnsFollowTheOrderRule() async {
        await Generated.check(fixedSeed: 1702, count: 400, maxLength: 120) { bytes in
            var choices = Choices(bytes)
            let written: SpreadsheetDates.Order = choices.chance(2) ? .monthFirst : .dayFirst
            var cells: [(row: Int, text: String)] = [], dates: [CalendarDate] = []
            var dayOnlyRows: [Int] = [], monthOnlyRows: [Int] = []
            for index in 0..<(1 + choices.next(8)) {
                let date = CalendarDate(year: 2000 + choices.next(30), month: 1 + choices.next(12), day: 1 + choices.next(28))!
                // Now and then a value in the other order, to mix the column.
                let order = choices.next(10) == 0 ? (written == .dayFirst ? SpreadsheetDates.Order.monthFirst : .dayFirst) : written
                let year = choices.chance(2) ? String(format: "%02d", date.year % 100) : String(date.year)
                let (a, b) = order == .dayFirst ? (date.day, date.month) : (date.month, date.day)
                cells.append((index + 2, "\(a)/\(b)/\(year)"))
                dates.append(date)
                // The oracle: a day above 12 can only be read in the order it was written.
                if date.day > 12 && date.month <= 12 { order == .dayFirst ? dayOnlyRows.append(index + 2) : monthOnlyRows.append(index + 2) }
            }
            if !dayOnlyRows.isEmpty && !monthOnlyRows.isEmpty {
                #expect(throws: SpreadsheetDates.ColumnProblem.mixedOrders(monthFirstRows: monthOnlyRows, dayFirstRows: dayOnlyRows)) {
                    try SpreadsheetDates.order(of: cells)
                }
                return
            }
            let reading = try SpreadsheetDates.order(of: cells)
            let decided: SpreadsheetDates.Order = !monthOnlyRows.isEmpty ? .monthFirst : .dayFirst
            #expect(reading.order == decided)
            #expect(reading.assumed == (monthOnlyRows.isEmpty && dayOnlyRows.isEmpty))
            for (cell, date) in zip(cells, dates) {
                let read = SpreadsheetDates.date(cell.text, order: reading.order)
                // Written in the decided order (or with day and month equal): read exactly; otherwise swapped.
                let swapped = CalendarDate(year: date.year, month: date.day, day: date.month)
                #expect(read == date || (read == swapped && date.day <= 12), "row \(cell.row): \(cell.text) read as \(String(describing: read))")
            }
        }
    }

    static let goodRows: [String] = [
        "2025-01-0D,Course D,course,1.5,,1.1", "0D/02/2025,Audit D,audit,90 min,notes,4.2", "0D Mar 2025,SEA D,SEA,,,",
        "2025-04-0D,Teaching D,teaching,1h30,\"a, b\",2.1 2.2", "0D/05/2025,MSF D,msf,2,,",
    ]

    static func goodRow(_ choices: inout Choices, _ n: Int) -> String {
        choices.pick(goodRows).replacingOccurrences(of: "D", with: String(1 + n % 9))
    }

    @Test func theImportIsIdempotent() async {
        await Generated.check(fixedSeed: 1703, count: 200, maxLength: 60) { bytes in
            var choices = Choices(bytes)
            let rows = (0..<choices.next(12)).map { _ in Self.goodRow(&choices, choices.next(9)) }
            let text = "date,title,kind,credits,notes,links\n" + rows.joined(separator: "\n")
            let table = try CSVTable.read(Data(text.utf8), file: "g.csv")
            var portfolio = readyContinuingPortfolio()
            let before = portfolio.evidence.count
            let first = try SpreadsheetImport.plan(table, file: "g.csv", into: portfolio, catalog: .bundled, today: fixedToday)
            #expect(first.problems.isEmpty, "\(first.problems)")
            #expect(first.items.count == Set(rows).count, "each distinct row once")
            SpreadsheetImport.apply(first, to: &portfolio)
            #expect(Set(portfolio.evidence.map(\.id)).count == portfolio.evidence.count, "ids stay unique")
            let second = try SpreadsheetImport.plan(table, file: "g.csv", into: portfolio, catalog: .bundled, today: fixedToday)
            #expect(second.items.isEmpty)
            #expect(portfolio.evidence.count == before + Set(rows).count)
        }
    }

    /// One bad cell of each sort: its column (1-based), the text put there, and what the message says.
    static let badCells: [(column: Int, text: String, says: String)] = [
        (1, "31/02/2025", "not a date"), (1, "2099-01-01", "in the future"), (2, " ", "title is empty"), (3, "knitting", "not a kind"),
        (4, "lots", "not a number of hours"), (6, "9.9", "not a competence"), (4, "2000", "more than"),
    ]

    @Test func oneRandomBadRowIsNamedAndStopsTheImport() async {
        await Generated.check(fixedSeed: 1704, count: 200, maxLength: 60) { bytes in
            var choices = Choices(bytes)
            let count = 1 + choices.next(10)
            var rows = (0..<count).map { n in Self.goodRow(&choices, n).split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            // The quoted "a, b" of one good row splits in two: keep rows of six plain cells.
            rows = rows.map { $0.count == 6 ? $0 : ["2025-01-01", "Plain", "course", "1", "", "1.1"] }
            let bad = choices.next(count)
            let sort = choices.pick(Self.badCells)
            rows[bad][sort.column - 1] = sort.text
            let text = "date,title,kind,credits,notes,links\n" + rows.map { $0.joined(separator: ",") }.joined(separator: "\n")
            let table = try CSVTable.read(Data(text.utf8), file: "g.csv")
            let plan = try SpreadsheetImport.plan(table, file: "g.csv", into: readyContinuingPortfolio(), catalog: .bundled, today: fixedToday)
            #expect(plan.badRows == [bad + 2], "the spreadsheet's row of the bad cell")
            #expect(plan.problems.count == 1)
            #expect(plan.problems.first?.column == sort.column)
            #expect(plan.problems.first?.why.contains(sort.says) == true, "\(plan.problems)")
            #expect(!plan.items.contains { $0.row == bad + 2 })
        }
    }
}
