import Foundation
import PlannerCore
import Testing

/// A doctor's whole year in the real terminal at 80×24 (issue 15, "Done when"): create a
/// portfolio from nothing, add a reflection and a CPD course, link competences with the
/// picker, rate an element, plan a goal, set the appraisal date, declare a nil return,
/// export, start the new period near the appraisal, review the goal, and export both years.
/// `MLCF_WALKTHROUGH_SCREENS=DIR` keeps the screens the README's walkthrough shows.
@Suite(.serialized) struct FullYearEndToEndTests {
    @Test func aFullYearFromNothingToTheSecondYearsExport() throws {
        let tmux = TmuxSession(name: "fullyear")
        let home = tmux.home
        let file = home.appendingPathComponent("year.json")

        // First run: the form asks the stage first; the appraisal year follows from it.
        try tmux.start("'~/year.json'", width: 80, height: 24)
        tmux.waitFor("There is no portfolio at")
        try tmux.send("Left"); tmux.waitFor("◂ Continuing practice ▸")
        tmux.waitFor("2027-03-31")
        try tmux.send("Down"); try tmux.type("Dr Ada Okafor")
        tmux.waitFor("Dr Ada Okafor")
        keep(tmux, "first-run-form")
        try tmux.send("C-s"); tmux.waitFor("Three first things to do")
        tmux.waitFor("Press r for the full readiness list")
        keep(tmux, "new-dashboard")
        #expect(Self.mode(of: file) == 0o600)

        // A reflection, linked to a competence found with the picker's search.
        try tmux.send("v"); tmux.waitFor("Evidence —")
        try tmux.send("a"); tmux.waitFor("New evidence")
        try tmux.type("Handover after a difficult night shift")
        try tmux.send("Tab", "Tab", "Tab", "Tab"); tmux.waitFor("›What happened")
        try tmux.type("The night handover missed an escalation plan.")
        try tmux.send("Tab"); tmux.waitFor("›What I learned")
        try tmux.type("I ask for escalation plans out loud.")
        try tmux.send("Tab"); tmux.waitFor("›What I will do next")
        try tmux.type("Propose a handover checklist.")
        try tmux.send("Tab"); tmux.waitFor("›Competences")
        #expect(Self.cursorRow(tmux).contains("Competences"), "\(tmux.screen())")
        keep(tmux, "evidence-form")
        try pick(tmux, search: "mistakes", expecting: "1.3.b Own up to mistakes", keep: "picker")
        tmux.waitFor("1.3.b  (Enter to choose)")
        try tmux.send("C-s"); tmux.waitFor("Added “Handover after a difficult night shift”.")

        // A CPD course with its credits.
        try tmux.send("a"); tmux.waitFor("New evidence")
        try tmux.type("Leadership course: leading change")
        try tmux.send("Tab", "Right"); tmux.waitFor("◂ CPD activity (course, conference, e-learning) ▸")
        try tmux.send("Tab", "C-u"); try tmux.type("2026-10-15")
        tmux.waitFor("2026-10-15")
        try select(tmux, row: "Competences", key: "Tab")
        try pick(tmux, search: "continuing professional", expecting: "1.3.c Take part in continuing professional")
        tmux.waitFor("Competences           1.3.c  (Enter to choose)")
        try tmux.send("Tab"); tmux.waitFor("›CPD credits (hours)")
        try tmux.type("12")
        try tmux.send("C-s"); tmux.waitFor("Added “Leadership course: leading change”.")
        tmux.waitFor("Evidence — 2 of 2 items")

        // Rate the element the evidence shows, in the walk-through.
        try tmux.send("w"); tmux.waitFor("Walk-through 1/20")
        try tmux.send("Right", "Right"); tmux.waitFor("1.3 Continuing personal development")
        try tmux.send("3"); tmux.waitFor("Rated 1.3 Continuing personal development: 3 Competent for my stage.")

        // A goal for the PDP, its element chosen in the picker.
        try tmux.send("p"); tmux.waitFor("No goals yet")
        try tmux.send("a"); tmux.waitFor("New goal proposed for next year")
        try tmux.type("Lead a handover improvement project")
        try tmux.send("Tab"); try tmux.type("I have not led a change beyond my own practice.")
        try select(tmux, row: "Elements", key: "Tab")
        try pick(tmux, search: "innovation", expecting: "4.3 Encouraging improvement and innovation")
        try tmux.send("Tab"); try tmux.type("Run a handover checklist pilot on two wards.")
        try tmux.send("Tab"); try tmux.type("Missed escalation plans at handover fall by half.")
        try tmux.send("Tab"); try tmux.type("2027-12-31")
        try tmux.send("C-s"); tmux.waitFor("Saved goal “Lead a handover improvement project”.")
        tmux.waitFor("Planned          2027-12-31")

        // Too early for a new period: the appraisal year is still running.
        try tmux.send("u"); tmux.waitFor("Enter or e edits a field")
        try tmux.send("C-n")
        try Self.answerNewPeriodIfAsked(tmux)
        tmux.waitFor("Too early")
        #expect(try PortfolioStore.load(from: file).history.isEmpty, "a refused Ctrl-N archived the year")

        // The appraisal date, in the profile (a view: a field is chosen, then edited).
        try select(tmux, row: "Appraisal date")
        try tmux.send("Enter"); tmux.waitFor("editing Appraisal date")
        try tmux.type("2027-03-10")
        // The date shows as it is typed: the view's own key line says the Enter was taken.
        try tmux.send("Enter"); tmux.waitFor("↑↓ move  Enter edit")
        #expect(tmux.screen().contains("2027-03-10"), "\(tmux.screen())")
        // The cursor is placed last in a frame: a moment is allowed for it.
        var row = Self.cursorRow(tmux)
        for _ in 0..<40 where !row.contains("Appraisal date") {
            Thread.sleep(forTimeInterval: 0.05)
            row = Self.cursorRow(tmux)
        }
        #expect(row.contains("Appraisal date"), "\(tmux.screen())")
        try tmux.send("C-s"); tmux.waitFor("Saved your profile.")
        try tmux.send("d"); tmux.waitFor("appraisal in 4 months: send your documents 2 weeks before")
        #expect(tmux.screen().contains("CPD 12/50"), "\(tmux.screen())")
        #expect(tmux.screen().contains("proposed for next year: 1"), "\(tmux.screen())")
        keep(tmux, "dashboard-dates")

        // A nil return: no complaints this period, declared with a note.
        try tmux.send("r"); tmux.waitFor("Errors — must be fixed")
        #expect(tmux.screen().contains("“Review of complaints and compliment"), "\(tmux.screen())")
        try select(tmux, row: "“Review of complaints and compliment")
        try tmux.send("n"); tmux.waitFor("appraiser (optional):")
        try tmux.type("No complaints or compliments were received.")
        tmux.waitFor("were received.")
        keep(tmux, "declare-question")
        try tmux.send("Enter"); tmux.waitFor("Declared “No complaints or compliments this period”")
        #expect(!tmux.screen().contains("“Review of complaints and compliment"), "the declared type is still an error:\n\(tmux.screen())")
        keep(tmux, "readiness-declared")

        // Export: the planner warns first, then writes the document named for the period.
        try tmux.send("e"); tmux.waitFor("Export a portfolio that is not ready?")
        keep(tmux, "export-warning")
        try tmux.send("y"); tmux.waitFor("Exported year-appraisal-2026-27.md")
        keep(tmux, "exported")
        let firstYear = home.appendingPathComponent("year-appraisal-2026-27.md")
        let sent = try String(contentsOf: firstYear, encoding: .utf8)
        #expect(Self.mode(of: firstYear) == 0o600)
        #expect(sent.contains("Dr Ada Okafor") && sent.contains("1 April 2026") && sent.contains("31 March 2027"))
        #expect(sent.contains("| Review of complaints and compliments | ✓ declared none |"), "the nil return is not in the export")
        #expect(sent.contains("No complaints or compliments were received."))
        #expect(sent.contains("Handover after a difficult night shift") && sent.contains("Leadership course: leading change"))
        #expect(sent.contains("Lead a handover improvement project"))
        try tmux.send("q"); tmux.waitFor("EXITED 0")

        // Three weeks before the appraisal: the review is due, so Ctrl-N starts the new year.
        tmux.today = "2027-02-17"
        try tmux.start("'~/year.json'", width: 80, height: 24)
        tmux.waitFor("Dashboard")
        tmux.waitFor("appraisal in ")
        try tmux.send("u"); tmux.waitFor("Enter or e edits a field")
        try tmux.send("C-n"); tmux.waitFor("Start a new period?")
        keep(tmux, "new-period-question")
        try tmux.send("y"); tmux.waitFor("Started the period 2027-04-01 to 2028-03-31")
        tmux.waitFor("Period 2027-04-01 to 2028-03-31")
        keep(tmux, "new-period-dashboard")

        // The agreed goal is this year's, in progress; at the review it is carried forward.
        try tmux.send("p", "Tab"); tmux.waitFor("In progress      2027-12-31")
        try tmux.send("Enter"); tmux.waitFor("This year's goal (in progress)")
        try select(tmux, row: "Status", key: "Tab")
        try tmux.send("Right", "Right"); tmux.waitFor("◂ Carried forward ▸")
        try tmux.send("Tab")
        try tmux.type("Pilot ran on one ward; the second starts in April.")
        try tmux.send("C-s"); tmux.waitFor("Saved goal “Lead a handover improvement project”.")
        tmux.waitFor("Carried forward  2027-12-31")
        try tmux.send("e"); tmux.waitFor("Export a portfolio that is not ready?")
        try tmux.send("y"); tmux.waitFor("Exported year-appraisal-2027-28.md")
        try tmux.send("q"); tmux.waitFor("EXITED 0")
        let secondYear = home.appendingPathComponent("year-appraisal-2027-28.md")
        let thisYear = try String(contentsOf: secondYear, encoding: .utf8)
        #expect(Self.mode(of: secondYear) == 0o600)
        #expect(thisYear.contains("1 April 2027") && thisYear.contains("31 March 2028"))
        #expect(try String(contentsOf: firstYear, encoding: .utf8) == sent, "the second year's export touched the first year's document")

        // The archived year, exported again by the verb under its own name.
        try FileManager.default.moveItem(at: firstYear, to: home.appendingPathComponent("sent.md"))
        let again = try CLIRun.run(["export", file.path, "--period", "2026-27"], environment: ["HOME": home.path, "MLCF_TODAY": "2027-02-17"])
        #expect(again.code == 0, "\(again.stdout)\(again.stderr)")
        let archived = try String(contentsOf: firstYear, encoding: .utf8)
        #expect(Self.mode(of: firstYear) == 0o600)
        #expect(archived.contains("| Review of complaints and compliments | ✓ declared none |"), "the archive lost its nil return")
        #expect(archived.contains("1 April 2026") && archived.contains("31 March 2027"))
        #expect(archived.contains("**Status:** Carried forward"), "the archived plan shows its goal as reviewed")
        #expect(try String(contentsOf: secondYear, encoding: .utf8) == thisYear)

        try Self.expectTheSavedYear(file)
    }

