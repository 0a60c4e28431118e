import PlannerCore
import Testing

@testable import PlannerUI

/// Issue 15, "nothing is said by colour alone": the highlighted row of a list starts with
/// `›`, where the terminal cursor (what a screen reader follows) also sits, and no other row does.
@Suite struct SelectionMarkerTests {
    /// The continuing-practice example is ready, so its readiness list is the trainee's.
    static let lists: [(name: String, keys: [Key])] = [
        ("evidence list", [.character("v"), .down]),
        ("goals", [.character("p")]),
        ("framework browser", [.character("f"), .down]),
        ("readiness", [.character("r")]),
        ("kind picker", [.character("v"), .character("K"), .down]),
        ("link picker", [.character("f"), .right, .down, .character("L")]),
        ("competence picker", [.character("v"), .down, .enter] + Array(repeating: Key.tab, count: 7) + [.enter]),
    ]

    @Test(arguments: lists.map(\.name), [80, 120])
    func theHighlightedRowStartsWithTheMarkerUnderTheCursor(_ name: String, _ width: Int) throws {
        var state = makeState(name == "readiness" ? "postgraduate" : "continuing-practice", width: width, height: width == 80 ? 24 : 40)
        state.press(Self.lists.first { $0.name == name }!.keys)
        let screen = state.render()
        let text = screen.text
        let cursor = try #require(screen.cursor.map { (x: $0.x, y: $0.y) } ?? nil as (x: Int, y: Int)?, "\(name): no cursor\n\(text)")
        #expect(screen[cursor.x, cursor.y].character == "›", "\(name): the cursor is not on the marker\n\(text)")
        #expect(screen[cursor.x, cursor.y].style.reverse, "\(name): the marker is not on the highlighted row\n\(text)")
        // A dialog's list may lie over another, whose marker stays where it was.
        #expect(
            text.filter { $0 == "›" }.count == 1 || state.modal != nil && text.filter { $0 == "›" }.count == 2, "\(name): one marker for each list\n\(text)")
        #expect(screen.line(at: cursor.y).filter { $0 == "›" }.count == 1)
    }

    /// One marker everywhere (`ListSupport.selectionMarker`): the focused field of a form, the
    /// dashboard's menu and the welcome screen's mark their line as the lists do, and the old
    /// `▸` is left only for what it means elsewhere (a choice's "more this way" arrow, a collapsed domain).
    @Test func formsMenusAndTheWelcomeScreenUseTheListsMarker() {
        var form = makeState()
        form.press(.character("v"), .character("a"))
        var dashboard = makeState()
        dashboard.press(.character("d"))
        let welcome = WelcomeState(width: 80, height: 24, today: fixedToday, defaultPath: "~/mlcf-portfolio.json", taxonomy: .bundled)
        var wizard = welcome
        _ = wizard.update(.enter)
        let screens = [("evidence form", form.render()), ("dashboard", dashboard.render()), ("welcome", welcome.render()), ("first-run form", wizard.render())]
        for (name, screen) in screens {
            let marked = (0..<screen.height).map(screen.line(at:)).filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix(ListSupport.selectionMarker) }
            #expect(marked.count == 1, "\(name): \(marked.count) lines start with the marker\n\(screen.text)")
            let oldMarks = (0..<screen.height).map(screen.line(at:)).filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("▸") }
            #expect(oldMarks.isEmpty, "\(name) still marks with ▸\n\(screen.text)")
        }
    }
}
