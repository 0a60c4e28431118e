import Foundation
import PlannerCore
import TestSupport
import Testing

@testable import PlannerModel
@testable import PlannerStorage

/// Issue 18: the recorded history, the snapshots beside the file, and the choice of base for
/// a two-copy merge (only the exact version both last shared; with none, every difference a
/// conflict and nothing deleted).
@Suite struct CommonVersionTests {
    static func item(_ id: String, _ title: String) -> Evidence {
        Evidence(id: id, title: title, kind: .cpd, date: fixedToday)
    }

    @Test func savesChainTheirHistoryAndAFileWithNoneStartsOne() throws {
        let folder = TempFolder()
        let url = folder.file("p.json")
        try AtomicFile.write(try PortfolioStore.encode(readyContinuingPortfolio()), to: url)
        var (portfolio, stamp) = try PortfolioStore.loadStamped(from: url)
        #expect(portfolio.versions == nil)
        let old = try #require(stamp.history?.first, "a file with no history stands for itself by its content hash")
        var ids: [String] = []
        for round in 0..<3 {
            portfolio.profile.achievements = "round \(round)"
            guard case .saved(let next) = try PortfolioStore.save(portfolio, to: url, expecting: stamp) else { Issue.record("not saved"); return }
            stamp = next
            ids.insert(try #require(next.lineage?.first), at: 0)
        }
        let saved = try PortfolioStore.load(from: url)
        #expect(saved.versions == ids + [old], "newest first, ending with the file it replaced")
        #expect(portfolio.versions == nil, "the portfolio in memory never learns the ids")
        #expect(Set(ids).count == 3 && ids.allSatisfy { VersionSnapshots.isID($0) })
    }

    @Test func unionKeepsEachIdOnceNewestFirstAndCapped() {
        #expect(VersionLineage.union(["a", "b", "c"], ["x", "b", "y"]) == ["a", "x", "b", "c", "y"])
        let long = (0..<300).map { String(format: "%016x", $0) }
        #expect(VersionLineage.union(long, long.reversed()).count == VersionLineage.cap)
        #expect(VersionLineage.newestShared(["d", "c", "b"], ["x", "b", "c"]) == "c")
        #expect(VersionLineage.newestShared(["d"], ["x"]) == nil)
    }

    @Test func aMergeCarriesBothHistoriesAndIgnoresThemInComparing() throws {
        var base = readyContinuingPortfolio()
        base.versions = ["0000000000000001"]
        var ours = base, theirs = base
        ours.versions = ["00000000000000a1", "0000000000000001"]
        theirs.versions = ["00000000000000b1", "0000000000000001"]
        let outcome = try PortfolioMerge.merge(base: base, ours: ours, theirs: theirs)
        #expect(outcome.isClean, "histories alone differ: no conflict")
        #expect(outcome.portfolio.versions == ["00000000000000a1", "00000000000000b1", "0000000000000001"])
    }

    /// Only the exact shared version is a base: an older one would take back a change made
    /// and undone since (here a title changed, shared, then changed back on one side).
    @Test func onlyTheExactSharedVersionIsTheBase() throws {
        let folder = TempFolder()
        let ours = folder.file("p.json"), theirs = folder.file("p.sync-conflict-1.json")
        var v1 = readyContinuingPortfolio()
        v1.evidence = [Self.item("ev-0001", "First")]
        v1.versions = ["1111111111111111"]
        var v2 = v1
        v2.evidence[0].title = "Second"
        v2.versions = ["2222222222222222", "1111111111111111"]
        // Both snapshots are kept; the copies parted at v2.
        for version in [v1, v2] {
            let target = VersionSnapshots.file(version.versions![0], of: ours)
            try? FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write(try PortfolioStore.encode(version), to: target)
        }
        var mine = v2, other = v2
        mine.evidence[0].title = "First"  // changed back here
        mine.versions = ["aaaaaaaaaaaaaaaa"] + v2.versions!
        other.profile.achievements = "Theirs"
        other.versions = ["bbbbbbbbbbbbbbbb"] + v2.versions!
        let base = CommonVersion.find(ours: mine.versions, theirs: other.versions, copies: [ours, theirs])
        guard case .shared(let common, let place, _) = base else { Issue.record("not found: \(base.sentence)"); return }
        #expect(common.versions?.first == "2222222222222222" && place.hasSuffix("2222222222222222.json"))
        let merged = try CommonVersion.merge(ours: mine, theirs: other, from: base).portfolio
        #expect(merged.evidence[0].title == "First", "the change back is kept")
        #expect(merged.profile.achievements == "Theirs")
    }

    /// With no shared version: a field both hold differently is a conflict with both values,
    /// an item only one holds is kept (and counted), one both hold alike is kept once.
    @Test func withNoBaseEveryDifferenceIsAConflictAndNothingIsDeleted() throws {
        var ours = readyContinuingPortfolio(), theirs = ours
        ours.evidence = [Self.item("ev-0001", "Shared"), Self.item("ev-0002", "Ours, only here")]
        theirs.evidence = [Self.item("ev-0001", "Shared, retitled"), Self.item("ev-0003", "Theirs, only here")]
        theirs.profile.achievements = "Theirs"
        // A goal of a past period only one copy holds counts too (read from the record tables).
        let past = PastPeriod(periodStart: date("2024-10-01"), periodEnd: date("2025-09-30"), ratings: [:], pdp: [])
        ours.history = [past]
        theirs.history = [past]
        theirs.history[0].pdp = [Goal(id: "past-goal", title: "Theirs, only here")]
        let base = CommonVersion.find(ours: ["aaaaaaaaaaaaaaaa"], theirs: ["bbbbbbbbbbbbbbbb"], copies: [])
        guard case .none = base else { Issue.record("a base was made up"); return }
        #expect(base.sentence.contains("every difference is listed as a conflict"))
        let outcome = try CommonVersion.merge(ours: ours, theirs: theirs, from: base)
        let titles = Set(outcome.portfolio.evidence.map(\.title))
        #expect(titles == ["Shared", "Ours, only here", "Theirs, only here"])
        #expect(Set(outcome.newConflicts.map(\.path)) == [["evidence", "ev-0001", "title"], ["profile", "achievements"]])
        #expect(outcome.keptFromOneSide == 3)
        #expect(outcome.portfolio.history.first?.pdp.map(\.id) == ["past-goal"])
    }

    @Test func snapshotsArePrivateNeverThroughALinkAndPrunedToTheNewest() throws {
        let folder = TempFolder()
        let url = folder.file("p.json")
        try PortfolioStore.create(readyContinuingPortfolio(), at: url)
        var (portfolio, stamp) = try PortfolioStore.loadStamped(from: url)
        var kept: [URL] = []
        for round in 0..<(VersionSnapshots.kept + 3) {
            portfolio.profile.achievements = "round \(round)"
            guard case .saved(let next) = try PortfolioStore.save(portfolio, to: url, expecting: stamp) else { return }
            stamp = next
            kept.append(try #require(VersionSnapshots.keep(url, stamp: stamp, portfolio: portfolio)))
        }
        let store = VersionSnapshots.folder(of: url)
        let names = try FileManager.default.contentsOfDirectory(atPath: store.path).sorted()
        #expect(names == kept.suffix(VersionSnapshots.kept).map(\.lastPathComponent).sorted(), "the newest 8")
        var info = stat()
        lstat(store.path, &info)
        #expect(info.st_mode & 0o777 == 0o700)
        let last = try #require(kept.last)
        lstat(last.path, &info)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(try PortfolioStore.load(from: last).profile.achievements == "round \(VersionSnapshots.kept + 2)")
        // A link planted where the folder goes is never followed.
        let other = folder.file("q.json"), elsewhere = folder.file("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try PortfolioStore.create(readyContinuingPortfolio(), at: other)
        symlink(elsewhere.path, VersionSnapshots.folder(of: other).path)
        let (q, qStamp) = try PortfolioStore.loadStamped(from: other)
        #expect(VersionSnapshots.keep(other, stamp: qStamp, portfolio: q) == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    /// A snapshot copy cut short by a kill leaves a temporary file under a name no later copy
    /// uses: the next snapshot removes it, and leaves one whose process still runs.
    @Test func aSnapshotCopyCutShortIsTidiedByTheNext() throws {
        let folder = TempFolder()
        let url = folder.file("p.json")
        try PortfolioStore.create(readyContinuingPortfolio(), at: url)
        var (portfolio, stamp) = try PortfolioStore.loadStamped(from: url)
        try #require(VersionSnapshots.keep(url, stamp: stamp, portfolio: portfolio) != nil)
        let store = VersionSnapshots.folder(of: url)
        // No process has this id: Linux's ids stop at 2^22.
        let dead = store.appendingPathComponent(".0123456789abcdef.json.tmp-99999999-7")
        let running = store.appendingPathComponent(".fedcba9876543210.json.tmp-1-7")
        for leftover in [dead, running] { try Data("{".utf8).write(to: leftover) }
        portfolio.profile.achievements = "next"
        guard case .saved(let next) = try PortfolioStore.save(portfolio, to: url, expecting: stamp) else { return }
        stamp = next
        try #require(VersionSnapshots.keep(url, stamp: stamp, portfolio: portfolio) != nil)
        #expect(!FileManager.default.fileExists(atPath: dead.path))
        #expect(FileManager.default.fileExists(atPath: running.path), "process 1 still runs")
    }
}
