import Foundation
import PlannerCore
import Testing

/// Issue 15 in the real terminal: forms at 80×24 keep the header and show a cut field's "…",
/// the profile is a view until a field is chosen, and the picker's search, Enter and Esc.
@Suite(.serialized) struct FormsEndToEndTests {
    static func start(_ name: String) throws -> (TmuxSession, URL) {
        let tmux = TmuxSession(name: name)
        let file = tmux.home.appendingPathComponent("mine.json")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Resources/examples/postgraduate.json"), to: file)
        try tmux.start("'\(file.path)'", width: 80, height: 24)
        tmux.waitFor("Dashboard")
        return (tmux, file)
    }

    @Test func formsAt80x24KeepTheHeaderAndMarkACutField() throws {
        let (tmux, file) = try Self.start("forms80")
        try tmux.send("v"); tmux.waitFor("Evidence —")
        try tmux.send("a"); tmux.waitFor("New evidence")
        let long = (1...16).map { "word\($0)" }.joined(separator: " ")
        try tmux.type(long)
        tmux.waitFor("word16")
        var screen = tmux.settle()
        let title = screen.split(separator: "\n").first { $0.contains("word16") }.map(String.init) ?? ""
        #expect(title.contains("…word") || title.contains("… word") || title.contains("…"), "the cut left side is marked: \(title)")
        // Walk every field: the header stays on the first line.
        for _ in 0..<18 {
            try tmux.send("Tab")
            screen = tmux.settle()
            #expect(screen.hasPrefix(" mlcf · "), "the header was drawn over:\n\(screen)")
        }
        try tmux.send("Escape"); tmux.waitFor("Discard changes?")
        try tmux.send("y"); tmux.waitFor("Changes discarded")

        // The profile is a view: ? is help and d types nothing into the name.
        try tmux.send("u"); tmux.waitFor("Enter or e edits a field")
        try tmux.send("?"); tmux.waitFor("Help — Profile")
        try tmux.send("Escape")
        try tmux.send("d")
        screen = tmux.settle()
        #expect(!screen.contains("(changed"), "d changed the profile:\n\(screen)")
        try tmux.send("e"); tmux.waitFor("editing Name")
        try tmux.type("?")
        try tmux.send("Enter"); tmux.waitFor("(changed")
        try tmux.send("C-s"); tmux.waitFor("Saved your profile")
        try tmux.send("q"); tmux.waitFor("EXITED 0")
        let saved = try PortfolioStore.load(from: file)
        #expect(saved.profile.name.hasSuffix("?"))
    }

    @Test func thePickerSearchesKeepsOnEnterAndDiscardsOnEsc() throws {
        let (tmux, file) = try Self.start("picker")
        let link = "mlcf:5.4.c"
        let linksBefore = try PortfolioStore.load(from: file).evidence.filter { $0.links.contains(link) }.count
        try tmux.send("v"); tmux.waitFor("Evidence —")
        try tmux.send("Enter"); tmux.waitFor("Edit evidence")
        for _ in 0..<7 { try tmux.send("Tab") }
        tmux.waitFor("(Enter to choose)")
        // Esc leaves the picker without changes.
        try tmux.send("Enter"); tmux.waitFor("Competences —")
        let chosen = Self.chosen(tmux.settle())
        try tmux.send("/"); try tmux.type("5.4.c"); try tmux.send("Enter", "Space")
        tmux.settle()
        #expect(Self.chosen(tmux.screen()) != chosen, "Space after the search ticked or unticked the match")
        try tmux.send("Escape")
        tmux.waitFor("Edit evidence")
        #expect(!tmux.settle().contains("(changed"), "Esc kept the tick")
        // Enter keeps them: the search put the highlight on the first match, Space ticked it.
        try tmux.send("Enter"); tmux.waitFor("Competences —")
        try tmux.send("/"); try tmux.type("5.4.c"); try tmux.send("Enter", "Space", "Enter")
        tmux.waitFor("(changed")
        try tmux.send("C-s"); tmux.waitFor("Saved “")
        try tmux.send("q"); tmux.waitFor("EXITED 0")
        let linksAfter = try PortfolioStore.load(from: file).evidence.filter { $0.links.contains(link) }.count
        #expect(abs(linksAfter - linksBefore) == 1, "the picker's change was saved: \(linksBefore) → \(linksAfter)")
    }

    /// "N chosen" from the picker's title line.
    static func chosen(_ screen: String) -> Int? {
        guard let range = screen.range(of: #"\d+ chosen"#, options: .regularExpression) else { return nil }
        return Int(screen[range].split(separator: " ")[0])
    }
}