    /// The saved JSON at the end of the year: what each step should have left in the file.
    static func expectTheSavedYear(_ file: URL) throws {
        let saved = try PortfolioStore.load(from: file)
        #expect(saved.profile.name == "Dr Ada Okafor" && saved.stage == .continuingPractice)
        #expect(saved.period == Period(start: date("2027-04-01"), end: date("2028-03-31")))
        #expect(saved.evidence.map(\.title) == ["Handover after a difficult night shift", "Leadership course: leading change"])
        #expect(saved.evidence.map(\.kind.rawValue) == ["reflective-note", "cpd"])
        #expect(saved.evidence.map(\.links) == [["mlcf:1.3.b"], ["mlcf:1.3.c"]])
        #expect(saved.evidence[0].reflection.whatLearned == "I ask for escalation plans out loud.")
        #expect(saved.evidence[1].cpdCredits == 12 && saved.evidence[1].date == CalendarDate("2026-10-15"))
        // The new year starts clean: no ratings, no declarations, no appraisal date yet.
        #expect(saved.ratings.isEmpty && saved.profile.declaredNone.isEmpty && saved.profile.appraisalDate == nil)
        // The archive keeps the year as it closed.
        try #require(saved.history.count == 1)
        let year = saved.history[0]
        #expect(year.periodStart == CalendarDate("2026-04-01") && year.periodEnd == CalendarDate("2027-03-31"))
        #expect(year.appraisalDate == CalendarDate("2027-03-10"))
        #expect(year.ratings["mlcf:1.3"]?.level == 3)
        #expect(year.declaredNone?["complaints-compliments"]?.note == "No complaints or compliments were received.")
        // The agreed plan is this year's goals, reviewed: carried forward, with its note.
        try #require(saved.previousPdp.count == 1)
        let goal = saved.previousPdp[0]
        #expect(goal.title == "Lead a handover improvement project" && goal.links == ["mlcf:4.3"])
        #expect(goal.status == .carriedForward && goal.reviewNote == "Pilot ran on one ward; the second starts in April.")
        #expect(goal.targetDate == CalendarDate("2027-12-31"))
        #expect(saved.pdp.isEmpty)
    }

