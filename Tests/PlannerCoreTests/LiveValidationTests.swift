import Foundation
import PlannerCore
import Testing

@testable import PlannerRules

/// The validation kept item by item (issue 8) must say exactly what a validation from scratch
/// says, after any sequence of edits: same findings in the same order, same coverage.
@Suite struct LiveValidationTests {
    struct Random {
        var state: UInt64
        mutating func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        mutating func pick<T>(_ items: [T]) -> T { items[next() % items.count] }
    }

    static let texts = [
        "Plain text.", " padded ", "", "DOB 12/03/1956", "NHS 943 476 5919", "call 07700 900123", "SW1A 1AA",
        "MRN 1234567", "mail jo@example.com", "Mar. 3, 1940", "İstanbul MRN 55555", "12 weeks in 2019", "   ",
        String(repeating: "x", count: 250),
    ]
    static let links = ["mlcf:1.1.a", "mlcf:1.1", "mlcf:2.3.b", "mlcf:4.2", "mlcf:5.4.d", "mlcf:9.9", "mlcf:1.2.x", "mlcf:3.1.c"]
    static let dates = ["2020-01-01", "2025-10-01", "2026-03-15", "2026-09-30", "2026-10-01", "2027-01-01", "2021-11-30"]

    static func expectSame(_ live: LiveValidation, _ portfolio: Portfolio, _ today: CalendarDate, _ step: String) {
        let full = Validator(framework: .mlcf, catalog: .bundled).validate(portfolio, today: today)
        #expect(live.report.findings == full.findings, "\(step): findings differ")
        #expect(live.report.coverage == full.coverage, "\(step): coverage differs")
    }

    @Test(arguments: ["continuing-practice", "postgraduate", "undergraduate", "gp-not-ready"])
    func itemByItemEqualsFromScratch(_ name: String) throws {
        var portfolio = try example(name)
        var live = LiveValidation(portfolio: portfolio, validator: Validator(framework: .mlcf, catalog: .bundled), today: fixedToday)
        LiveValidationTests.expectSame(live, portfolio, fixedToday, "\(name) at start")
        var random = Random(state: UInt64(name.count) * 7919)
        for step in 0..<160 {
            let what = random.next() % 10
            let count = portfolio.evidence.count
            switch what {
            case 0...3 where count > 0:
                // Change one item in place.
                let index = random.next() % count
                var item = portfolio.evidence[index]
                switch random.next() % 8 {
                case 0: item.title = random.pick(LiveValidationTests.texts)
                case 1: item.reflection.whatLearned = random.pick(LiveValidationTests.texts)
                case 2: item.links = (0..<(random.next() % 4)).map { _ in random.pick(LiveValidationTests.links) }
                case 3: item.date = CalendarDate(random.pick(LiveValidationTests.dates))!
                case 4: item.cpdCredits = random.pick([nil, 1, 2.5, 0.1, 0.7, -3, 12])
                case 5: item.kind = random.pick(Taxonomy.bundled.kinds)
                case 6: item.id = random.pick(["ev-dup", portfolio.evidence[0].id, "ev-\(step)"])
                default: item.supportingInfo = random.pick([nil, [], ["cpd"], ["patient-feedback", "nonsense"]])
                }
                portfolio.evidence[index] = item
                live.update(portfolio, changedEvidenceAt: index)
            case 4, 5:
                let index = random.next() % (count + 1)
                var item = count > 0 ? portfolio.evidence[random.next() % count] : readyContinuingPortfolio().evidence[0]
                item.id = random.next() % 3 == 0 ? (portfolio.pdp.first?.id ?? "pdp-x") : "new-\(step)"
                item.date = CalendarDate(random.pick(LiveValidationTests.dates))!
                portfolio.evidence.insert(item, at: index)
                live.update(portfolio, insertedEvidenceAt: index)
            case 6 where count > 0:
                let indices = Array(Set((0..<(1 + random.next() % 2)).map { _ in random.next() % count }))
                for index in indices.sorted(by: >) { portfolio.evidence.remove(at: index) }
                live.update(portfolio, removedEvidenceAt: indices)
            case 7:
                let element = random.pick(Framework.mlcf.elements).id
                portfolio.ratings[element] = random.next() % 3 == 0 ? nil : Rating(level: random.next() % 6, note: random.pick(LiveValidationTests.texts))
                live.update(portfolio)
            case 8:
                if random.next() % 2 == 0 {
                    portfolio.profile.periodEnd = portfolio.profile.periodEnd.adding(days: random.pick([-40, 40]))
                } else {
                    portfolio.profile.stage = random.pick(Stage.allCases)
                }
                live.update(portfolio)
            default:
                portfolio.pdp.append(Goal(id: random.pick(["pdp-new", portfolio.evidence.first?.id ?? "x"]), title: random.pick(LiveValidationTests.texts)))
                live.update(portfolio)
            }
            LiveValidationTests.expectSame(live, portfolio, fixedToday, "\(name) step \(step) (\(what))")
        }
    }

