import Foundation
import PlannerCore
import Testing

@testable import PlannerExport
@testable import PlannerModel
@testable import PlannerStorage

/// Issue 14: a kind of evidence is data. A taxonomy file with one more kind is all it takes
/// for the validator to accept it, count it toward its GMC type and for the export to name
/// it; the built-in taxonomy, which does not know it, keeps the item and reports the kind.
@Suite struct EvidenceKindDataTests {
    /// The ready portfolio with its quality-improvement items recorded as simulations.
    static func simulationPortfolio() -> Portfolio {
        var portfolio = readyContinuingPortfolio()
        for index in portfolio.evidence.indices where portfolio.evidence[index].kind == .qualityImprovement {
            portfolio.evidence[index].kind = simulationKind
        }
        return portfolio
    }

    @Test func theFixtureIsTheBuiltInTaxonomyPlusOneKind() throws {
        let extra = try extraKindTaxonomy()
        #expect(extra.kinds.filter { $0 != simulationKind } == Taxonomy.bundled.kinds)
        #expect(extra.isKnown(simulationKind) && !Taxonomy.bundled.isKnown(simulationKind))
    }

    /// The schema describes a valid file, so its kinds are the built-in taxonomy's.
    @Test func theSchemaListsTheBuiltInKinds() throws {
        let schema = try JSONSerialization.jsonObject(with: Data(PackageResources.portfolio_schema_json)) as! [String: Any]
        let kind = (schema["$defs"] as! [String: Any])["evidenceKind"] as! [String: Any]
        #expect(kind["enum"] as? [String] == Taxonomy.bundled.kinds.map(\.rawValue))
    }

    @Test func anAddedKindValidatesAndCountsTowardItsGMCType() throws {
        let extra = try extraKindTaxonomy()
        let portfolio = Self.simulationPortfolio()
        let simulations = portfolio.evidence.filter { $0.kind == simulationKind }
        #expect(simulations.count == 4)
        #expect(simulations.allSatisfy { $0.supportingInfoTypes(extra) == ["quality-improvement"] })

        let report = Validator(framework: .mlcf, catalog: Catalog(frameworks: Catalog.bundled.frameworks, taxonomy: extra, rules: .bundled)).validate(
            portfolio, today: fixedToday)
        #expect(!report.findings.contains { $0.code == "structure.unknown-kind" }, "\(report.findings)")
        #expect(!report.findings.contains { $0.location.field == "supportingInfo.quality-improvement" })
        #expect(report.isReady, "\(report.findings.filter { $0.severity == .error })")
    }

    @Test func theBuiltInTaxonomyReportsTheKindItDoesNotKnow() throws {
        let portfolio = Self.simulationPortfolio()
        let report = Validator(framework: .mlcf, catalog: .bundled).validate(portfolio, today: fixedToday)
        let unknown = report.findings.filter { $0.code == "structure.unknown-kind" }
        #expect(unknown.map(\.location.evidenceID) == portfolio.evidence.filter { $0.kind == simulationKind }.map(\.id))
        for finding in unknown {
            #expect(finding.severity == .error)
            #expect(finding.location.field == "kind")
            #expect(finding.message.contains("“simulation”") && finding.message.contains(Taxonomy.bundled.kindList), "\(finding.message)")
        }
        // Nothing else knows it either: it brings no GMC type.
        #expect(report.findings.contains { $0.location.field == "supportingInfo.quality-improvement" })
        #expect(!report.isReady)
    }

