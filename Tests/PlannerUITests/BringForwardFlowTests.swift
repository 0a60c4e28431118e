import PlannerCore
import TestSupport
import Testing

@testable import PlannerUI

/// `b` on the evidence list, through the pure update function: an earlier item is brought
/// into this year's document with the doctor's reason, `b` again opens the reason to edit (and
/// clearing it stops), and an item of this period or a later one is left alone with a plain
/// reason why.
@Suite struct BringForwardFlowTests {
    /// The list with the item of this id selected.
    func listOn(_ id: String) -> (AppState, Int) {
        var state = makeState()
        state.press(.character("v"))
        let index = state.portfolio.evidence.firstIndex { $0.id == id }!
        state.list.selection = state.list.visible.firstIndex(of: index)!
        return (state, index)
    }

    @Test func bAsksWhyThenMarksTheEarlierItemAndBAgainEditsWhyOrStops() {
        // cp-22: e-learning from the year before this period, not brought forward.
        var (state, index) = listOn("cp-22")
        let reason = "Bone health is on this year's plan"
        #expect(state.portfolio.evidence[index].bringForward == nil)
        #expect(state.press(.character("b")).isEmpty)
        guard case .prompt(let prompt) = state.modal else {
            Issue.record("no question: \(String(describing: state.modal))")
            return
        }
        #expect(prompt.purpose == .bringForward("cp-22"))
        #expect(state.render().text.contains("why does it matter this year?"))
        state.type(reason)
        #expect(state.press(.enter) == [.save])
        #expect(state.portfolio.evidence[index].bringForward == reason)
        #expect((state.status ?? "").contains("will be printed in full in this year's document"))
        // The list marks it as this year's, and says what the mark means.
        let date = "\(state.portfolio.evidence[index].date)"
        #expect(state.render().text.contains("+" + date), "the row is marked + before its date")
        #expect(state.render().text.contains("+ = brought forward"))
        // b again opens what was written, to edit: Esc changes nothing, a stray Enter saves nothing.
        #expect(state.press(.character("b")).isEmpty)
        guard case .prompt(let again) = state.modal else {
            Issue.record("b on a marked item asked nothing: \(String(describing: state.modal))")
            return
        }
        #expect(again.buffer.text == reason)
        #expect(state.render().text.contains("clear it and Enter to stop"))
        #expect(state.press(.escape).isEmpty)
        #expect(state.portfolio.evidence[index].bringForward == reason)
        state.press(.character("b"))
        #expect(state.press(.enter).isEmpty)
        #expect(state.portfolio.evidence[index].bringForward == reason)
        state.press(.character("b"))
        state.type(" and after the fall clinic")
        #expect(state.press(.enter) == [.save])
        #expect(state.portfolio.evidence[index].bringForward == reason + " and after the fall clinic")
        // Cleared: it stops, and the list shows it as an earlier item again.
        state.press(.character("b"))
        state.press(.ctrl("u"))
        #expect(state.press(.enter) == [.save])
        #expect(state.portfolio.evidence[index].bringForward == nil)
        #expect((state.status ?? "").contains("no longer brought forward"))
        #expect(state.render().text.contains("·" + date))
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

    /// A reason written at length (or through `mlcf add-evidence --bring-forward`, line
    /// breaks and all) opens whole, wrapped in the box, and Enter leaves it exactly as it was.
    @Test func aLongReasonOpensWholeAndEnterKeepsItExactly() {
        var (state, index) = listOn("cp-22")
        let reason =
            "First words of a long reason: the e-learning on falls was the start of the falls pathway work.\nSecond line: it is why the re-audit this year measured lying and standing blood pressure, last words."
        state.portfolio.evidence[index].bringForward = reason
        #expect(state.press(.character("b")).isEmpty)
        let text = state.render().text
        #expect(text.contains("First words of a long reason"), "the start of the reason is shown")
        #expect(text.contains("last words."), "the end of the reason is shown")
        #expect(state.press(.enter).isEmpty, "nothing changed, nothing to save")
        #expect(state.portfolio.evidence[index].bringForward == reason)
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

/// Generated: whatever a stored note or reason holds (line breaks, tabs, spaces at either end,
/// control characters, accents, astral characters), opening it and pressing Enter changes
/// nothing and asks for no save. Fixed seed in `make test`; `MLCF_SEED=N` replays a case.
@Suite struct OpenedTextIsKeptTests {
    @Test func enterOnAnUntouchedNoteOrReasonKeepsItExactly() async {
        await Generated.check(fixedSeed: 2301, count: 200, maxLength: 200) { bytes in
            var choices = Choices(bytes, hostile: true)
            let stored = choices.text(60)
            var state = makeState()
            if choices.chance(2) {
                state.press(.character("w"))
                let key = state.framework.link(state.currentElement.id)
                state.portfolio.ratings[key] = Rating(level: 2, note: stored)
                state.press(.character("n"))
                #expect(state.press(.enter).isEmpty, "a save for an untouched note")
                #expect(state.portfolio.ratings[key]?.note == stored)
            } else {
                state.press(.character("v"))
                let index = state.portfolio.evidence.firstIndex { $0.id == "cp-22" }!
                state.portfolio.evidence[index].bringForward = stored
                state.list.selection = state.list.visible.firstIndex(of: index)!
                state.press(.character("b"))
                if PlainText.isBlank(stored) {
                    // Marked with no reason: the question says Enter with nothing stops it.
                    #expect(state.render().text.contains("Enter with nothing stops"))
                    #expect(state.press(.enter) == [.save])
                    #expect(state.portfolio.evidence[index].bringForward == nil)
                } else {
                    #expect(state.press(.enter).isEmpty, "a save for an untouched reason")
                    #expect(state.portfolio.evidence[index].bringForward == stored)
                }
            }
        }
    }
}
