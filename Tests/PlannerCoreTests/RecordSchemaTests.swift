import Foundation
import PlannerCore
import Testing

@testable import PlannerModel

/// The record tables against what reads them: the format document, the free text the PII
/// guard and search use, and the `Codable` keys the tables must match.
@Suite struct RecordSchemaTests {
    /// Every table's keys, by record: every table a merge knows, so a new one is checked at once.
    static let tables: [(record: String, keys: [String])] = MergeTables.records.values.map { ($0.name, Array($0.types.keys)) }

    /// The keys the format document's example shows (ids such as `"1.1"` are not keys).
    static func documentedKeys() throws -> Set<String> {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("Resources/portfolio-format.md"), encoding: .utf8)
        var keys = Set<String>()
        let pattern = try NSRegularExpression(pattern: "\"([A-Za-z][A-Za-z0-9]*)\"\\s*:")
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            keys.insert(String(text[Range(match.range(at: 1), in: text)!]))
        }
        return keys
    }

    @Test func theFormatDocumentNamesEveryFieldOfTheTablesAndNoOther() throws {
        let documented = try Self.documentedKeys()
        let tabled = Set(Self.tables.flatMap(\.keys))
        #expect(tabled.subtracting(documented).isEmpty, "fields the format document does not show: \(tabled.subtracting(documented).sorted())")
        #expect(documented.subtracting(tabled).isEmpty, "keys the document shows that no table has: \(documented.subtracting(tabled).sorted())")
    }

    @Test func eachTableHasTheKeysItsRecordsCodableUses() {
        #expect(Set(Evidence.schema.fields.map(\.key)) == Set(Evidence.CodingKeys.allCases.map(\.stringValue)))
        #expect(Set(Reflection.schema.fields.map(\.key)) == Set(Reflection.CodingKeys.allCases.map(\.stringValue)))
        #expect(Set(Confirmation.schema.fields.map(\.key)) == Set(Confirmation.CodingKeys.allCases.map(\.stringValue)))
        #expect(Set(Goal.schema.fields.map(\.key)) == Set(Goal.CodingKeys.allCases.map(\.stringValue)))
        #expect(Set(Portfolio.schema.fields.map(\.key)) == Set(Portfolio.CodingKeys.allCases.map(\.stringValue)))
        #expect(Set(Profile.schema.fields.map(\.key)) == Set(Profile.CodingKeys.allCases.map(\.stringValue)))
        #expect(Set(ScopeEntry.schema.fields.map(\.key)) == Set(ScopeEntry.CodingKeys.allCases.map(\.stringValue)))
        #expect(Set(Rating.schema.fields.map(\.key)) == Set(Rating.CodingKeys.allCases.map(\.stringValue)))
        #expect(Set(PastPeriod.schema.fields.map(\.key)) == Set(PastPeriod.CodingKeys.allCases.map(\.stringValue)))
        #expect(Set(Walkthrough.schema.fields.map(\.key)) == Set(Walkthrough.CodingKeys.allCases.map(\.stringValue)))
        #expect(Set(NoneDeclaration.schema.fields.map(\.key)) == Set(NoneDeclaration.CodingKeys.allCases.map(\.stringValue)))
        #expect(Set(ExportedDocument.schema.fields.map(\.key)) == Set(ExportedDocument.CodingKeys.allCases.map(\.stringValue)))
        #expect(Set(AttachedFile.schema.fields.map(\.key)) == Set(AttachedFile.CodingKeys.allCases.map(\.stringValue)))
        #expect(Set(MergeConflict.schema.fields.map(\.key)) == Set(MergeConflict.CodingKeys.allCases.map(\.stringValue)))
        #expect(Set(BroughtForwardMark.schema.fields.map(\.key)) == Set(BroughtForwardMark.CodingKeys.allCases.map(\.stringValue)))
    }

    /// The PII guard and search read the evidence's free text from the table: title,
    /// description and the three parts of the reflection, under the names findings use.
    @Test func theEvidenceFreeTextIsWhatTheGuardAndSearchLookAt() {
        let item = Evidence(
            id: "e", title: "T", kind: .cpd, date: CalendarDate(year: 2025, month: 1, day: 1)!, description: "D",
            reflection: Reflection(whatHappened: "H", whatLearned: "L", whatNext: "N"), attachments: ["A"])
        #expect(
            item.textFields.map(\.field) == [
                "title", "description", "reflection: what happened", "reflection: what I learned", "reflection: what I will do next",
                "why it is brought forward",
            ])
        #expect(item.textFields.map(\.text) == ["T", "D", "H", "L", "N", ""])
        var broughtForward = item
        broughtForward.bringForward = "B"
        #expect(broughtForward.textFields.last?.text == "B", "the reason an earlier item is brought forward is free text the guard checks")
        let goal = Goal(id: "g", title: "T", why: "W", activities: "A", measure: "M", reviewNote: "R")
        #expect(goal.textFields.map(\.field) == ["title", "why", "activities", "measure", "review note"])
        #expect(goal.textFields.map(\.text) == ["T", "W", "A", "M", "R"])
    }

    /// Free text is read at byte offsets in the records (see `FreeTextField`): on generated
    /// portfolios, every offset reading equals the key path's, and every free-text field of
    /// the evidence, goal and profile tables (nested ones included) is read by offset, but
    /// an optional one (`bringForward`: a `String?` has no `String` at an offset to load).
    @Test func freeTextReadAtOffsetsIsWhatTheKeyPathsRead() async {
        #expect(Evidence.schema.freeTextFields.filter { $0.offset == nil }.map(\.label) == ["why it is brought forward"])
        #expect(Goal.schema.freeTextFields.allSatisfy { $0.offset != nil })
        #expect(Profile.schema.freeTextFields.allSatisfy { $0.offset != nil })
        await Generated.check(fixedSeed: 1403, count: 200, maxLength: 900) { bytes in
            var choices = Choices(bytes, hostile: true)
            let portfolio = choices.portfolio()
            for item in portfolio.evidence {
                for field in Evidence.schema.freeTextFields {
                    #expect(field.text(item) == field.textThroughKeyPath(item), "evidence \(item.id): \(field.label)")
                }
            }
            for goal in portfolio.pdp {
                for field in Goal.schema.freeTextFields {
                    #expect(field.text(goal) == field.textThroughKeyPath(goal), "goal \(goal.id): \(field.label)")
                }
            }
            for field in Profile.schema.freeTextFields {
                #expect(field.text(portfolio.profile) == field.textThroughKeyPath(portfolio.profile), "profile: \(field.label)")
            }
        }
    }

    @Test func aTitleIsBoundByTheTitleLimitAndRequired() {
        #expect(Evidence.schema.field("title")?.limit == .title)
        #expect(Evidence.schema.field("title")?.presence == .required)
        #expect(Evidence.schema.field("cpdCredits")?.presence == .optional)
        #expect(Goal.schema.field("title")?.limit == .title)
    }

    /// The save order is by UTF-8 bytes (`private` after `links`, capitals before lower case).
    @Test func fieldsAreWrittenInTheOrderOfTheirKeysBytes() {
        let order = Evidence.schema.writeOrder.map { Evidence.schema.fields[$0].key }
        #expect(order == order.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(order.first == "attachments" && order.last == "title")
    }
}