    @Test func theExportNamesAnAddedKindAndFilesItUnderItsType() throws {
        let extra = try extraKindTaxonomy()
        let portfolio = Self.simulationPortfolio()
        let report = Validator(framework: .mlcf, catalog: Catalog(frameworks: Catalog.bundled.frameworks, taxonomy: extra, rules: .bundled)).validate(
            portfolio, today: fixedToday)
        let markdown = try MarkdownExporter.render(
            portfolio, report: report, options: ExportOptions(date: fixedToday),
            catalog: Catalog(frameworks: Catalog.bundled.frameworks, taxonomy: extra, rules: .bundled))
        #expect(markdown.contains("**Kind:** Simulation exercise (scenario and debrief) · **Date:**"))
        // Section 8 (quality improvement) holds the simulations' full entries, not a gap.
        let start = try #require(markdown.range(of: "# 8. Quality improvement activity"))
        let end = try #require(markdown.range(of: "# 9. Significant events"))
        let section = markdown[start.upperBound..<end.lowerBound]
        #expect(section.contains("Evidence for 1.2") && !section.contains("None in this appraisal year"))

        // With the built-in taxonomy the item is still exported, named by its id.
        let bundledReport = Validator(framework: .mlcf, catalog: .bundled).validate(portfolio, today: fixedToday)
        let plain = try MarkdownExporter.render(portfolio, report: bundledReport, options: ExportOptions(date: fixedToday), catalog: .bundled)
        #expect(plain.contains("**Kind:** simulation · **Date:**"))
    }

    /// A file whose kind nobody knows still loads, keeps the kind as written and saves it back.
    @Test func anUnknownKindLoadsAndIsKeptAsWritten() throws {
        let text = String(decoding: try PortfolioStore.encode(readyContinuingPortfolio()), as: UTF8.self)
        let third = try #require(text.ranges(of: "\"kind\" : \"").dropFirst(2).first)
        var edited = text
        let end = edited[third.upperBound...].firstIndex(of: "\"")!
        edited.replaceSubrange(third.upperBound..<end, with: "CPD")
        let portfolio = try PortfolioStore.decode(Data(edited.utf8), path: "p.json")
        #expect(portfolio.evidence[2].kind.rawValue == "CPD")
        #expect(try PortfolioStore.decodeWithFoundation(Data(edited.utf8), path: "p.json") == portfolio)
        #expect(String(decoding: try PortfolioStore.encode(portfolio), as: UTF8.self) == edited)
        let report = Validator(framework: .mlcf, catalog: .bundled).validate(portfolio, today: fixedToday)
        #expect(report.findings.contains { $0.code == "structure.unknown-kind" && $0.location.evidenceID == portfolio.evidence[2].id })
    }

    // MARK: A bad taxonomy file

