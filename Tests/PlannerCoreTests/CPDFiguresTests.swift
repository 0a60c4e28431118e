import Foundation
import PlannerCore
import PlannerModel
import Testing

/// Issue 15, "CPD in view": the period's and the revalidation cycle's credits, computed once
/// (`CPDFigures`) against guidance that is data in the taxonomy.
@Suite struct CPDFiguresTests {
    static let guidance = Taxonomy.bundled.cpdGuidance!

    /// The bundled taxonomy with some of its JSON replaced: the guidance and due dates are
    /// data, so changing the file changes what every view says.
    static func taxonomy(changing change: (inout [String: Any]) -> Void) throws -> Taxonomy {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Resources/taxonomy.json"))
        var object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        change(&object)
        return try Taxonomy(data: JSONSerialization.data(withJSONObject: object))
    }

    static func item(_ id: String, _ day: String, _ credits: Double?) -> Evidence {
        Evidence(id: id, title: id, kind: .cpd, date: date(day), cpdCredits: credits)
    }

    @Test func theBundledGuidanceIsFiftyAYearAndTwoHundredAndFiftyOverFiveYears() {
        #expect(Self.guidance.creditsPerYear == 50 && Self.guidance.creditsPerCycle == 250 && Self.guidance.cycleYears == 5)
        #expect(Self.guidance.applies(to: .continuingPractice) && !Self.guidance.applies(to: .postgraduate))
    }

    @Test func theCycleIsTheFiveYearsEndingAtTheRevalidationDateOrElseThePeriodsEnd() {
        var portfolio = readyContinuingPortfolio()
        portfolio.evidence = [
            Self.item("a", "2021-09-30", 5), Self.item("b", "2021-10-01", 7), Self.item("c", "2026-01-15", 11),
            Self.item("d", "2026-09-30", 13), Self.item("e", "2026-10-01", 17), Self.item("f", "2024-02-29", nil),
        ]
        let byPeriod = CPDFigures(portfolio, guidance: Self.guidance)
        #expect(byPeriod.cycle == Period(start: date("2021-10-01"), end: date("2026-09-30")))
        #expect(!byPeriod.cycleEndsAtRevalidation)
        #expect(byPeriod.periodCredits == 24 && byPeriod.cycleCredits == 31)
        #expect(byPeriod.cycleText == "cycle 2021-10-01 to 2026-09-30: 5 years to period end (no revalidation date)")
        portfolio.profile.revalidationDate = date("2027-03-31")
        let byRevalidation = CPDFigures(portfolio, guidance: Self.guidance)
        #expect(byRevalidation.cycle == Period(start: date("2022-04-01"), end: date("2027-03-31")))
        #expect(byRevalidation.cycleEndsAtRevalidation)
        #expect(byRevalidation.cycleCredits == 41 && byRevalidation.periodCredits == 24)
        #expect(byRevalidation.cycleText == "cycle 2022-04-01 to 2027-03-31: 5 years to your revalidation date")
        #expect(byRevalidation.headline == "24 of 50 credits this period · 41 of 250 in the cycle to 2027-03-31")
        #expect(byRevalidation.statusText == "CPD 24/50")
    }

    /// A leap day as the revalidation date: the cycle starts the day after 28 February five years before.
    @Test func aLeapDayRevalidationDateMakesAWholeFiveYearCycle() {
        var portfolio = readyContinuingPortfolio()
        portfolio.profile.revalidationDate = date("2028-02-29")
        #expect(CPDFigures(portfolio, guidance: Self.guidance).cycle.start == date("2023-03-01"))
    }

    @Test func theGuidanceIsReadFromTheTaxonomyNotTheCode() throws {
        let taxonomy = try Self.taxonomy { object in
            var guidance = object["cpdGuidance"] as! [String: Any]
            guidance["creditsPerYear"] = 40
            guidance["creditsPerCycle"] = 120
            guidance["cycleYears"] = 3
            guidance["stages"] = ["postgraduate", "continuing-practice"]
            object["cpdGuidance"] = guidance
        }
        var portfolio = readyContinuingPortfolio()
        portfolio.evidence = [Self.item("a", "2023-09-30", 5), Self.item("b", "2023-10-01", 7)]
        let figures = try #require(CPDFigures.shown(for: portfolio, taxonomy: taxonomy))
        #expect(figures.statusText == "CPD 0/40")
        #expect(figures.cycle.start == date("2023-10-01") && figures.cycleCredits == 7)
        #expect(figures.headline.contains("of 120 in the cycle") && figures.cycleText.contains("3 years to period end"))
        portfolio.profile.stage = .postgraduate
        #expect(CPDFigures.shown(for: portfolio, taxonomy: taxonomy) != nil)
        #expect(CPDFigures.shown(for: portfolio, taxonomy: .bundled) == nil)
    }