    // MARK: Steps

    /// Opens the focused picker field, searches, ticks the first match and keeps it.
    func pick(_ tmux: TmuxSession, search: String, expecting match: String, keep name: String? = nil) throws {
        try tmux.send("Enter"); tmux.waitFor("Competences — 0 chosen")
        try tmux.send("/", "C-u"); try tmux.type(search)
        tmux.waitFor("search: \(search)"); tmux.waitFor(match)
        try tmux.send("Enter"); tmux.waitFor("Competences — 0 chosen")
        #expect(Self.cursorRow(tmux).contains(match), "the search did not put the highlight on the match:\n\(tmux.screen())")
        try tmux.send("Space"); tmux.waitFor("Competences — 1 chosen")
        if let name { keep(tmux, name) }
        try tmux.send("Enter")
        tmux.waitFor("(Enter to choose)")
    }

    /// Moves down a list or form (Down, or Tab in a form) until the terminal cursor's row holds `text` (the cursor
    /// sits on the selection, for screen readers), at most 60 rows.
    func select(_ tmux: TmuxSession, row text: String, key: String = "Down", sourceLocation: SourceLocation = #_sourceLocation) throws {
        for _ in 0..<60 {
            if Self.cursorRow(tmux).contains(text) { return }
            try tmux.send(key)
            tmux.settle()
        }
        Issue.record("no row holds “\(text)”. Last screen:\n\(tmux.screen())", sourceLocation: sourceLocation)
    }

