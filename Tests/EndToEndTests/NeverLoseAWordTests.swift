import Foundation
import PlannerCore
import Testing

/// Issue 13 end to end, on the real binary in tmux: every form survives Enter, ↑ and ↓ in
/// every field; a paste is text, never commands; kill -9 while typing loses at most the last
/// second; a second program replacing the file loses nothing; a planted draft link is never
/// followed; an idle planner uses no CPU.
@Suite(.serialized) struct NeverLoseAWordTests {
    /// A pane with a copy of the undergraduate example as `p.json`.
    private func planner(_ name: String, height: Int = 30) throws -> (TmuxSession, URL) {
        let tmux = TmuxSession(name: name)
        let file = tmux.home.appendingPathComponent("p.json")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Resources/examples/undergraduate.json"), to: file)
        try tmux.start("p.json", height: height)
        tmux.waitFor("Zoë Ní Bhriain")
        return (tmux, file)
    }

    /// Polls `condition` until it holds or `timeout` passes (for what a background save writes).
    private func eventually(timeout: TimeInterval = 15, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }

    /// How many screen lines begin with `label` as a form row does (" Label").
    private func rows(_ screen: String, _ label: String) -> Int {
        // The focused row starts with "›" (the selection marker) in place of the space.
        screen.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.hasPrefix(" " + label) || $0.hasPrefix("›" + label) }.count
    }

    /// The forms, how to open one (from the dashboard), and their row labels.
    private static let forms: [(open: [String], title: String, labels: [String])] = [
        (
            ["v", "a"], "New evidence",
            [
                "Title", "Kind", "Date", "Description", "What happened", "What I learned",
                "What I will do next", "Competences", "CPD credits", "Private", "Confirmed by", "Their role", "Confirmed on",
            ]
        ),
        (
            ["p", "a"], "New goal",
            [
                "What I will develop", "Why (the gap)", "Elements", "How (activities)", "How I will know",
                "By when", "Status", "Review note",
            ]
        ),
        (
            ["u"], "Profile",
            [
                "Name", "GMC number", "Stage", "Grade or year", "Specialty", "Organisation", "Period start",
                "Period end", "Appraiser/supervisor",
            ]
        ),
    ]

    /// Item 1: in each field of each form, type, then Enter, ↑ and ↓. The planner stays up and
    /// every row keeps its label, once (the old code trapped, or turned one row into another).
    @Test func everyFieldOfEveryFormSurvivesEnterUpAndDown() throws {
        let (tmux, _) = try planner("fields", height: 60)
        for form in Self.forms {
            for index in form.labels.indices {
                for key in form.open { try tmux.send(key) }
                tmux.waitFor(form.title)
                for _ in 0..<index { try tmux.send("Tab") }
                // The profile is a view: Enter chooses the field to type into.
                if form.title == "Profile" { try tmux.send("Enter") }
                try tmux.type("w\(index)")
                try tmux.send("Enter")
                try tmux.send("Up")
                try tmux.send("Down")
                var screen = tmux.settle()
                if screen.contains("Space tick/untick") {
                    try tmux.send("Escape")  // a picker opened by Enter
                    screen = tmux.settle()
                }
                #expect(!screen.contains("EXITED"), "the planner stopped in \(form.title), field \(form.labels[index]):\n\(screen)")
                for label in form.labels {
                    #expect(
                        rows(screen, label) == 1,
                        "\(form.title), after keys in \(form.labels[index]): the row \(label) is there \(rows(screen, label)) times:\n\(screen)")
                }
                // Leave the form without saving, whatever it asks, and go back to the dashboard.
                try tmux.send("Escape")
                // In the profile a field still open (a date Enter refused) is left first, then the view.
                if form.title == "Profile", !tmux.settle().contains("Discard changes?") { try tmux.send("Escape") }
                if tmux.settle().contains("Discard changes?") { try tmux.send("y") }
                try tmux.send("d")
                tmux.waitFor("Dashboard")
            }
        }
        try tmux.send("q"); tmux.waitFor("EXITED 0")
    }

    /// Item 1 on the welcome form: ↓ in the name once turned the Stage row into a second name
    /// row, and Ctrl-S then made a portfolio for the wrong stage without a word.
    @Test func theWelcomeFormKeepsItsStage() throws {
        let tmux = TmuxSession(name: "welcome")
        let file = tmux.home.appendingPathComponent("new.json")
        try tmux.start()
        tmux.waitFor("Create a new portfolio")
        try tmux.send("Enter"); tmux.waitFor("New portfolio")
        try tmux.send("Down"); try tmux.type("Dr Down Arrow")  // the stage comes first: down to the name
        try tmux.send("Up"); try tmux.send("Right")  // up to Stage, then the next stage
        try tmux.send("Down"); try tmux.send("Up"); try tmux.send("Enter")
        let screen = tmux.settle()
        #expect(rows(screen, "Your name") == 1 && rows(screen, "Stage") == 1, "\(screen)")
        let stage = try #require(screen.split(separator: "\n").first { $0.hasPrefix(" Stage") || $0.hasPrefix("›Stage") }.map(String.init))
        try tmux.send("Tab", "Tab", "Tab", "Tab", "C-u"); try tmux.type(file.path)  // Enter on Stage stays there: on to Save it as
        try tmux.send("C-s")
        tmux.waitFor("Dashboard")
        try tmux.send("q"); tmux.waitFor("EXITED 0")
        let saved = try PortfolioStore.load(from: file)
        #expect(saved.profile.name == "Dr Down Arrow")
        #expect(
            stage.lowercased().replacingOccurrences(of: " ", with: "").contains(
                saved.profile.stage.rawValue.lowercased().replacingOccurrences(of: "-", with: "")),
            "the form showed \(stage) but the portfolio was made for \(saved.profile.stage)")
    }

    /// Item 8: a bracketed paste is text. In a one-line field its tabs and line breaks become
    /// spaces and its control bytes are dropped; nothing in it runs as a command (the Ctrl-S
    /// byte, `e`, `q`). In a multi-line field its line breaks stay.
    @Test func pastedTextIsTextNeverCommands() throws {
        let (tmux, file) = try planner("paste")
        let before = try Data(contentsOf: file)
        try tmux.send("v", "a"); tmux.waitFor("New evidence")
        try tmux.paste("Pasted\ttitle\nwith breaks\u{13}eq")
        tmux.waitFor("Pasted title with breakseq")
        tmux.waitFor("line breaks and tabs became spaces")
        #expect(try Data(contentsOf: file) == before, "a pasted Ctrl-S saved the file")
        #expect(!tmux.settle().contains("EXITED"))
        try tmux.send("Tab", "Tab", "Tab")  // Description, a multi-line field
        try tmux.paste("First line\nSecond line")
        tmux.waitFor("Second line")
        try tmux.send("C-s"); tmux.waitFor("Added “Pasted title with breakseq”")
        try tmux.send("q"); tmux.waitFor("EXITED 0")
        let saved = try PortfolioStore.load(from: file)
        let item = try #require(saved.evidence.first { $0.title == "Pasted title with breakseq" })
        #expect(item.description == "First line\nSecond line")
        let exports = try FileManager.default.contentsOfDirectory(atPath: tmux.home.path).filter { $0.hasSuffix(".md") }
        #expect(exports.isEmpty, "a pasted e ran the export: \(exports)")
    }

    /// Items 9 and 10: kill -9 while typing, then start again: the draft is offered back,
    /// exact. Restoring it does not delete it (a second kill still finds it); saving does.
    @Test func killDashNineWhileTypingLosesNothing() throws {
        let (tmux, file) = try planner("kill9")
        let recovery = tmux.home.appendingPathComponent(".p.json.recovery.json")
        try tmux.send("v", "a"); tmux.waitFor("New evidence")
        let title = "Typed before the kill — Zoë 李"
        try tmux.type(title)
        try tmux.send("Tab", "Tab", "Tab")
        try tmux.type("first line"); try tmux.send("Enter"); try tmux.type("second line")
        tmux.waitFor("second line")
        // The journal is at most about a second behind the typing.
        usleep(1_600_000)
        kill(try #require(try tmux.mlcfPID()), SIGKILL)
        tmux.waitFor("EXITED 137")
        let mode = (try FileManager.default.attributesOfItem(atPath: recovery.path)[.posixPermissions] as! NSNumber).intValue & 0o777
        #expect(mode == 0o600)

        for attempt in 1...2 {
            try tmux.start("p.json")
            tmux.waitFor("Recovered draft")
            try tmux.send("y")
            tmux.waitFor("Restored your unsaved evidence")
            tmux.waitFor(title)
            #expect(FileManager.default.fileExists(atPath: recovery.path), "the draft was deleted as soon as it was restored")
            if attempt == 1 {
                kill(try #require(try tmux.mlcfPID()), SIGKILL)
                tmux.waitFor("EXITED 137")
            }
        }
        try tmux.send("C-s"); tmux.waitFor("Added “\(title)”")
        try tmux.send("q"); tmux.waitFor("EXITED 0")
        let item = try #require(try PortfolioStore.load(from: file).evidence.first { $0.title == title })
        #expect(item.description == "first line\nsecond line")
        #expect(!FileManager.default.fileExists(atPath: recovery.path))
    }

    /// Item 2: another program replaces the file while the planner has it open. The next save
    /// leaves that version (and the .bak) alone, keeps ours beside it and says so; `k` keeps
    /// working on ours, `r` opens theirs.
    @Test func anotherWritersVersionIsNeverOverwritten() throws {
        let (tmux, file) = try planner("writer")
        // The element the walk-through opens at, and a level it does not have yet, so that the
        // wait below can only end once this very save is on disk (the example has other 3s).
        let opening = try PortfolioStore.load(from: file)
        let element = opening.walkthrough?.currentElement ?? "mlcf:1.1"
        let first = opening.ratings[element]?.level == 3 ? 4 : 3
        let second = first == 2 ? 4 : 2
        try tmux.send("w"); tmux.waitFor("Walk-through")
        try tmux.send("\(first)"); tmux.waitFor("Rated")
        // Saves run in the background: wait until this one is on disk, with its .bak.
        #expect(
            eventually {
                (try? PortfolioStore.load(from: file))?.ratings[element]?.level == first
                    && FileManager.default.fileExists(atPath: file.path + ".bak")
            })
        let backup = try Data(contentsOf: URL(fileURLWithPath: file.path + ".bak"))
        // Another program writes its own version (as a sync tool does: a new file renamed in).
        var other = try PortfolioStore.load(from: file)
        other.profile.name = "Other Writer"
        let theirs = try PortfolioStore.encode(other)
        let temporary = tmux.home.appendingPathComponent("incoming.tmp")
        try theirs.write(to: temporary)
        #expect(rename(temporary.path, file.path) == 0)

        try tmux.send(first == 4 ? "1" : "4")
        tmux.waitFor("changed by another program")
        #expect(try Data(contentsOf: file) == theirs, "the other program's version was overwritten")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file.path + ".bak")) == backup, "the .bak was replaced")
        let mine = try #require(try FileManager.default.contentsOfDirectory(atPath: tmux.home.path).first { $0.hasPrefix("p.mine-") })
        let ours = tmux.home.appendingPathComponent(mine)
        #expect(try PortfolioStore.load(from: ours).profile.name == "Zoë Ní Bhriain")

        try tmux.send("k")
        try tmux.send("\(second)"); tmux.waitFor("Rated")
        #expect(
            eventually { (try? PortfolioStore.load(from: ours))?.ratings[element]?.level == second },
            "a change after k did not reach our copy")
        #expect(try Data(contentsOf: file) == theirs)

        try tmux.send("q"); tmux.waitFor("EXITED 0")
        #expect(try PortfolioStore.load(from: file).profile.name == "Other Writer")
    }

    /// Item 2: `r` opens the other program's version, and later saves go to the file again.
    @Test func reloadOpensTheOtherVersion() throws {
        let (tmux, file) = try planner("reload")
        var other = try PortfolioStore.load(from: file)
        other.profile.name = "Other Writer"
        try PortfolioStore.save(other, to: file)
        try tmux.send("w"); tmux.waitFor("Walk-through")
        try tmux.send("3")
        tmux.waitFor("changed by another program")
        try tmux.send("r")
        tmux.waitFor("Opened the version another program saved")
        tmux.waitFor("Other Writer")
        try tmux.send("w"); try tmux.send("1"); tmux.waitFor("Rated")
        try tmux.send("q"); tmux.waitFor("EXITED 0")
        let saved = try PortfolioStore.load(from: file)
        #expect(saved.profile.name == "Other Writer")
        #expect(saved.ratings.values.contains { $0.level == 1 })
    }

    /// Item 3: a recovery file that is a link is never read or written through.
    @Test func aPlantedDraftLinkIsNeverFollowed() throws {
        let tmux = TmuxSession(name: "draftlink")
        let file = tmux.home.appendingPathComponent("p.json")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Resources/examples/undergraduate.json"), to: file)
        let secret = tmux.home.appendingPathComponent("secret.txt")
        try Data("{\"kind\":\"profile\",\"values\":{\"name\":\"Planted\"}}".utf8).write(to: secret)
        chmod(secret.path, 0o644)
        let recovery = tmux.home.appendingPathComponent(".p.json.recovery.json")
        try FileManager.default.createSymbolicLink(atPath: recovery.path, withDestinationPath: secret.path)
        try tmux.start("p.json")
        tmux.waitFor("was ignored")
        try tmux.send("Escape")
        try tmux.send("v", "a"); tmux.waitFor("New evidence")
        try tmux.type("A draft of my own")
        usleep(1_600_000)
        kill(try #require(try tmux.mlcfPID()), SIGKILL)
        tmux.waitFor("EXITED 137")
        #expect(try String(contentsOf: secret, encoding: .utf8).contains("Planted"), "the link's target was written through")
        let mode = (try FileManager.default.attributesOfItem(atPath: secret.path)[.posixPermissions] as! NSNumber).intValue & 0o777
        #expect(mode == 0o644, "the link's target was chmod-ed")
        try tmux.start("p.json")
        tmux.waitFor("Recovered draft")
        try tmux.send("n")
        try tmux.send("q"); tmux.waitFor("EXITED 0")
    }

    /// Item 7: an idle planner does no work. It used to repaint every 200 ms, which with an
    /// item of 900,000 links on screen kept a core 70% busy (216 ticks in 3 s, measured).
    @Test func anIdlePlannerUsesNoCPU() throws {
        let tmux = TmuxSession(name: "idle")
        var portfolio = try PortfolioStore.load(from: repositoryRoot.appendingPathComponent("Resources/examples/undergraduate.json"))
        var big = portfolio.evidence[0]
        big.id = "big-1"
        big.title = "An item with 900,000 links"
        big.links = Array(repeating: ["1.1.a", "2.3.b", "5.4.d"], count: 300_000).flatMap { $0 }
        portfolio.evidence.insert(big, at: 0)
        try PortfolioStore.save(portfolio, to: tmux.home.appendingPathComponent("p.json"))
        try tmux.start("p.json")
        tmux.waitFor("Zoë Ní Bhriain", timeout: 60)
        try tmux.send("v"); tmux.waitFor("An item with 900,000 links", timeout: 60)
        tmux.settle()
        let pid = try #require(try tmux.mlcfPID())
        func ticks() throws -> Int {
            let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
            let fields = stat[stat.range(of: ")")!.upperBound...].split(separator: " ")
            return Int(fields[11])! + Int(fields[12])!  // utime + stime, in clock ticks (1/100 s)
        }
        let start = try ticks()
        sleep(3)
        let used = try ticks() - start
        #expect(used <= 6, "an idle planner used \(used) ticks of CPU in 3 s")
        try tmux.send("q"); tmux.waitFor("EXITED 0")
    }
}
