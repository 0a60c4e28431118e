import PlannerCore
import Testing

@testable import PlannerUI

/// `b` on the evidence list, through the pure update function: an earlier item is brought
/// into this year's document with the doctor's reason, `b` again stops it, and an item of this
/// period or a later one is left alone with a plain reason why.
@Suite struct BringForwardFlowTests {
    /// The list with the item of this id selected.
    func listOn(_ id: String) -> (AppState, Int) {
        var state = makeState()
        state.press(.character("v"))
        let index = state.portfolio.evidence.firstIndex { $0.id == id }!
        state.list.selection = state.list.visible.firstIndex(of: index)!
        return (state, index)
    }

    @Test func bAsksWhyThenMarksTheEarlierItemAndBAgainStops() {
        // cp-22: e-learning from the year before this period, not brought forward.
        var (state, index) = listOn("cp-22")
        #expect(state.portfolio.evidence[index].bringForward == nil)
        #expect(state.press(.character("b")).isEmpty)
        guard case .prompt(let prompt) = state.modal else {
            Issue.record("no question: \(String(describing: state.modal))")
            return
        }
        #expect(prompt.purpose == .bringForward("cp-22"))
        #expect(state.render().text.contains("why does it matter this year?"))
        state.type("Bone health is on this year's plan")
        #expect(state.press(.enter) == [.save])
        #expect(state.portfolio.evidence[index].bringForward == "Bone health is on this year's plan")
        #expect((state.status ?? "").contains("will be printed in full in this year's document"))
        #expect(state.press(.character("b")) == [.save])
        #expect(state.portfolio.evidence[index].bringForward == nil)
        #expect((state.status ?? "").contains("no longer brought forward"))
        // Marked with nothing said: marked all the same, with an empty reason.
        state.press(.character("b"))
        #expect(state.press(.enter) == [.save])
        #expect(state.portfolio.evidence[index].bringForward == "")
        // Editing the item keeps the mark (the form does not show it).
        state.press(.enter)
        state.type("!")
        state.press(.ctrl("s"))
        #expect(state.portfolio.evidence[index].bringForward == "")
    }

    @Test func anItemOfThisPeriodIsAlreadyInTheDocumentAndIsLeftAlone() {
        var (state, index) = listOn("cp-01")
        let before = state.portfolio
        #expect(state.press(.character("b")).isEmpty)
        #expect(state.modal == nil)
        #expect(state.portfolio == before)
        #expect((state.status ?? "").contains("dated in this period, so it is in this year's document already"))
        // Dated after the period: refused with the reason.
        state.portfolio.evidence[index].date = state.portfolio.period.end.adding(days: 3)
        #expect(state.press(.character("b")).isEmpty)
        #expect(state.modal == nil && state.portfolio.evidence[index].bringForward == nil)
        #expect(state.statusIsError && (state.status ?? "").contains("only items from earlier years"))
    }

    @Test func aPrivateEarlierItemIsMarkedButTheStatusSaysItStaysCounted() {
        var (state, index) = listOn("cp-22")
        state.portfolio.evidence[index].isPrivate = true
        state.press(.character("b"))
        state.type("Private reason")
        #expect(state.press(.enter) == [.save])
        #expect(state.portfolio.evidence[index].bringForward == "Private reason")
        #expect((state.status ?? "").contains("it is private: the document counts it"))
    }
}
