import Foundation
import PlannerCore
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 5 §1: a save killed with SIGKILL at any moment leaves either the old or the new
/// portfolio on disk — byte for byte — never a mix, and a backup that loads.
@Suite(.serialized) struct KillMidSaveTests {
    static let reflectionText =
        "## What happened\nThe night handover missed a sick patient.\n\n## What I learned\nTemplates alone do not change habits.\n## What I will do next\nA second PDSA cycle with the night team.\n"
    static let reflection = Reflection(
        whatHappened: "The night handover missed a sick patient.",
        whatLearned: "Templates alone do not change habits.",
        whatNext: "A second PDSA cycle with the night team.")

    static func arguments(_ path: String, round: Int, reflectionFile: String) -> [String] {
        [
            "add-evidence", path, "--title", "Round \(round)", "--kind", "cpd", "--date", date(round).description,
            "--link", "1.1.a", "--link", "4.2", "--credits", "1.5", "--reflection-file", reflectionFile,
        ]
    }

    static func date(_ round: Int) -> CalendarDate { TestSupport.date("2026-03-01").adding(days: round % 28) }

    /// What `add-evidence` with `arguments(round:)` must turn `portfolio` into.
    static func added(to portfolio: Portfolio, round: Int) -> Portfolio {
        var next = portfolio
        next.evidence.append(
            Evidence(
                id: portfolio.nextID(prefix: "ev"), title: "Round \(round)", kind: .cpd, date: date(round),
                reflection: reflection, links: ["mlcf:1.1.a", "mlcf:4.2"], cpdCredits: 1.5))
        return next
    }

