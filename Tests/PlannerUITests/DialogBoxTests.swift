import PlannerCore
import Testing

@testable import PlannerUI

/// Issue 15: a dialog box over a list leaves no piece of the lines underneath beside it (a
/// cut mark `…` at its right edge read as the box's own text cut short).
@Suite struct DialogBoxTests {
    static let dialogs: [(name: String, keys: [Key])] = [
        ("help over the evidence list", [.character("v"), .character("?")]),
        ("kind picker over the evidence list", [.character("v"), .character("K")]),
        ("help over the dashboard", [.character("?")]),
        ("link picker over the framework", [.character("f"), .right, .down, .character("L")]),
    ]

    @Test(arguments: dialogs.map(\.name), [80, 100, 120, 160])
    func nothingOfTheLinesUnderneathShowsBesideTheBox(_ name: String, _ width: Int) {
        var state = makeState(width: width, height: width == 80 ? 24 : 40)
        state.press(Self.dialogs.first { $0.name == name }!.keys)
        let screen = state.render()
        let lines = screen.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let rows = lines.indices.filter { lines[$0].contains("┌") || lines[$0].contains("│") || lines[$0].contains("└") }
        #expect(!rows.isEmpty, "\(name): no box\n\(screen.text)")
        for y in rows {
            let line = lines[y]
            let left = line.prefix { $0 != "┌" && $0 != "│" && $0 != "└" }
            let right = line.reversed().prefix { $0 != "┐" && $0 != "│" && $0 != "┘" }
            #expect(left.allSatisfy(\.isWhitespace) && right.allSatisfy(\.isWhitespace), "\(name) at \(width): row \(y) shows “\(line)”")
        }
    }
}