    @Test func aTaxonomyWithNonsenseGuidanceIsRefusedSayingWhy() throws {
        #expect(throws: TaxonomyError.self) {
            try Self.taxonomy { object in
                var guidance = object["cpdGuidance"] as! [String: Any]
                guidance["cycleYears"] = 0
                guidance["stages"] = ["registrar"]
                object["cpdGuidance"] = guidance
            }
        }
        do {
            _ = try Self.taxonomy { object in
                var guidance = object["cpdGuidance"] as! [String: Any]
                guidance["cycleYears"] = 0
                guidance["stages"] = ["registrar"]
                object["cpdGuidance"] = guidance
            }
        } catch let error as TaxonomyError {
            #expect(error.problems.contains { $0.contains("cycleYears") })
            #expect(error.problems.contains { $0.contains("“registrar” is not a stage") })
        }
    }

    /// Generated portfolios: the cycle's total is the sum of the credits of the items dated in
    /// it, added once each; the period's likewise; and archiving periods (Ctrl-N) changes
    /// neither the cycle's total nor counts an archived period's items again.
    @Test func generatedPortfoliosCountEachItemOnceAcrossArchivedPeriods() async {
        await Generated.check(fixedSeed: 1501, count: 300, maxLength: 200) { bytes in
            var choices = Choices(bytes)
            var portfolio = readyContinuingPortfolio()
            let start = CalendarDate(year: 2019 + choices.next(8), month: 1 + choices.next(12), day: 1 + choices.next(28))!
            portfolio.profile.periodStart = start
            portfolio.profile.periodEnd = start.adding(years: 1).adding(days: -1)
            if choices.chance(2) { portfolio.profile.revalidationDate = start.adding(days: choices.next(256) * 9 - 600) }
            portfolio.evidence = (0..<choices.next(40)).map { n in
                let day = start.adding(days: choices.next(256) * 12 - 1800)
                return Self.item("ev-\(n)", day.description, choices.chance(3) ? nil : Double(choices.next(41)) / 4)
            }
            // Now and then two items share an id (a validation error): each is still its own item.
            if let first = portfolio.evidence.first, choices.chance(4) { portfolio.evidence.append(first) }
            let figures = CPDFigures(portfolio, guidance: Self.guidance)
            let end = portfolio.profile.revalidationDate ?? portfolio.profile.periodEnd
            let fiveYearsBefore = end.adding(years: -5)
            func sum(_ keep: (CalendarDate) -> Bool) -> Double {
                portfolio.evidence.filter { keep($0.date) }.compactMap(\.cpdCredits).reduce(0, +)
            }
            #expect(figures.cycleCredits == sum { $0 > fiveYearsBefore && $0 <= end })
            #expect(figures.periodCredits == sum { portfolio.period.contains($0) })
            #expect(figures.cycleCredits <= portfolio.evidence.compactMap(\.cpdCredits).reduce(0, +))
            // Archive one to three periods: the cycle (fixed by the revalidation date) keeps its total,
            // and the new period counts only its own items.
            var later = portfolio
            // (A new period is refused until the review is due: "today" is well after every date.)
            for _ in 0...choices.next(3) { try later.startNewPeriod(today: later.profile.periodEnd.adding(years: 10)) }
            let after = CPDFigures(later, guidance: Self.guidance)
            #expect(later.history.count >= 1)
            if portfolio.profile.revalidationDate != nil { #expect(after.cycleCredits == figures.cycleCredits) }
            #expect(after.periodCredits == later.evidence.filter { later.period.contains($0.date) }.compactMap(\.cpdCredits).reduce(0, +))
        }
    }

    /// The export's credits table and the figures agree: both add the period's credits in portfolio order.
    @Test func theExportsTotalIsTheFiguresTotal() throws {
        let portfolio = try example("continuing-practice")
        let figures = CPDFigures(portfolio, guidance: Self.guidance)
        let markdown = try MarkdownExporter.render(
            portfolio, report: Validator(for: portfolio, catalog: .bundled).validate(portfolio, today: fixedToday),
            options: ExportOptions(date: fixedToday), catalog: .bundled)
        let lines = CPDBlock.lines(figures)
        for line in lines { #expect(markdown.contains(line)) }
        #expect(markdown.contains("**CPD credits this year: \(PlainText.number(figures.periodCredits)).**"))
        #expect(lines[1].contains("ending at this period's end, as no revalidation date is recorded"))
    }
}
