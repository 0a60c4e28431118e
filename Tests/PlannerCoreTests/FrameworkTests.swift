import Foundation
import PlannerCore
import TestSupport
import Testing

@testable import PlannerModel

@Suite struct FrameworkTests {
    @Test func countsAndIDs() {
        let f = Framework.mlcf
        #expect(f.id == "mlcf" && f.depth == 3 && f.levels == ["domain", "element", "competence"])
        #expect(f.domains.count == 5)
        #expect(f.elements.count == 20)
        #expect(f.competences.count == 80)
        #expect(f.competences.first?.id == "1.1.a")
        #expect(f.competences.last?.id == "5.4.d")
        #expect(Set(f.competences.map(\.id)).count == 80)
    }

    @Test func namesMatchTheFramework() {
        let f = Framework.mlcf
        #expect(
            f.domains.map(\.name) == [
                "Demonstrating Personal Qualities", "Working with Others", "Managing Services",
                "Improving Services", "Setting Direction",
            ])
        #expect(
            f.elements.map(\.name) == [
                "Developing self awareness", "Managing yourself", "Continuing personal development", "Acting with integrity",
                "Developing networks", "Building and maintaining relationships", "Encouraging contribution", "Working within teams",
                "Planning", "Managing resources", "Managing people", "Managing performance",
                "Ensuring patient safety", "Critically evaluating", "Encouraging improvement and innovation", "Facilitating transformation",
                "Identifying the contexts for change", "Applying knowledge and evidence", "Making decisions", "Evaluating impact",
            ])
        for element in f.elements {
            for stage in Stage.allCases { #expect(!element.example(for: stage).isEmpty, "\(element.id) \(stage)") }
        }
    }

    /// The MLCF in the pack format says exactly what the file said before packs (kept in
    /// Tests/fixtures): every domain, element, summary, example and all 80 competence lines.
    @Test func theMLCFContentIsUnchangedByThePackFormat() throws {
        struct OldCompetence: Decodable { let id: String; let text: String }
        struct OldElement: Decodable { let id, name, summary: String; let examples: [String: String]; let competences: [OldCompetence] }
        struct OldDomain: Decodable { let id, name, summary: String; let elements: [OldElement] }
        struct OldFile: Decodable { let id, title, edition, note: String; let domains: [OldDomain] }
        let url = repositoryRoot.appendingPathComponent("Tests/fixtures/mlcf-before-packs.json")
        let old = try JSONDecoder().decode(OldFile.self, from: Data(contentsOf: url))
        let f = Framework.mlcf
        #expect(f.id == old.id && f.title == old.title && f.edition == old.edition && f.note == old.note)
        #expect(f.domains.map(\.id) == old.domains.map(\.id))
        #expect(f.domains.map(\.name) == old.domains.map(\.name))
        #expect(f.domains.map(\.summary) == old.domains.map(\.summary))
        let oldElements = old.domains.flatMap(\.elements)
        #expect(f.elements.count == oldElements.count)
        for (new, before) in zip(f.elements, oldElements) {
            #expect(new.id == before.id && new.name == before.name && new.summary == before.summary, "\(before.id)")
            #expect(new.examples == before.examples, "\(before.id)")
            #expect(new.competences.map(\.id) == before.competences.map(\.id), "\(before.id)")
            #expect(new.competences.map(\.text) == before.competences.map(\.text), "\(before.id)")
        }
        #expect(f.competences.count == 80 && oldElements.flatMap(\.competences).count == 80)
        // The MLCF's scale is the one the taxonomy showed before scales moved into frameworks.
        #expect(f.ratingLevels == 0...4)
        #expect(
            f.ratingLevels.map(f.ratingLabel) == [
                "Not yet rated", "Not yet demonstrated", "Developing", "Competent for my stage", "Excellent / beyond my stage",
            ])
    }

    @Test func seniorLeaderDomainsAreAFrameworkOfTheirOwnNumberedFromOne() {
        let s = Framework.seniorLeaders
        #expect(s.id == "slf" && s.title == "Leadership Framework: domains for senior leaders")
        #expect(s.domains.map(\.name) == ["Creating the Vision", "Delivering the Strategy"])
        #expect(s.domains.map(\.id) == ["1", "2"])
        #expect(s.elements.map(\.id) == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4"])
        #expect(s.competences.count == 32)
        #expect(s.competences.first?.id == "1.1.a" && s.competences.last?.id == "2.4.d")
        for element in s.elements {
            #expect(element.competences.map(\.id) == ["a", "b", "c", "d"].map { "\(element.id).\($0)" })
        }
    }

    @Test func theHealthcareLeadershipModelHasNineDimensionsOnItsOwnScale() {
        let h = Framework.hlm
        #expect(h.id == "hlm" && h.title == "Healthcare Leadership Model")
        #expect(h.levels == ["dimension"] && h.depth == 1)
        #expect(h.levelNames == LevelNames(group: nil, unit: "dimension", leaf: nil))
        #expect(h.scale == ["Essential", "Proficient", "Strong", "Exemplary"])
        #expect(h.ratingLevels == 0...4 && h.ratingLabel(0) == "Not yet rated" && h.ratingLabel(4) == "Exemplary")
        #expect(h.elements.map(\.id) == (1...9).map(String.init))
        #expect(
            h.elements.map(\.name) == [
                "Inspiring shared purpose", "Leading with care", "Evaluating information", "Connecting our service", "Sharing the vision",
                "Engaging the team", "Holding to account", "Developing capability", "Influencing for results",
            ])
        #expect(h.competences.isEmpty)
        // One synthetic group, named after the framework, holds the nine units.
        #expect(h.domains.count == 1 && h.domains[0].id == "" && h.domains[0].title == "Healthcare Leadership Model")
        #expect(h.groupID(containing: "3") == "" && h.unitID(containing: "3") == "3" && h.isLinkable("9") && !h.isLinkable("10"))
        for element in h.elements {
            #expect(element.summary.hasSuffix(".") && !element.summary.isEmpty, "\(element.id)")
            for stage in Stage.allCases { #expect(!element.example(for: stage).isEmpty, "\(element.id) \(stage)") }
        }
    }

    @Test func bundledFrameworksAreOfferedInOrder() {
        #expect(Framework.bundled.map(\.id) == ["mlcf", "slf", "hlm"])
        #expect(Framework.mlcf.shape.hasPrefix("5 domains, 20 elements, 80 competences; a scale of 4"))
        #expect(Framework.hlm.shape == "9 dimensions; a scale of 4 (Essential, Proficient, Strong, Exemplary)")
        #expect(Framework.plural("capability") == "capabilities" && Framework.plural("process") == "processes" && Framework.plural("day") == "days")
    }

    @Test func lookups() {
        let f = Framework.mlcf
        #expect(f.isCompetence("3.2.b") && !f.isCompetence("3.2"))
        #expect(f.isElement("3.2") && f.isLinkable("3.2") && f.isLinkable("3.2.b"))
        #expect(!f.isLinkable("9.9.z") && !f.isLinkable("3.5") && !f.isLinkable("3.2.e") && !f.isLinkable("3"))
        #expect(f.unitID(containing: "3.2.b") == "3.2" && f.unitID(containing: "3.2") == "3.2")
        #expect(f.groupID(containing: "3.2.b") == "3" && f.groupID(containing: "3") == "3")
        #expect(f.unitID(containing: "3") == nil && f.unitID(containing: "3.2.z") == nil && f.groupID(containing: "9.9") == nil)
        // A link counts for the unit whose number begins it, as links always have.
        #expect(f.unitID(ofLink: "3.2.z") == "3.2" && f.unitID(ofLink: "3.2.b") == "3.2" && f.unitID(ofLink: "9.9") == nil)
        #expect(f.element("3.2")?.name == "Managing resources")
        #expect(f.competence("3.2.b")?.id == "3.2.b" && f.competence("3.2") == nil)
        #expect(f.ratingLabel(5) == "Level 5")
    }

    /// The issue's minimal shape: id, title, scale, items with ids and names, nothing else.
    @Test func theMinimalShapeLoads() throws {
        let text = #"{"id": "x", "title": "X", "scale": ["low", "high"], "items": [{"id": "1", "name": "One", "items": []}]}"#
        let x = try Framework(data: Data(text.utf8))
        #expect(x.id == "x" && x.depth == 1 && x.levels == ["element"] && x.scale == ["low", "high"])
        #expect(x.elements.map(\.title) == ["1 One"] && x.ratingLevels == 0...2)
        let two = #"{"id":"y","title":"Y","scale":["a","b"],"extra":1,"items":[{"id":"A","name":"A","z":[],"items":[{"id":"B","name":"B"}]}]}"#
        let y = try Framework(data: Data(two.utf8))
        #expect(y.levels == ["domain", "element"] && y.domains.map(\.id) == ["A"] && y.elements.map(\.id) == ["B"] && y.competences.isEmpty)
        #expect(y.levelNames == LevelNames(group: "domain", unit: "element", leaf: nil))
    }

    /// The loader names each problem with its place instead of accepting a damaged file.
    @Test func everyProblemIsListedWithItsPlace() throws {
        let text = """
            {"id": "Bad Id", "title": "", "scale": ["only"], "levels": ["a", ""],
             "items": [{"id": "1", "name": "One", "examples": {"postgrad": "x"}, "items": [{"id": "1:1", "name": " "}]},
                       {"id": "1", "name": "Again", "items": [{"id": "2", "name": "Two", "items": [{"id": "3", "name": "Three"}]}]}]}
            """
        #expect {
            try Framework(data: Data(text.utf8))
        } throws: { error in
            let problems = (error as? FrameworkError)?.problems ?? []
            let expected = [
                #"id: "Bad Id" is not a framework id"#, "title: is empty", "scale: has 1 label", "levels[1]: expected a level name",
                "items[0].examples.postgrad: not a stage", #"items[0].items[0].id: "1:1" is not a usable id"#, "items[0].items[0].name: is empty",
                #"items[1].id: "1" is used twice (first at items[0])"#, "items[1].items[0].items[0]: a leaf at level 3",
            ]
            for part in expected where !problems.contains(where: { $0.hasPrefix(part) }) { Issue.record("missing “\(part)” in \(problems)") }
            return problems.count == expected.count
        }
        #expect {
            try Framework(data: Data("{\"id\": \"x\",\n \"title\": 2 3}".utf8))
        } throws: { error in
            "\(error)".contains("not valid JSON") && "\(error)".contains("line 2")
        }
        #expect(throws: FrameworkError.self) { try Framework(data: Data("[]".utf8)) }
    }
}
