import Foundation
import PlannerCore
import Testing

/// The real binary in tmux: create through the wizard, add evidence, link, rate, plan, quit,
/// read the saved JSON, resume, resize, and recover a draft after SIGHUP.
@Suite(.serialized) struct PlannerEndToEndTests {
    @Test func wizardEvidenceRatingGoalResumeAndRecovery() throws {
        let tmux = TmuxSession(name: "flow")
        let file = tmux.home.appendingPathComponent("mine.json")
        try tmux.start()
        tmux.waitFor("Create a new portfolio")
        try tmux.send("Enter")
        tmux.waitFor("New portfolio")
        try tmux.send("Left"); tmux.waitFor("◂ Continuing practice ▸")  // the stage first: back round to the last
        try tmux.send("Down"); try tmux.type("Dr Zoë Test")
        try tmux.send("Tab", "C-u"); try tmux.type("2026-01-01")
        try tmux.send("Tab", "C-u"); try tmux.type("2026-11-20")
        try tmux.send("Tab", "C-u"); try tmux.type(file.path)
        try tmux.send("C-s")
        tmux.waitFor("Dashboard")
        tmux.waitFor("Dr Zoë Test")

        // Evidence with a Unicode title, linked to two competences.
        try tmux.send("v"); tmux.waitFor("No evidence yet")
        try tmux.send("a"); tmux.waitFor("New evidence")
        try tmux.type("Zoë's QI audit — 李")
        try tmux.send("Tab", "Tab", "Tab"); try tmux.type("Audited handover on two wards.")
        try tmux.send("Tab"); try tmux.type("We audited.")
        try tmux.send("Tab"); try tmux.type("Handover matters.")
        try tmux.send("Tab"); try tmux.type("Re-audit in spring.")
        try tmux.send("Tab", "Enter"); tmux.waitFor("Competences —")
        try tmux.send("/"); try tmux.type("2.4.d"); try tmux.send("Enter", "Space")
        try tmux.send("/", "C-u"); try tmux.type("4.2.b"); try tmux.send("Enter", "Space", "Enter")
        tmux.waitFor("2.4.d, 4.2.b")
        try tmux.send("C-s")
        tmux.waitFor("Added “Zoë's QI audit — 李”")

        // Resize mid-session: re-lays out, and a too-small pane says so.
        try tmux.resize(width: 60, height: 20)
        tmux.waitFor("Terminal too small")
        try tmux.resize(width: 120, height: 35)
        tmux.waitFor("Evidence — 1 of 1 item")

        // Rate an element in the walk-through.
        try tmux.send("w"); tmux.waitFor("Walk-through 1/20")
        try tmux.send("3"); tmux.waitFor("Rated 1.1 Developing self awareness: 3")

        // A PDP goal.
        try tmux.send("p"); tmux.waitFor("No goals yet")
        try tmux.send("a"); tmux.waitFor("New goal proposed for next year")
        try tmux.type("Lead a handover QI cycle")
        try tmux.send("C-s"); tmux.waitFor("Saved goal “Lead a handover QI cycle”")
        try tmux.send("q"); tmux.waitFor("EXITED 0")

        let saved = try PortfolioStore.load(from: file)
        #expect(saved.profile.name == "Dr Zoë Test")
        #expect(saved.profile.periodStart == CalendarDate("2026-01-01"))
        #expect(saved.evidence.count == 1)
        #expect(saved.evidence[0].title == "Zoë's QI audit — 李")
        #expect(saved.evidence[0].links == ["mlcf:2.4.d", "mlcf:4.2.b"])
        #expect(saved.evidence[0].reflection.whatNext == "Re-audit in spring.")
        #expect(saved.ratings == ["mlcf:1.1": Rating(level: 3, note: "")])
        #expect(saved.pdp.map(\.title) == ["Lead a handover QI cycle"])
        let mode = (try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as! NSNumber).intValue & 0o777
        #expect(mode == 0o600)

        // Start again with no argument: resumes the same portfolio.
        try tmux.start()
        tmux.waitFor("Dr Zoë Test")
        tmux.waitFor("Evidence (1 item)")

        // An unsaved draft survives SIGHUP and is offered on the next start.
        try tmux.send("v", "a"); tmux.waitFor("New evidence")
        try tmux.type("Typed then the terminal closed")
        tmux.waitFor("Typed then the terminal closed")
        let pid = try #require(try tmux.mlcfPID())
        kill(pid, SIGHUP)
        tmux.waitFor("EXITED 0")
        let recovery = tmux.home.appendingPathComponent(".mine.json.recovery.json")
        #expect(FileManager.default.fileExists(atPath: recovery.path))
        try tmux.start()
        tmux.waitFor("Recovered draft")
        try tmux.send("y")
        tmux.waitFor("Restored your unsaved evidence")
        tmux.waitFor("Typed then the terminal closed")
        try tmux.send("C-s"); tmux.waitFor("Added “Typed then the terminal closed”")
        try tmux.send("q"); tmux.waitFor("EXITED 0")
        #expect(try PortfolioStore.load(from: file).evidence.count == 2)
        #expect(!FileManager.default.fileExists(atPath: recovery.path))
    }

    @Test func secondPlannerOnTheSameFileIsRefused() throws {
        let tmux = TmuxSession(name: "lock")
        let file = tmux.home.appendingPathComponent("p.json")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Resources/examples/undergraduate.json"), to: file)
        try tmux.start("'\(file.path)'")
        tmux.waitFor("Zoë Ní Bhriain")
        let other = TmuxSession(name: "lock2")
        try other.start("'\(file.path)'")
        other.waitFor("already open in another mlcf")
        other.waitFor("EXITED 2")
        try tmux.send("q"); tmux.waitFor("EXITED 0")
    }
}
