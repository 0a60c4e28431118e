import Foundation
import Testing

/// `mlcf declare` on the real binary: a nil return is saved, counts for validation, prints
/// as "declared none" in the export, and can be withdrawn; a type that is not a GMC type is
/// refused as a usage error.
@Suite struct DeclareCLITests {
    @Test func declareValidateExportAndUndo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("declare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("p.json").path
        let made = try CLIRun.run([
            "new", file, "--name", "Dr Nil Return", "--stage", "continuing-practice", "--period-start", "2025-04-01", "--period-end", "2026-03-31",
        ])
        #expect(made.code == 0, "\(made.stderr)")
        let missing = "of the type “Significant events”"
        #expect(try CLIRun.run(["validate", file]).stdout.contains(missing))

        let declared = try CLIRun.run(["declare", file, "significant-events", "--note", "No incidents reported this year."])
        #expect(declared.code == 0, "\(declared.stderr)")
        #expect(declared.stdout.contains("Declared “No significant events this period” for 2025-26."))
        let validate = try CLIRun.run(["validate", file]).stdout
        #expect(!validate.contains(missing), "a declared type is complete")
        #expect(validate.contains("Declared: “No significant events this period”"))
        let exported = try CLIRun.run(["export", file, "-o", "-"])
        #expect(exported.stdout.contains("**Declared none:** No significant events this period."))
        #expect(exported.stdout.contains("The doctor's note: No incidents reported this year."))

        let undone = try CLIRun.run(["declare", file, "significant-events", "--undo"])
        #expect(undone.code == 0 && undone.stdout.contains("Withdrew"))
        #expect(try CLIRun.run(["validate", file]).stdout.contains(missing))

        #expect(try CLIRun.run(["declare", file, "audits"]).code == 64, "not a GMC type: a usage error")
        #expect(try CLIRun.run(["declare", file, "significant-events", "--undo", "--note", "x"]).code == 64)
        #expect(try CLIRun.run(["declare", folder.appendingPathComponent("none.json").path, "cpd"]).code == 2)
    }
}

/// `mlcf export` only reads the portfolio: the file is byte-for-byte as it was (the planner's
/// `e` is what records the document sent, see `ExportRecordFlowTests`).
@Suite struct ExportLeavesThePortfolioCLITests {
    @Test func theExportDoesNotChangeThePortfolio() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("exported-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("p.json").path
        try FileManager.default.copyItem(atPath: repositoryRoot.appendingPathComponent("Resources/examples/continuing-practice.json").path, toPath: file)
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let export = try CLIRun.run(["export", file])
        #expect(export.code == 0, "\(export.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
        #expect(!FileManager.default.fileExists(atPath: file + ".bak"))
    }
}
