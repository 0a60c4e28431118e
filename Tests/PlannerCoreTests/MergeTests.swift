import Foundation
import PlannerCore
import PlannerStorage
import Testing

@testable import PlannerModel

/// Issue 18, by example: what a merge of two copies does with each kind of change.
@Suite struct MergeTests {
    static let day = CalendarDate(year: 2025, month: 6, day: 1)!
    static var base: Portfolio {
        var p = Portfolio(
            profile: Profile(
                name: "Dr A", stage: .continuingPractice, periodStart: CalendarDate(year: 2025, month: 4, day: 1)!,
                periodEnd: CalendarDate(year: 2026, month: 3, day: 31)!))
        p.evidence = [
            Evidence(id: "ev-0001", title: "M&M", kind: .cpd, date: day, links: ["mlcf:1.1"]),
            Evidence(id: "ev-0002", title: "Audit", kind: .cpd, date: day),
        ]
        p.ratings = ["mlcf:1.1": Rating(level: 2)]
        return p
    }

    @Test func oneSidedChangesOnBothSidesAreAllTaken() throws {
        var ours = Self.base, theirs = Self.base
        ours.evidence[0].title = "Led the M&M"
        ours.evidence[0].links.append("mlcf:2.1")
        theirs.evidence[0].description = "Monthly meeting"
        theirs.evidence[0].links.append("hlm:3")
        theirs.ratings["mlcf:1.1"]?.note = "better"
        ours.unknownFields["fromNewer"] = .int(7)
        let outcome = try PortfolioMerge.merge(base: Self.base, ours: ours, theirs: theirs)
        #expect(outcome.isClean)
        let item = outcome.portfolio.evidence[0]
        #expect(item.title == "Led the M&M" && item.description == "Monthly meeting")
        #expect(item.links == ["mlcf:1.1", "hlm:3", "mlcf:2.1"])
        #expect(outcome.portfolio.ratings["mlcf:1.1"]?.note == "better")
        #expect(outcome.portfolio.unknownFields["fromNewer"] == .int(7))
        #expect(outcome.portfolio.conflicts == nil)
    }

    @Test func aFieldChangedDifferentlyIsAConflictKeepingOursAndTheFileStillLoads() throws {
        var ours = Self.base, theirs = Self.base
        ours.evidence[0].title = "Led the M&M"
        theirs.evidence[0].title = "Ran the M&M"
        ours.ratings["mlcf:1.1"]?.level = 3
        theirs.ratings["mlcf:1.1"]?.level = 3
        let outcome = try PortfolioMerge.merge(base: Self.base, ours: ours, theirs: theirs)
        #expect(
            outcome.newConflicts == [
                MergeConflict(path: ["evidence", "ev-0001", "title"], base: .string("M&M"), ours: .string("Led the M&M"), theirs: .string("Ran the M&M"))
            ])
        #expect(outcome.portfolio.evidence[0].title == "Led the M&M")
        #expect(outcome.portfolio.ratings["mlcf:1.1"]?.level == 3)
        let data = try PlannerStorage.PortfolioStore.encode(outcome.portfolio)
        let loaded = try PlannerStorage.PortfolioStore.decode(data, path: "m")
        #expect(loaded == outcome.portfolio)
        #expect(outcome.newConflicts[0].canKeepBothTexts)
        let both = try ConflictResolution.resolve(outcome.portfolio, conflict: 0, choice: .bothTexts)
        #expect(both.evidence[0].title == "Led the M&M\n\nRan the M&M" && both.conflicts == nil)
        let theirsChosen = try ConflictResolution.resolve(outcome.portfolio, conflict: 0, choice: .theirs)
        #expect(theirsChosen.evidence[0].title == "Ran the M&M")
    }

    @Test func aDeletionAgainstAnEditKeepsTheEditedItemAsAConflict() throws {
        var ours = Self.base, theirs = Self.base
        ours.evidence.remove(at: 1)
        theirs.evidence[1].title = "Audit, re-run"
        let outcome = try PortfolioMerge.merge(base: Self.base, ours: ours, theirs: theirs)
        #expect(outcome.newConflicts.count == 1 && outcome.newConflicts[0].isDeleteAgainstEdit)
        #expect(outcome.newConflicts[0].path == ["evidence", "ev-0002"])
        #expect(outcome.portfolio.evidence.map(\.title) == ["M&M", "Audit, re-run"])
        let deleted = try ConflictResolution.resolve(outcome.portfolio, conflict: 0, choice: .ours)
        #expect(deleted.evidence.map(\.id) == ["ev-0001"] && deleted.conflicts == nil)
        #expect(!outcome.newConflicts[0].canKeepBothTexts)
    }

    @Test func itemsAddedOnBothSidesAreKeptTwiceUnlessTheSame() throws {
        var ours = Self.base, theirs = Self.base
        ours.evidence.append(Evidence(id: "ev-0003", title: "Teaching", kind: .cpd, date: Self.day))
        theirs.evidence.append(Evidence(id: "ev-0003", title: "Rota", kind: .cpd, date: Self.day))
        ours.pdp.append(Goal(id: "pdp-0001", title: "Same goal"))
        theirs.pdp.append(Goal(id: "pdp-0001", title: "Same goal"))
        let outcome = try PortfolioMerge.merge(base: Self.base, ours: ours, theirs: theirs)
        #expect(outcome.isClean)
        #expect(outcome.portfolio.evidence.map(\.id) == ["ev-0001", "ev-0002", "ev-0003", "ev-0004"])
        #expect(Set(outcome.portfolio.evidence.suffix(2).map(\.title)) == ["Teaching", "Rota"])
        #expect(outcome.portfolio.pdp.map(\.id) == ["pdp-0001"])
    }

    @Test func everyRecordTheDocumentReachesHasATable() {
        func names(_ type: FieldType) -> [String] {
            switch type {
            case .record(let name), .recordMap(let name): return [name]
            case .list(let inner), .optional(let inner): return names(inner)
            default: return []
            }
        }
        var seen = Set<String>(), queue = ["Portfolio"]
        while let name = queue.popLast() {
            guard seen.insert(name).inserted else { continue }
            let record = MergeTables.records[name]
            #expect(record != nil, "no table for \(name)")
            queue += record?.types.values.flatMap(names) ?? []
        }
        #expect(MergeTables.records["Evidence"]?.identity == ["id"])
        #expect(MergeTables.records["PastPeriod"]?.identity == ["periodStart", "periodEnd"])
    }
}
