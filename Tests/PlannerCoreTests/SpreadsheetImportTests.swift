import Foundation
import PlannerCore
import TestSupport
import Testing

@testable import PlannerImport

/// The import's rules, one example each: headers and aliases, `--map`, unknown columns, the
/// date column's order, credits, kinds, links, all or nothing, the stable key, the CSV export.
@Suite struct SpreadsheetImportTests {
    let catalog = Catalog.bundled

    func emptyPortfolio() -> Portfolio {
        var portfolio = readyContinuingPortfolio()
        portfolio.evidence = []
        return portfolio
    }

    func plan(_ text: String, into portfolio: Portfolio? = nil, maps: [String] = []) throws -> SpreadsheetImport.Plan {
        let table = try CSVTable.read(Data(text.utf8), file: "cpd.csv")
        return try SpreadsheetImport.plan(table, file: "cpd.csv", into: portfolio ?? emptyPortfolio(), catalog: catalog, maps: maps, today: fixedToday)
    }

    func importError(_ text: String, maps: [String] = []) -> String? {
        do {
            _ = try plan(text, maps: maps)
            return nil
        } catch { return "\(error)" }
    }

    // MARK: columns

    @Test func headersAreMatchedByAliasInAnyCaseAndOrder() throws {
        let plan = try plan("  CPD Hours ,WHEN,Course,Category,Notes,What I Learned,Competences,Private\n1,14/03/2025,Sepsis,course,n,l,1.1,yes\n")
        let item = try #require(plan.items.first?.evidence)
        #expect(item.title == "Sepsis" && item.date == date("2025-03-14") && item.kind == EvidenceKind("cpd"))
        #expect(item.cpdCredits == 1 && item.description == "n" && item.reflection.whatLearned == "l")
        #expect(item.links == ["mlcf:1.1"] && item.isPrivate)
    }

    @Test func theAliasesAreTheTaxonomysData() {
        let vocabulary = catalog.taxonomy.spreadsheet
        for (header, field) in [
            ("date completed", SpreadsheetField.date), ("activity", .title), ("event", .title), ("name", .title), ("type", .kind),
            ("points", .credits), ("cpd credits", .credits), ("details", .description), ("learning", .reflection), ("mlcf", .links),
            ("framework", .links), ("private", .isPrivate),
        ] {
            #expect(vocabulary.field(forHeader: header) == field, "\(header)")
        }
    }

    @Test func unknownColumnsAreListedAndKeptInTheDescription() throws {
        let plan = try plan("date,title,Venue,Cost,notes\n2025-03-14,Sepsis,London,,Good\n")
        #expect(plan.columns.extra.map(plan.columns.name) == ["Venue", "Cost"])
        #expect(plan.items[0].evidence.description == "Good\nVenue: London", "a blank cell adds nothing")
    }

    @Test func mapSaysWhatAColumnHolds() throws {
        let plan = try plan("Topic,Day,Venue\nSepsis,2025-03-14,London\n", maps: ["Topic=title", "Day=date", "venue=ignore"])
        #expect(plan.items[0].evidence.title == "Sepsis" && plan.items[0].evidence.description == "")
        #expect(plan.columns.ignored == [2])
        #expect(importError("Topic,date\nx,2025-01-01\n", maps: ["Nope=title"])?.contains("has no column of that name") == true)
        #expect(importError("Topic,date\nx,2025-01-01\n", maps: ["Topic=colour"])?.contains("is not a field") == true)
    }

    @Test func aMissingTitleOrDateColumnIsSaidWithTheWayOut() {
        let error = importError("when,what\n2025-01-01,x\n")
        #expect(error?.contains("no column for the title") == true && error?.contains("--map") == true)
        #expect(importError("title,activity\nx,y\n")?.contains("both give the title") == true)
    }

    // MARK: dates

    @Test func dateFormats() {
        for (text, expected) in [
            ("2025-03-14", "2025-03-14"), ("14/03/2025", "2025-03-14"), ("14 Mar 2025", "2025-03-14"), ("14 March 2025", "2025-03-14"),
            ("14-Mar-25", "2025-03-14"), ("14.03.2025", "2025-03-14"), ("4/3/25", "2025-03-04"),
        ] {
            #expect(SpreadsheetDates.date(text, order: .dayFirst) == date(expected), "\(text)")
        }
        #expect(SpreadsheetDates.date("03/14/25", order: .monthFirst) == date("2025-03-14"))
        #expect(SpreadsheetDates.date("31/02/2025", order: .dayFirst) == nil, "an impossible date is no date")
    }

