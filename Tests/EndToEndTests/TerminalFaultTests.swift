import Foundation
import Testing

/// Terminal faults: resize storms, a tiny pane, and Ctrl-C on every screen. After each exit
/// the pane must be back to the shell (the planner's screen gone) with no crash report.
@Suite(.serialized) struct TerminalFaultTests {
    func exampleCopy(_ tmux: TmuxSession) throws -> String {
        let file = tmux.home.appendingPathComponent("p.json")
        if !FileManager.default.fileExists(atPath: file.path) {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Resources/examples/postgraduate.json"), to: file)
        }
        return file.path
    }

    func expectCleanExit(_ tmux: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) {
        tmux.waitFor("EXITED 0", sourceLocation: sourceLocation)
        let screen = tmux.screen()
        #expect(!screen.contains(" mlcf · "), "the planner's screen was left behind:\n\(screen)", sourceLocation: sourceLocation)
        for crash in ["Fatal error", "Stack dump", "Segmentation", "Illegal instruction", "Traceback"] {
            #expect(!screen.contains(crash), sourceLocation: sourceLocation)
        }
    }

    @Test func resizeStormAndTinyPane() throws {
        let tmux = TmuxSession(name: "storm")
        try tmux.start("'\(try exampleCopy(tmux))'")
        tmux.waitFor("Dr Tomás Okafor")
        try tmux.send("v")
        tmux.waitFor("Evidence —")
        for i in 0..<40 {
            try tmux.resize(width: 80 + (i * 7) % 60, height: 24 + (i * 5) % 20)
        }
        try tmux.resize(width: 20, height: 6)
        tmux.waitFor("Terminal too")
        try tmux.resize(width: 110, height: 32)
        tmux.waitFor("Evidence — 13 of 13 items")
        try tmux.send("q")
        expectCleanExit(tmux)
    }

    /// Ctrl-C on each screen quits cleanly; with an edit open it asks first.
    @Test(arguments: ["d", "w", "f", "v", "p", "r", "u"])
    func ctrlCOnEveryScreen(_ key: String) throws {
        let tmux = TmuxSession(name: "ctrlc-\(key)")
        try tmux.start("'\(try exampleCopy(tmux))'")
        tmux.waitFor("Dr Tomás Okafor")
        try tmux.send(key)
        tmux.waitFor(
            [
                "d": "Dashboard", "w": "Walk-through", "f": "Framework", "v": "Evidence", "p": "Personal development plan",
                "r": "Readiness", "u": "Profile",
            ][key]!)
        try tmux.send("C-c")
        expectCleanExit(tmux)
    }

    @Test func ctrlCWithAnOpenEditAsksFirst() throws {
        let tmux = TmuxSession(name: "ctrlc-edit")
        let file = try exampleCopy(tmux)
        try tmux.start("'\(file)'")
        tmux.waitFor("Dr Tomás Okafor")
        try tmux.send("v", "a")
        tmux.waitFor("New evidence")
        try tmux.type("Half a thought")
        try tmux.send("C-c")
        tmux.waitFor("Quit?")
        try tmux.send("s")  // save it, then quit
        expectCleanExit(tmux)
        let saved = try String(contentsOfFile: file, encoding: .utf8)
        #expect(saved.contains("Half a thought"))
    }
}
