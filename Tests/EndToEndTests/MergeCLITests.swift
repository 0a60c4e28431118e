import Foundation
import Testing

/// `mlcf merge` on the real binary: exit 0 clean, 1 with conflicts kept in the file (which
/// `validate` reports and `export` refuses), 2 when a copy is unreadable, with nothing
/// written; the two-copy form merges from the version both last shared, found by the history
/// each save records, and with none lists every difference as a conflict.
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

        // Files no save of this kind wrote record no history: no shared version, so the title
        // both hold differently is a conflict, never a guess (issue 18).
        let noBase = try CLIRun.run(["merge", ours.path, base.path])
        #expect(noBase.code == 1, "\(noBase.stderr)")
        #expect(noBase.stdout.contains("No shared version found") && noBase.stdout.contains("1 conflict"))
    }

    /// The two-copy form: two copies of one file edited apart, each by two CLI edits (so
    /// each `.bak` holds an edit the other copy lacks), merge from the version they last
    /// shared (kept in `p.versions/` when the first edit read it), both sides' items kept;
    /// a copy that is simply older is a fast-forward.
    @Test func twoCopiesMergeFromTheVersionTheyLastShared() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merge2-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("p.json"), mine = folder.appendingPathComponent("p.mine.json")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Resources/examples/continuing-practice.json"), to: file)
        func add(_ title: String, to url: URL) throws {
            let added = try CLIRun.run(["add-evidence", url.path, "--title", title, "--kind", "cpd", "--date", "2026-01-02", "--link", "1.1"])
            #expect(added.code == 0, "\(added.stderr)")
        }
        try add("Shared first", to: file)
        try FileManager.default.copyItem(at: file, to: mine)
        let older = folder.appendingPathComponent("p.older.json")
        try FileManager.default.copyItem(at: file, to: older)
        try add("Mine one", to: mine)
        try add("Mine two", to: mine)
        try add("Added elsewhere", to: file)
        try add("Added elsewhere again", to: file)
        let result = try CLIRun.run(["merge", mine.path, file.path])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.contains("the version both copies last shared") && result.stdout.contains(".versions/"), "\(result.stdout)")
        let merged = try String(contentsOf: mine, encoding: .utf8)
        for title in ["Shared first", "Mine one", "Mine two", "Added elsewhere", "Added elsewhere again"] {
            #expect(merged.contains("\"\(title)\""), "\(title) lost")
        }
        #expect(FileManager.default.fileExists(atPath: mine.path + ".bak"), "merging into OURS keeps its previous version")
        let forward = try CLIRun.run(["merge", older.path, file.path])
        #expect(forward.code == 0 && forward.stdout.contains("fast-forward"), "\(forward.stdout)")
        #expect(try String(contentsOf: older, encoding: .utf8).contains("Added elsewhere again"))
    }
}
