import PlannerCore
import Testing

@testable import PlannerExport

/// The plan's choices the document depends on: the latest item of a kind or type, and the
/// elements an item's links name.
@Suite struct EvidencePlanTests {
    /// The latest item must be exactly what a plain search of every item chooses: the
    /// latest date up to the end of the period, then the lowest number.
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
            item.kind = random.pick(Taxonomy.bundled.kinds)
            item.date = end.adding(days: random.pick(days))
            if random.next() % 4 == 0 {
                item.supportingInfo = Taxonomy.bundled.supportingInfoTypes.map(\.id).filter { _ in random.next() % 3 == 0 }
            }
            return item
        }
        let plan = EvidencePlan(portfolio: portfolio, framework: .mlcf, taxonomy: .bundled)
        for kind in Taxonomy.bundled.kinds {
            for type in Taxonomy.bundled.supportingInfoTypes.map(\.id) {
                let expected = portfolio.evidence.indices
                    .filter { portfolio.evidence[$0].date <= end }
                    .filter { portfolio.evidence[$0].kind == kind || portfolio.evidence[$0].supportingInfoTypes(.bundled).contains(type) }
                    .max { a, b in
                        let (dateA, dateB) = (portfolio.evidence[a].date, portfolio.evidence[b].date)
                        return dateA != dateB ? dateA < dateB : plan.entry(forPortfolioIndex: a)!.number > plan.entry(forPortfolioIndex: b)!.number
                    }
                let found = plan.latest(kind: kind, type: type)
                #expect(found?.index == expected, "seed \(seed): latest \(kind) or \(type)")
            }
        }
    }

    /// The elements the links name, each once in the order first named: through a
    /// competence, as a whole, or any other text under an element's number; not "9.9".
    @Test func elementPositionsAreEachElementOnceInLinkOrder() {
        let positions = EvidencePlan.elementPositions(
            of: ["mlcf:4.3.b", "mlcf:1.2", "mlcf:4.3", "mlcf:9.9", "mlcf:1.2.a", "mlcf:2.1.c", "mlcf:3.1.zz"], in: .mlcf)
        #expect(positions.map { Framework.mlcf.elements[$0].id } == ["4.3", "1.2", "2.1", "3.1"])
    }

    /// An entry's home is the first element in framework order that a link names as a
    /// whole or through one of its competences; other text under a number does not count.
    @Test func firstElementIsTheEarliestInTheFrameworkOfRealLinks() {
        #expect(
            EvidencePlan.firstElement(of: ["mlcf:4.3.b", "mlcf:2.1", "mlcf:1.1.zz", "mlcf:9.9"], in: .mlcf).map { Framework.mlcf.elements[$0].id } == "2.1")
        #expect(EvidencePlan.firstElement(of: ["1.1.zz", "9.9", ""], in: .mlcf) == nil)
    }

    @Test func aKindsPositionIsItsPlaceInTheTaxonomy() {
        for (position, kind) in Taxonomy.bundled.kinds.enumerated() { #expect(Taxonomy.bundled.position(of: kind) == position, "\(kind)") }
        #expect(Taxonomy.bundled.position(of: EvidenceKind("blog")) == nil)
    }
}
