import Foundation
import PlannerCore
import Testing

@testable import PlannerExport

/// The export's promises beyond the golden files: determinism, private items, the PII
/// stop, full entries printed once, stage order, and the files it writes.
@Suite struct ExportTests {
    func render(_ portfolio: Portfolio, _ options: ExportOptions = ExportOptions()) throws -> String {
        try MarkdownExporter.render(
            portfolio, report: Validator(framework: .mlcf, catalog: .bundled).validate(portfolio, today: fixedToday), options: options, catalog: .bundled)
    }

    func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    // MARK: Determinism

    @Test(arguments: ["undergraduate", "postgraduate", "continuing-practice"])
    func sameInputGivesSameBytes(_ name: String) throws {
        let portfolio = try example(name)
        let first = try render(portfolio)
        let second = try render(portfolio)
        #expect(first == second)
        // Decoding the file again (fresh dictionaries, new hash seeds) changes nothing either.
        #expect(try render(try example(name)) == first)
    }

    @Test func theDateComesFromTheOptionsOrThePeriodEndNeverTheClock() throws {
        let portfolio = try example("continuing-practice")
        #expect(try render(portfolio).contains("\ndate: '30 September 2026'\n"))
        let dated = try render(portfolio, ExportOptions(date: date("2026-10-14")))
        #expect(dated.contains("\ndate: '14 October 2026'\n"))
        #expect(
            dated.replacingOccurrences(of: "14 October 2026", with: "30 September 2026") == (try render(portfolio)),
            "the date changes nothing else")
    }

    // MARK: Private items

    @Test func privateItemsShowOnlyTitleKindDateAndLinks() throws {
        var portfolio = readyContinuingPortfolio()
        portfolio.evidence[0].isPrivate = true
        portfolio.evidence[0].title = "Private case review"
        portfolio.evidence[0].description = "SECRET-DESCRIPTION"
        portfolio.evidence[0].reflection = Reflection(whatHappened: "SECRET-HAPPENED", whatLearned: "SECRET-LEARNED", whatNext: "SECRET-NEXT")
        portfolio.evidence[0].attachments = ["~/SECRET-ATTACHMENT.pdf"]
        portfolio.evidence[0].confirmation = Confirmation(name: "Dr SECRET-CONFIRMER")
        let markdown = try render(portfolio)
        #expect(!markdown.contains("SECRET"))
        #expect(markdown.contains("Private case review"))
        #expect(markdown.contains("reflection held privately by the doctor"))
        #expect(markdown.contains("15 January 2026"))
        #expect(markdown.contains("1.1 Developing self awareness (a)"))
    }

    @Test func includePrivatePrintsThemInFullForTheDoctorsOwnCopy() throws {
        var portfolio = readyContinuingPortfolio()
        portfolio.evidence[0].isPrivate = true
        portfolio.evidence[0].description = "SECRET-DESCRIPTION"
        let markdown = try render(portfolio, ExportOptions(includePrivate: true))
        #expect(markdown.contains("SECRET-DESCRIPTION"))
        #expect(markdown.contains("doctor's own copy"))
    }

    @Test func flaggedTextInAPrivateItemIsNotQuotedInTheDocument() throws {
        var portfolio = readyContinuingPortfolio()
        portfolio.evidence[0].isPrivate = true
        portfolio.evidence[0].reflection.whatLearned = "Call 943 476 5919 back."
        let markdown = try render(portfolio, ExportOptions(allowFlagged: true))
        #expect(!markdown.contains("943 476 5919"))
        #expect(markdown.contains("looks like an NHS number"))
    }

    // MARK: The PII stop

    @Test func flaggedTextStopsTheExportWithTheList() throws {
        var portfolio = readyContinuingPortfolio()
        portfolio.evidence[2].description = "Seen with NHS number 943 476 5919."
        portfolio.pdp[0].measure = "Ask j.bloggs@example.org"
        let report = Validator(framework: .mlcf, catalog: .bundled).validate(portfolio, today: fixedToday)
        #expect(report.piiFindings.count == 2)
        do {
            _ = try MarkdownExporter.render(portfolio, report: report, catalog: .bundled)
            Issue.record("the export should have stopped")
        } catch ExportError.flagged(let findings) {
            #expect(findings == report.piiFindings)
            let text = "\(ExportError.flagged(findings))"
            let lines = text.split(separator: "\n")
            #expect(lines.count == 3, "one line of explanation, then one per finding")
            #expect(lines[1].contains("evidence ev-0003 (description)") && lines[1].contains("943 476 5919"))
            #expect(lines[2].contains("goal pdp-0001 (measure)"))
            #expect(text.contains("--allow-flagged"))
        }
    }

    @Test func allowFlaggedExportsAndListsTheFindings() throws {
        var portfolio = readyContinuingPortfolio()
        portfolio.evidence[2].description = "Seen with NHS number 943 476 5919."
        let markdown = try render(portfolio, ExportOptions(allowFlagged: true))
        #expect(markdown.contains("## Flagged: text that may identify a patient"))
        #expect(count("943 476 5919", in: markdown) == 2, "once in the evidence, once in the flagged list")
    }

    @Test func noFlaggedSectionWithoutFindings() throws {
        #expect(!(try render(readyContinuingPortfolio())).contains("Flagged"))
    }

    // MARK: Structure

    @Test(arguments: ["undergraduate", "postgraduate", "continuing-practice"])
    func everyItemIsPrintedInFullExactlyOnce(_ name: String) throws {
        let portfolio = try example(name)
        let markdown = try render(portfolio)
        let plan = EvidencePlan(portfolio: portfolio, framework: .mlcf, taxonomy: .bundled)
        let entries = (0..<plan.count).map(plan.entry(atPosition:))
        #expect(entries.map(\.number) == Array(1...portfolio.evidence.count))
        #expect(Set(entries.map(\.index)) == Set(portfolio.evidence.indices), "every item has one number")
        let shown = entries.filter { $0.home != .archived }
        #expect(shown.map(\.number) == Array(1..<(shown.count + 1)), "the numbers the reader sees run E1, E2, … without a gap")
        for entry in entries {
            let anchors = entry.home == .archived ? 0 : 1
            #expect(count("{#e\(entry.number)}", in: markdown) == anchors, "E\(entry.number) has \(anchors) anchor")
            let item = entry.evidence
            if entry.inPeriod && !item.isPrivate && !item.reflection.whatLearned.isEmpty {
                #expect(count(MarkdownEscaping.block(item.reflection.whatLearned), in: markdown) == 1, "E\(entry.number)'s reflection is printed once")
            }
        }
        // Every cross-reference points at an anchor that exists.
        for match in markdown.matches(of: /\]\(#(e\d+)\)/) {
            #expect(markdown.contains("{#\(match.1)}"), "dangling reference #\(match.1)")
        }
    }

    @Test func continuingPracticeFollowsTheAppraisalForm() throws {
        let markdown = try render(try example("continuing-practice"))
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("# ") }.map(String.init)
        let numbered = headings.compactMap { Int($0.dropFirst(2).prefix { $0.isNumber }) }
        #expect(numbered == Array(3...17))
        #expect(headings.prefix(2) == ["# At a glance {#glance}", "# Contents {#contents .new-page}"])
        #expect(
            headings.suffix(2).map { $0.components(separatedBy: " {").first! } == [
                "# Proposed personal development plan", "# For the appraiser: sections 18 to 20",
            ])
        #expect(markdown.contains("**CPD credits this year: 54.**"))
        #expect(markdown.contains("| Role | Name | Signature | Date |"))
    }

    @Test(arguments: ["undergraduate", "postgraduate"])
    func trainingStagesHaveTheirOwnOrder(_ name: String) throws {
        let markdown = try render(try example(name))
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("# ") }.map { $0.dropFirst(2).components(separatedBy: " {").first! }
        #expect(
            headings == [
                "At a glance", "Contents", "Profile", "Coverage against the framework", "Evidence by domain and element",
                "Supervisor confirmations", "Personal development plan", "Readiness: what is still to do",
                "For the \(name == "undergraduate" ? "tutor" : "educational supervisor")",
            ])
    }

    @Test func evidenceOfOtherPeriodsIsCountedByYearNeverListed() throws {
        var portfolio = readyContinuingPortfolio()  // period 2025-10-01 to 2026-09-30
        let reflection = Reflection(whatHappened: "OLD-REFLECTION", whatLearned: "x", whatNext: "y")
        portfolio.evidence.append(
            Evidence(
                id: "recent", title: "Audit from 2022", kind: .qualityImprovement, date: date("2022-03-01"),
                reflection: reflection, links: ["mlcf:4.2.b"]))
        portfolio.evidence.append(
            Evidence(
                id: "ancient", title: "Audit from 2019", kind: .qualityImprovement, date: date("2019-03-01"),
                reflection: reflection, links: ["mlcf:4.2.b"]))
        let markdown = try render(portfolio)
        #expect(!markdown.contains("OLD-REFLECTION"))
        #expect(!markdown.contains("Audit from 2022") && !markdown.contains("Audit from 2019"), "counted, never listed")
        #expect(!markdown.contains("{#e21}") && !markdown.contains("{#e22}"))
        #expect(markdown.contains("| 2021-22 | 0 | 1 | 0 | 0 | 0 | 0 | 1 | 0 |"))
        #expect(markdown.contains("| 2018-19 | 0 | 1 | 0 | 0 | 0 | 0 | 1 | 0 |"))
        #expect(markdown.contains("| 4.2 Critically evaluating | 1 | 3 |"), "4.2 counts both old items all-time")
    }

    @Test func theMatrixNamesEachElementAndShadesAndMarksGaps() throws {
        var portfolio = readyContinuingPortfolio()
        portfolio.evidence.removeAll { $0.links == ["mlcf:3.2.a"] }
        let markdown = try render(portfolio)
        let matrix = markdown.components(separatedBy: "## Coverage matrix")[1].components(separatedBy: "**Totals:**")[0]
        let rows = matrix.split(separator: "\n").filter { $0.hasPrefix("| ") }
        #expect(rows.count == 1 + 5 + 20 + 1, "header, five domain rows, twenty element rows and the totals row")
        #expect(rows.contains { $0 == "| 3.2 Managing resources | [✗ 0]{.gap} | 0 | 3 |" }, "a gap: shaded, marked ✗, rating still shown")
        #expect(rows.contains { $0.hasPrefix("| **3 Managing Services** (3 of 4 covered) |") })
        #expect(rows.last == "| **All** | **19** | **19** |  |")
        for row in rows.dropFirst() {
            let cells = row.split(separator: "|").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(!cells.dropFirst().contains { $0.contains("(") || $0.contains(" · ") }, "one figure per cell: \(row)")
        }
        #expect(markdown.contains("✗ Gaps: 3.2 Managing resources."))
    }

    @Test func theSelfRatingProfileShowsLastPeriodWhereThereIsOne() throws {
        let withHistory = try render(try example("continuing-practice"))
        #expect(withHistory.contains("| 1.2 Managing yourself | 2 Developing | 3 Competent for my stage | ↓ −1 |"))
        let without = try render(try example("undergraduate"))
        #expect(!without.contains("Last period"))
    }

    @Test func readinessFindingsAreListedByWhatToDo() throws {
        var portfolio = readyContinuingPortfolio()
        portfolio.profile.healthStatement = ""
        portfolio.pdp = []
        let markdown = try render(portfolio)
        #expect(markdown.contains("## Readiness: what is still to do {#readiness}"))
        #expect(markdown.contains("**Not yet ready for the appraiser:** 1 thing to put right before the meeting, and 1 worth putting right."))
        #expect(markdown.contains("### To put right before the meeting\n\n- The personal development plan has no goal"))
        #expect(markdown.contains("### Worth putting right\n\n- No health statement yet"))
        #expect(!markdown.contains("Hints") && !markdown.contains("hints"))
    }

    @Test func metadataBlockComesFirst() throws {
        let markdown = try render(try example("undergraduate"))
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "---")
        #expect(lines[1] == "title: 'Medical student portfolio: Zoë Ní Bhriain'")
        #expect(lines.contains("author: 'Zoë Ní Bhriain'"))
        #expect(lines.contains("stage: 'undergraduate'"))
        #expect(lines.contains("period: '2025-09-01 to 2026-08-31'"))
        #expect(markdown.hasSuffix(":::\n") && !markdown.hasSuffix("\n\n"))
    }

    @Test func tableSeparatorsCarryRelativeWidths() throws {
        // Relative widths (≈100 dashes) make pandoc fit every table to the page width.
        let markdown = try render(try example("continuing-practice"))
        for line in markdown.split(separator: "\n") where line.hasPrefix("|-") {
            let dashes = line.filter { $0 == "-" }.count
            #expect((95...105).contains(dashes), "\(line)")
        }
    }

    // MARK: Files

    @Test func defaultOutputSitsBesideThePortfolioNamedForItsPeriod() {
        let year = Period(start: CalendarDate(year: 2024, month: 4, day: 1)!, end: CalendarDate(year: 2025, month: 3, day: 31)!)
        #expect(
            MarkdownExporter.defaultOutputURL(for: URL(fileURLWithPath: "/home/d/appraisal/portfolio.json"), period: year).path
                == "/home/d/appraisal/portfolio-appraisal-2024-25.md")
        #expect(MarkdownExporter.defaultOutputURL(for: URL(fileURLWithPath: "/tmp/my.portfolio"), period: year).path == "/tmp/my-appraisal-2024-25.md")
        #expect(MarkdownExporter.defaultOutputURL(for: URL(fileURLWithPath: "/tmp/noext"), period: year).path == "/tmp/noext-appraisal-2024-25.md")
        let calendarYear = Period(start: CalendarDate(year: 2025, month: 1, day: 1)!, end: CalendarDate(year: 2025, month: 12, day: 31)!)
        #expect(calendarYear.yearLabel == "2025")
        #expect(Period(start: year.start, end: CalendarDate(year: 2029, month: 3, day: 31)!).yearLabel == "2024-2029")
        #expect(year.next.yearLabel == "2025-26")
    }

    /// Next year's export goes to its own file: the document already sent is left as it was.
    @Test func anExportNeverOverwritesAnEarlierPeriodsDocument() throws {
        let folder = TempFolder()
        let portfolioURL = folder.file("portfolio.json")
        var portfolio = readyContinuingPortfolio()
        let catalog = Catalog.bundled
        func export() throws -> URL {
            let report = Validator(for: portfolio, catalog: catalog).validate(portfolio, today: fixedToday)
            return try MarkdownExporter.export(
                portfolio, report: report, options: ExportOptions(allowFlagged: true), catalog: catalog, besidePortfolio: portfolioURL)
        }
        let first = try export()
        let sent = try Data(contentsOf: first)
        try portfolio.startNewPeriod(today: portfolio.profile.periodEnd)
        let second = try export()
        #expect(first != second)
        #expect(try Data(contentsOf: first) == sent, "last year's document is untouched")
        #expect(FileManager.default.fileExists(atPath: second.path))
        #expect(throws: ExportError.self) {
            try MarkdownExporter.export(
                portfolio, report: Validator(for: portfolio, catalog: catalog).validate(portfolio, today: fixedToday),
                options: ExportOptions(allowFlagged: true),
                catalog: catalog, besidePortfolio: portfolioURL, output: portfolioURL)
        }
    }

    @Test func writeIsOwnerOnly() throws {
        let folder = TempFolder()
        let url = folder.file("out.md")
        try AtomicFile.write(Data("# Zoë 李\n".utf8), to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "# Zoë 李\n")
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        try AtomicFile.write(Data("second\n".utf8), to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "second\n")
    }

    /// `export`, which writes the document to the file part by part as it is made, writes
    /// exactly what `render` returns, owner-only, replacing what was there.
    @Test(arguments: ["undergraduate", "postgraduate", "continuing-practice"])
    func exportToAFileWritesExactlyTheRenderedBytes(_ name: String) throws {
        let portfolio = try example(name)
        let report = Validator(framework: .mlcf, catalog: .bundled).validate(portfolio, today: fixedToday)
        let folder = TempFolder()
        let url = folder.file("out.md")
        try AtomicFile.write(Data("an older export\n".utf8), to: url)
        for options in [ExportOptions(), ExportOptions(includePrivate: true, allowFlagged: true)] {
            try MarkdownExporter.export(portfolio, report: report, options: options, catalog: .bundled, to: url)
            #expect(try Data(contentsOf: url) == Data(try MarkdownExporter.render(portfolio, report: report, options: options, catalog: .bundled).utf8))
            #expect(try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int == 0o600)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["out.md"], "no temporary file is left")
    }

    @Test func flaggedExportWritesNothing() throws {
        var portfolio = readyContinuingPortfolio()
        portfolio.evidence[0].description = "Mrs Jane Smith, NHS number 943 476 5919, was seen on the ward."
        let report = Validator(framework: .mlcf, catalog: .bundled).validate(portfolio, today: fixedToday)
        try #require(!report.piiFindings.isEmpty)
        let folder = TempFolder()
        #expect(throws: ExportError.self) { try MarkdownExporter.export(portfolio, report: report, catalog: .bundled, to: folder.file("out.md")) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }
}
