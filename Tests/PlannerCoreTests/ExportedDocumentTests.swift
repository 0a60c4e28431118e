import Foundation
import PlannerCore
import Testing

/// The document exported for a period is kept with it: recorded in the profile, archived with
/// the year by a new period (which starts with none), and shown again with the archived year.
@Suite struct ExportedDocumentTests {
    static let sent = ExportedDocument(file: "p-appraisal-2025-26.md", date: CalendarDate(year: 2026, month: 9, day: 1)!, bytes: 48_211)

    @Test func aNewPeriodArchivesTheDocumentSentAndStartsWithNone() throws {
        var portfolio = readyContinuingPortfolio()
        portfolio.recordExport(Self.sent)
        #expect(portfolio.profile.exported == Self.sent)
        try portfolio.startNewPeriod(today: portfolio.profile.periodEnd)
        #expect(portfolio.profile.exported == nil, "the new year has sent nothing yet")
        #expect(portfolio.history.last?.exported == Self.sent)
        #expect(portfolio.asArchived(portfolio.history.count - 1).profile.exported == Self.sent)
    }

    @Test func theRecordSavesAndLoadsBack() throws {
        var portfolio = readyContinuingPortfolio()
        portfolio.recordExport(Self.sent)
        try portfolio.startNewPeriod(today: portfolio.profile.periodEnd)
        portfolio.recordExport(ExportedDocument(file: "p-appraisal-2026-27.md", date: CalendarDate(year: 2027, month: 9, day: 1)!, bytes: 1))
        let saved = try PortfolioStore.encode(portfolio)
        #expect(try PortfolioStore.decode(saved, path: "p.json") == portfolio)
    }
}
