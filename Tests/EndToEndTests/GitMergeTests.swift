import Foundation
import Testing

/// git as the carrier (issue 18), for real: two clones of one repository, `mlcf git-setup`
/// in each, an edit on each side, `git pull`, and the portfolio merged by meaning: cleanly
/// for different fields, with the conflict kept in the file (and the pull stopped) for one
/// field changed twice. `git diff` goes through `mlcf show --diff`.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/git"), "needs git"))
struct GitMergeTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mlcf-git-\(UUID().uuidString)")

    static let environment = [
        "GIT_AUTHOR_NAME": "Dr Test", "GIT_AUTHOR_EMAIL": "test@example.invalid", "GIT_COMMITTER_NAME": "Dr Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
    ]

    @discardableResult
    func git(_ arguments: [String], in clone: String, expect code: Int32? = 0) throws -> CLIRun.Output {
        let result = try CLIRun.run(
            ["-C", folder.appendingPathComponent(clone).path] + arguments, environment: Self.environment, program: "/usr/bin/git")
        if let code { #expect(result.code == code, "git \(arguments): \(result.stdout) \(result.stderr)") }
        return result
    }

    func retitle(_ clone: String, item: Int, _ title: String) throws {
        let file = folder.appendingPathComponent(clone).appendingPathComponent("p.json")
        try MergeCLITests.edited(file, to: file, MergeCLITests.setTitle(title, item: item))
        try git(["commit", "-q", "-am", "\(clone): \(title)"], in: clone)
    }

    func text(_ clone: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(clone).appendingPathComponent("p.json"), encoding: .utf8)
    }

    @Test func twoClonesEditAndPullThroughTheDriver() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try CLIRun.run(["init", "-q", "--bare", "-b", "main", folder.appendingPathComponent("origin.git").path], program: "/usr/bin/git")
        try git(["clone", "-q", "origin.git", "a"], in: ".", expect: nil)
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("Resources/examples/continuing-practice.json"),
            to: folder.appendingPathComponent("a/p.json"))
        let setup = try CLIRun.run(["git-setup", folder.appendingPathComponent("a").path])
        #expect(setup.code == 0, "\(setup.stderr)")
        #expect(setup.stdout.contains("added *.json merge=mlcf diff=mlcf") && setup.stdout.contains("merge.mlcf.driver"))
        #expect(
            setup.stdout.contains(URL(fileURLWithPath: TmuxSession.binaryPath).resolvingSymlinksInPath().path),
            "the driver names this binary by its absolute path")
        let again = try CLIRun.run(["git-setup", folder.appendingPathComponent("a").path])
        #expect(again.code == 0 && again.stdout.contains("already has") && !again.stdout.contains(" = "), "idempotent: \(again.stdout)")
        #expect(setup.stdout.contains("added *.versions/") && again.stdout.contains("already has *.versions/"), "the snapshots stay out of git")
        try git(["add", "p.json", ".gitattributes"], in: "a")
        try git(["commit", "-q", "-m", "portfolio"], in: "a")
        try git(["push", "-q", "origin", "HEAD:main"], in: "a")
        try git(["clone", "-q", "origin.git", "b"], in: ".", expect: nil)
        #expect(try CLIRun.run(["git-setup", folder.appendingPathComponent("b").path]).code == 0)

        // Different items on each machine: a clean merge.
        try retitle("a", item: 0, "Led the M&M")
        try git(["push", "-q", "origin", "HEAD:main"], in: "a")
        try retitle("b", item: 1, "Audit from home")
        try git(["pull", "-q", "--no-rebase", "origin", "main"], in: "b")
        let merged = try text("b")
        #expect(merged.contains("Led the M&M") && merged.contains("Audit from home") && !merged.contains("\"conflicts\""))
        #expect(try CLIRun.run(["validate", folder.appendingPathComponent("b/p.json").path]).code == 0)
        let diff = try git(["diff", "HEAD~1", "HEAD", "--", "p.json"], in: "b")
        #expect(diff.stdout.contains("+evidence ") && diff.stdout.contains("“Led the M&M” › title: Led the M&M"), "\(diff.stdout)")

        // One field changed on both: the pull stops, the file holds the conflict and loads.
        try git(["push", "-q", "origin", "HEAD:main"], in: "b")
        try git(["pull", "-q", "--no-rebase", "origin", "main"], in: "a")
        try retitle("a", item: 0, "Led the M&M, at work")
        try git(["push", "-q", "origin", "HEAD:main"], in: "a")
        try retitle("b", item: 0, "Led the M&M, at home")
        let pull = try git(["pull", "-q", "--no-rebase", "origin", "main"], in: "b", expect: 1)
        #expect((pull.stdout + pull.stderr).contains("CONFLICT"))
        let conflicted = try text("b")
        #expect(conflicted.contains("\"conflicts\"") && !conflicted.contains("<<<<<<<"))
        #expect(conflicted.contains("Led the M&M, at work") && conflicted.contains("Led the M&M, at home"))
        let validate = try CLIRun.run(["validate", folder.appendingPathComponent("b/p.json").path])
        #expect(validate.code == 1 && validate.stdout.contains("merge.conflict"))
    }
}
