import Foundation
import PlannerCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 5 §5: a second `mlcf` on the same portfolio is refused with a message naming the
/// first; a lock left by a killed process blocks nobody; racing saves never lose an update.
@Suite(.serialized) struct TwoAtOnceTests {
    static func add(_ path: String, title: String) -> [String] {
        ["add-evidence", path, "--title", title, "--kind", "teaching", "--date", "2026-02-02", "--link", "3.1"]
    }

    /// Starts `mlcf add-evidence` and freezes it (SIGSTOP) at a moment it holds the lock.
    static func startFrozenHoldingLock(_ arguments: [String], lockPath: String) throws -> Child? {
        for _ in 0..<30 {
            let child = try MLCF.start(arguments)
            let record = "pid \(child.pid) "
            let deadline = Date().addingTimeInterval(20)
            while child.isRunning, Date() < deadline {
                guard let text = try? String(contentsOfFile: lockPath, encoding: .utf8), text.hasPrefix(record) else { usleep(200); continue }
                if child.stop(), let again = try? String(contentsOfFile: lockPath, encoding: .utf8), again.hasPrefix(record) {
                    return child
                }
                break
            }
            child.signal(SIGCONT)
            child.wait(timeout: 30)
        }
        return nil
    }

    @Test func secondMlcfIsRefusedNamingTheFirstAndWorksAfterItIsKilled() throws {
        let folder = Scratch("two")
        let url = folder.file("portfolio.json")
        try PortfolioStore.create(largePortfolio(approximateBytes: 3_000_000), at: url)
        let lockPath = PortfolioLock.lockPath(for: url)
        let count = try PortfolioStore.load(from: url).evidence.count

        let first = try #require(
            try Self.startFrozenHoldingLock(Self.add(url.path, title: "First"), lockPath: lockPath),
            "could not catch the first mlcf while it held the lock")
        let before = Fingerprint(url.path)
        let second = try MLCF.run(Self.add(url.path, title: "Second"))
        #expect(second.code == 2, "\(second)")
        #expect(second.stderr.contains("already open in another mlcf"), "\(second.stderr)")
        #expect(second.stderr.contains("pid \(first.pid) · mlcf"), "the refusal names the holder: \(second.stderr)")
        #expect(second.stderr.contains(url.path))
        #expect(Fingerprint(url.path) == before, "the refused mlcf must not touch the file")

        first.signal(SIGKILL)
        #expect(first.wait(timeout: 30) == .signalled(SIGKILL))
        // The holder died at an arbitrary point: the file is one whole version, the backup too.
        let survived = try PortfolioStore.load(from: url)
        #expect(survived.evidence.count == count || survived.evidence.count == count + 1)
        if FileManager.default.fileExists(atPath: url.path + ".bak") {
            _ = try PortfolioStore.load(from: URL(fileURLWithPath: url.path + ".bak"))
        }

        let third = try MLCF.run(Self.add(url.path, title: "Third"))
        #expect(third.code == 0, "a lock left by a killed process must not block: \(third)")
        let after = try PortfolioStore.load(from: url)
        #expect(after.evidence.last?.title == "Third")
        #expect(after.evidence.count == survived.evidence.count + 1)
    }

    /// Any other program holding the lock (here `flock`) also keeps mlcf out until it dies.
    @Test func lockHeldByAnotherProgramRefusesThenReleasesOnKill() throws {
        let folder = Scratch("flock")
        let url = folder.file("portfolio.json")
        try PortfolioStore.create(readyContinuingPortfolio(), at: url)
        let lockPath = PortfolioLock.lockPath(for: url)
        let holder = try Child(
            ["/usr/bin/flock", "--no-fork", lockPath, "/usr/bin/sleep", "30"],
            environment: MLCF.environment(), stdout: "/dev/null", stderr: "/dev/null")
        var held = false
        for _ in 0..<500 where !held {
            if let probe = try? PortfolioLock(for: url) { probe.release(); usleep(10_000) } else { held = true }
        }
        try #require(held, "flock should hold the lock")
        let before = Fingerprint(url.path)
        let refused = try MLCF.run(Self.add(url.path, title: "Blocked"))
        #expect(refused.code == 2, "\(refused)")
        #expect(refused.stderr.contains("already open in another mlcf"), "\(refused.stderr)")
        #expect(Fingerprint(url.path) == before)

        holder.signal(SIGKILL)
        #expect(holder.wait(timeout: 30) == .signalled(SIGKILL))
        let after = try MLCF.run(Self.add(url.path, title: "After"))
        #expect(after.code == 0, "\(after)")
        #expect(try PortfolioStore.load(from: url).evidence.last?.title == "After")
    }

    /// Several add-evidence at the same instant: each either saves or is refused, and every
    /// one that said it saved is in the file (no lost update).
    @Test func racingSavesNeverLoseAnUpdate() throws {
        let folder = Scratch("race")
        let url = folder.file("portfolio.json")
        try PortfolioStore.create(largePortfolio(approximateBytes: 600_000), at: url)
        var expectedTitles = Set(try PortfolioStore.load(from: url).evidence.map(\.title))
        var refusals = 0
        for round in 0..<8 {
            let children = try (0..<3).map { try MLCF.start(Self.add(url.path, title: "Race \(round)-\($0)")) }
            for (index, child) in children.enumerated() {
                let ended = child.wait(timeout: 60)
                if ended == .exited(0) {
                    expectedTitles.insert("Race \(round)-\(index)")
                } else {
                    #expect(ended == .exited(2), "\(ended): \(child.stderr)")
                    #expect(child.stderr.contains("already open in another mlcf"), "\(child.stderr)")
                    refusals += 1
                }
            }
            let titles = Set(try PortfolioStore.load(from: url).evidence.map(\.title))
            #expect(titles == expectedTitles, "round \(round): saved items missing: \(expectedTitles.subtracting(titles))")
        }
        print("racing saves: 24 runs, \(24 - refusals) saved, \(refusals) refused with the holder named")
    }
}
