import Foundation
import PlannerCore
import Testing

@testable import PlannerUI

/// Items brought in by `mlcf import` are marked "imported, to review" in the evidence list
/// until the doctor opens one; opening it clears its mark (and only its), and that is saved.
@Suite struct ImportedItemTests {
    @Test func theListMarksImportedItemsUntilOpened() {
        var portfolio = examplePortfolio()
        for index in portfolio.evidence.indices { portfolio.evidence[index].importedToReview = true }
        var state = AppState(
            portfolio: portfolio, path: "/home/doctor/p.json", width: 120, height: 30, today: fixedToday,
            validator: Validator(framework: .mlcf, catalog: .bundled))
        state.press(.character("v"))
        let before = state.render().text
        let marked = before.components(separatedBy: "[imported, to review]").count - 1
        #expect(marked >= 2, "every visible imported item is marked:\n\(before)")
        let selected = state.list.visible[state.list.selection]
        let id = state.portfolio.evidence[selected].id
        let effects = state.press(.enter)
        #expect(effects.contains(.save), "the cleared mark is saved")
        #expect(state.portfolio.evidence.first { $0.id == id }?.importedToReview == nil)
        #expect(state.portfolio.evidence.filter { $0.importedToReview == true }.count == portfolio.evidence.count - 1, "only the opened item")
        state.press(.escape)
        let after = state.render().text
        #expect(after.components(separatedBy: "[imported, to review]").count - 1 == marked - 1, "\(after)")
    }

    @Test func savingTheFormKeepsTheImportKey() {
        var portfolio = examplePortfolio()
        for index in portfolio.evidence.indices { portfolio.evidence[index].importKey = "csv-\(index)" }
        var state = AppState(
            portfolio: portfolio, path: "/home/doctor/p.json", width: 120, height: 30, today: fixedToday,
            validator: Validator(framework: .mlcf, catalog: .bundled))
        state.press(.character("v"))
        let selected = state.list.visible[state.list.selection]
        let id = state.portfolio.evidence[selected].id
        let key = portfolio.evidence.first { $0.id == id }?.importKey
        state.press(.enter)
        state.type(" (edited)")
        state.press(.ctrl("s"))
        let saved = state.portfolio.evidence.first { $0.id == id }
        #expect(saved?.title.hasSuffix("(edited)") == true)
        #expect(key != nil && saved?.importKey == key)
    }
}