    @Test func killedAtRandomMomentsLeavesOldOrNewNeverAMix() throws {
        let rounds = ProcessInfo.processInfo.environment["MLCF_KILL_ROUNDS"].flatMap(Int.init) ?? 200
        let began = Date()
        let folder = Scratch("kill")
        let inputs = Scratch("kill-inputs")
        let url = folder.file("portfolio.json")
        let backup = url.path + ".bak"
        let reflectionFile = inputs.file("reflection.md").path
        try Data(Self.reflectionText.utf8).write(to: URL(fileURLWithPath: reflectionFile))

        var current = largePortfolio(approximateBytes: 3_000_000)
        try PortfolioStore.create(current, at: url)
        var currentBytes = try Data(contentsOf: url)
        var previousBytes = currentBytes
        #expect(currentBytes.count > 2_500_000, "the portfolio should be a few MB (\(currentBytes.count) bytes)")

        /// Checks the state on disk after a round; returns whether the new version is there.
        func check(round: Int, ended: Termination) throws -> Bool {
            let bytes = try Data(contentsOf: url)
            var isNew = false
            if bytes != currentBytes {
                let expected = Self.added(to: current, round: round)
                // Compared without the recorded history, which every save writes anew (issue 18).
                let expectedBytes = try PortfolioStore.encode(expected.content)
                try #require(
                    withoutVersions(bytes) == expectedBytes,
                    "round \(round) (\(ended)): the file is neither the old version (\(currentBytes.count) bytes) nor the new one (\(expectedBytes.count) bytes) but \(bytes.count) bytes"
                )
                let loaded = try PortfolioStore.decode(bytes, path: url.path)
                try #require(loaded.evidence.count == current.evidence.count + 1)
                previousBytes = currentBytes
                currentBytes = bytes
                current = loaded
                isNew = true
            } else if case .exited(0) = ended {
                Issue.record("round \(round): add-evidence reported success but the file did not change")
            }
            if case .exited(let code) = ended, code != 0 {
                Issue.record("round \(round): add-evidence failed on its own (exit \(code))")
            }
            let bak = try Data(contentsOf: URL(fileURLWithPath: backup))
            try #require(
                bak == previousBytes || bak == currentBytes,
                "round \(round): the backup is not a complete earlier version (\(bak.count) bytes)")
            if round % 50 == 0 { _ = try PortfolioStore.load(from: URL(fileURLWithPath: backup)) }
            return isNew
        }

        // Calibrate: how long one uninterrupted save takes here (it also proves the model above).
        var durations: [Double] = []
        for round in 0..<3 {
            let result = try MLCF.run(Self.arguments(url.path, round: round, reflectionFile: reflectionFile))
            try #require(result.code == 0, "calibration run failed: \(result)")
            #expect(try check(round: round, ended: result.termination), "a finished add-evidence must write the new version")
            durations.append(result.seconds)
        }
        var typical: Double { durations.suffix(3).sorted()[1] }
        var generator = SplitMix64(seed: testSeed)
        var stats = (old: 0, new: 0, leftovers: 0, finished: 0)
        var round = 2, killRounds = 0
        while killRounds < rounds {
            round += 1
            if round % 25 == 0 {
                // Re-measure now and then: the machine's load changes while the suite runs.
                let result = try MLCF.run(Self.arguments(url.path, round: round, reflectionFile: reflectionFile))
                try #require(result.code == 0, "calibration run failed: \(result)")
                #expect(try check(round: round, ended: result.termination))
                durations.append(result.seconds)
                continue
            }
            // A quarter of the kills anywhere in the run, the rest weighted toward the save itself
            // (encode, write, fsync, backup link, rename), which comes last.
            let delay =
                Double.random(in: 0...1, using: &generator) < 0.25
                ? Double.random(in: 0...typical, using: &generator)
                : Double.random(in: (typical * 0.5)...(typical * 1.3), using: &generator)
            killRounds += 1
            let child = try MLCF.start(Self.arguments(url.path, round: round, reflectionFile: reflectionFile))
            usleep(UInt32(delay * 1_000_000))
            child.signal(SIGKILL)
            let ended = child.wait(timeout: 30)
            try #require(ended == .signalled(SIGKILL) || ended == .exited(0), "round \(round): \(ended)")
            if ended == .exited(0) { stats.finished += 1 }
            if try check(round: round, ended: ended) { stats.new += 1 } else { stats.old += 1 }
            // A killed save may leave its temporary file, but every save that reaches the
            // writing stage first removes those of dead processes: so leftovers only ever come
            // from one process, the last one killed while writing.
            let leftovers = listing(folder.path).filter { $0.contains(".tmp-") || $0.hasPrefix(".bak-") }
            if leftovers.contains(where: { $0.contains("-\(child.pid)-") }) { stats.leftovers += 1 }
            let owners = Set(leftovers.compactMap { $0.split(separator: "-").dropLast().last })
            try #require(owners.count <= 1, "round \(round): files left by several killed saves pile up: \(leftovers)")
        }

        // A clean save afterwards works and tidies up.
        let last = try MLCF.run(Self.arguments(url.path, round: 9_999, reflectionFile: reflectionFile))
        #expect(last.code == 0, "\(last)")
        #expect(try check(round: 9_999, ended: last.termination))
        // `portfolio.versions/` holds the versions the edits read and wrote (issue 18).
        #expect(listing(folder.path) == [".portfolio.json.lock", "portfolio.json", "portfolio.json.bak", "portfolio.versions"])
        _ = try PortfolioStore.load(from: URL(fileURLWithPath: backup))

        let seconds = Date().timeIntervalSince(began)
        print(
            "kill test: \(rounds) kills (and \(round - 2 - rounds) uninterrupted saves to re-measure) on a \(currentBytes.count / 1024) KiB portfolio in \(String(format: "%.1f", seconds)) s "
                + "(one save ≈ \(Int(typical * 1000)) ms; seed \(testSeed)); old kept \(stats.old), new written \(stats.new) "
                + "(\(stats.finished) finished before the kill), killed mid-write leaving a temporary file \(stats.leftovers)")
        if rounds >= 100 {
            #expect(stats.old > 0 && stats.new > 0, "the kills should land both before and after the rename")
            #expect(stats.leftovers > 0, "some kills should land while the new file is being written")
        }
    }
}
