import Foundation
import PlannerCore
import Testing

@testable import PlannerModel
@testable import PlannerRules

/// One passing case (the ready base portfolio has no findings at all) and one failing
/// case per rule: each mutation must raise exactly the rule it targets.
@Suite struct ValidatorTests {
    let validator = Validator(framework: .mlcf, catalog: .bundled)

    func findings(_ portfolio: Portfolio) -> [Finding] { validator.validate(portfolio, today: fixedToday).findings }

    @Test func readyBaseHasNoFindings() {
        let report = validator.validate(readyContinuingPortfolio(), today: fixedToday)
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
        #expect(report.isReady)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let code: String
        let severity: Severity
        let stage: Stage
        let mutate: @Sendable (inout Portfolio) -> Void
        let location: FindingLocation?
        var testDescription: String { "\(code) at \(stage.rawValue)" }
        init(
            _ code: String, _ severity: Severity, _ stage: Stage = .continuingPractice, at location: FindingLocation? = nil,
            _ mutate: @escaping @Sendable (inout Portfolio) -> Void
        ) {
            self.code = code; self.severity = severity; self.stage = stage; self.mutate = mutate; self.location = location
        }
    }

    static let cases: [Case] = [
        Case("structure.profile", .error, at: .profile("name")) { $0.profile.name = "  " },
        Case("structure.profile", .error, at: .profile("periodStart")) { $0.profile.periodStart = date("2026-10-02") },
        Case("structure.gmc-number", .error, at: .profile("gmcNumber")) { $0.profile.gmcNumber = "12345" },
        Case("structure.duplicate-id", .error, at: FindingLocation(evidenceID: "ev-0001")) { $0.evidence[1].id = "ev-0001" },
        Case("structure.unknown-link", .error, at: FindingLocation(evidenceID: "ev-0001", field: "links")) { $0.evidence[0].links.append("mlcf:9.9.z") },
        Case("structure.unknown-link", .error, at: FindingLocation(goalID: "pdp-0001", field: "links")) { $0.pdp[0].links.append("mlcf:3.5") },
        Case("structure.future-date", .error, at: FindingLocation(evidenceID: "ev-0001", field: "date")) {
            $0.evidence[0].date = date("2026-11-24");
            $0.evidence.append(
                Evidence(id: "ev-x", title: "cover", kind: .cpd, date: date("2026-01-01"), reflection: $0.evidence[0].reflection, links: $0.evidence[0].links))
        },
        Case("structure.text", .error, at: FindingLocation(evidenceID: "ev-0001", field: "title")) {
            $0.evidence[0].title = String(repeating: "x", count: 201)
        },
        Case("structure.text", .error, at: FindingLocation(evidenceID: "ev-0001", field: "description")) {
            $0.evidence[0].description = String(repeating: "x", count: 20_001)
        },
        Case("structure.text", .warning, at: FindingLocation(evidenceID: "ev-0002", field: "title")) { $0.evidence[1].title += " " },
        Case("structure.tags", .error, at: FindingLocation(evidenceID: "ev-0001")) { $0.evidence[0].gmcAreas = ["golf"] },
        Case("structure.tags", .error, at: FindingLocation(domain: "1", element: "1.1", field: "rating")) { $0.ratings["mlcf:1.1"] = Rating(level: 7) },
        Case("structure.tags", .error, at: FindingLocation(evidenceID: "ev-0001", field: "cpdCredits")) { $0.evidence[0].cpdCredits = -3 },
        Case("evidence.unlinked", .warning, at: FindingLocation(evidenceID: "ev-x", field: "links")) {
            $0.evidence.append(Evidence(id: "ev-x", title: "Loose", kind: .other, date: date("2026-01-01"), reflection: $0.evidence[0].reflection))
        },
        Case("evidence.after-period", .info, at: FindingLocation(evidenceID: "ev-x", field: "date")) {
            $0.evidence.append(
                Evidence(id: "ev-x", title: "Late", kind: .other, date: date("2026-10-05"), reflection: $0.evidence[0].reflection, links: ["mlcf:1.1"]))
        },
        Case("coverage.domain", .error, at: FindingLocation(domain: "5")) { p in p.evidence.removeAll { $0.links.contains { $0.hasPrefix("mlcf:5.") } } },
        Case("coverage.element", .warning, at: FindingLocation(domain: "3", element: "3.2")) { p in p.evidence.removeAll { $0.links == ["mlcf:3.2.a"] } },
        Case("coverage.element", .error, .postgraduate, at: FindingLocation(domain: "3", element: "3.2")) { p in
            p.evidence.removeAll { $0.links == ["mlcf:3.2.a"] }
        },
        Case("coverage.kind-variety", .warning, at: FindingLocation(domain: "2")) { p in for i in 4..<8 { p.evidence[i].kind = .reflectiveNote } },
        Case("evidence.reflection", .warning, at: FindingLocation(evidenceID: "ev-0003", field: "reflection")) { $0.evidence[2].reflection.whatLearned = " " },
        Case("evidence.reflection", .error, .undergraduate, at: FindingLocation(evidenceID: "ev-0003", field: "reflection")) {
            $0.evidence[2].reflection = Reflection()
        },
        Case("evidence.confirmation", .warning, .postgraduate, at: FindingLocation(evidenceID: "ev-0001", field: "confirmation")) {
            $0.evidence[0].confirmation = nil
        },
        Case("feedback.colleague", .error, .postgraduate) { p in p.evidence.removeAll { $0.kind == .colleagueFeedback } },
        Case("feedback.colleague-cycle", .warning) { p in p.evidence.removeAll { $0.kind == .colleagueFeedback } },
        Case("feedback.patient-cycle", .warning) { p in p.evidence.removeAll { $0.kind == .patientFeedback } },
        Case("gmc.supporting-info", .error, at: FindingLocation(field: "supportingInfo.significant-events")) { p in
            for i in p.evidence.indices where p.evidence[i].kind == .significantEvent { p.evidence[i].kind = .reflectiveNote }
        },
        Case("gmc.supporting-info", .warning, at: FindingLocation(field: "supportingInfo.patient-feedback")) { p in
            for i in p.evidence.indices where p.evidence[i].kind == .patientFeedback { p.evidence[i].date = date("2024-01-01") }
        },
        Case("cpd.credits", .warning) { p in for i in p.evidence.indices where p.evidence[i].kind == .cpd { p.evidence[i].cpdCredits = 5 } },
        Case("rating.missing", .info, at: FindingLocation(domain: "2", element: "2.3", field: "rating")) { $0.ratings["mlcf:2.3"] = nil },
        Case("rating.missing", .warning, .postgraduate, at: FindingLocation(domain: "2", element: "2.3", field: "rating")) {
            $0.ratings["mlcf:2.3"] = Rating(level: 0)
        },
        Case("pdp.goals", .error, at: FindingLocation(field: "pdp")) { $0.pdp = [] },
        Case("pdp.goals", .warning, .undergraduate, at: FindingLocation(field: "pdp")) { $0.pdp = [] },
        Case("pdp.review", .error, at: FindingLocation(goalID: "pdp-0002", field: "review")) { $0.previousPdp[0].reviewNote = "" },
        Case("pdp.review", .error, at: FindingLocation(goalID: "pdp-0002", field: "review")) { $0.previousPdp[0].status = .inProgress },
        Case("pdp.smart", .warning, at: FindingLocation(goalID: "pdp-0001")) { $0.pdp[0].targetDate = date("2026-05-01") },
        Case("pdp.smart", .warning, at: FindingLocation(goalID: "pdp-0001")) { $0.pdp[0].measure = "" },
        Case("profile.declarations", .warning, at: .profile("healthStatement")) { $0.profile.healthStatement = "" },
        Case("profile.scope-of-work", .warning, at: .profile("scopeOfWork")) { $0.profile.scopeOfWork = [] },
        Case("profile.reviewer", .info, at: .profile("appraiser")) { $0.profile.appraiser = "" },
        Case("pii.nhs-number", .warning, at: FindingLocation(evidenceID: "ev-0004", field: "reflection: what I learned")) {
            $0.evidence[3].reflection.whatLearned = "Patient 943 476 5919 taught me a lot."
        },
        Case("pii.email", .warning, at: FindingLocation(goalID: "pdp-0001", field: "activities")) { $0.pdp[0].activities = "Write to j.bloggs@example.nhs.uk" },
    ]

