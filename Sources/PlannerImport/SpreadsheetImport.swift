import Foundation
import PlannerModel
import PlannerRules

/// `mlcf import`: a spreadsheet's rows as evidence items, worked out in full before anything
/// is changed (`plan`), then added in one step (`apply`). The plan is what the dry run prints,
/// and a real import is all or nothing on it: one problem and nothing is added, unless the
/// doctor asks to skip the bad rows.
public enum SpreadsheetImport {
    /// One thing wrong with one cell (or row), named as a spreadsheet names it.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public let file: String
        public let row: Int
        /// 1-based, as the spreadsheet's letters count; nil for the whole row.
        public let column: Int?
        public let header: String?
        public let why: String
        public var description: String {
            guard let column else { return "\(file), row \(row): \(why)" }
            return "\(file), row \(row), column \(CSVColumnName.letters(column)) (“\(header ?? "")”): \(why)"
        }
    }

    /// A row that becomes an item.
    public struct Planned: Sendable, Equatable {
        public let row: Int
        /// Its id is given when it is added (`apply`).
        public let evidence: Evidence
        public let key: String
    }

    /// Text in a row that looks patient-identifiable: the same guard, and the same stop, as the export.
    public struct Flag: Sendable, Equatable, CustomStringConvertible {
        public let file: String
        public let row: Int
        public let field: String
        public let kind: PIIGuard.Kind
        public var description: String { "\(file), row \(row), \(field): looks like \(kind.label)" }
    }

    public struct Plan: Sendable {
        public let file: String
        public let encoding: CSVEncoding
        public let separatorName: String
        public let columns: SpreadsheetColumns
        public let dates: SpreadsheetDates.ColumnReading
        /// No kind column: every row is this kind.
        public let defaultKind: EvidenceKind?
        public let items: [Planned]
        /// Rows already in the portfolio (or repeated in the file): row and why.
        public let alreadyThere: [(row: Int, why: String)]
        public let problems: [Problem]
        public let flags: [Flag]
        /// Rows with at least one problem.
        public var badRows: [Int] { Array(Set(problems.map(\.row))).sorted() }
    }

    public struct ImportError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Works out every row; changes nothing.
    public static func plan(
        _ table: CSVTable, file: String, into portfolio: Portfolio, catalog: Catalog, maps: [String] = [], today: CalendarDate
    ) throws -> Plan {
        let vocabulary = catalog.taxonomy.spreadsheet
        let columns: SpreadsheetColumns
        do { columns = try SpreadsheetColumns(header: table.header, maps: maps, vocabulary: vocabulary, file: file) } catch {
            throw ImportError(description: "\(error)")
        }
        func cell(_ row: CSVTable.Row, _ field: SpreadsheetField) -> String? {
            guard let column = columns.columnOf[field] else { return nil }
            return column < row.cells.count ? Self.unguarded(row.cells[column]) : ""
        }
        let dateColumn = columns.columnOf[.date]!
        let dates: SpreadsheetDates.ColumnReading
        do { dates = try SpreadsheetDates.order(of: table.rows.map { ($0.number, cell($0, .date) ?? "") }) } catch let SpreadsheetDates
            .ColumnProblem.mixedOrders(monthFirst, dayFirst)
        {
            throw ImportError(
                description:
                    "\(file), column \(CSVColumnName.letters(dateColumn + 1)) (“\(columns.name(dateColumn))”): the dates mix two orders: \(rows(monthFirst)) can only be month first (MM/DD/YYYY) and \(rows(dayFirst)) can only be day first (DD/MM/YYYY). Make the column one order and import again."
            )
        }
        let primary = catalog.primaryFramework(for: portfolio)
        let kinds = catalog.taxonomy.kinds
        let kindIndex = vocabulary.kindIndex(kinds: kinds)
        let linkReader = SpreadsheetValues.LinkReader(catalog: catalog.frameworks, primary: primary)
        let defaultKind: EvidenceKind? = columns.columnOf[.kind] == nil ? (kinds.contains(EvidenceKind("cpd")) ? EvidenceKind("cpd") : kinds.first) : nil
        var known = Set(portfolio.evidence.map { $0.importKey ?? key(of: $0) })
        var keyRows: [String: Int] = [:]
        var items: [Planned] = [], alreadyThere: [(Int, String)] = [], problems: [Problem] = [], flags: [Flag] = []
        let limits = catalog.rules.limits
        for row in table.rows {
            var rowProblems: [Problem] = []
            func problem(_ field: SpreadsheetField, _ why: String) {
                let column = columns.columnOf[field]
                rowProblems.append(Problem(file: file, row: row.number, column: column.map { $0 + 1 }, header: column.map(columns.name), why: why))
            }
            if row.cells.count > table.header.count, row.cells[table.header.count...].contains(where: { !$0.isBlankCell }) {
                rowProblems.append(
                    Problem(
                        file: file, row: row.number, column: table.header.count + 1, header: nil,
                        why: "the row has cells beyond the last headed column; give the column a header, or remove them"))
            }
            let title = (cell(row, .title) ?? "").trimmedCell
            if let why = InputRules.titleProblem(title, limits: limits) { problem(.title, why) }
            let dateText = cell(row, .date) ?? ""
            var date = CalendarDate(year: 2000, month: 1, day: 1)!
            if dateText.isBlankCell {
                problem(.date, "the date is empty")
            } else if let read = SpreadsheetDates.date(dateText, order: dates.order) {
                date = read
                if let why = InputRules.evidenceDateProblem(read, today: today) { problem(.date, why) }
            } else {
                problem(.date, "“\(dateText)” is not a date (write 2025-03-14, 14/03/2025 or 14 Mar 2025), or not a real one")
            }
            var kind = defaultKind ?? EvidenceKind("")
            if defaultKind == nil {
                let word = cell(row, .kind) ?? ""
                if let found = kindIndex[SpreadsheetVocabulary.folded(word)] {
                    kind = found
                } else {
                    let said = word.isBlankCell ? "the kind is empty" : "“\(word)” is not a kind this program knows"
                    problem(.kind, "\(said); use one of \(catalog.taxonomy.kindList) (or a word such as course, audit, SEA, MSF, teaching)")
                }
            }
            var credits: Double?
            if let text = cell(row, .credits), !text.isBlankCell {
                if let value = SpreadsheetValues.credits(text) {
                    if let why = InputRules.creditsProblem(value) { problem(.credits, why) } else { credits = value }
                } else {
                    problem(.credits, "“\(text)” is not a number of hours (write 1.5, 1,5, 90 min or 1h30)")
                }
            }
            var links: [String] = []
            if let text = cell(row, .links) {
                let read = linkReader.links(text)
                links = read.links
                if !read.unknown.isEmpty {
                    problem(
                        .links,
                        "\(read.unknown.map { "“\($0)”" }.joined(separator: ", ")) \(read.unknown.count == 1 ? "is" : "are") not a competence or element of \(primary.title) (`mlcf framework` lists them)"
                    )
                }
            }
            var isPrivate = false
            if let text = cell(row, .isPrivate) {
                if let value = SpreadsheetValues.isPrivate(text) { isPrivate = value } else { problem(.isPrivate, "“\(text)” is not yes or no") }
            }
            var description = (cell(row, .description) ?? "").trimmedCell
            for column in columns.extra where column < row.cells.count {
                let value = Self.unguarded(row.cells[column]).trimmedCell
                guard !value.isEmpty else { continue }
                description += (description.isEmpty ? "" : "\n") + columns.name(column) + ": " + value
            }
            if !rowProblems.isEmpty {
                problems += rowProblems
                continue
            }
            let reflection = Reflection(
                whatHappened: trimmed(cell(row, .whatHappened)), whatLearned: trimmed(cell(row, .reflection)), whatNext: trimmed(cell(row, .whatNext)))
            var item = Evidence(
                id: "", title: title, kind: kind, date: date, description: description, reflection: reflection, links: links, cpdCredits: credits,
                isPrivate: isPrivate)
            let itemKey = key(of: item)
            if let earlier = keyRows[itemKey] {
                alreadyThere.append((row.number, "the same as row \(earlier)"))
                continue
            }
            keyRows[itemKey] = row.number
            if known.contains(itemKey) {
                alreadyThere.append((row.number, "already in the portfolio"))
                continue
            }
            known.insert(itemKey)
            item.importKey = itemKey
            item.importedToReview = true
            for (field, text) in item.textFields {
                for kind in Set(PIIGuard.scan(text, referenceYear: today.year).map(\.kind)).sorted(by: { $0.rawValue < $1.rawValue }) {
                    flags.append(Flag(file: file, row: row.number, field: field, kind: kind))
                }
            }
            items.append(Planned(row: row.number, evidence: item, key: itemKey))
        }
        return Plan(
            file: file, encoding: table.encoding, separatorName: table.separatorName, columns: columns, dates: dates, defaultKind: defaultKind,
            items: items, alreadyThere: alreadyThere, problems: problems, flags: flags)
    }

    /// Adds the planned items, numbered after the portfolio's own; returns them as added.
    @discardableResult
    public static func apply(_ plan: Plan, to portfolio: inout Portfolio) -> [Evidence] {
        var added: [Evidence] = []
        added.reserveCapacity(plan.items.count)
        var next = Int(portfolio.nextID(prefix: "ev").dropFirst(3)) ?? (portfolio.evidence.count + 1)
        for planned in plan.items {
            var item = planned.evidence
            item.id = String(format: "ev-%04d", next)
            next += 1
            added.append(item)
        }
        portfolio.evidence += added
        return added
    }

    /// The row's stable key: a hash of what the row says (not where it stands in the file), so
    /// the same row imported twice, or an item exported and imported back, is recognised.
    public static func key(of item: Evidence) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let credits = item.cpdCredits.map { String(Int(($0 * 100).rounded())) } ?? ""
        let date = item.date
        let parts = [
            String(date.year * 10_000 + date.month * 100 + date.day), item.kind.rawValue, item.title, item.description, item.reflection.whatHappened,
            item.reflection.whatLearned,
            item.reflection.whatNext, credits, item.links.joined(separator: " "), item.isPrivate ? "private" : "",
        ]
        for part in parts {
            for byte in part.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
            hash ^= 0x1F
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return "csv-" + String(hash, radix: 16)
    }

    /// A cell the CSV export guarded against formulas (`'=…`) as it was typed (`=…`).
    static func unguarded(_ cell: String) -> String {
        guard cell.hasPrefix("'"), let second = cell.dropFirst().first, CSVExport.formulaStarts.contains(second) else { return cell }
        return String(cell.dropFirst())
    }

    static func trimmed(_ text: String?) -> String { (text ?? "").trimmedCell }

    /// "rows 3, 5 and 9" (at most ten listed).
    static func rows(_ numbers: [Int]) -> String {
        let shown = numbers.prefix(10).map(String.init)
        let more = numbers.count > 10 ? " and \(numbers.count - 10) more" : ""
        if shown.count == 1 { return "row " + shown[0] }
        return "rows " + shown.dropLast().joined(separator: ", ") + (more.isEmpty ? " and " + shown.last! : ", " + shown.last! + more)
    }
}
