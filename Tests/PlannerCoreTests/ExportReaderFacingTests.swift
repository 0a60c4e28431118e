import Foundation
import PlannerCore
import Testing

@testable import PlannerExport

/// What the appraiser reads carries the doctor's words and the document's own numbers, never
/// the planner's internals: no record ids (`cp-07`) and no folders on the doctor's computer.
/// Generated portfolios (any stage, private items, unknown links, a career of dates) with
/// ids and attachment paths that carry a marker no generated text contains.
@Suite struct ExportReaderFacingTests {
    static let idMarker = "qx7f3a"

    func render(_ portfolio: Portfolio) throws -> String {
        let report = Validator(framework: .mlcf, catalog: .bundled).validate(portfolio, today: fixedToday)
        return try MarkdownExporter.render(portfolio, report: report, options: ExportOptions(allowFlagged: true), catalog: .bundled)
    }

    @Test func noInternalIDOrLocalPathReachesTheDocument() async {
        await Generated.check(fixedSeed: 1601, count: 150, maxLength: 600) { bytes in
            var choices = Choices(bytes)
            var portfolio = choices.portfolio()
            let marker = Self.idMarker
            for index in portfolio.evidence.indices {
                portfolio.evidence[index].id = "ev-\(index)-\(marker)"
                portfolio.evidence[index].attachments = [
                    "/home/doctor/\(marker)-folder/scan.pdf", "~/appraisal/\(marker)-evidence/note.pdf", "C:\\Users\\\(marker)\\x.docx",
                ]
            }
            // A duplicate id, so the validator's finding about it names one.
            if let first = portfolio.evidence.first { portfolio.evidence.append(first) }
            for index in portfolio.pdp.indices { portfolio.pdp[index].id = "pdp-\(index)-\(marker)" }
            for index in portfolio.previousPdp.indices {
                portfolio.previousPdp[index].id = "old-\(index)-\(marker)"
                // The doctor's own note naming an item by its id: the document gives its number.
                if !portfolio.evidence.isEmpty { portfolio.previousPdp[index].reviewNote += " (evidence ev-0-\(marker))" }
            }
            let markdown = try render(portfolio)
            #expect(!markdown.contains(marker), "an internal id or a local folder is printed")
            #expect(!markdown.contains("~/appraisal") && !markdown.contains("/home/doctor"))
        }
    }

    /// A type whose only item is private is "held privately", a nil return "declared none";
    /// page 1 says so, and flags a missing GMC number.
    @Test func pageOneSaysWhatEachTypeIsAndFlagsAMissingGMCNumber() throws {
        var portfolio = try example("continuing-practice")
        portfolio.profile.gmcNumber = nil
        portfolio.profile.designatedBody = "NHS England (South West)"
        portfolio.profile.responsibleOfficer = "Dr R Officer"
        portfolio.profile.revalidationDate = CalendarDate("2027-03-31")
        portfolio.evidence.removeAll { $0.supportingInfoTypes(.bundled).contains("complaints-compliments") }
        portfolio.profile.declaredNone["complaints-compliments"] = NoneDeclaration(note: "")
        let markdown = try render(portfolio)
        let page1 = markdown.components(separatedBy: "# Contents")[0]
        #expect(page1.contains("✗ **GMC number not given**"))
        #expect(page1.contains("**Designated body:** NHS England (South West) · **Responsible officer:** Dr R Officer"))
        #expect(page1.contains("**Revalidation due:** 31 March 2027"))
        #expect(page1.contains("| Significant events | held privately: to be discussed at the meeting |"))
        #expect(page1.contains("| Review of complaints and compliments | ✓ declared none | section 11 |"))
        #expect(page1.contains("## Three things to discuss"))
        #expect(page1.contains("**Last year's plan:** 3 goals: 1 achieved, 1 carried forward, 1 dropped."))
        #expect(page1.contains("**CPD credits over the revalidation cycle:**"))
        #expect(markdown.contains("GMC number not given · 1 Oct 2025 to 30 Sep 2026\n:::"), "the running head says so too")
    }

    /// Feedback older than this year is brought forward with the next number after this
    /// period's items; everything else from earlier years is only counted.
    @Test func olderFeedbackIsBroughtForwardWithTheNextNumber() throws {
        var portfolio = try example("continuing-practice")
        let inPeriod = portfolio.evidence.filter { portfolio.period.contains($0.date) }.count
        portfolio.evidence.removeAll { $0.kind == .colleagueFeedback }
        portfolio.evidence.append(
            Evidence(
                id: "msf-2023", title: "Colleague MSF 2023", kind: .colleagueFeedback, date: CalendarDate("2023-05-01")!,
                reflection: Reflection(whatHappened: "a", whatLearned: "b", whatNext: "c"), links: ["mlcf:2.2"]))
        let markdown = try render(portfolio)
        let plan = EvidencePlan(portfolio: portfolio, framework: .mlcf, taxonomy: .bundled)
        let listed = plan.entries(at: .otherPeriod)
        #expect(listed.map(\.evidence.id) == ["msf-2023"])
        // After this period's items and the one the doctor chose to bring forward (cp-21).
        #expect(plan.count(at: .chosen) == 1)
        let number = inPeriod - 1 + 1 + 1
        #expect(listed.first?.number == number, "numbered straight after this period's items and the chosen ones")
        #expect(markdown.contains("| [E\(number)]{#e\(number)} | 1 May 2023 | Colleague MSF 2023 |"))
    }
}
