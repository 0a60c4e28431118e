import Foundation
import Testing

/// `mlcf add-evidence --bring-forward WHY` on the real binary: an item from an earlier year is
/// saved with the mark and printed in full in this year's document with the reason; the same
/// option on an item of this period is saved but does nothing, and says so.
@Suite struct BringForwardCLITests {
    @Test func anEarlierItemAddedWithTheOptionIsPrintedInFull() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bring-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("p.json").path
        let made = try CLIRun.run([
            "new", file, "--name", "Dr Carry Forward", "--stage", "continuing-practice", "--period-start", "2025-04-01", "--period-end", "2026-03-31",
        ])
        #expect(made.code == 0, "\(made.stderr)")
        let added = try CLIRun.run([
            "add-evidence", file, "--title", "Sepsis audit, first cycle", "--kind", "quality-improvement", "--date", "2023-06-01",
            "--description", "First cycle of the sepsis audit.", "--bring-forward", "This year's re-audit closes its loop.",
        ])
        #expect(added.code == 0, "\(added.stderr)")
        let saved = try String(contentsOfFile: file, encoding: .utf8)
        #expect(saved.contains("\"bringForward\" : \"This year's re-audit closes its loop.\""), "\(saved)")
        let exported = try CLIRun.run(["export", file, "-o", "-", "--allow-flagged"]).stdout
        #expect(exported.contains("## Brought forward from earlier years"))
        #expect(exported.contains("**Why it matters this year:** This year's re-audit closes its loop."))
        #expect(exported.contains("First cycle of the sepsis audit."), "printed in full")

        let inPeriod = try CLIRun.run([
            "add-evidence", file, "--title", "Re-audit", "--kind", "quality-improvement", "--date", "2025-06-01", "--bring-forward", "x",
        ])
        #expect(inPeriod.code == 0 && inPeriod.stderr.contains("--bring-forward is for items from earlier years"), "\(inPeriod.stderr)")
    }
}
