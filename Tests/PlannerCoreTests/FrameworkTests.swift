import Foundation
import Testing

@testable import PlannerCore

@Suite struct FrameworkTests {
    @Test func countsAndIDs() {
        let f = Framework.mlcf
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

    @Test func seniorLeaderDomainsLoad() {
        let s = Framework.seniorLeaders
        #expect(s.domains.map(\.name) == ["Creating the Vision", "Delivering the Strategy"])
        #expect(s.competences.count == 32)
    }

    @Test func lookups() {
        let f = Framework.mlcf
        #expect(f.isCompetence("3.2.b") && !f.isCompetence("3.2"))
        #expect(f.isElement("3.2") && f.isLinkable("3.2") && f.isLinkable("3.2.b"))
        #expect(!f.isLinkable("9.9.z") && !f.isLinkable("3.5") && !f.isLinkable("3.2.e"))
        #expect(Framework.elementID(of: "3.2.b") == "3.2")
        #expect(Framework.domainID(of: "3.2.b") == "3")
        #expect(f.element("3.2")?.name == "Managing resources")
    }

    /// The loader names each integrity problem instead of accepting a damaged file.
    @Test func integrityProblemsAreListed() throws {
        var object = try JSONSerialization.jsonObject(with: Data(PackageResources.mlcf_json)) as! [String: Any]
        var domains = object["domains"] as! [[String: Any]]
        var elements = domains[0]["elements"] as! [[String: Any]]
        var competences = elements[0]["competences"] as! [[String: Any]]
        competences.removeLast()  // 1.1 now has 3 competences
        elements[0]["competences"] = competences
        elements[1]["id"] = "1.1"  // duplicate element id
        domains[0]["elements"] = elements
        domains[4]["elements"] = Array((domains[4]["elements"] as! [[String: Any]]).prefix(3))  // 3 elements
        object["domains"] = domains
        let data = try JSONSerialization.data(withJSONObject: object)
        #expect {
            try Framework(data: data)
        } throws: { error in
            let text = "\(error)"
            return text.contains("element 1.1 has 3 competences, expected 4")
                && text.contains("element id 1.1 is used twice")
                && text.contains("domain 5 has 3 elements, expected 4")
        }
        #expect(throws: FrameworkError.self) { try Framework(data: Data("{\"id\":1}".utf8)) }
    }
}
