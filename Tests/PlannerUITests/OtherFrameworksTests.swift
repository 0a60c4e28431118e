import Foundation
import PlannerCore
import TestSupport
import Testing

@testable import PlannerUI

/// Issue 14, "done when": the Healthcare Leadership Model works end to end (browse, link,
/// rate on its own scale, coverage, export), and a framework pack from outside, of another
/// shape and scale, is checked, offered and used the same way.
@Suite struct OtherFrameworksTests {
    static func state(_ portfolio: Portfolio, catalog: Catalog) -> AppState {
        AppState(
            portfolio: portfolio, path: "/home/doctor/p.json", width: 100, height: 30, today: fixedToday,
            validator: Validator(for: portfolio, catalog: catalog))
    }

    static func using(_ frameworks: [String], _ name: String = "postgraduate") -> Portfolio {
        var portfolio = examplePortfolio(name)
        portfolio.profile.frameworks = frameworks
        return portfolio
    }

    @Test func theHLMIsBrowsedRatedOnItsOwnScaleLinkedCountedAndExported() throws {
        var state = Self.state(Self.using(["mlcf", "hlm"]), catalog: .bundled)
        #expect(state.validator.framework.id == "mlcf", "the stage rules judge by the first framework")
        state.press(.character("w"))
        state.press(.character("F"))
        #expect(state.framework.id == "hlm")
        #expect(state.currentElement.name == "Inspiring shared purpose")
        #expect(state.render().text.contains("Inspiring shared purpose"))
        // Rated on the HLM's four levels, by its own labels.
        #expect(state.press(.character("3")) == [.save])
        #expect(state.portfolio.ratings["hlm:1"]?.level == 3)
        #expect(state.status?.contains("Strong") == true)
        state.press(.character("5"))
        #expect(state.statusIsError && state.portfolio.ratings["hlm:1"]?.level == 3, "5 is beyond a four-level scale")
        // Linking evidence the doctor already has.
        state.press(.character("L"))
        guard case .linkExisting(let picker) = state.modal else {
            Issue.record("no evidence picker")
            return
        }
        let target = state.portfolio.evidence[picker.candidates[0]].id
        state.press(.enter)
        #expect(state.portfolio.evidence(withID: target)!.links.contains("hlm:1"))
        #expect(state.evidence(linkedTo: "1").count == 1)
        #expect(state.coverage.element("1").allTime == 1)
        // The MLCF's coverage is untouched by an HLM link.
        #expect(state.report.coverage == Coverage(portfolio: state.portfolio, framework: .mlcf))
        // The browser shows the HLM, in its own level names.
        state.press(.character("f"))
        #expect(state.render().text.contains("Evaluating information"))
        // The portfolio validates (the HLM link and rating are known) and the export maps it.
        let report = state.validator.validate(state.portfolio, today: fixedToday)
        #expect(!report.findings.contains { $0.code == "structure.unknown-link" || $0.message.contains("hlm") })
        let markdown = try MarkdownExporter.render(state.portfolio, report: report, options: ExportOptions(date: fixedToday), catalog: .bundled)
        #expect(markdown.contains("Also mapped to the Healthcare Leadership Model"))
        #expect(markdown.contains("| 1 Inspiring shared purpose | 1 (1) | 3 Strong |"))
        #expect(markdown.contains("hlm:1 Inspiring shared purpose"), "the item's links name the HLM dimension")
    }

    @Test func linksAndRatingsBeyondAFrameworkAreFindings() {
        var portfolio = Self.using(["mlcf", "hlm"])
        portfolio.evidence[0].links.append("hlm:10")
        portfolio.ratings["hlm:2"] = Rating(level: 5)
        portfolio.ratings["hlm:99"] = Rating(level: 1)
        let findings = Validator(for: portfolio, catalog: .bundled).validate(portfolio, today: fixedToday).findings
        #expect(findings.contains { $0.message.contains("“hlm:10”") })
        #expect(findings.contains { $0.message.contains("hlm:2 is 5") && $0.message.contains("to 4") })
        #expect(findings.contains { $0.message.contains("“hlm:99”") })
    }

    @Test func thePortfolioChoosesItsFrameworksInTheProfile() {
        var state = Self.state(examplePortfolio("postgraduate"), catalog: .bundled)
        state.press(.character("F"))
        #expect(state.framework.id == "mlcf" && state.status?.contains("one framework") == true)
        state.press(.character("u"))
        guard var form = state.profileForm, let field = form.index(of: "frameworks") else {
            Issue.record("no frameworks field in the profile")
            return
        }
        form.fields[field].set("hlm, nowhere")
        state.profileForm = form
        state.press(.ctrl("s"))
        #expect(state.statusIsError && state.status?.contains("“nowhere”") == true, "\(state.status ?? "")")
        form.fields[field].set("hlm mlcf")
        state.profileForm = form
        state.press(.ctrl("s"))
        #expect(state.portfolio.profile.frameworks == ["hlm", "mlcf"])
        // The HLM comes first now: the stage rules judge by it.
        #expect(state.validator.framework.id == "hlm")
        #expect(state.framework.id == "hlm")
    }

    @Test func aPackFromOutsideIsCheckedOfferedAndUsed() throws {
        let folder = TempFolder()
        let packs = folder.url.appendingPathComponent("mlcf/frameworks")
        try FileManager.default.createDirectory(at: packs, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("Tests/fixtures/framework-pack-deanery.json"),
            to: packs.appendingPathComponent("deanery.json"))
        try Data(#"{"id": "broken", "title": "", "scale": ["only"], "items": []}"#.utf8).write(to: packs.appendingPathComponent("broken.json"))
        let catalog = Catalog.forUser(environment: ["XDG_DATA_HOME": folder.url.path])
        let pack = try #require(catalog.frameworks.framework("north-deanery"))
        #expect(pack.depth == 2 && pack.scale.count == 3 && pack.levelNames.unit == "outcome")
        #expect(catalog.frameworks.rejected.count == 1 && catalog.frameworks.rejected[0].path.hasSuffix("broken.json"))

        var state = Self.state(Self.using(["mlcf", "north-deanery"]), catalog: catalog)
        state.press(.character("w"), .character("F"))
        #expect(state.currentElement.id == "A1")
        state.press(.character("3"))
        #expect(state.portfolio.ratings["north-deanery:A1"]?.level == 3)
        #expect(state.status?.contains("Leading") == true)
        state.press(.character("4"))
        #expect(state.statusIsError, "a three-level scale has no 4")
        state.press(.character("L"), .enter)
        let report = state.validator.validate(state.portfolio, today: fixedToday)
        #expect(!report.findings.contains { $0.message.contains("north-deanery") }, "\(report.findings.map(\.message))")
        let markdown = try MarkdownExporter.render(state.portfolio, report: report, options: ExportOptions(date: fixedToday), catalog: catalog)
        #expect(markdown.contains("Also mapped to the Northern Deanery clinical leadership outcomes"))
        #expect(markdown.contains("| A1 Runs a safe handover | 1 (1) | 3 Leading |"))
        // Without the pack (another machine), its links and ratings are findings, never lost.
        let elsewhere = Validator(for: state.portfolio, catalog: .bundled).validate(state.portfolio, today: fixedToday)
        #expect(elsewhere.findings.contains { $0.message.contains("north-deanery:A1") })
    }
}
