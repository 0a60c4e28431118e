import Foundation
import Testing

/// The planner's export key (`e`) on the real binary: the Markdown lands beside the portfolio,
/// readable by its owner only, the same document `mlcf export` writes, and nothing is written
/// when some text looks patient-identifiable.
@Suite(.serialized) struct ExportEndToEndTests {
    /// Opens a copy of `source` (in repository terms) named `name` in the planner, presses
    /// `e` and waits for `answer`; returns the session and the copy.
    func export(_ source: String, named name: String, answer: String) throws -> (TmuxSession, URL) {
        let tmux = TmuxSession(name: "export-\(name)")
        let file = tmux.home.appendingPathComponent(name)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(source), to: file)
        try tmux.start("'\(file.path)'", width: 120, height: 32)
        tmux.waitFor("Dr Siân")
        try tmux.send("e")
        tmux.waitFor(answer)
        return (tmux, file)
    }

    @Test func exportKeyWritesTheAppraisersDocumentBesideThePortfolio() throws {
        let (tmux, file) = try export("Resources/examples/continuing-practice.json", named: "my-year.json", answer: "Exported for your appraiser")
        let output = tmux.home.appendingPathComponent("my-year-appraisal.md")
        let attributes = try FileManager.default.attributesOfItem(atPath: output.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600, "the export holds reflections: owner only")
        let written = try String(contentsOf: output, encoding: .utf8)
        // The planner dates the document today (MLCF_TODAY in the tests); the command line is told the same day.
        let expected = try CLIRun.run(["export", file.path, "-o", "-", "--date", "2026-11-23"])
        #expect(expected.code == 0, "\(expected.stderr)")
        #expect(written == expected.stdout, "the planner and `mlcf export` write the same document")
        try tmux.send("q")
        tmux.waitFor("EXITED 0")
    }

    @Test func exportKeyStopsOnPatientIdentifiableText() throws {
        let (tmux, _) = try export("Tests/golden/hostile.json", named: "flagged.json", answer: "Export stopped")
        #expect(
            !FileManager.default.fileExists(atPath: tmux.home.appendingPathComponent("flagged-appraisal.md").path),
            "nothing is written while text looks patient-identifiable")
        try tmux.send("q", "q")  // the note takes any key; the second quits
        tmux.waitFor("EXITED 0")
    }
}