    static func bundledObject() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(PackageResources.taxonomy_json)) as! [String: Any]
    }

    @Test func everyProblemOfABadTaxonomyIsListed() throws {
        var object = try Self.bundledObject()
        var kinds = object["evidenceKinds"] as! [[String: Any]]
        kinds[1]["id"] = "reflective-note"  // duplicate
        kinds[2]["label"] = "  "
        kinds[3]["supportingInfo"] = ["blogging"]
        kinds[4]["shortLabel"] = "much too long a label"
        kinds[5]["revalidationFeedback"] = true
        kinds[5]["supportingInfo"] = [String]()
        object["evidenceKinds"] = kinds
        var types = object["supportingInfoTypes"] as! [[String: Any]]
        types[0]["label"] = ""
        object["supportingInfoTypes"] = types
        let data = try JSONSerialization.data(withJSONObject: object)
        #expect {
            try Taxonomy(data: data)
        } throws: { error in
            guard let error = error as? TaxonomyError else { return false }
            let text = error.description
            // The long short label is not the kind's either (`Taxonomy.shortLabelProblems`).
            return error.problems.count == 7 && text.contains("“reflective-note” is used twice") && text.contains("evidenceKinds[2]")
                && text.contains("the label is empty") && text.contains("“blogging”") && text.contains("over 12 characters")
                && text.contains("revalidation feedback") && text.contains("supportingInfoTypes[0]")
                && text.contains("“much too long a label” does not abbreviate")
        }
    }

    @Test func aTaxonomyOfTheWrongShapeSaysWhere() throws {
        #expect(throws: TaxonomyError.self) { try Taxonomy(data: Data("{\"stages\": []}".utf8)) }
        #expect(throws: TaxonomyError.self) { try Taxonomy(data: Data("not json".utf8)) }
        var object = try Self.bundledObject()
        object["evidenceKinds"] = [[String: Any]]()
        #expect { try Taxonomy(data: JSONSerialization.data(withJSONObject: object)) } throws: { "\($0)".contains("at least one kind") }
    }

    @Test func everyGoalStatusIsNamedByTheTaxonomy() throws {
        #expect(
            GoalStatus.allCases.map { Taxonomy.bundled.label(of: $0) } == [
                "Planned", "In progress", "Achieved", "Carried forward", "Replaced by a new goal", "Dropped",
            ])
        var object = try Self.bundledObject()
        object["pdpStatuses"] = (object["pdpStatuses"] as! [[String: Any]]).filter { $0["id"] as? String != "carried-forward" }
        #expect { try Taxonomy(data: JSONSerialization.data(withJSONObject: object)) } throws: { "\($0)".contains("“carried-forward” has no label") }
    }

    // MARK: Generated taxonomies

    /// A taxonomy of 1 to 8 made-up kinds (awkward text in the labels, any GMC types), and a
    /// portfolio holding an item of each, and one of a kind it does not know.
    static func randomTaxonomy(_ choices: inout Choices) throws -> Taxonomy {
        var object = try bundledObject()
        let typeIDs = (object["supportingInfoTypes"] as! [[String: Any]]).map { $0["id"] as! String }
        object["evidenceKinds"] = (0..<(1 + choices.next(8))).map { index -> [String: Any] in
            // The label starts with the short label, which the loader requires it to abbreviate, and its own digit.
            let short = "\(index)k" + String(repeating: "z", count: choices.next(10))
            return [
                "id": "kind-\(index)-" + String(repeating: "x", count: choices.next(3)),
                "label": short + " kind " + choices.text(),
                "shortLabel": short,
                "hint": choices.text(),
                "supportingInfo": typeIDs.filter { _ in choices.chance(3) },
                "recordsCPD": choices.chance(4),
            ]
        }
        return try Taxonomy(data: JSONSerialization.data(withJSONObject: object))
    }

    @Test func anyTaxonomysKindsAreValidatedAndExportedByTheirData() async throws {
        await Generated.check(fixedSeed: 1401, count: 60, maxLength: 200) { bytes in
            var choices = Choices(bytes)
            let taxonomy = try Self.randomTaxonomy(&choices)
            var portfolio = readyContinuingPortfolio()
            for index in portfolio.evidence.indices {
                portfolio.evidence[index].kind = index == 0 ? EvidenceKind("not-a-kind") : choices.pick(taxonomy.kinds)
            }
            let report = Validator(framework: .mlcf, catalog: Catalog(frameworks: Catalog.bundled.frameworks, taxonomy: taxonomy, rules: .bundled)).validate(
                portfolio, today: fixedToday)
            let unknown = report.findings.filter { $0.code == "structure.unknown-kind" }
            #expect(unknown.map(\.location.evidenceID) == [portfolio.evidence[0].id])
            for item in portfolio.evidence.dropFirst() {
                #expect(item.supportingInfoTypes(taxonomy) == taxonomy.info(item.kind)!.supportingInfo)
            }
            let markdown = try MarkdownExporter.render(
                portfolio, report: report, options: ExportOptions(allowFlagged: true, date: fixedToday),
                catalog: Catalog(frameworks: Catalog.bundled.frameworks, taxonomy: taxonomy, rules: .bundled))
            for kind in Set(portfolio.evidence.dropFirst().map(\.kind)) {
                #expect(markdown.contains("**Kind:** " + MarkdownEscaping.inline(taxonomy.label(of: kind))), "\(kind)")
            }
            #expect(markdown.contains("**Kind:** not-a-kind"))
        }
    }
}
