import PlannerCore
import TestSupport
import Testing

@testable import PlannerUI

/// The competence picker and the other picker fields.
@Suite struct PickerTests {
    /// The evidence editor of the first item, focused on a field.
    static func editor(on field: String) -> AppState {
        var state = makeState()
        state.press(.character("v"), .enter)
        state.editor?.form.focus(on: field)
        return state
    }

    static func picker(_ state: AppState) -> PickerState? {
        if case .picker(let picker) = state.modal { return picker }
        return nil
    }

    @Test func itOpensAtWhatIsAlreadyLinked() {
        var state = Self.editor(on: "links")
        let links = state.editor!.form.value("links").split(separator: ",").map(String.init)
        state.press(.enter)
        let picker = Self.picker(state)!
        #expect(picker.visible[picker.cursor].id == links.first { id in picker.visible.contains { $0.id == id } })
    }

    @Test func aSearchMovesTheHighlightToTheFirstMatch() {
        var state = Self.editor(on: "links")
        state.press(.enter, .character("/"))
        state.type("feedback")
        var picker = Self.picker(state)!
        #expect(picker.visible[picker.cursor].text.lowercased().contains("feedback"))
        #expect(picker.cursor == picker.visible.firstIndex { $0.level > 0 })
        state.press(.enter)
        picker = Self.picker(state)!
        let first = picker.visible[picker.cursor].id
        let ticked = picker.selected.contains(first)
        state.press(.character(" "))
        #expect(Self.picker(state)!.selected.contains(first) == !ticked, "Space ticks the match the search found")
    }

    @Test func enterKeepsTheTicksAndEscLeavesTheFieldAsItWas() {
        var state = Self.editor(on: "links")
        let before = state.editor!.form.value("links")
        state.press(.enter, .character("x"))  // x unticks the linked row the picker opened at
        state.press(.escape)
        #expect(state.modal == nil)
        #expect(state.editor?.form.value("links") == before, "Esc changed nothing")
        state.press(.enter, .character("x"), .enter)
        #expect(state.modal == nil)
        #expect(state.editor?.form.value("links") != before, "Enter kept the untick")
        #expect(state.editor!.form.value("links").split(separator: ",").count == before.split(separator: ",").count - 1)
    }

    @Test func theFieldSaysItIsAPickerEmptyOrNot() {
        var state = Self.editor(on: "links")
        #expect(state.render().text.contains("(Enter to choose)"))
        state.press(.backspace)
        #expect(state.editor?.form.value("links") == "")
        #expect(state.render().text.contains("none yet  (Enter to choose)"))
    }

    @Test func gmpDomainsAreChosenByName() {
        var state = Self.editor(on: "gmpDomains")
        state.press(.backspace, .enter)
        guard let picker = Self.picker(state) else { Issue.record("no picker"); return }
        #expect(picker.title == "GMP domains")
        let domains = state.taxonomy.gmpDomains
        #expect(picker.visible.map(\.text) == domains.map(\.name2024))
        #expect(state.render().text.contains(domains[0].name2024.prefix(30)))
        state.press(.down, .character(" "), .enter)
        #expect(state.editor?.form.value("gmpDomains") == domains[1].id)
        #expect(state.render().text.contains(domains[1].name2024.prefix(20)))
        let effects = state.press(.ctrl("s"))
        #expect(effects == [.save])
        #expect(state.portfolio.evidence.contains { $0.gmpDomains == [domains[1].id] })
    }

    @Test func gmcAreasAreChosenByName() {
        var state = Self.editor(on: "gmcAreas")
        state.press(.backspace, .enter, .character(" "), .enter)
        let areas = state.taxonomy.gmcAreas
        #expect(state.editor?.form.value("gmcAreas") == areas[0].id)
        #expect(state.render().text.contains(areas[0].label.prefix(20)))
    }

    /// A competence cut at 80 columns is shown in full under the list while it is highlighted.
    @Test func aCutCompetenceIsShownInFull() {
        var state = Self.editor(on: "links")
        state.press(.enter)
        let picker = Self.picker(state)!
        let row = picker.visible[picker.cursor]
        let text = state.render().text.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
        let words = row.text.split(separator: " ").joined(separator: " ")
        #expect(text.contains(words.suffix(25)), "the end of “\(row.text)” is on screen")
    }
}

/// `L` links existing evidence to an element or one competence; `x` unlinks where the README says.
@Suite struct LinkingTests {
    @Test func lLinksACompetenceFromTheFrameworkBrowser() {
        var state = makeState()
        // Domain 1 expanded, element 1.1 expanded, then its first competence.
        state.press(.character("f"), .enter, .down, .right, .down)
        let competence = state.browserRows[state.browser.selection]
        #expect(competence.level == 2)
        state.press(.character("L"))
        guard case .linkExisting(let link) = state.modal else { Issue.record("no link picker"); return }
        #expect(link.element == competence.id)
        let index = link.candidates[0]
        let effects = state.press(.enter)
        #expect(effects == [.save])
        #expect(state.portfolio.evidence[index].links.contains(state.framework.link(competence.id)))
    }

    @Test func lOnAnElementRowLinksTheElement() {
        var state = makeState()
        state.press(.character("f"), .enter, .down, .character("L"))
        guard case .linkExisting(let link) = state.modal else { Issue.record("no link picker"); return }
        #expect(state.framework.isElement(link.element))
    }

    /// README: `x` in the element view unlinks the selected evidence, however it was linked
    /// (to the element or to one of its competences).
    @Test func xUnlinksInTheElementViewCompetenceLinksToo() {
        var state = makeState()
        let index = state.portfolio.evidence.firstIndex { $0.links.contains { $0.hasPrefix("mlcf:") && $0.split(separator: ".").count == 3 } }!
        let link = state.portfolio.evidence[index].links.first { $0.split(separator: ".").count == 3 }!
        let element = state.framework.unitID(ofLink: link)!
        state.go(.element(element))
        let linked = state.evidence(linkedTo: element)
        state.elementSelection = linked.firstIndex(of: index)!
        let effects = state.press(.character("x"))
        #expect(effects == [.save])
        #expect(!state.portfolio.evidence[index].links.contains { state.framework.unitID(ofLink: $0) == element })
    }

    /// README: `x` (like Space) in the competence picker unticks a ticked row.
    @Test func xUnticksInThePicker() {
        var state = PickerTests.editor(on: "links")
        state.press(.enter)
        let picker = PickerTests.picker(state)!
        let row = picker.visible[picker.cursor].id
        #expect(picker.selected.contains(row))
        state.press(.character("x"))
        #expect(PickerTests.picker(state)?.selected.contains(row) == false)
    }
}
