import Foundation
import PlannerCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 5 §7: the portfolio, its backup and its lock are readable by the owner only, even
/// under `umask 000`; saving writes nothing anywhere else (no temp files, no logs, no config).
@Suite(.serialized) struct PrivacyTests {
    /// Runs mlcf in `cwd` with umask 000 and a private TMPDIR, HOME and XDG folders.
    static func runExposed(_ arguments: [String], cwd: String, tmp: String, home: String) throws -> RunResult {
        try MLCF.runShell(
            "cd \"$MLCF_TEST_CWD\" && umask 000 && exec \"$@\"", arguments,
            env: [
                "MLCF_TEST_CWD": cwd, "TMPDIR": tmp, "HOME": home,
                "XDG_CONFIG_HOME": home + "/.config", "XDG_STATE_HOME": home + "/.local/state",
                "XDG_CACHE_HOME": home + "/.cache", "XDG_DATA_HOME": home + "/.local/share",
            ])
    }

    @Test func umaskZeroStillGivesOwnerOnlyFilesAndNothingElse() throws {
        let folder = Scratch("privacy")
        let inputs = Scratch("privacy-inputs")
        let cwd = Scratch("privacy-cwd")
        let tmp = Scratch("privacy-tmp")
        let home = Scratch("privacy-home")

        // The shell really does run children with umask 000.
        let probe = inputs.file("umask-probe").path
        _ = try MLCF.run(["-c", "cd \"$0\" && umask 000 && exec /usr/bin/touch \"$1\"", cwd.path, probe], program: "/bin/sh")
        #expect(mode(probe) == 0o666, "the umask trick must work for this test to mean anything")
        try FileManager.default.removeItem(atPath: probe)

        let url = folder.file("portfolio.json")
        // Created by mlcf itself under umask 000…
        let created = try Self.runExposed(
            [
                "new", url.path, "--name", "Dr Private", "--stage", "postgraduate",
                "--period-start", "2025-08-06", "--period-end", "2026-08-04",
            ],
            cwd: cwd.path, tmp: tmp.path, home: home.path)
        #expect(created.code == 0, "\(created)")
        #expect(mode(url.path) == 0o600)
        // …then loosened by some other tool, as happens when files are copied around.
        chmod(url.path, 0o644)

        let reflection = inputs.file("reflection.md").path
        try Data("## What happened\nA private reflection about a hard week.\n".utf8).write(to: URL(fileURLWithPath: reflection))
        let inputsBefore = listing(inputs.path)
        for round in 1...2 {
            let result = try Self.runExposed(
                [
                    "add-evidence", url.path, "--title", "Private \(round)", "--kind", "reflective-note",
                    "--date", "2026-01-0\(round)", "--link", "1.2", "--reflection-file", reflection,
                ],
                cwd: cwd.path, tmp: tmp.path, home: home.path)
            #expect(result.code == 0, "\(result)")
            // `portfolio.versions/` keeps the versions read and written, for a later merge (issue 18).
            #expect(listing(folder.path) == [".portfolio.json.lock", "portfolio.json", "portfolio.json.bak", "portfolio.versions"], "round \(round)")
            #expect(mode(folder.path + "/portfolio.versions") == 0o700)
            let snapshots = listing(folder.path + "/portfolio.versions").map { "portfolio.versions/" + $0 }
            #expect(!snapshots.isEmpty, "the version written is kept")
            for name in listing(folder.path).filter({ $0 != "portfolio.versions" }) + snapshots {
                #expect(mode(folder.path + "/" + name) == 0o600, "\(name) is \(String(mode(folder.path + "/" + name), radix: 8)), not 600")
            }
            #expect(listing(tmp.path).isEmpty, "nothing may be written to TMPDIR: \(listing(tmp.path))")
            #expect(listing(home.path).isEmpty, "nothing may be written to HOME: \(listing(home.path))")
            #expect(listing(cwd.path).isEmpty, "nothing may be written to the working folder: \(listing(cwd.path))")
            #expect(listing(inputs.path) == inputsBefore)
            #expect(
                !result.stdout.contains("hard week") && !result.stderr.contains("hard week"),
                "the reflection text is not echoed to the terminal or a log")
        }
        let saved = try PortfolioStore.load(from: url)
        #expect(saved.evidence.map(\.title) == ["Private 1", "Private 2"])
    }

    /// A refused or failed run leaves nothing behind either (no lock file for a missing portfolio).
    @Test func failedRunsWriteNothing() throws {
        let folder = Scratch("privacy-fail")
        let tmp = Scratch("privacy-fail-tmp")
        let home = Scratch("privacy-fail-home")
        let missing = try Self.runExposed(
            ["add-evidence", folder.file("none.json").path, "--title", "x", "--kind", "cpd", "--date", "2026-01-01"],
            cwd: folder.path, tmp: tmp.path, home: home.path)
        #expect(missing.code == 2)
        let badKind = try Self.runExposed(
            ["add-evidence", folder.file("none.json").path, "--title", "x", "--kind", "nope", "--date", "2026-01-01"],
            cwd: folder.path, tmp: tmp.path, home: home.path)
        #expect(badKind.code == 64)
        #expect(listing(folder.path).isEmpty && listing(tmp.path).isEmpty && listing(home.path).isEmpty)
    }
}
