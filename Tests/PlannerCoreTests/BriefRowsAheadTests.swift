import Foundation
import Testing
@testable import PlannerCore

/// The brief table's rows made on a spare core while the plan is worked out must be the rows
/// the table would make itself, for exactly the items it lists, however far they got.
@Suite struct BriefRowsAheadTests {
    /// 1,500 items from the examples and the hostile file (Markdown metacharacters, Unicode,
    /// private items, unknown links), a third each in the period, in the five years before
    /// it, and older.
    func largePortfolio() throws -> Portfolio {
        var portfolio = try example("continuing-practice")
        let pool = try ["undergraduate", "postgraduate", "continuing-practice"].flatMap { try example($0).evidence } + hostilePortfolio().evidence
        let end = portfolio.period.end
        portfolio.evidence = (0..<1_500).map { k in
            var item = pool[(k * 7) % pool.count]
            item.id = "item-\(k)"
            item.date = end.adding(days: -[k % 300, 400 + (k * 3) % 1_400, 2_000 + k][k % 3])
            return item
        }
        return portfolio
    }

    func context(_ portfolio: Portfolio) -> ExportContext {
        ExportContext(portfolio: portfolio, report: Validator().validate(portfolio, today: fixedToday),
                      options: ExportOptions(allowFlagged: true), framework: .mlcf, taxonomy: .bundled)
    }

    func cellsMadeInPlace(_ context: ExportContext, _ index: Int) -> [UInt8] {
        var out: [UInt8] = []
        context.portfolio.evidence.withUnsafeBufferPointer { items in
            context.rowLabels.withLabels { ExportContext.appendBriefCells(items.baseAddress! + index, $0, context.elements, to: &out) }
        }
        return out
    }

    @Test func everyListedRowIsMadeAndTheSame() throws {
        let portfolio = try largePortfolio()
        let context = context(portfolio)
        let ahead = try #require(BriefRowsAhead(portfolio, labels: context.rowLabels, elements: context.elements))
        let made = ahead.finish()
        let listed = Set(context.plan.brief(at: .otherPeriod).map(\.index))
        #expect(listed.count > 400)
        for index in portfolio.evidence.indices {
            let cells = made.cells(of: index)
            #expect((cells != nil) == listed.contains(index), "item \(index)")
            if let cells { #expect(Array(cells) == cellsMadeInPlace(context, index), "item \(index)") }
        }
    }

    @Test func stoppedEarlyWhatWasMadeIsTheSame() throws {
        let portfolio = try largePortfolio()
        let context = context(portfolio)
        let ahead = try #require(BriefRowsAhead(portfolio, labels: context.rowLabels, elements: context.elements))
        let made = ahead.stop()
        for index in portfolio.evidence.indices {
            if let cells = made.cells(of: index) { #expect(Array(cells) == cellsMadeInPlace(context, index)) }
        }
    }

    /// In the document, every row of the table is its number, then the cells the table
    /// would make itself, however far the spare core got; smaller portfolios make none ahead.
    @Test func theTableInTheDocumentIsTheSameWithRowsMadeAhead() throws {
        let portfolio = try largePortfolio()
        let report = Validator().validate(portfolio, today: fixedToday)
        let markdown = try MarkdownExporter.render(portfolio, report: report, options: ExportOptions(allowFlagged: true))
        let context = context(portfolio)
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| [E") && $0.contains("]{#e") }
        let listed = context.plan.brief(at: .otherPeriod)
        #expect(rows.count == listed.count)
        for (row, (index, number)) in zip(rows, listed) {
            #expect(row == "| [E\(number)]{#e\(number)} | " + String(decoding: cellsMadeInPlace(context, index), as: UTF8.self))
        }
        var smaller = portfolio
        smaller.evidence.removeLast(smaller.evidence.count - 999)
        #expect(BriefRowsAhead(smaller, labels: context.rowLabels, elements: context.elements) == nil)
    }
}
