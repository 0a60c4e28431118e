import Foundation
import PlannerCore
import Testing

/// The evidence list's kind column shows a short label; it must read as the kind it stands for
/// (a compliment once showed as "compl", read as a complaint).
@Suite struct ShortLabelTests {
    static func abbreviates(_ short: String, _ label: String) -> Bool { Taxonomy.abbreviates(short, label) }

    @Test func everyKindsShortLabelIsUniqueAndAbbreviatesItsOwnLabel() {
        let kinds = Taxonomy.bundled.evidenceKinds
        #expect(Set(kinds.map { $0.shortLabel.lowercased() }).count == kinds.count, "two kinds share a short label")
        for kind in kinds {
            #expect(Self.abbreviates(kind.shortLabel, kind.label), "“\(kind.shortLabel)” does not abbreviate “\(kind.label)”")
            // Not another kind's label either: a short label that abbreviates two kinds' labels is ambiguous.
            for other in kinds where other.id != kind.id {
                #expect(!Self.abbreviates(kind.shortLabel, other.label), "“\(kind.shortLabel)” (\(kind.id)) reads as “\(other.label)” too")
            }
        }
    }

    /// The rule itself: the bug it guards against fails it.
    @Test func theRuleRefusesTheOldComplimentLabel() {
        #expect(!Self.abbreviates("compl/thanks", "Complaint or compliment"))
        #expect(!Self.abbreviates("reflection", "Reflective note"))
        #expect(Self.abbreviates("cmplt/cmplmt", "Complaint or compliment"))
        #expect(Self.abbreviates("WPBA", "Workplace-based assessment (case-based discussion, mini-CEX, leadership assessment)"))
    }

    /// The bundled taxonomy with one kind's short label replaced, loaded as a school's file is.
    static func loading(kind: String, shortLabel: String) throws -> Taxonomy {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Resources/taxonomy.json"))
        var object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        var kinds = object["evidenceKinds"] as! [[String: Any]]
        let index = try #require(kinds.firstIndex { $0["id"] as? String == kind })
        kinds[index]["shortLabel"] = shortLabel
        object["evidenceKinds"] = kinds
        return try Taxonomy(data: JSONSerialization.data(withJSONObject: object))
    }

    static func problems(kind: String, shortLabel: String) -> [String] {
        do {
            _ = try loading(kind: kind, shortLabel: shortLabel)
            return []
        } catch let error as TaxonomyError {
            return error.problems
        } catch {
            return ["\(error)"]
        }
    }

    /// The loader holds every taxonomy, a school's too, to the rule, naming the kind.
    @Test func theLoaderRefusesABadShortLabelNamingTheKind() throws {
        let kind = try #require(Taxonomy.bundled.evidenceKinds.first { $0.label.lowercased().hasPrefix("complaint") })
        let notIts = Self.problems(kind: kind.id, shortLabel: "compl/thanks")
        #expect(notIts.count == 1 && notIts[0].contains("“\(kind.id)”") && notIts[0].contains("does not abbreviate"), "\(notIts)")
        let other = try #require(Taxonomy.bundled.evidenceKinds.first { $0.id != kind.id })
        let shared = Self.problems(kind: kind.id, shortLabel: other.shortLabel.uppercased())
        #expect(shared.contains { $0.contains("“\(kind.id)”") && $0.contains("also “\(other.id)”'s") }, "\(shared)")
        // Still the kind's own, and taken by no other: loads.
        #expect(try Self.loading(kind: kind.id, shortLabel: "cmplt/cmplmt").shortLabel(of: EvidenceKind(rawValue: kind.id)) == "cmplt/cmplmt")
    }
}
