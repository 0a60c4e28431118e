import PlannerCore
import Testing

@testable import PlannerUI

/// The main flows, driven through the pure update function: exact state changes and effects.
@Suite struct FlowTests {
    @Test func walkthroughMovesAndSavesItsPlace() {
        var state = makeState("undergraduate")
        state.press(.character("w"))
        state.walkIndex = 4
        let start = state.walkIndex
        let effects = state.press(.right)
        #expect(state.walkIndex == start + 1)
        #expect(effects == [.save])
        #expect(state.portfolio.walkthrough?.currentElement == Framework.mlcf.link(Framework.mlcf.elements[start + 1].id))
        state.press(.left, .character("h"))
        #expect(state.walkIndex == max(0, start - 1))
    }

    @Test func resumesWalkthroughWhereItStopped() {
        var portfolio = examplePortfolio("undergraduate")
        portfolio.walkthrough = Walkthrough(currentElement: "mlcf:2.3")
        var state = AppState(portfolio: portfolio, path: "/x.json", today: fixedToday, validator: Validator(framework: .mlcf, catalog: .bundled))
        state.press(.character("w"))
        #expect(state.currentElement.id == "2.3")
        #expect(state.render().text.contains("2.3 Encouraging contribution"))
    }

    @Test func rateAnElementAndWriteANote() {
        var state = makeState("postgraduate")
        state.press(.character("f"), .down, .down, .enter)  // domain 3 expanded? first rows: 1, 2, 3
        state.press(.character("w"))
        state.walkIndex = Framework.mlcf.position(ofElement: "3.2")!
        let effects = state.press(.character("3"))
        #expect(effects == [.save])
        #expect(state.portfolio.ratings["mlcf:3.2"]?.level == 3)
        state.press(.character("n"))
        state.type("Rota work helped — café budget 李")
        state.press(.enter)
        #expect(state.portfolio.ratings["mlcf:3.2"] == Rating(level: 3, note: "Rota work helped — café budget 李"))
        #expect(!state.report.findings.contains { $0.code == "rating.missing" && $0.location.element == "3.2" })
        // A note of two paragraphs (a merge's "keep both", or a hand edit) opens whole and Enter keeps it exactly.
        let long = "First paragraph of a long note about rotas and the café budget.\n\nSecond paragraph, the end of it."
        state.portfolio.ratings["mlcf:3.2"]?.note = long
        state.saveFinished(error: nil)
        state.press(.character("n"))
        #expect(state.render().text.contains("First paragraph") && state.render().text.contains("the end of it."))
        #expect(state.press(.enter).isEmpty)
        #expect(state.portfolio.ratings["mlcf:3.2"]?.note == long)
    }

    @Test func addEvidenceWithUnicodeAndTwoLinks() {
        var state = makeState("postgraduate")
        let before = state.portfolio.evidence.count
        state.press(.character("v"), .character("a"))
        state.type("Zoë's QI audit — 李")
        state.press(.tab, .right, .right, .tab)  // kind: reflective note → CPD → quality improvement
        state.press(.tab)  // keep the date, go to description
        state.type("Audit of handover.")
        state.press(.tab); state.type("We audited.")
        state.press(.tab); state.type("Handover matters.")
        state.press(.tab); state.type("Re-audit in spring.")
        state.press(.tab, .enter)  // open the competence picker
        state.press(.character("/")); state.type("3.2.b"); state.press(.enter, .character(" "))
        state.press(.character("/"), .ctrl("u")); state.type("5.4.a"); state.press(.enter, .character(" "), .enter)
        let effects = state.press(.ctrl("s"))
        #expect(effects == [.save])
        #expect(state.portfolio.evidence.count == before + 1)
        let item = state.portfolio.evidence.last!
        #expect(item.title == "Zoë's QI audit — 李")
        #expect(item.kind == .qualityImprovement)
        #expect(item.links == ["mlcf:3.2.b", "mlcf:5.4.a"])
        #expect(item.reflection == Reflection(whatHappened: "We audited.", whatLearned: "Handover matters.", whatNext: "Re-audit in spring."))
        #expect(state.route == .evidenceList)
        #expect(state.report.coverage.element("3.2").inPeriod == 1)
    }

    @Test func impossibleDateIsRejectedWithAMessage() {
        var state = makeState()
        state.press(.character("v"), .character("a"))
        state.type("Something")
        state.press(.tab, .tab, .ctrl("u"))
        state.type("2026-02-30")
        state.press(.tab)
        #expect(state.editor?.form.focusedField.key == "date")
        #expect(state.editor?.form.error?.contains("“2026-02-30” is not a real date") == true)
        #expect(state.press(.ctrl("s")) == [])
        #expect(state.render().text.contains("is not a real date"))
    }

