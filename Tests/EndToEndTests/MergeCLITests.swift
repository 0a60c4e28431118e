import Foundation
import Testing

/// `mlcf merge` on the real binary: exit 0 clean, 1 with conflicts kept in the file (which
/// `validate` reports and `export` refuses), 2 when a copy is unreadable, with nothing
/// written; the two-copy form takes the newest `.bak`, or says it needs a base.
@Suite struct MergeCLITests {
    static func edited(_ source: URL, to target: URL, _ change: (inout [String: Any]) -> Void) throws {
        var document = try JSONSerialization.jsonObject(with: Data(contentsOf: source)) as! [String: Any]
        change(&document)
        try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys]).write(to: target)
    }

    static func setTitle(_ title: String, item: Int) -> (inout [String: Any]) -> Void {
        { document in
            var evidence = document["evidence"] as! [[String: Any]]
            evidence[item]["title"] = title
            document["evidence"] = evidence
        }
    }

    @Test func exitStatusesConflictsAndNothingWrittenOnFailure() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = folder.appendingPathComponent("base.json"), ours = folder.appendingPathComponent("ours.json")
        let theirs = folder.appendingPathComponent("theirs.json"), out = folder.appendingPathComponent("out.json")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Resources/examples/continuing-practice.json"), to: base)
        try Self.edited(base, to: ours, Self.setTitle("Ours, item one", item: 0))
        try Self.edited(base, to: theirs, Self.setTitle("Theirs, item two", item: 1))

        let clean = try CLIRun.run(["merge", base.path, ours.path, theirs.path, "-o", out.path])
        #expect(clean.code == 0, "\(clean.stderr)")
        #expect(clean.stdout.contains("Merged cleanly"))
        var info = stat()
        #expect(lstat(out.path, &info) == 0 && info.st_mode & 0o777 == 0o600, "owner-only")
        let merged = try String(contentsOf: out, encoding: .utf8)
        #expect(merged.contains("Ours, item one") && merged.contains("Theirs, item two"))
        #expect(try CLIRun.run(["validate", out.path]).code == 0)

        try Self.edited(base, to: theirs, Self.setTitle("Theirs, item one", item: 0))
        let conflicted = try CLIRun.run(["merge", base.path, ours.path, theirs.path, "-o", out.path])
        #expect(conflicted.code == 1, "\(conflicted.stderr)")
        #expect(conflicted.stdout.contains("1 conflict") && conflicted.stdout.contains("“Theirs, item one”"))
        let validate = try CLIRun.run(["validate", out.path])
        #expect(validate.code == 1 && validate.stdout.contains("merge.conflict"))
        let export = try CLIRun.run(["export", out.path, "-o", folder.appendingPathComponent("doc.md").path])
        #expect(export.code == 2 && export.stderr.contains("1 merge conflict"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("doc.md").path))

        let before = try Data(contentsOf: out)
        try Data("{ not json".utf8).write(to: theirs)
        let unreadable = try CLIRun.run(["merge", base.path, ours.path, theirs.path, "-o", out.path])
        #expect(unreadable.code == 2)
        #expect(try Data(contentsOf: out) == before, "nothing written on 2")

        let noBase = try CLIRun.run(["merge", ours.path, base.path])
        #expect(noBase.code == 2 && noBase.stderr.contains("give the version they share"))
    }

    /// The two-copy form: a save's `.bak` is the common version (what the planner had loaded
    /// when another writer changed the file and the planner kept its own version beside it).
    @Test func twoCopiesMergeFromTheNewestBackupIntoOurs() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merge2-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("p.json"), mine = folder.appendingPathComponent("p.mine.json")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Resources/examples/continuing-practice.json"), to: file)
        try Self.edited(file, to: mine, Self.setTitle("Mine", item: 0))
        // Another writer saves the file (its previous version goes to p.json.bak).
        let added = try CLIRun.run(["add-evidence", file.path, "--title", "Added elsewhere", "--kind", "cpd", "--date", "2026-01-02", "--link", "1.1"])
        #expect(added.code == 0, "\(added.stderr)")
        let result = try CLIRun.run(["merge", mine.path, file.path])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.contains("p.json.bak"))
        let merged = try String(contentsOf: mine, encoding: .utf8)
        #expect(merged.contains("\"Mine\"") && merged.contains("Added elsewhere"))
        #expect(FileManager.default.fileExists(atPath: mine.path + ".bak"), "merging into OURS keeps its previous version")
    }
}
