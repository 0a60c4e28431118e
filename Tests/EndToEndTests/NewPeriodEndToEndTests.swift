import Foundation
import PlannerCore
import Testing

/// `mlcf new-period` and Ctrl-N in the planner are one core function: the same portfolio
/// leaves both as the same bytes, and a second run is refused with the file untouched.
@Suite(.serialized) struct NewPeriodEndToEndTests {
    static let example = repositoryRoot.appendingPathComponent("Resources/examples/continuing-practice.json")

    @Test func theVerbAndCtrlNWriteTheSameFile() throws {
        let tmux = TmuxSession(name: "newperiod")
        let byVerb = tmux.home.appendingPathComponent("verb.json")
        let byKey = tmux.home.appendingPathComponent("key.json")
        try FileManager.default.copyItem(at: Self.example, to: byVerb)
        try FileManager.default.copyItem(at: Self.example, to: byKey)

        let result = try CLIRun.run(["new-period", byVerb.path])
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("Started the period 2026-10-01 to 2027-09-30"))
        // The example brings one earlier item into its document: it stays with that year.
        #expect(result.stdout.contains("with the item you brought into its document and why"), "\(result.stdout)")

        try tmux.start("'\(byKey.path)'")
        tmux.waitFor("Dr Siân Evans")
        try tmux.send("u"); tmux.waitFor("Ctrl-N new period")
        try tmux.send("C-n"); tmux.waitFor("Start a new period?")
        try tmux.send("y"); tmux.waitFor("Started the period 2026-10-01 to 2027-09-30")
        try tmux.send("q"); tmux.waitFor("EXITED 0")

        // Each save records its own random version id; everything else must be the same bytes.
        #expect(try savedContent(byKey) == savedContent(byVerb), "Ctrl-N and mlcf new-period left different files")
        let saved = try PortfolioStore.load(from: byVerb)
        #expect(saved.history.last?.periodEnd == CalendarDate("2026-09-30"))
        #expect(saved.previousPdp.filter { $0.carriedFrom == "cp-pdp-2526-02" }.count == 1)
    }

    @Test func aSecondRunIsRefusedAndChangesNothing() throws {
        let folder = TempFolder()
        let file = folder.file("p.json")
        try FileManager.default.copyItem(at: Self.example, to: file)
        #expect(try CLIRun.run(["new-period", file.path]).code == 0)
        let once = try Data(contentsOf: file)
        let again = try CLIRun.run(["new-period", file.path])
        #expect(again.code == 1)
        #expect(again.stderr.contains("Too early") && again.stderr.contains("Nothing was changed"), "\(again.stderr)")
        #expect(try Data(contentsOf: file) == once)
    }

    @Test func aNamedStartBeforeThisPeriodIsRefused() throws {
        let folder = TempFolder()
        let file = folder.file("p.json")
        try FileManager.default.copyItem(at: Self.example, to: file)
        let before = try Data(contentsOf: file)
        let result = try CLIRun.run(["new-period", file.path, "--start", "2025-01-01"])
        #expect(result.code == 1)
        #expect(result.stderr.contains("is not after this period's start"), "\(result.stderr)")
        #expect(try Data(contentsOf: file) == before)
    }

    /// The archived year can be exported again, under its own name; the document is the one
    /// exported before the new period, but for the plan's goals, now in progress.
    @Test func anArchivedPeriodIsExportedAgainUnderItsOwnName() throws {
        let folder = TempFolder()
        let file = folder.file("p.json")
        try FileManager.default.copyItem(at: Self.example, to: file)
        #expect(try CLIRun.run(["export", file.path, "-o", folder.file("before.md").path]).code == 0)
        #expect(try CLIRun.run(["new-period", file.path]).code == 0)
        let result = try CLIRun.run(["export", file.path, "--period", "2025-26"])
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        let again = try String(contentsOf: folder.file("p-appraisal-2025-26.md"), encoding: .utf8)
        let before = try String(contentsOf: folder.file("before.md"), encoding: .utf8)
        #expect(again.contains("1 October 2025") && again.contains("30 September 2026"))
        let asPlanned = again.replacingOccurrences(of: "**Status:** In progress", with: "**Status:** Planned")
        #expect(asPlanned == before, "the archived year's document changed beyond its goals' status")
        #expect(!FileManager.default.fileExists(atPath: folder.file("p-appraisal.md").path), "the current document's name is not used")

        let unknown = try CLIRun.run(["export", file.path, "--period", "2019-20"])
        #expect(unknown.code == 2)
        #expect(unknown.stderr.contains("it holds 2023-24, 2024-25, 2025-26"), "\(unknown.stderr)")
    }
}
