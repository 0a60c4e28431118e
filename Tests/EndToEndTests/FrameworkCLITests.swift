import Foundation
import PlannerCore
import TestSupport
import Testing

/// `mlcf framework`: any framework printed in its own words, packs checked with every problem
/// named, packs in the user's data folder offered (issue 14), through the real binary.
@Suite struct FrameworkCLITests {
    static let good = repositoryRoot.appendingPathComponent("Tests/fixtures/framework-pack-deanery.json").path
    static let bad = repositoryRoot.appendingPathComponent("Tests/fixtures/framework-pack-bad.json").path

    @Test func theHLMIsPrintedInItsOwnLevelNamesAndScale() throws {
        let result = try CLIRun.run(["framework", "hlm"])
        #expect(result.code == 0, "\(result.stderr)")
        for name in ["Inspiring shared purpose", "Influencing for results", "Essential", "Exemplary", "Dimension"] {
            #expect(result.stdout.contains(name), "\(name) is missing")
        }
        let mlcf = try CLIRun.run(["framework"])
        #expect(mlcf.code == 0 && mlcf.stdout.contains("Demonstrating Personal Qualities"))
    }

    @Test func checkSaysAGoodPackIsFineAndListsEveryProblemOfABadOne() throws {
        let fine = try CLIRun.run(["framework", "--check", Self.good])
        #expect(fine.code == 0, "\(fine.stdout)\(fine.stderr)")
        #expect(fine.stdout.contains("3 outcomes") || fine.stdout.contains("outcomes"), "\(fine.stdout)")
        let broken = try CLIRun.run(["framework", "--check", Self.bad])
        #expect(broken.code == 1, "\(broken.stdout)\(broken.stderr)")
        let said = broken.stdout + broken.stderr
        #expect(said.split(separator: "\n").count >= 3, "every problem on its own line: \(said)")
        #expect(said.contains("items["), "problems name their place: \(said)")
        let missing = try CLIRun.run(["framework", "--check", "/nonexistent/pack.json"])
        #expect(missing.code != 0 && (missing.stdout + missing.stderr).contains("cannot open"))
    }

    @Test func packsInTheDataFolderAreOfferedAndUsableForLinks() throws {
        let folder = TempFolder()
        let packs = folder.url.appendingPathComponent("mlcf/frameworks")
        try FileManager.default.createDirectory(at: packs, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Self.good), to: packs.appendingPathComponent("deanery.json"))
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Self.bad), to: packs.appendingPathComponent("bad.json"))
        let environment = ["XDG_DATA_HOME": folder.url.path]
        let list = try CLIRun.run(["framework", "--list"], environment: environment)
        #expect(list.code == 0)
        #expect(list.stdout.contains("north-deanery") && list.stdout.contains("hlm"), "\(list.stdout)")
        #expect((list.stdout + list.stderr).contains("bad.json"), "a rejected pack is named with its reason")

        // add-evidence takes FRAMEWORK:ID for the pack, and refuses an outcome it does not have.
        let portfolio = folder.file("p.json")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Resources/examples/postgraduate.json"), to: portfolio)
        let add = try CLIRun.run(
            [
                "add-evidence", portfolio.path, "--title", "Handover audit", "--kind", "quality-improvement", "--date", "2026-02-01",
                "--link", "north-deanery:A1", "--link", "hlm:3", "--link", "2.1",
            ], environment: environment)
        #expect(add.code == 0, "\(add.stderr)")
        let saved = try PortfolioStore.load(from: portfolio)
        #expect(saved.evidence.last?.links == ["north-deanery:A1", "hlm:3", "mlcf:2.1"])
        let wrong = try CLIRun.run(
            ["add-evidence", portfolio.path, "--title", "x", "--kind", "cpd", "--date", "2026-02-01", "--link", "north-deanery:C9"],
            environment: environment)
        #expect(wrong.code != 0 && wrong.stderr.contains("Northern Deanery"), "\(wrong.stderr)")
    }
}