    @Test(arguments: cases)
    func eachRuleFires(_ c: Case) {
        var portfolio = readyContinuingPortfolio()
        portfolio.profile.stage = c.stage
        let baseline = Set(findings(portfolio).map(\.code))
        c.mutate(&portfolio)
        let all = findings(portfolio)
        let hits = all.filter { $0.code == c.code }
        #expect(!hits.isEmpty, "no \(c.code) in \(all.map { "\($0.code): \($0.message)" })")
        #expect(hits.contains { $0.severity == c.severity }, "\(hits.map(\.severity))")
        if let location = c.location { #expect(hits.contains { $0.location == location }, "\(hits.map(\.location))") }
        #expect(!baseline.contains(c.code), "\(c.code) already fired before the mutation")
        for hit in hits { #expect(!hit.message.isEmpty && hit.message.last == "." || hit.message.contains("remove or anonymise")) }
    }

    @Test func readinessFollowsErrorsOnly() {
        var p = readyContinuingPortfolio()
        p.ratings = [:]  // only info at this stage
        #expect(validator.validate(p, today: fixedToday).isReady)
        p.pdp = []  // an error
        #expect(!validator.validate(p, today: fixedToday).isReady)
    }

    @Test func coverageCountsEachItemOncePerElementAndDomain() {
        var p = readyContinuingPortfolio()
        p.evidence = [
            Evidence(id: "a", title: "A", kind: .cpd, date: date("2026-01-01"), links: ["mlcf:1.1.a", "mlcf:1.1.b", "mlcf:1.2", "mlcf:2.1.c"]),
            Evidence(id: "b", title: "B", kind: .teaching, date: date("2020-01-01"), links: ["mlcf:1.1.a"]),
        ]
        let c = Coverage(portfolio: p, framework: .mlcf)
        #expect(c.competence("1.1.a") == .init(inPeriod: 1, allTime: 2))
        #expect(c.competence("1.1.b") == .init(inPeriod: 1, allTime: 1))
        #expect(c.element("1.1") == .init(inPeriod: 1, allTime: 2))
        #expect(c.element("1.2") == .init(inPeriod: 1, allTime: 1))
        #expect(c.domain("1") == .init(inPeriod: 1, allTime: 2))
        #expect(c.domain("2") == .init(inPeriod: 1, allTime: 1))
        #expect(c.domain("3") == .init(inPeriod: 0, allTime: 0))
        #expect(c.evidenceInPeriod == 1 && c.evidenceTotal == 2)
    }

    @Test func rulesFileDrivesSeverity() throws {
        var object = try JSONSerialization.jsonObject(with: Data(PackageResources.default_rules_json)) as! [String: Any]
        var rules = object["rules"] as! [[String: Any]]
        let index = rules.firstIndex { ($0["code"] as? String) == "pdp.goals" }!
        rules[index]["severity"] = ["continuing-practice": "info"]
        object["rules"] = rules
        let custom = try StageRules(data: JSONSerialization.data(withJSONObject: object))
        var p = readyContinuingPortfolio()
        p.pdp = []
        let report = Validator(framework: .mlcf, catalog: Catalog(frameworks: Catalog.bundled.frameworks, taxonomy: .bundled, rules: custom)).validate(
            p, today: fixedToday)
        #expect(report.isReady)
        #expect(report.findings.contains { $0.code == "pdp.goals" && $0.severity == .info })
        rules[index]["severity"] = ["consultant": "error"]
        object["rules"] = rules
        #expect(throws: StageRulesError.self) { try StageRules(data: JSONSerialization.data(withJSONObject: object)) }
    }
}
