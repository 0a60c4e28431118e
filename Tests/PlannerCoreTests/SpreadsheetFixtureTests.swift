import Foundation
import PlannerCore
import TestSupport
import Testing

@testable import PlannerImport

/// The hand-made files under Tests/fixtures/csv, in the shapes Excel and LibreOffice save CSV
/// in (what LibreOffice really writes is pinned by LibreOfficeFixtureTests, on files it
/// wrote itself under Tests/fixtures/csv/libreoffice): a UK file in Windows-1252 separated by `;`
/// with CRLF and blank trailing rows (Excel's "CSV" in a European locale), a US-locale file in
/// UTF-8 with `MM/DD/YY` dates (LibreOffice's default there) and a cell with a line break, and
/// a UTF-8 file with a byte-order mark (Excel's "CSV UTF-8").
@Suite struct SpreadsheetFixtureTests {
    func plan(_ name: String) throws -> SpreadsheetImport.Plan {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/fixtures/csv/\(name)"))
        let table = try CSVTable.read(data, file: name)
        var portfolio = readyContinuingPortfolio()
        portfolio.evidence = []
        return try SpreadsheetImport.plan(table, file: name, into: portfolio, catalog: .bundled, today: fixedToday)
    }

    @Test func aUKWindows1252SemicolonFile() throws {
        let plan = try plan("uk-windows1252-semicolon.csv")
        #expect(plan.encoding == .windows1252 && plan.separatorName.hasPrefix("semicolon"))
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        #expect(plan.dates == .init(order: .dayFirst, assumed: false))
        let items = plan.items.map(\.evidence)
        #expect(items.map(\.title) == ["Sepsis update – regional study day", "Handover audit, cycle 2", "Café-style teaching for F1s"])
        #expect(items.map(\.date) == [date("2025-03-14"), date("2025-04-02"), date("2025-05-21")])
        #expect(items.map(\.cpdCredits) == [6, 1.5, 1.5])
        #expect(items.map(\.kind.rawValue) == ["cpd", "quality-improvement", "teaching"])
        #expect(items[0].description == "Cost £45\nVenue: Leeds")
        #expect(items[1].description == "Re-audit of the \"SBAR\" sheet")
        #expect(items[0].reflection.whatLearned == "Earlier antibiotics on the ward")
        #expect(items[0].links == ["mlcf:1.1", "mlcf:2.2"])
    }

    @Test func aUSLocaleUTF8CommaFile() throws {
        let plan = try plan("us-utf8-comma.csv")
        #expect(plan.encoding == .ascii || plan.encoding == .utf8)
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        #expect(plan.dates == .init(order: .monthFirst, assumed: false))
        let items = plan.items.map(\.evidence)
        #expect(items.map(\.date) == [date("2025-03-14"), date("2025-04-02"), date("2025-05-21")])
        #expect(items[0].description == "Two talks:\nfluids, then lactate")
        #expect(items.map(\.cpdCredits) == [6, 1.5, 1.5])
        #expect(items[1].links == ["mlcf:4.2.a"])
        #expect(plan.items.map(\.row) == [2, 3, 4], "the cell's line break does not shift the rows")
    }

    @Test func aUTF8FileWithAByteOrderMark() throws {
        let plan = try plan("uk-utf8-bom-comma.csv")
        #expect(plan.encoding == .utf8WithBOM)
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        #expect(plan.items.map(\.evidence.title) == ["Leadership for consultants – résumé", "MSF round"])
        #expect(plan.items.map(\.evidence.kind.rawValue) == ["cpd", "colleague-feedback"])
        #expect(plan.items[0].evidence.cpdCredits == 12)
    }
}
