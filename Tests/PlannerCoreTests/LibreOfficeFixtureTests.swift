import Foundation
import PlannerCore
import TestSupport
import Testing

@testable import PlannerImport

/// The files under Tests/fixtures/csv/libreoffice, written by LibreOffice itself (soffice 7.4,
/// Debian's libreoffice-calc-nogui) from one source sheet by make-libreoffice-fixtures.sh:
/// UTF-8 and Windows-1252, `,` and `;`, in an en-US and an en-GB locale. They pin what a real
/// spreadsheet writes, where the hand-made files beside them pin what we expect one to write.
/// The sheet has typed dates (written as each locale's default short date), numbers with
/// decimals, accented and CJK text, a cell with a line break and quotes, and a text cell
/// that looks like a formula.
@Suite struct LibreOfficeFixtureTests {
    struct Fixture: Sendable, CustomTestStringConvertible {
        let name: String
        let encoding: CSVEncoding
        let separatorName: String
        let order: SpreadsheetDates.Order
        var testDescription: String { name }
    }

    static let fixtures = [
        Fixture(name: "us-utf8-comma.csv", encoding: .utf8, separatorName: "comma (,)", order: .monthFirst),
        Fixture(name: "us-windows1252-semicolon.csv", encoding: .windows1252, separatorName: "semicolon (;)", order: .monthFirst),
        Fixture(name: "uk-utf8-semicolon.csv", encoding: .utf8, separatorName: "semicolon (;)", order: .dayFirst),
        Fixture(name: "uk-windows1252-comma.csv", encoding: .windows1252, separatorName: "comma (,)", order: .dayFirst),
    ]

    func bytes(_ name: String) throws -> Data {
        try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/fixtures/csv/libreoffice/\(name)"))
    }

    func plan(_ name: String) throws -> SpreadsheetImport.Plan {
        let table = try CSVTable.read(try bytes(name), file: name)
        var portfolio = readyContinuingPortfolio()
        portfolio.evidence = []
        return try SpreadsheetImport.plan(table, file: name, into: portfolio, catalog: .bundled, today: fixedToday)
    }

    /// The files really are what their names say, so a regenerated file that came out
    /// differently fails here and not as a puzzling import result.
    @Test(arguments: fixtures) func theFileIsWhatItsNameSays(_ fixture: Fixture) throws {
        let text = String(decoding: try bytes(fixture.name), as: UTF8.self)
        let firstLine = try #require(text.split(separator: "\n").first)
        #expect(firstLine.contains(fixture.separatorName.hasPrefix("comma") ? "," : ";"))
        #expect(firstLine.hasPrefix("Date") && !firstLine.contains("\r"), "LibreOffice writes LF and no BOM")
        let secondLine = text.split(separator: "\n")[1]
        #expect(secondLine.hasPrefix(fixture.order == .monthFirst ? "03/14/25" : "14/03/25"))
    }

    @Test(arguments: fixtures) func eachFileImportsWithItsEncodingSeparatorAndDateOrder(_ fixture: Fixture) throws {
        let plan = try plan(fixture.name)
        #expect(plan.encoding == fixture.encoding)
        #expect(plan.separatorName == fixture.separatorName)
        #expect(plan.dates == .init(order: fixture.order, assumed: false), "14 is only a day: the order is read, not assumed")
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        #expect(plan.items.map(\.row) == [2, 3, 4], "the cell's line break does not shift the rows")
        let items = plan.items.map(\.evidence)
        #expect(items.map(\.date) == [date("2025-03-14"), date("2025-04-02"), date("2025-05-21")])
        #expect(items.map(\.title) == ["Sepsis update with Siân Ní Bhriain", "Handover audit, cycle 2", "Café-style teaching for F1s"])
        #expect(items.map(\.kind.rawValue) == ["cpd", "quality-improvement", "teaching"])
        #expect(items.map(\.cpdCredits) == [6.5, 1.25, 1.5])
        #expect(items[0].links == ["mlcf:1.1", "mlcf:2.2"])
        #expect(items[1].links == ["mlcf:4.2"])
        #expect(items[2].description == "Reflections from Siân")
    }

    /// The line break and the doubled quotes survive; 李 has no Windows-1252 byte, so
    /// LibreOffice itself wrote `?` there, and the import reads what is in the file.
    @Test(arguments: fixtures) func theLineBreakQuotesAndCJKCell(_ fixture: Fixture) throws {
        let description = try plan(fixture.name).items[0].evidence.description
        let speaker = fixture.encoding == .windows1252 ? "?" : "李"
        #expect(description == "Speaker: Dr \(speaker)\nShe said \"start early\"")
    }

    /// A text cell that looks like a formula is kept as the text it is, never evaluated or dropped.
    @Test(arguments: fixtures) func theFormulaLookingTextStaysText(_ fixture: Fixture) throws {
        let description = try plan(fixture.name).items[1].evidence.description
        #expect(description == "=HYPERLINK(\"http://example.invalid\";\"click\")")
    }
}
