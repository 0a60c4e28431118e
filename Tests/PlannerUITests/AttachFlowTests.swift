import PlannerCore
import Testing

@testable import PlannerUI

/// `A` on an evidence item, through the pure update function: the question, the effect that
/// asks the run loop to copy the file, the record once it is in, and the editor keeping it.
@Suite struct AttachFlowTests {
    let file = AttachedFile(name: "slides.pdf", bytes: 1_300_000, mediaType: "application/pdf", sha256: String(repeating: "c", count: 64))

    @Test func aAsksForAPathAndEnterAsksTheRunLoopToAttachIt() {
        var state = makeState()
        state.press(.character("v"))
        let id = state.portfolio.evidence[state.list.visible[state.list.selection]].id
        #expect(state.press(.character("A")).isEmpty)
        guard case .prompt(let prompt) = state.modal else {
            Issue.record("no question: \(String(describing: state.modal))")
            return
        }
        #expect(prompt.purpose == .attachFile(id))
        #expect(state.render().text.contains("its path (~ is your home folder; up to 25 MB)"))
        state.type("~/certificates/slides.pdf ")
        #expect(state.press(.enter) == [.attach(evidenceID: id, path: "~/certificates/slides.pdf")])
        // An empty answer attaches nothing.
        state.press(.character("A"))
        #expect(state.press(.enter).isEmpty)
    }

    @Test func theFileInTheFolderIsRecordedSavedAndListedAndTheEditorKeepsIt() {
        var state = makeState()
        state.press(.character("v"))
        let index = state.list.visible[state.list.selection]
        let id = state.portfolio.evidence[index].id
        #expect(state.attached(file, to: id, note: "slides.pdf is a link to /x; attached the file it points to.") == [.save])
        #expect(state.portfolio.evidence[index].files == [file])
        let screen = state.render().text
        #expect(screen.contains("Attached: slides.pdf (1.2 MB)"))
        #expect((state.status ?? "").contains("is a link to /x") && (state.status ?? "").contains("Attached slides.pdf (1.2 MB)."))
        #expect(state.attached(file, to: id).isEmpty, "the same file twice is not recorded twice")
        // Editing the item and saving it keeps its files.
        state.press(.enter)
        #expect(state.render().text.contains("Attached: slides.pdf (1.2 MB)"))
        state.type("!")
        state.press(.ctrl("s"))
        #expect(state.portfolio.evidence[index].files == [file])
        #expect(state.attached(file, to: "no-such-item").isEmpty)
    }
}
