import Foundation
import PlannerCore
import Testing

@testable import PlannerUI

/// A long evidence list (issue 8): searched a slice per key, kept up to date item by item.
/// Whatever the slices, the result must be the one a full search gives; whatever the edits,
/// the list must be the one built from scratch. (Debug builds also check every commit's
/// validation against a full one, in `AppState.refresh`.)
@Suite struct LargeListTests {
    /// The continuing-practice example, its items copied until the list is long enough that a
    /// search takes several slices.
    static func longPortfolio(copies: Int = 60) -> Portfolio {
        var portfolio = examplePortfolio("continuing-practice")
        let base = portfolio.evidence
        for copy in 1...copies {
            for var item in base {
                item.id += "-\(copy)"
                item.date = item.date.adding(days: -copy * 11)
                if copy % 9 == 0 { item.reflection.whatNext += " Then deprescribing in the Zoë clinic." }
                portfolio.evidence.append(item)
            }
        }
        return portfolio
    }

    static func finish(_ state: inout AppState) -> Int {
        var slices = 0
        while state.hasPendingWork { state.continueWork(); slices += 1 }
        return slices
    }

    /// What the list shows, worked out the slow way.
    static func expected(_ state: AppState, query: String) -> [Int] {
        var fresh = EvidenceListState()
        fresh.rebuild(state.portfolio, state.live)
        let q = TextQuery.fold(query)
        return fresh.order.filter { index in
            let item = state.portfolio.evidence[index]
            return [item.title, item.description, item.reflection.whatHappened, item.reflection.whatLearned, item.reflection.whatNext]
                .contains { TextQuery.fold($0).contains(q) }
        }
    }

    @Test func searchInSlicesFindsWhatAFullSearchFinds() {
        var state = AppState(
            portfolio: LargeListTests.longPortfolio(), path: "/x.json", width: 120, height: 40, today: fixedToday,
            validator: Validator(framework: .mlcf, catalog: .bundled))
        var slices = 0
        func check(_ step: String) {
            slices += LargeListTests.finish(&state)
            let query = state.list.search.text.trimmingCharacters(in: .whitespaces)
            #expect(state.list.visible == LargeListTests.expected(state, query: query), "\(step): “\(query)”")
        }
        state.press(.character("v"), .character("/"))
        for character in "deprescrib" {
            state.press(.character(character))
            _ = state.render()
            check("typing")
        }
        // Typing on before a search finishes, and taking letters back.
        state.press(.backspace, .backspace, .character("r"))
        check("after taking two back")
        state.press(.backspace, .character("c"))
        state.press(.character("r"))
        check("typed on before the search finished")
        // Non-ASCII text is searched folded (case and accents).
        state.press(.escape, .character("/"))
        state.type("ZOË")
        check("non-ASCII")
        #expect(!state.list.visible.isEmpty)
        #expect(slices > 0, "a long list is searched in slices")
        #expect(state.render().text.contains("Evidence — \(state.list.visible.count) of"))
    }

    @Test func editsKeepTheListAsIfBuiltAfresh() {
        var state = AppState(
            portfolio: LargeListTests.longPortfolio(copies: 3), path: "/x.json", width: 120, height: 40, today: fixedToday,
            validator: Validator(framework: .mlcf, catalog: .bundled))
        func check(_ step: String) {
            var fresh = EvidenceListState()
            fresh.rebuild(state.portfolio, state.live)
            #expect(state.list.order == fresh.order, "\(step): order")
            #expect(state.list.visible == fresh.visible, "\(step): visible")
        }
        // Link existing evidence from the walk-through, then unlink it from the element view.
        state.press(.character("w"), .character("L"), .down, .down, .enter)
        check("linked")
        state.press(.character("3"))
        check("rated")
        // Edit an item's date so it moves in the list, and save.
        state.press(.character("v"), .down, .down, .enter)
        for _ in 0..<2 { state.press(.tab) }
        state.press(.ctrl("u"))
        state.type("2019-05-05")
        state.press(.ctrl("s"))
        check("date edited")
        // Add an item, then delete two.
        state.press(.character("v"), .character("a"))
        state.type("A brand new item")
        state.press(.ctrl("s"))
        check("added")
        state.press(.character("v"), .home, .character("x"), .character("y"))
        check("deleted first")
        state.press(.end, .character("x"), .character("y"))
        check("deleted last")
        #expect(state.portfolio.evidence.count == LargeListTests.longPortfolio(copies: 3).evidence.count - 1)
    }
}
