import Foundation
import PlannerModel

/// Reads a date column as spreadsheets write it. The order of a numeric date (`03/04/25`)
/// is decided for the whole column, never cell by cell: a value that can only be month-first
/// (`03/14/25`) makes the column month-first, one that can only be day-first (`14/03/25`) makes
/// it day-first, both at once is an error naming the rows, and a column where every value
/// fits either is day-first (UK), which the dry run says. `2025-03-14`, `14 Mar 2025` and
/// `14 March 2025` have one reading and do not vote. Two-digit years are 20YY.
public enum SpreadsheetDates {
    public enum Order: String, Sendable, Equatable {
        case dayFirst = "day first (DD/MM/YYYY)"
        case monthFirst = "month first (MM/DD/YYYY)"
    }

    /// How a column was read: its order, and whether that was only the UK default.
    public struct ColumnReading: Sendable, Equatable {
        public let order: Order
        /// Every numeric value fitted both orders, so day-first was assumed.
        public let assumed: Bool
    }

    public enum ColumnProblem: Error, Equatable {
        /// Rows that can only be month-first and rows that can only be day-first.
        case mixedOrders(monthFirstRows: [Int], dayFirstRows: [Int])
    }

    /// A cell's shape before the column's order is known.
    enum Shape: Equatable {
        case exact(CalendarDate)
        case numeric(first: Int, second: Int, year: Int)
        case unreadable
    }

    static let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    static let fullMonths = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]

    static func shape(_ raw: String) -> Shape {
        let text = raw.trimmedCell
        if text.count == 10, let date = CalendarDate(text) { return .exact(date) }
        for separator in ["/", ".", "-"] {
            let parts = text.split(separator: Character(separator), omittingEmptySubsequences: false)
            guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
                continue
            }
            guard parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 2 || parts[2].count == 4,
                let a = Int(parts[0]), let b = Int(parts[1]), var year = Int(parts[2])
            else { return .unreadable }
            if parts[2].count == 2 { year += 2000 }
            return .numeric(first: a, second: b, year: year)
        }
        // 14 Mar 2025, 14 March 2025, 14-Mar-25 (a text month is never ambiguous).
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "," }).map(String.init)
        if words.count == 3, let day = Int(words[0]), words[2].allSatisfy(\.isNumber), var year = Int(words[2]),
            words[2].count == 2 || words[2].count == 4
        {
            var word = words[1]
            if word.hasSuffix(".") { word.removeLast() }
            guard let month = (months.firstIndex(of: word) ?? fullMonths.firstIndex(of: word) ?? (word == "sept" ? 8 : nil)) else {
                return .unreadable
            }
            if words[2].count == 2 { year += 2000 }
            if let date = CalendarDate(year: year, month: month + 1, day: day) { return .exact(date) }
        }
        return .unreadable
    }

    static func fits(day: Int, month: Int, year: Int) -> Bool { CalendarDate(year: year, month: month, day: day) != nil }

    /// The column's order, from every value in it (`cells`: row number and text).
    public static func order(of cells: [(row: Int, text: String)]) throws -> ColumnReading {
        var monthOnly: [Int] = [], dayOnly: [Int] = [], sawNumeric = false
        for (row, text) in cells {
            guard case .numeric(let a, let b, let year) = shape(text) else { continue }
            sawNumeric = true
            let asDayFirst = fits(day: a, month: b, year: year), asMonthFirst = fits(day: b, month: a, year: year)
            if asMonthFirst && !asDayFirst { monthOnly.append(row) }
            if asDayFirst && !asMonthFirst { dayOnly.append(row) }
        }
        if !monthOnly.isEmpty && !dayOnly.isEmpty { throw ColumnProblem.mixedOrders(monthFirstRows: monthOnly, dayFirstRows: dayOnly) }
        if !monthOnly.isEmpty { return ColumnReading(order: .monthFirst, assumed: false) }
        return ColumnReading(order: .dayFirst, assumed: dayOnly.isEmpty && sawNumeric)
    }

    /// One cell under the column's order; nil when it is no date (or an impossible one).
    public static func date(_ text: String, order: Order) -> CalendarDate? {
        switch shape(text) {
        case .exact(let date): return date
        case .numeric(let a, let b, let year):
            return order == .dayFirst ? CalendarDate(year: year, month: b, day: a) : CalendarDate(year: year, month: a, day: b)
        case .unreadable: return nil
        }
    }
}
