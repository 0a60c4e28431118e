import Foundation
import PlannerCore
import Testing

/// The first run in tmux (issue 15): `mlcf ~/FILE` for a file that is not there yet, with HOME
/// in a temporary folder, offers the first-run form; the doctor chooses a stage, accepts the
/// period it fills in, and lands on three first things to do; the file is theirs alone (0600).
@Suite(.serialized) struct FirstRunEndToEndTests {
    @Test func aPathThatIsNotThereYetIsCreatedThroughTheFirstRunForm() throws {
        let tmux = TmuxSession(name: "firstrun")
        let file = tmux.home.appendingPathComponent("appraisal-2026.json")
        // Quoted, so that mlcf expands the ~ (to $HOME, the temporary folder), not the shell.
        try tmux.start("'~/appraisal-2026.json'", width: 160, height: 30)
        tmux.waitFor("There is no portfolio at \(file.path) yet. Create it there?")
        tmux.waitFor("(choose your stage: ← →)")
        #expect(!tmux.screen().contains("2026-04-01"), "no stage is chosen, so no period is offered yet")
        try tmux.send("Left")  // round to the last stage: continuing practice
        tmux.waitFor("◂ Continuing practice ▸")
        tmux.waitFor("2027-03-31")  // the NHS appraisal year that holds 2026-11-23 (MLCF_TODAY)
        try tmux.send("Down"); try tmux.type("Dr Ada Okafor")
        try tmux.send("C-s")
        tmux.waitFor("Three first things to do")
        let screen = tmux.settle()
        for number in 1...3 { #expect(screen.contains(" \(number). "), "\(screen)") }
        #expect(screen.contains("Press r for the full readiness list"), "\(screen)")
        #expect(!screen.contains("NOT READY") && !screen.contains("errors ·"), "\(screen)")
        try tmux.send("r"); tmux.waitFor("Not ready yet (a new portfolio)")
        try tmux.send("q"); tmux.waitFor("EXITED 0")

        let saved = try PortfolioStore.load(from: file)
        #expect(saved.profile.name == "Dr Ada Okafor" && saved.stage == .continuingPractice)
        #expect(saved.period == Period(start: date("2026-04-01"), end: date("2027-03-31")))
        let mode = (try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as! NSNumber).intValue & 0o777
        #expect(mode == 0o600, "mode \(String(mode, radix: 8))")
    }

    @Test func leavingTheFormCreatesNothingAndAMissingFolderIsNamed() throws {
        let tmux = TmuxSession(name: "firstrun-esc")
        try tmux.start("'~/later.json'", width: 160)
        tmux.waitFor("There is no portfolio at")
        try tmux.send("Escape")
        tmux.waitFor("EXITED 0")
        #expect(Self.joined(tmux.screen()).contains("Nothing was created at \(tmux.home.path)/later.json."), "\(tmux.screen())")
        #expect(!FileManager.default.fileExists(atPath: tmux.home.appendingPathComponent("later.json").path))

        // A folder that is not there is named, and nothing is offered or made.
        try tmux.start("'~/no-such-folder/p.json'", width: 160)
        tmux.waitFor("EXITED 2")
        #expect(Self.joined(tmux.screen()).contains("the folder \(tmux.home.path)/no-such-folder does not exist"), "\(tmux.screen())")
        #expect(!FileManager.default.fileExists(atPath: tmux.home.appendingPathComponent("no-such-folder").path))
    }

    /// The pane's text with its wrapped lines joined (a long message wraps at the pane's width).
    static func joined(_ screen: String) -> String { screen.replacingOccurrences(of: "\n", with: "") }

    // MARK: The same rules without a terminal

    @Test func withoutATerminalAMissingFileSaysHowToCreateIt() throws {
        let home = TempFolder()
        let result = try CLIRun.run(["~/new.json"], environment: ["HOME": home.url.path])
        #expect(result.code == 2, "\(result)")
        #expect(result.stderr.contains("\(home.url.path)/new.json does not exist yet"), "\(result.stderr)")
        #expect(result.stderr.contains("mlcf new"), "the verb for scripts is named: \(result.stderr)")
        let refused = try CLIRun.run(["~nobody-here/new.json"], environment: ["HOME": home.url.path])
        #expect(refused.code == 2 && refused.stderr.contains("another user's home folder"), "\(refused)")
    }

    /// `mlcf new` without a period takes the stage's year (the same core rule as the form),
    /// and `~` is $HOME there too.
    @Test func newWithoutAPeriodTakesTheStagesYear() throws {
        let home = TempFolder()
        let expected: [(Stage, String, String)] = [
            (.undergraduate, "2026-09-01", "2027-08-31"), (.postgraduate, "2026-08-01", "2027-07-31"),
            (.continuingPractice, "2026-04-01", "2027-03-31"),
        ]
        for (stage, start, end) in expected {
            let result = try CLIRun.run(
                ["new", "~/\(stage.rawValue).json", "--name", "Dr Ada Okafor", "--stage", stage.rawValue], environment: ["HOME": home.url.path])
            #expect(result.code == 0, "\(result)")
            let saved = try PortfolioStore.load(from: home.file("\(stage.rawValue).json"))
            #expect(saved.period == Period(start: date(start), end: date(end)), "\(stage)")
            #expect(result.stdout.contains("\(start) to \(end)"), "\(result.stdout)")
        }
        // One bound given: the other is a year away.
        let started = try CLIRun.run(
            ["new", home.file("started.json").path, "--name", "Dr A", "--stage", "postgraduate", "--period-start", "2026-08-05"])
        #expect(started.code == 0, "\(started)")
        #expect(try PortfolioStore.load(from: home.file("started.json")).period == Period(start: date("2026-08-05"), end: date("2027-08-04")))
    }
}
