import Foundation
import PlannerCore
import Testing

@testable import PlannerModel

/// Issue 18: both machines give out the same new goal id to different goals, and goals on
/// each side name others by id (`carriedFrom`). After the merge every such reference still
/// names the goal its side meant, even where that goal took a fresh id (`IDSeparation`).
@Suite struct GoalRenumberingTests {
    static let sharedIDs = ["pdp-0100", "pdp-0101", "pdp-0102", "pdp-0103"]

    /// The goal lists a side adds to and points into.
    static func goals(_ portfolio: Portfolio) -> [Goal] { portfolio.pdp + portfolio.previousPdp }

    /// One side: goals added to this year's or last year's plan, under an id the other side
    /// may use too, each perhaps carried from a goal this side holds; and now and then an
    /// exact copy of one the other side added (the same id, the same words, the same link).
    static func added(to base: Portfolio, _ choices: inout Choices, side: String, copying other: [Goal] = []) -> Portfolio {
        var copy = base
        for step in 0..<(1 + choices.next(5)) {
            if !other.isEmpty, choices.chance(3) {
                let twin = choices.pick(other)
                if !goals(copy).contains(where: { $0.id == twin.id }) { copy.pdp.append(twin) }
                continue
            }
            let id = choices.chance(4) ? "pdp-\(side)\(step)" : choices.pick(sharedIDs)
            guard !goals(copy).contains(where: { $0.id == id }) else { continue }
            var goal = Goal(id: id, title: "\(side) goal \(step)", status: choices.pick(GoalStatus.allCases))
            let targets = goals(copy).map(\.id)
            if !targets.isEmpty, !choices.chance(4) { goal.carriedFrom = choices.pick(targets) }
            if choices.chance(2) { copy.pdp.append(goal) } else { copy.previousPdp.append(goal) }
        }
        return copy
    }

    /// A goal without its id and link: what it is, whatever it is called.
    static func words(_ goal: Goal) -> Goal {
        var goal = goal
        goal.id = ""
        goal.carriedFrom = nil
        return goal
    }

    @Test func referencesFollowARenumberedGoal() async {
        await Generated.check(fixedSeed: 1805, count: 300, maxLength: 600) { bytes in
            var choices = Choices(bytes)
            let base = choices.portfolio()
            let ours = Self.added(to: base, &choices, side: "o")
            let oursNew = Self.goals(ours).filter { goal in !Self.goals(base).contains { $0.id == goal.id } }
            let theirs = Self.added(to: base, &choices, side: "t", copying: oursNew)
            let outcome = try PortfolioMerge.merge(base: base, ours: ours, theirs: theirs)
            let merged = Self.goals(outcome.portfolio)
            let allMerged = merged + outcome.portfolio.history.flatMap(\.pdp)
            #expect(outcome.isClean, "only additions: \(outcome.newConflicts)")
            let added = merged.filter { goal in !Self.goals(base).contains { $0.id == goal.id } }
            #expect(Set(added.map(\.id)).count == added.count, "an id given out on both sides is taken by one goal: \(added.map(\.id))")
            for side in [ours, theirs] {
                let sideGoals = Self.goals(side)
                for goal in sideGoals where !Self.goals(base).contains(where: { $0.id == goal.id }) {
                    #expect(merged.contains { Self.words($0) == Self.words(goal) }, "kept: \(goal.title)")
                    guard let link = goal.carriedFrom, let meant = sideGoals.first(where: { $0.id == link }) else { continue }
                    let follows = merged.contains { candidate in
                        guard Self.words(candidate) == Self.words(goal), let target = candidate.carriedFrom else { return false }
                        let named = allMerged.filter { $0.id == target }
                        return named.count == 1 && Self.words(named[0]) == Self.words(meant)
                    }
                    #expect(
                        follows,
                        "\(goal.title) (\(goal.id)) meant \(meant.title) (\(link)); merged: \(merged.map { "\($0.id) \($0.title) ← \($0.carriedFrom ?? "-")" })"
                    )
                }
            }
            let swapped = try PortfolioMerge.merge(base: base, ours: theirs, theirs: ours)
            #expect(swapped.portfolio == outcome.portfolio, "the same whichever side is ours")
        }
    }

    /// The reference is found through the record tables: a field marked `refersTo` names a
    /// record that has an id, and `carriedFrom` is one.
    @Test func theTablesMarkCarriedFromAsAReferenceToAGoal() {
        #expect(MergeTables.records["Goal"]?.references == ["carriedFrom": "Goal"])
        for record in MergeTables.records.values {
            for (key, target) in record.references {
                #expect(MergeTables.records[target]?.identityIsAnID == true, "\(record.name).\(key) refers to \(target), which has no id")
            }
        }
    }
}
