import Testing
@testable import PlannerCore

/// The plan finds the latest item of a kind or supporting-information type in its one pass
/// over the items; it must choose exactly what a plain search of every item chooses: the
/// latest date up to the end of the period, then the lowest number.
@Suite struct EvidencePlanTests {
    @Test(arguments: 1...20)
    func latestIsWhatASearchOfEveryItemFinds(_ seed: Int) throws {
        var random = LiveValidationTests.Random(state: UInt64(seed))
        var portfolio = try example("continuing-practice")
        let pool = portfolio.evidence
        let end = portfolio.period.end
        // Few dates, so that many items share one; some after the period; some name their own types.
        let days = [-900, -400, -30, -30, -1, 0, 0, 1, 40]
        portfolio.evidence = (0..<60).map { k in
            var item = pool[random.next() % pool.count]
            item.id = "item-\(k)"
            item.kind = random.pick(EvidenceKind.allCases)
            item.date = end.adding(days: random.pick(days))
            if random.next() % 4 == 0 {
                item.supportingInfo = Taxonomy.bundled.supportingInfoTypes.map(\.id).filter { _ in random.next() % 3 == 0 }
            }
            return item
        }
        let plan = EvidencePlan(portfolio: portfolio, framework: .mlcf, taxonomy: .bundled)
        for kind in EvidenceKind.allCases {
            for type in Taxonomy.bundled.supportingInfoTypes.map(\.id) {
                let expected = portfolio.evidence.indices
                    .filter { portfolio.evidence[$0].date <= end }
                    .filter { portfolio.evidence[$0].kind == kind || portfolio.evidence[$0].supportingInfoTypes(.bundled).contains(type) }
                    .max { a, b in
                        let (dateA, dateB) = (portfolio.evidence[a].date, portfolio.evidence[b].date)
                        return dateA != dateB ? dateA < dateB : plan.entry(forPortfolioIndex: a)!.number > plan.entry(forPortfolioIndex: b)!.number
                    }
                let found = plan.latest(kind: kind, type: type, taxonomy: .bundled)
                #expect(found?.index == expected, "seed \(seed): latest \(kind) or \(type)")
            }
        }
    }
}
