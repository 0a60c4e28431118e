import Foundation
import PlannerCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A small tmpfs mounted for one test (root only), unmounted when the value goes away.
final class TmpfsMount {
    let point: String
    private let holder: Scratch

    /// Why tmpfs tests cannot run here, or nil when they can (checked once, by a trial mount).
    static let unavailableReason: String? = {
        if getuid() != 0 { return "not running as root: mounting a 1 MiB tmpfs needs root (run the suite as root to include it)" }
        let probe = Scratch("mount-probe")
        guard let result = try? runTool(["/usr/bin/mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.path]), result.code == 0 else {
            return "running as root, but `mount -t tmpfs` is not permitted here (a container without CAP_SYS_ADMIN?)"
        }
        _ = try? runTool(["/usr/bin/umount", probe.path])
        return nil
    }()

    init(size: String) throws {
        holder = Scratch("tmpfs")
        point = holder.path
        let result = try runTool(["/usr/bin/mount", "-t", "tmpfs", "-o", "size=\(size),mode=0700", "tmpfs", point])
        guard result.code == 0 else { throw Child.SpawnError(message: "mount failed: \(result)") }
    }

    func remountReadOnly() throws {
        let result = try runTool(["/usr/bin/mount", "-o", "remount,ro", point])
        guard result.code == 0 else { throw Child.SpawnError(message: "remount failed: \(result)") }
    }

    /// A lazy unmount: this process may still hold a file of the mount open (the save path
    /// keeps the last-read portfolio open to copy unchanged items from it), which would make
    /// a plain `umount` fail and leave one mount behind per test run. Detached now, the tmpfs
    /// goes away when that file is closed, at the latest when the test process exits.
    deinit {
        for _ in 0..<5 {
            if let result = try? runTool(["/usr/bin/umount", "--lazy", point]), result.code == 0 { break }
            usleep(100_000)
        }
    }
}

/// Issue 5 §2: a full disk, a read-only folder and a folder that vanished each give a clear
/// error, leave the old file exactly as it was, and leave no temporary files behind.
@Suite(.serialized) struct DiskFaultTests {
    static let skipNote = Comment(rawValue: TmpfsMount.unavailableReason ?? "")

    static func add(_ path: String, reflection: String? = nil) -> [String] {
        ["add-evidence", path, "--title", "Team debrief", "--kind", "reflective-note", "--date", "2026-03-01", "--link", "1.1"]
            + (reflection.map { ["--reflection-file", $0] } ?? [])
    }

    @Test(.enabled(if: TmpfsMount.unavailableReason == nil, skipNote))
    func diskFullGivesClearErrorAndKeepsOldFile() throws {
        let mount = try TmpfsMount(size: "1m")
        let inputs = Scratch("diskfull-inputs")
        let url = URL(fileURLWithPath: mount.point + "/portfolio.json")
        try PortfolioStore.create(largePortfolio(approximateBytes: 380_000), at: url)
        let size = try Data(contentsOf: url).count
        #expect(size > 300_000 && size < 500_000, "the portfolio must fit, with room for a small save (\(size) bytes)")

        // A reflection far bigger than the room left: the new version cannot be written.
        let reflection = inputs.file("long-reflection.md").path
        let paragraph = "## What happened\n" + String(repeating: "The rota gap meant three nights of cover. ", count: 20_000) + "\n"
        try Data(paragraph.utf8).write(to: URL(fileURLWithPath: reflection))
        let before = Fingerprint(url.path)
        let full = try MLCF.run(Self.add(url.path, reflection: reflection))
        #expect(full.code == 2, "\(full)")
        #expect(full.stderr.contains("the disk is full"), "\(full.stderr)")
        #expect(full.stderr.contains(url.path), "\(full.stderr)")
        #expect(full.stderr.contains("unchanged"), "\(full.stderr)")
        #expect(Fingerprint(url.path) == before, "the old file must be byte-identical and untouched")
        // The version the edit read is kept in portfolio.versions/ (by a hard link: no space needed).
        #expect(listing(mount.point) == [".portfolio.json.lock", "portfolio.json", "portfolio.versions"], "no temporary files may be left")
        #expect(listing(mount.point + "/portfolio.versions").allSatisfy { !$0.hasPrefix(".") }, "no temporary snapshot may be left")
        _ = try PortfolioStore.load(from: url)

        // Once it fits again, the same command saves (and keeps the backup).
        let small = try MLCF.run(Self.add(url.path))
        #expect(small.code == 0, "\(small)")
        #expect(listing(mount.point) == [".portfolio.json.lock", "portfolio.json", "portfolio.json.bak", "portfolio.versions"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: url.path + ".bak")) == before.bytes)
    }

