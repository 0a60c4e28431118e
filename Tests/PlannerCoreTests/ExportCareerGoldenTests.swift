import Foundation
import PlannerCore
import Testing

@testable import PlannerExport

/// A career's worth of evidence, exported: hundreds of entries, a long table of other
/// periods' items, archived items counted rather than listed, compared with a golden file
/// recorded by an earlier exporter.
@Suite struct ExportCareerGoldenTests {
    @Test(arguments: [Stage.continuingPractice, .postgraduate])
    func careerExportMatchesGolden(_ stage: Stage) throws {
        let portfolio = try careerPortfolio(stage: stage)
        let report = Validator(framework: .mlcf, catalog: .bundled).validate(portfolio, today: fixedToday)
        let markdown = try MarkdownExporter.render(
            portfolio, report: report,
            options: ExportOptions(allowFlagged: true, date: date("2026-09-30")), catalog: .bundled)
        try expectGolden(markdown, named: "career-\(stage.rawValue).md")
    }

    @Test func careerPortfolioTakesEveryPath() throws {
        let portfolio = try careerPortfolio(stage: .continuingPractice)
        let plan = EvidencePlan(portfolio: portfolio, framework: .mlcf, taxonomy: .bundled)
        #expect(plan.inPeriodEntries.count >= 64, "many entries printed in full")
        #expect(plan.count(at: .archived) >= 500, "the career is counted, not listed")
        #expect(plan.count(at: .otherPeriod) <= 4, "at most the latest feedback of each kind is brought forward")
    }

    /// 700 items made from the bundled examples' and the hostile file's evidence (Markdown
    /// metacharacters, Unicode, private items, unknown links), dated back from the end of
    /// the continuing-practice example's period: 100 in the period, 300 over the five
    /// years before it, 300 older.
    func careerPortfolio(stage: Stage) throws -> Portfolio {
        var portfolio = try example("continuing-practice")
        let pool = try ["undergraduate", "postgraduate", "continuing-practice"].flatMap { try example($0).evidence } + hostilePortfolio().evidence
        var day = portfolio.period.end
        var evidence: [Evidence] = []
        for k in 0..<700 {
            var item = pool[(k * 7) % pool.count]
            item.id = String(format: "career-%04d", k)
            item.title += " (\(k))"
            item.date = day
            // The career is counted: none of the copies is one the doctor chose to bring forward.
            item.bringForward = nil
            evidence.append(item)
            day = day.adding(days: -(k < 100 ? 3 : k < 400 ? 6 : 10))
        }
        portfolio.evidence = evidence
        portfolio.profile.stage = stage
        return portfolio
    }
}
