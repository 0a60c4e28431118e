import Foundation
import Testing

/// The planner's export key (`e`) on the real binary: the Markdown lands beside the portfolio,
/// readable by its owner only, the same document `mlcf export` writes, and nothing is written
/// when some text looks patient-identifiable.
@Suite(.serialized) struct ExportEndToEndTests {
    /// Opens a copy of `source` (in repository terms) named `name` in the planner, presses
    /// `e` and waits for `answer`; returns the session and the copy.
    func export(_ source: String, named name: String, answer: String, doctor: String = "Dr Siân") throws -> (TmuxSession, URL) {
        let tmux = TmuxSession(name: "export-\(name)")
        let file = tmux.home.appendingPathComponent(name)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(source), to: file)
        try tmux.start("'\(file.path)'", width: 120, height: 32)
        tmux.waitFor(doctor)
        try tmux.send("e")
        tmux.waitFor(answer)
        return (tmux, file)
    }

    @Test func exportKeyWritesTheAppraisersDocumentBesideThePortfolio() throws {
        let (tmux, file) = try export(
            "Resources/examples/continuing-practice.json", named: "my-year.json",
            answer: "Exported my-year-appraisal-2025-26.md · PDF: mlcf export my-year.json --pdf")
        // Named for its period, so next year's export leaves this one as it was sent.
        let output = tmux.home.appendingPathComponent("my-year-appraisal-2025-26.md")
        let attributes = try FileManager.default.attributesOfItem(atPath: output.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600, "the export holds reflections: owner only")
        let written = try Data(contentsOf: output)
        try tmux.send("q")
        tmux.waitFor("EXITED 0")
        // `mlcf export` with its defaults: the same file name, date rule and bytes.
        try FileManager.default.removeItem(at: output)
        let cli = try CLIRun.run(["export", file.path])
        #expect(cli.code == 0, "\(cli.stderr)")
        #expect(try Data(contentsOf: output) == written, "the planner and `mlcf export` write the same document")
    }

    /// A portfolio that is not ready is exported only after the doctor says so.
    @Test func exportKeyAsksFirstWhenThePortfolioIsNotReady() throws {
        let (tmux, _) = try export(
            "Resources/examples/postgraduate.json", named: "training.json", answer: "Export a portfolio that is not ready?", doctor: "Dr Tomás")
        try tmux.send("y")
        tmux.waitFor("Exported training")
        try tmux.send("q")
        tmux.waitFor("EXITED 0")
    }

    @Test func exportKeyStopsOnPatientIdentifiableText() throws {
        let (tmux, _) = try export("Tests/golden/hostile.json", named: "flagged.json", answer: "Export stopped")
        #expect(
            !FileManager.default.fileExists(atPath: tmux.home.appendingPathComponent("flagged-appraisal-2025-26.md").path),
            "nothing is written while text looks patient-identifiable")
        try tmux.send("q", "q")  // the note takes any key; the second quits
        tmux.waitFor("EXITED 0")
    }
}