    @Test(.enabled(if: TmpfsMount.unavailableReason == nil, skipNote))
    func readOnlyFileSystemGivesClearError() throws {
        let mount = try TmpfsMount(size: "1m")
        let url = URL(fileURLWithPath: mount.point + "/portfolio.json")
        try PortfolioStore.create(readyContinuingPortfolio(), at: url)
        // One earlier session left its lock file and backup, as in real use.
        #expect(try MLCF.run(Self.add(url.path)).code == 0)
        try mount.remountReadOnly()
        let before = Fingerprint(url.path)
        let names = listing(mount.point)
        let result = try MLCF.run(Self.add(url.path))
        #expect(result.code == 2, "\(result)")
        #expect(result.stderr.contains("read-only file system"), "\(result.stderr)")
        #expect(result.stderr.contains(url.path), "\(result.stderr)")
        #expect(Fingerprint(url.path) == before)
        #expect(listing(mount.point) == names)
        // Reading still works on a read-only disk.
        #expect(try MLCF.run(["validate", url.path]).code != nil)
    }

    /// Without root, a folder without write permission stands in for a read-only disk.
    @Test(.enabled(if: getuid() != 0, "root ignores folder permissions; the tmpfs test above covers read-only folders"))
    func unwritableFolderGivesClearError() throws {
        let folder = Scratch("readonly")
        let url = folder.file("portfolio.json")
        try PortfolioStore.create(readyContinuingPortfolio(), at: url)
        #expect(try MLCF.run(Self.add(url.path)).code == 0)
        chmod(folder.path, 0o500)
        defer { chmod(folder.path, 0o700) }
        let before = Fingerprint(url.path)
        let result = try MLCF.run(Self.add(url.path))
        #expect(result.code == 2, "\(result)")
        #expect(result.stderr.contains("no permission") || result.stderr.contains("ermission denied"), "\(result.stderr)")
        #expect(Fingerprint(url.path) == before)
    }

    @Test func folderThatVanishedGivesClearErrorAndCreatesNothing() throws {
        let base = Scratch("vanished")
        let folder = base.sub("appraisal-2026")
        let url = folder.appendingPathComponent("portfolio.json")
        try PortfolioStore.create(readyContinuingPortfolio(), at: url)
        try FileManager.default.removeItem(at: folder)
        let result = try MLCF.run(Self.add(url.path))
        #expect(result.code == 2, "\(result)")
        #expect(result.stderr.contains(url.path) && result.stderr.contains("no such file"), "\(result.stderr)")
        #expect(listing(base.path).isEmpty, "the folder must not be recreated")
    }

    /// The folder is moved away while add-evidence holds the lock: it fails clearly, and the
    /// moved portfolio is exactly what it was.
    @Test func folderMovedAwayMidSaveFailsClearly() throws {
        let base = Scratch("moved")
        let folder = base.sub("appraisal")
        let url = folder.appendingPathComponent("portfolio.json")
        try PortfolioStore.create(largePortfolio(approximateBytes: 3_000_000), at: url)
        let original = try Data(contentsOf: url)
        let child = try #require(try TwoAtOnceTests.startFrozenHoldingLock(Self.add(url.path), lockPath: PortfolioLock.lockPath(for: url)))
        let moved = base.path + "/moved"
        #expect(rename(folder.path, moved) == 0)
        child.signal(SIGCONT)
        let ended = child.wait(timeout: 60)
        let movedBytes = try Data(contentsOf: URL(fileURLWithPath: moved + "/portfolio.json"))
        if ended == .exited(0) {
            // Frozen after the rename had already happened: the save is complete in the moved folder.
            #expect(try PortfolioStore.decode(movedBytes, path: "moved").evidence.count == PortfolioStore.decode(original, path: "o").evidence.count + 1)
        } else {
            #expect(ended == .exited(2), "\(ended): \(child.stderr)")
            #expect(child.stderr.contains(url.path), "\(child.stderr)")
            #expect(child.stderr.contains("no longer exists") || child.stderr.contains("no such file"), "\(child.stderr)")
            #expect(movedBytes == original, "the moved portfolio must be exactly as it was")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path), "nothing may be recreated at the old place")
        // Frozen in the middle of writing, its temporary file moved along with the folder and
        // could not be removed by its old name; the next save there tidies it away.
        let leftovers = listing(moved).filter { $0.contains(".tmp-") || $0.hasPrefix(".bak-") }
        #expect(leftovers.allSatisfy { $0.contains("-\(child.pid)-") }, "\(leftovers)")
        #expect(try MLCF.run(Self.add(moved + "/portfolio.json")).code == 0)
        #expect(listing(moved) == [".portfolio.json.lock", "portfolio.json", "portfolio.json.bak", "portfolio.versions"])
    }
}
