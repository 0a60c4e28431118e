import Foundation
import PlannerCore
import Testing

/// Issue 18's whole git flow, as a doctor with two machines meets it: a bare repository and
/// two clones set up by `mlcf git-setup`, one field changed differently on each (through the
/// CLI), a push from one and a `git pull` in the other. The driver exits 1, so git stops
/// with the file unmerged and holding the merge and its conflict list; the planner (tmux)
/// shows the conflicts, they are resolved on the Merge conflicts screen, and the result is
/// committed as the merge commit, with no conflict left in it.
@Suite(
    .enabled(
        if: FileManager.default.isExecutableFile(atPath: "/usr/bin/git") && FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux"),
        "needs git and tmux (make deps installs both)"))
struct GitConflictPlannerTests {
    let tmux = TmuxSession(name: "gitconflict")
    var folder: URL { tmux.home }

    @discardableResult
    func git(_ arguments: [String], in clone: String, expect code: Int32? = 0, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> CLIRun.Output
    {
        let result = try CLIRun.run(
            ["-C", folder.appendingPathComponent(clone).path] + arguments, environment: GitMergeTests.environment, program: "/usr/bin/git")
        if let code { #expect(result.code == code, "git \(arguments): \(result.stdout) \(result.stderr)", sourceLocation: sourceLocation) }
        return result
    }

    func mlcf(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try CLIRun.run(arguments)
        #expect(result.code == 0, "mlcf \(arguments): \(result.stdout) \(result.stderr)", sourceLocation: sourceLocation)
    }

    func file(_ clone: String) -> URL { folder.appendingPathComponent(clone).appendingPathComponent("p.json") }

    /// One machine's change: this period's "no significant events" declared with its own note (the
    /// `declare` verb), and the first item retitled (a JSON edit); then committed.
    func edit(_ clone: String, note: String, title: String) throws {
        try mlcf(["declare", file(clone).path, "significant-events", "--note", note])
        try MergeCLITests.edited(file(clone), to: file(clone), MergeCLITests.setTitle(title, item: 0))
        try git(["commit", "-q", "-m", "\(clone): \(note)", "--", "p.json"], in: clone)
    }

    @Test func aConflictSeenThroughGitIsResolvedInThePlannerAndCommitted() throws {
        _ = try CLIRun.run(["init", "-q", "--bare", "-b", "main", folder.appendingPathComponent("origin.git").path], program: "/usr/bin/git")
        try git(["clone", "-q", "origin.git", "work"], in: ".", expect: nil)
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("Resources/examples/continuing-practice.json"), to: file("work"))
        try mlcf(["git-setup", folder.appendingPathComponent("work").path])
        try git(["add", "p.json", ".gitattributes"], in: "work")
        try git(["commit", "-q", "-m", "portfolio"], in: "work")
        try git(["push", "-q", "origin", "HEAD:main"], in: "work")
        try git(["clone", "-q", "origin.git", "home"], in: ".", expect: nil)
        try mlcf(["git-setup", folder.appendingPathComponent("home").path])

        try edit("work", note: "None at the trust", title: "Led the M&M (work PC)")
        try git(["push", "-q", "origin", "HEAD:main"], in: "work")
        try edit("home", note: "None anywhere I work", title: "Led the M&M (laptop)")
        let pull = try git(["pull", "--no-rebase", "origin", "main"], in: "home", expect: 1)
        #expect((pull.stdout + pull.stderr).contains("CONFLICT (content): Merge conflict in p.json"), "\(pull.stdout)\(pull.stderr)")
        let status = try git(["status", "--porcelain", "--", "p.json"], in: "home")
        #expect(status.stdout.hasPrefix("UU p.json"), "git marks the portfolio unmerged: \(status.stdout)")
        let conflicted = try PortfolioStore.load(from: file("home"))
        #expect(conflicted.conflicts?.count == 2, "the file holds the merge and its two conflicts, and loads")

        try tmux.start("home/p.json", height: 30)
        tmux.waitFor("2 conflicts from merging two copies")
        try tmux.send("Enter")
        tmux.waitFor("Merge conflicts")
        // This machine's title, the other machine's note.
        tmux.waitFor("the other:  “Led the M&M (work PC)”")
        try tmux.send("o")
        tmux.waitFor("Resolved; 1 left.")
        tmux.waitFor("the other:  “None at the trust”")
        try tmux.send("t")
        tmux.waitFor("Every conflict is resolved")
        try tmux.send("q")
        tmux.waitFor("EXITED 0")

        try git(["add", "p.json"], in: "home")
        try git(["commit", "-q", "--no-edit"], in: "home")
        let committed = try git(["show", "HEAD:p.json"], in: "home").stdout
        let portfolio = try PortfolioStore.decode(Data(committed.utf8), path: "HEAD:p.json")
        #expect(portfolio.conflicts == nil)
        #expect(portfolio.evidence[0].title == "Led the M&M (laptop)")
        #expect(portfolio.profile.declaredNone["significant-events"]?.note == "None at the trust")
        #expect(!committed.contains("Led the M&M (work PC)") && !committed.contains("None anywhere I work"))
        let validate = try CLIRun.run(["validate", file("home").path])
        #expect(validate.code <= 1 && !validate.stdout.contains("merge.conflict"), "\(validate.stdout)")
        let merges = try git(["log", "--merges", "--format=%P %s"], in: "home").stdout
        #expect(merges.split(separator: "\n").count == 1 && merges.split(separator: " ").count >= 3, "one merge commit: \(merges)")
        #expect(try git(["status", "--porcelain", "--untracked-files=no"], in: "home").stdout.isEmpty)
    }
}