    @Test func escapeOnAChangedFormAsksFirst() {
        var state = makeState()
        let count = state.portfolio.evidence.count
        state.press(.character("v"), .character("a"))
        state.type("Half-written")
        state.press(.escape)
        #expect(state.modal == .confirmDiscard)
        state.press(.character("n"))
        #expect(state.route == .evidenceEditor && state.editor?.form.value("title") == "Half-written")
        state.press(.escape, .character("s"))  // save from the prompt
        #expect(state.portfolio.evidence.count == count + 1)
        state.press(.character("a")); state.type("Throw away"); state.press(.escape, .character("y"))
        #expect(state.portfolio.evidence.count == count + 1 && state.route == .evidenceList)
        // An unchanged form closes without asking.
        state.press(.character("a"), .escape)
        #expect(state.modal == nil && state.route == .evidenceList)
    }

    @Test func quitWithAnOpenEditAsks() {
        var state = makeState()
        state.press(.character("v"), .character("a"))
        state.type("Unsaved")
        #expect(state.press(.ctrl("c")) == [])
        #expect(state.modal == .confirmQuit)
        #expect(state.openDraft?.values["title"] == "Unsaved")
        #expect(state.press(.character("y")) == [.quit])
        var plain = makeState()
        #expect(plain.press(.character("q")) == [.quit])
    }

    @Test func linkExistingEvidenceFromTheElementView() {
        var state = makeState("postgraduate")
        state.press(.character("r"))
        let index = state.report.findings.firstIndex { $0.code == "coverage.element" && $0.location.element == "3.2" }!
        state.readinessSelection = index
        state.press(.enter)
        #expect(state.route == .element("3.2"))
        state.press(.character("L"))
        guard case .linkExisting(let picker) = state.modal else { Issue.record("no picker"); return }
        let target = state.portfolio.evidence[picker.candidates[0]]
        #expect(state.press(.enter) == [.save])
        #expect(state.portfolio.evidence(withID: target.id)!.links.contains("mlcf:3.2"))
        #expect(state.evidence(linkedTo: "3.2").contains(picker.candidates[0]))
    }

    @Test func readinessJumpsToTheEvidenceThatNeedsFixing() {
        var state = makeState("postgraduate")
        state.press(.character("r"))
        state.readinessSelection = state.report.findings.firstIndex { $0.code == "evidence.reflection" }!
        state.press(.enter)
        #expect(state.route == .evidenceEditor)
        #expect(state.editor?.originalID == "pg-07")
        #expect(state.editor?.form.focusedField.key == "whatHappened")
    }

    @Test func pdpGoalFromASuggestion() {
        var state = makeState("postgraduate")
        let before = state.portfolio.pdp.count
        state.press(.character("p"), .character("s"))
        guard case .suggestions(let s) = state.modal else { Issue.record("no suggestions"); return }
        #expect(!s.suggestions.isEmpty)
        state.press(.enter)
        #expect(state.route == .goalEditor)
        #expect(state.goalEditor?.form.fields[2].links == [s.suggestions[0].link])
        state.press(.tab, .tab, .tab); state.type("Shadow the rota lead")
        state.press(.tab); state.type("Rota published")
        state.press(.tab); state.type("2027-03-31")
        #expect(state.press(.ctrl("s")) == [.save])
        #expect(state.portfolio.pdp.count == before + 1)
        let goal = state.portfolio.pdp.last!
        #expect(goal.activities == "Shadow the rota lead" && goal.targetDate == CalendarDate("2027-03-31"))
    }

    @Test func reviewLastPeriodsGoal() {
        var state = makeState("postgraduate")
        state.press(.character("p"), .tab)
        let id = state.portfolio.previousPdp.first { $0.reviewNote.isEmpty }!.id
        state.pdp.selection = state.portfolio.previousPdp.firstIndex { $0.id == id }!
        state.press(.enter)
        state.goalEditor?.form.focus(on: "reviewNote")
        state.type("Did two rotas with the rota lead.")
        state.press(.ctrl("s"))
        #expect(state.portfolio.goal(withID: id)?.reviewNote == "Did two rotas with the rota lead.")
        #expect(!state.report.findings.contains { $0.code == "pdp.review" })
    }

    @Test func newPeriodArchivesAndCarriesGoalsForward() {
        var state = makeState()
        let oldPDP = state.portfolio.pdp
        let historyCount = state.portfolio.history.count
        state.press(.character("u"), .ctrl("n"), .character("y"))
        #expect(state.portfolio.history.count == historyCount + 1)
        #expect(state.portfolio.history.last?.periodStart == CalendarDate("2025-10-01"))
        #expect(state.portfolio.profile.periodStart == CalendarDate("2026-10-01"))
        #expect(state.portfolio.profile.periodEnd == CalendarDate("2027-09-30"))
        #expect(state.portfolio.previousPdp.map(\.id) == oldPDP.map(\.id), "the agreed plan, its carried goal already in it")
        #expect(state.portfolio.pdp.isEmpty && state.portfolio.ratings.isEmpty)
    }

