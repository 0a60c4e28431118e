import Foundation
import PlannerCore
import Testing

/// The evidence list's kind column shows a short label; it must read as the kind it stands for
/// (a compliment once showed as "compl", read as a complaint).
@Suite struct ShortLabelTests {
    /// Whether `short` abbreviates `label`: its letters and digits appear in the label in
    /// order, starting with the label's first (so "QI / audit" abbreviates "Quality
    /// improvement (QI project, audit…)", and "thanks" abbreviates nothing in "Complaint or compliment").
    static func abbreviates(_ short: String, _ label: String) -> Bool {
        let wanted = short.lowercased().filter { $0.isLetter || $0.isNumber }
        let source = label.lowercased().filter { $0.isLetter || $0.isNumber }
        guard let first = wanted.first, first == source.first else { return false }
        var rest = source[...]
        for character in wanted {
            guard let index = rest.firstIndex(of: character) else { return false }
            rest = rest[rest.index(after: index)...]
        }
        return true
    }

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
}