    /// Ctrl-N may ask first and then refuse, or refuse at once: either way it must refuse.
    static func answerNewPeriodIfAsked(_ tmux: TmuxSession) throws {
        let screen = tmux.settle()
        if screen.contains("Start a new period?") { try tmux.send("y") }
    }

    /// The pane's line under the terminal cursor.
    static func cursorRow(_ tmux: TmuxSession) -> String {
        let row = (try? TmuxSession.run(["tmux", "-L", tmux.socket, "display-message", "-p", "-t", "main", "#{cursor_y}"])) ?? ""
        guard let y = Int(row.trimmingCharacters(in: .whitespacesAndNewlines)) else { return "" }
        let lines = tmux.screen().split(separator: "\n", omittingEmptySubsequences: false)
        return y < lines.count ? String(lines[y]) : ""
    }

    /// Saves the settled screen for the README when MLCF_WALKTHROUGH_SCREENS names a folder.
    func keep(_ tmux: TmuxSession, _ name: String) {
        guard let folder = ProcessInfo.processInfo.environment["MLCF_WALKTHROUGH_SCREENS"] else { return }
        // The change is saved a moment after it is shown: the README shows the saved screen.
        var screen = tmux.settle()
        for _ in 0..<40 where screen.contains("● unsaved") {
            usleep(50_000)
            screen = tmux.screen()
        }
        try? screen.write(toFile: "\(folder)/\(name).txt", atomically: true, encoding: .utf8)
    }

    static func mode(of file: URL) -> Int {
        let attributes = try? FileManager.default.attributesOfItem(atPath: file.path)
        return ((attributes?[.posixPermissions] as? NSNumber)?.intValue ?? 0) & 0o777
    }
}
