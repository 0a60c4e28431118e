import Foundation
import TestSupport
import Testing

/// `mlcf import` and `mlcf export --csv` on the real binary: the dry run changes nothing, a
/// bad row leaves the portfolio byte for byte, a second import adds nothing, the PII guard
/// stops it as it stops an export, and a CSV export imported into a new portfolio gives the
/// same items.
@Suite struct ImportCLITests {
    let folder = TempFolder()

    func newPortfolio(_ name: String) throws -> String {
        let file = folder.file(name).path
        let made = try CLIRun.run([
            "new", file, "--name", "Dr Import", "--stage", "continuing-practice", "--period-start", "2025-04-01", "--period-end", "2026-03-31",
        ])
        #expect(made.code == 0, "\(made.stderr)")
        return file
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = folder.file(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func dryRunThenImportThenAgain() throws {
        let portfolio = try newPortfolio("p.json")
        let csv = try write("cpd.csv", "Date,Activity,Type,Hours,Venue\n03/04/25,Sepsis update,course,1.5,Leeds\n05/06/25,Handover audit,audit,90 min,\n")
        let before = try bytes(portfolio)
        let dry = try CLIRun.run(["import", portfolio, csv, "--dry-run"], environment: ["MLCF_TODAY": "2026-01-01"])
        #expect(dry.code == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("cpd.csv as ASCII"))
        #expect(dry.stdout.contains("so they were read day first"), "an all-ambiguous column says it assumed day first")
        #expect(dry.stdout.contains("“Venue”"))
        #expect(dry.stdout.contains("2    2025-04-03 cpd"))
        #expect(try bytes(portfolio) == before, "a dry run changes nothing")

        let real = try CLIRun.run(["import", portfolio, csv], environment: ["MLCF_TODAY": "2026-01-01"])
        #expect(real.code == 0, "\(real.stderr)")
        #expect(real.stdout.contains("Imported 2 items"))
        let saved = try String(contentsOf: URL(fileURLWithPath: portfolio), encoding: .utf8)
        #expect(saved.components(separatedBy: "\"importedToReview\" : true").count == 3, "both items marked to review")
        let again = try CLIRun.run(["import", portfolio, csv], environment: ["MLCF_TODAY": "2026-01-01"])
        #expect(again.code == 0 && again.stdout.contains("Imported 0 items"), "\(again.stdout)")
    }

    @Test func oneBadRowImportsNothingAndNamesTheCell() throws {
        let portfolio = try newPortfolio("p.json")
        let csv = try write("cpd.csv", "date,title,credits\n2025-05-01,Good,1\n2025-05-02,Bad,lots\n2025-05-03,Good too,2\n")
        let before = try bytes(portfolio)
        let run = try CLIRun.run(["import", portfolio, csv], environment: ["MLCF_TODAY": "2026-01-01"])
        #expect(run.code == 65)
        #expect(run.stderr.contains("cpd.csv, row 3, column C (“credits”): “lots” is not a number of hours"), "\(run.stderr)")
        #expect(try bytes(portfolio) == before, "all or nothing")
        let skip = try CLIRun.run(["import", portfolio, csv, "--skip-bad"], environment: ["MLCF_TODAY": "2026-01-01"])
        #expect(skip.code == 0 && skip.stdout.contains("Imported 2 items"), "\(skip.stdout)\(skip.stderr)")
        #expect(skip.stderr.contains("1 row with problems: 3."))
    }

    @Test func patientIdentifiableTextStopsTheImport() throws {
        let portfolio = try newPortfolio("p.json")
        let csv = try write("cpd.csv", "date,title,notes\n2025-05-01,Ward round,NHS number 943 476 5919\n")
        let before = try bytes(portfolio)
        let run = try CLIRun.run(["import", portfolio, csv], environment: ["MLCF_TODAY": "2026-01-01"])
        #expect(run.code == 1, "the export's stop")
        #expect(run.stderr.contains("row 2, description: looks like an NHS number"), "\(run.stderr)")
        #expect(try bytes(portfolio) == before)
        #expect(try CLIRun.run(["import", portfolio, csv, "--allow-flagged"], environment: ["MLCF_TODAY": "2026-01-01"]).code == 0)
    }

    @Test func unreadableInputChangesNothing() throws {
        let portfolio = try newPortfolio("p.json")
        let before = try bytes(portfolio)
        let quote = try write("q.csv", "date,title\n2025-05-01,\"never closed\n")
        let run = try CLIRun.run(["import", portfolio, quote])
        #expect(run.code == 2 && run.stderr.contains("q.csv, row 2, column B: the cell opens a quote"), "\(run.stderr)")
        let fifo = folder.file("pipe.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let piped = try CLIRun.run(["import", portfolio, fifo])
        #expect(piped.code == 2 && piped.stderr.contains("not a regular file"), "\(piped.stderr)")
        #expect(try CLIRun.run(["import", portfolio, folder.url.path]).stderr.contains("is a folder"))
        #expect(try bytes(portfolio) == before)
    }

    @Test func aCSVExportImportsIntoANewPortfolioAsTheSameItems() throws {
        let source = folder.file("source.json").path
        try FileManager.default.copyItem(atPath: repositoryRoot.appendingPathComponent("Resources/examples/continuing-practice.json").path, toPath: source)
        let out = folder.file("out.csv").path
        let exported = try CLIRun.run(["export", source, "--csv", "--include-private", "-o", out])
        #expect(exported.code == 0, "\(exported.stderr)")
        let target = try newPortfolio("target.json")
        let imported = try CLIRun.run(["import", target, out])
        #expect(imported.code == 0, "\(imported.stderr)")
        let first = try CLIRun.run(["export", source, "--csv", "--include-private", "-o", "-"]).stdout
        let second = try CLIRun.run(["export", target, "--csv", "--include-private", "-o", "-"]).stdout
        #expect(!first.isEmpty && first == second, "export → import → export gives the same rows")
        let back = try CLIRun.run(["import", source, out])
        #expect(back.stdout.contains("Imported 0 items"), "the items are recognised where they came from")
    }
}