    @Test func searchLooksInReflections() {
        var state = makeState()
        let word = "4AT"
        state.press(.character("v"), .character("/"))
        state.type(word.lowercased())
        let hits = state.list.visible.map { state.portfolio.evidence[$0] }
        #expect(!hits.isEmpty)
        #expect(
            hits.allSatisfy {
                ($0.title + $0.description + $0.reflection.whatHappened + $0.reflection.whatLearned + $0.reflection.whatNext).lowercased().contains("4at")
            })
        state.press(.escape)
        #expect(state.list.visible.count == state.portfolio.evidence.count)
    }

    @Test func saveFailureKeepsTheEditAndSaysSo() {
        var state = makeState()
        state.press(.character("3"))  // nothing on the dashboard
        state.press(.character("w"), .character("2"))
        state.saveFinished(error: "the disk is full.")
        #expect(state.saveStatus == .failed("the disk is full."))
        #expect(state.render().text.contains("NOT SAVED"))
        #expect(state.press(.character("q")) == [])
        #expect(state.modal == .confirmQuit)
    }

    @Test func recoveredDraftReopensItsEditor() {
        var state = makeState()
        let draft = Draft(kind: .evidence, targetID: nil, values: ["title": "Typed before the terminal closed", "whatLearned": "A lot"])
        state.modal = .recovery(draft)
        // Issue 13, item 9: restoring does not delete the recovery file (a crash straight
        // after would lose the draft); it goes when the form is saved or discarded.
        #expect(state.press(.character("y")) == [])
        #expect(state.route == .evidenceEditor)
        #expect(state.editor?.form.value("title") == "Typed before the terminal closed")
        #expect(state.hasOpenEdit)
    }

    /// Issue 13: a paste once ran as commands (its `e` wrote an export, its Ctrl-S saved).
    @Test func pasteOutsideATextFieldIsNeverCommands() {
        var state = makeState()
        let before = state.portfolio
        let effects = state.press(.paste("jjeq\u{13}pa"))
        #expect(effects.isEmpty)
        #expect(state.dashboardSelection == 0)
        #expect(state.route == .dashboard && state.portfolio == before)
        #expect(state.status?.contains("nothing was changed") == true)
    }

    /// Issue 13: in a one-line field a paste is text: its tabs never move to later fields,
    /// its control bytes are dropped, and its line breaks become spaces, which it says.
    @Test func pasteIntoAOneLineFieldStaysInThatField() {
        var state = makeState()
        state.press(.character("v"), .character("a"))
        state.press(.paste("Ward\tround\u{13}\u{1B}[2J\nnotes\u{7F}"))
        let form = state.editor!.form
        #expect(form.focus == 0)
        #expect(form.value("title") == "Ward round[2J notes")
        #expect(form.value("cpdCredits") == "")
        #expect(form.error?.contains("one line") == true)
    }

    /// Issue 13: the title is capped as it is typed or pasted, at the rules' limit.
    @Test func titleIsCappedAtInput() {
        var state = makeState()
        state.press(.character("v"), .character("a"))
        state.press(.paste(String(repeating: "a", count: 250)))
        #expect(state.editor!.form.value("title").count == 200)
        #expect(state.editor!.form.error?.contains("200") == true)
        state.press(.character("b"))
        #expect(state.editor!.form.value("title").count == 200)
    }
}

@Suite struct TextBufferTests {
    @Test func wrapsAtSpacesAndMeasuresWideCharacters() {
        let buffer = TextBuffer("李李李 abc defgh", multiline: true)
        let lines = buffer.lines(width: 8).map { String(Array(buffer.text)[$0]) }
        #expect(lines == ["李李李 ", "abc ", "defgh"])
    }

    @Test func cursorMovesByVisualLine() {
        var buffer = TextBuffer("one two three four", multiline: true)
        buffer.moveTo(0)
        buffer.moveVertically(1, width: 8)
        #expect(buffer.cursor == 8)  // start of "three"
        buffer.moveToLineEnd(width: 8)
        #expect(buffer.cursor == 13)
        buffer.insert("é")
        #expect(buffer.text == "one two threeé four")
        buffer.backspace(); buffer.moveTo(0)
        _ = buffer.handle(.end, width: 8)
        #expect(buffer.cursor == 7)
    }

    @Test func pasteKeepsNewlinesOnlyInMultiline() {
        var single = TextBuffer("")
        single.insert("a\r\nb\tc")
        #expect(single.text == "a b c")
        var multi = TextBuffer("", multiline: true)
        multi.insert("a\r\nb")
        #expect(multi.text == "a\nb")
    }
}