    @Test func oneMonthFirstValueMakesTheColumnMonthFirst() throws {
        let plan = try plan("date,title\n03/04/25,a\n03/14/25,b\n")
        #expect(plan.dates == .init(order: .monthFirst, assumed: false))
        #expect(plan.items.map(\.evidence.date) == [date("2025-03-04"), date("2025-03-14")])
    }

    @Test func oneDayFirstValueMakesTheColumnDayFirst() throws {
        let plan = try plan("date,title\n03/04/25,a\n14/03/25,b\n")
        #expect(plan.dates == .init(order: .dayFirst, assumed: false))
        #expect(plan.items[0].evidence.date == date("2025-04-03"))
    }

    @Test func aColumnThatFitsBothIsDayFirstAndSaysSo() throws {
        let plan = try plan("date,title\n03/04/25,a\n05/06/2025,b\n2025-12-31,c\n")
        #expect(plan.dates == .init(order: .dayFirst, assumed: true))
        #expect(try self.plan("date,title\n2025-03-04,a\n").dates.assumed == false, "ISO dates have one reading")
    }

    @Test func aColumnMixingBothOrdersNamesTheRows() {
        let error = importError("date,title\n03/14/25,a\n01/01/25,b\n14/03/25,c\n")
        #expect(error?.contains("row 2 can only be month first") == true, "\(error ?? "")")
        #expect(error?.contains("row 4 can only be day first") == true)
    }

    @Test func anImpossibleDateNamesItsRow() throws {
        let plan = try plan("date,title\n31/02/2025,a\n01/02/2025,b\n")
        #expect(plan.problems.map(\.row) == [2])
        #expect(plan.problems[0].description.hasPrefix("cpd.csv, row 2, column A (“date”):"))
    }

    // MARK: other values

    @Test func creditsAsPeopleWriteThem() {
        for (text, hours) in [
            ("1.5", 1.5), ("1,5", 1.5), ("90 min", 1.5), ("90 minutes", 1.5), ("1h30", 1.5), ("1h 30m", 1.5), ("1:30", 1.5), ("2 hours", 2.0),
            ("3", 3.0), ("6 credits", 6.0), ("45 mins", 0.75),
        ] {
            #expect(SpreadsheetValues.credits(text) == hours, "\(text)")
        }
        for text in ["", "lots", "1.2.3", "1h75", "-", "1,5,6"] { #expect(SpreadsheetValues.credits(text) == nil, "\(text)") }
    }

    @Test func kindsFromCommonWords() throws {
        let kinds = catalog.taxonomy.kinds
        let vocabulary = catalog.taxonomy.spreadsheet
        for (word, kind) in [
            ("Course", "cpd"), ("conference", "cpd"), ("e-learning", "cpd"), ("Audit", "quality-improvement"), ("QI", "quality-improvement"),
            ("SEA", "significant-event"), ("MSF", "colleague-feedback"), ("compliment", "complaint-compliment"),
            ("complaint", "complaint-compliment"), ("Teaching", "teaching"), ("research", "research"),
        ] {
            #expect(vocabulary.kind(forWord: word, kinds: kinds) == EvidenceKind(kind), "\(word)")
        }
        let plan = try plan("date,title,type\n2025-01-01,a,knitting\n")
        #expect(plan.problems.count == 1 && plan.problems[0].why.contains("“knitting” is not a kind"))
        #expect(plan.problems[0].why.contains(catalog.taxonomy.kindList))
    }

    @Test func noKindColumnMeansCPDAndIsSaid() throws {
        let plan = try plan("date,title\n2025-01-01,a\n")
        #expect(plan.defaultKind == EvidenceKind("cpd") && plan.items[0].evidence.kind == EvidenceKind("cpd"))
    }

    @Test func linksAreCheckedAgainstTheFramework() throws {
        let good = try plan("date,title,links\n2025-01-01,a,\"1.1; 4.2.A, hlm:3\"\n")
        #expect(good.items[0].evidence.links == ["mlcf:1.1", "mlcf:4.2.a", "hlm:3"])
        let bad = try plan("date,title,links\n2025-01-01,a,1.1 9.9\n")
        #expect(bad.problems.count == 1 && bad.problems[0].why.hasPrefix("“9.9” is not a competence or element"))
        #expect(bad.problems[0].column == 3)
    }

    @Test func aFormulaIsImportedAsText() throws {
        let plan = try plan("date,title\n2025-01-01,=cmd|' /C calc'!A0\n")
        #expect(plan.items[0].evidence.title == "=cmd|' /C calc'!A0")
    }

    // MARK: all or nothing, the key, the guard

    @Test func everyBadCellIsNamedAndTheGoodRowsAreStillPlanned() throws {
        let plan = try plan("date,title,credits\n2025-01-01,good,1\n2099-01-01,future,1\n2025-01-02,,lots\n")
        #expect(plan.items.map(\.row) == [2])
        #expect(plan.badRows == [3, 4])
        #expect(plan.problems.map { $0.column } == [1, 2, 3])
    }

    @Test func importingTwiceAddsNothing() throws {
        var portfolio = emptyPortfolio()
        let text = "date,title,kind,credits\n2025-01-01,a,course,1\n2025-01-02,b,audit,\n2025-01-02,b,audit,\n"
        let first = try plan(text, into: portfolio)
        #expect(first.items.count == 2 && first.alreadyThere.map(\.row) == [4], "a repeated row is the same row")
        SpreadsheetImport.apply(first, to: &portfolio)
        #expect(portfolio.evidence.allSatisfy { $0.importedToReview == true && $0.importKey != nil })
        #expect(portfolio.evidence.map(\.id) == ["ev-0001", "ev-0002"])
        let second = try plan(text, into: portfolio)
        #expect(second.items.isEmpty && second.alreadyThere.count == 3)
        // An item edited after the import keeps its key, so the row is still recognised.
        portfolio.evidence[0].title = "renamed"
        #expect(try plan(text, into: portfolio).items.isEmpty)
    }

    @Test func patientIdentifiableTextIsFlagged() throws {
        let plan = try plan("date,title,notes\n2025-01-01,Ward round,NHS number 943 476 5919\n")
        #expect(plan.flags.map(\.kind) == [.nhsNumber])
        #expect(plan.flags[0].description.hasPrefix("cpd.csv, row 2, description"))
    }

    // MARK: export

    @Test func theCSVExportRoundTrips() throws {
        var source = readyContinuingPortfolio()
        source.evidence[0].title = "=SUM(A1) \"quoted\", with comma"
        source.evidence[1].description = "line one\nline two; ‘curly’ – €"
        source.evidence[2].isPrivate = true
        source.evidence[3].cpdCredits = 1.25
        let text = CSVExport.render(source.evidence, taxonomy: catalog.taxonomy)
        #expect(text.contains("\"'=SUM(A1) \"\"quoted\"\", with comma\""), "a formula goes out behind an apostrophe")
        var target = emptyPortfolio()
        let plan = try SpreadsheetImport.plan(
            try CSVTable.read(Data(text.utf8), file: "x.csv"), file: "x.csv", into: target, catalog: catalog, today: fixedToday)
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        SpreadsheetImport.apply(plan, to: &target)
        #expect(target.evidence.map(Self.exported) == source.evidence.map(Self.exported))
        // And back into the portfolio it came from, it adds nothing.
        #expect(
            try SpreadsheetImport.plan(try CSVTable.read(Data(text.utf8), file: "x.csv"), file: "x.csv", into: source, catalog: catalog, today: fixedToday)
                .items.isEmpty)
    }