    @Test func largePortfoliosAreCheckedOnAllCoresTheSame() throws {
        // Above the size where the checks are shared out over threads.
        let base = try example("continuing-practice")
        var portfolio = base
        for copy in 0..<120 {
            for var item in base.evidence {
                item.id += "-\(copy)"
                if copy % 7 == 0 { item.description += " MRN 1234567" }
                portfolio.evidence.append(item)
            }
        }
        #expect(portfolio.evidence.count > 2_000)
        let live = LiveValidation(portfolio: portfolio, validator: Validator(framework: .mlcf, catalog: .bundled), today: fixedToday)
        // Against the rule-by-rule path of the context, run item by item in one thread.
        var context = CheckContext(
            portfolio: portfolio, coverage: Coverage(portfolio: portfolio, framework: .mlcf), today: fixedToday, framework: .mlcf,
            catalog: .bundled, limits: StageRules.bundled.limits)
        for (rule, severity) in StageRules.bundled.active(for: portfolio.stage) { context.run(rule, severity) }
        let expected = Severity.allCases.flatMap { severity in context.findings.filter { $0.severity == severity } }
        #expect(live.report.findings == expected)
        #expect(live.report.coverage == Coverage(portfolio: portfolio, framework: .mlcf))
    }

    /// A framework of 20 domains and 80 elements: more than a 64-bit mask holds.
    static func wideFramework() throws -> Framework {
        let domains = (1...20).map { d in
            [
                "id": "\(d)", "name": "Domain \(d)", "summary": "",
                "items": (1...4).map { e in
                    [
                        "id": "\(d).\(e)", "name": "Element \(d).\(e)", "summary": "",
                        "examples": ["undergraduate": "u", "postgraduate": "p", "continuing-practice": "c"],
                        "items": ["a", "b", "c", "d"].map { ["id": "\(d).\(e).\($0)", "name": "Competence \($0)"] },
                    ] as [String: Any]
                },
            ] as [String: Any]
        }
        let pack: [String: Any] = ["id": "wide", "title": "Wide", "scale": ["Low", "Mid", "High", "Top"], "items": domains]
        return try Framework(data: JSONSerialization.data(withJSONObject: pack))
    }

    @Test func aFrameworkOfAnySizeIsCountedTheSameWay() throws {
        let wide = try LiveValidationTests.wideFramework()
        #expect(wide.elements.count == 80)
        let validator = Validator(framework: wide, catalog: .bundled)
        var portfolio = readyContinuingPortfolio()
        let reflection = portfolio.evidence[0].reflection
        portfolio.evidence = [
            Evidence(
                id: "a", title: "A", kind: .cpd, date: date("2026-01-01"), reflection: reflection,
                links: ["wide:20.4.a", "wide:20.4.b", "wide:20.1", "wide:17.2.c"]),
            Evidence(
                id: "b", title: "B", kind: .teaching, date: date("2020-01-01"), reflection: reflection, links: ["wide:20.4.a", "wide:20.4.x", "wide:99.1"]),
        ]
        var live = LiveValidation(portfolio: portfolio, validator: validator, today: fixedToday)
        let coverage = live.report.coverage
        #expect(coverage == Coverage(portfolio: portfolio, framework: wide))
        #expect(coverage.competence("20.4.a") == .init(inPeriod: 1, allTime: 2))
        #expect(coverage.element("20.4") == .init(inPeriod: 1, allTime: 2))
        #expect(coverage.domain("20") == .init(inPeriod: 1, allTime: 2))
        #expect(coverage.element("17.2") == .init(inPeriod: 1, allTime: 1))
        #expect(coverage.kindsByDomain["20"] == [.cpd])
        // Shares taken away and added again as items change give what a count afresh gives.
        portfolio.evidence[0].links = ["wide:1.1.a", "wide:20.4"]
        live.update(portfolio, changedEvidenceAt: 0)
        #expect(live.report.coverage == validator.validate(portfolio, today: fixedToday).coverage)
        #expect(live.report.coverage.element("17.2") == .init())
        #expect(live.report.coverage.element("20.4") == .init(inPeriod: 1, allTime: 2))
        portfolio.evidence.remove(at: 1)
        live.update(portfolio, removedEvidenceAt: [1])
        #expect(live.report.coverage == Coverage(portfolio: portfolio, framework: wide))
        #expect(live.report.coverage.competence("20.4.a") == .init())
        // The list's element filter, past the 64th element, still sees the item.
        #expect(live.evidence([0], linkedTo: "20.4", in: portfolio) == [0])
    }
}