    /// What the CSV carries of an item.
    static func exported(_ item: Evidence) -> [String] {
        [
            item.date.description, item.title, item.kind.rawValue, item.cpdCredits.map { "\($0)" } ?? "", item.description,
            item.reflection.whatHappened, item.reflection.whatLearned, item.reflection.whatNext, item.links.joined(separator: " "), "\(item.isPrivate)",
        ]
    }

    @Test func cellsAreTrimmedAsFoundationTrimsThem() {
        for text in ["", " ", "a", " a", "a ", "\t a b \r\n", "\u{A0}é\u{2003}", "é", "\n\n", "x\u{3000}"] {
            #expect(text.trimmedCell == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
        }
    }

    @Test func theKindIndexAgreesWithTheWordLookUp() {
        let taxonomy = catalog.taxonomy
        let index = taxonomy.spreadsheet.kindIndex(kinds: taxonomy.kinds)
        let words = taxonomy.spreadsheet.kindWords.values.flatMap { $0 } + taxonomy.kinds.map(\.rawValue) + ["  Course ", "QI", "nothing"]
        for word in words {
            #expect(index[SpreadsheetVocabulary.folded(word)] == taxonomy.spreadsheet.kind(forWord: word, kinds: taxonomy.kinds), "\(word)")
        }
    }

    @Test func theVocabularyIsChecked() {
        let problems = SpreadsheetVocabulary(
            columns: [.init(field: .title, headers: ["title", "name"]), .init(field: .date, headers: ["name"])], kindWords: ["nope": ["x"], "cpd": ["x"]]
        ).problems(kinds: ["cpd"])
        #expect(problems.contains { $0.contains("“name” is given to both title and date") })
        #expect(problems.contains { $0.contains("kind word “x” is given to both") })
        #expect(problems.contains { $0.contains("“kind” has no header name") })
        #expect(Catalog.bundled.taxonomy.spreadsheetImport != nil)
    }
}
