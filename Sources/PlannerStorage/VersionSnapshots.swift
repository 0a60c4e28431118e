import Foundation
import PlannerModel

#if canImport(Glibc)
    import Glibc
#endif

/// `NAME.versions/` beside a portfolio: a few recent versions kept whole, named by their
/// recorded id (`VersionLineage`), so that a merge of two copies usually finds the version
/// they last shared. A snapshot is kept of the version a session starts from (the planner's
/// open, each CLI edit's read) and of the last one it writes: those are where copies part in
/// practice (a laptop goes offline between sessions). Snapshots never change once written,
/// so a sync tool copying the folder along is a help. Keeping one is best effort: a failure
/// never stops a save or an open (the portfolio itself is safe either way).
public enum VersionSnapshots {
    /// How many snapshots the folder keeps (the newest).
    public static let kept = 8

    /// The folder of `portfolio`'s snapshots: `NAME.versions` beside `NAME.json`.
    public static func folder(of portfolio: URL) -> URL {
        var name = portfolio.lastPathComponent
        if name.lowercased().hasSuffix(".json") { name.removeLast(5) }
        return portfolio.deletingLastPathComponent().appendingPathComponent(name + ".versions")
    }

    /// Where the version with `id` is kept, if it is.
    public static func file(_ id: String, of portfolio: URL) -> URL {
        folder(of: portfolio).appendingPathComponent(id + ".json")
    }

    /// Whether `id` is one a save wrote (16 hex characters), so it is safe as a file name.
    static func isID(_ id: String) -> Bool {
        id.utf8.count == 16 && id.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// Keeps the file at `url` as the snapshot of its version, if `stamp` still describes it
    /// (and names its id): by hard link when the file is this user's and private, as the
    /// `.bak` is, else `portfolio` written as a new owner-only file. Then the oldest beyond
    /// `kept` are removed. Returns the snapshot, nil when none was kept.
    @discardableResult
    public static func keep(_ url: URL, stamp: FileStamp, portfolio: Portfolio) -> URL? {
        guard let id = stamp.history?.first, isID(id), let folder = makeFolder(of: url) else { return nil }
        let target = folder.appendingPathComponent(id + ".json")
        var existing = stat()
        if lstat(target.path, &existing) == 0 { return target }  // immutable: already kept
        var info = stat()
        guard lstat(url.path, &info) == 0, stamp.sameContent(info) else { return nil }
        if info.st_uid == geteuid() && info.st_mode & 0o077 == 0 && link(url.path, target.path) == 0 {
            var linked = stat()
            // The name now holds that very file; were it another by now, it goes.
            if lstat(target.path, &linked) == 0, stamp.sameContent(linked) {
                prune(folder)
                return target
            }
            unlink(target.path)
            return nil
        }
        // Someone else's file, or one others may read: a private copy of its exact bytes,
        // if they are still the version the stamp names.
        do {
            let (fd, opened) = try PortfolioStore.openRegularFile(url)
            defer { close(fd) }
            let data = try PortfolioStore.readAll(fd, size: Int(opened.st_size), path: url.path)
            guard data.count == Int(stamp.size), FileStamp.hash(data) == stamp.contentHash else { return nil }
            _ = try AtomicFile.write(to: target, keepBackup: false, replacing: false) { output in
                try data.withUnsafeBytes { try output.write($0) }
            }
        } catch { return nil }
        prune(folder)
        return target
    }

    /// The folder, made owner-only if absent; nil when it is not a plain folder of this user's
    /// (a link there is never followed).
    static func makeFolder(of url: URL) -> URL? {
        let folder = self.folder(of: url)
        if mkdir(folder.path, 0o700) != 0 && errno != EEXIST { return nil }
        var info = stat()
        guard lstat(folder.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == geteuid() else { return nil }
        return folder
    }

    /// Removes the oldest snapshots beyond `kept` (by the time their version was written), and
    /// what a copy cut short by a kill left: each snapshot has a new name, so the next copy's
    /// own tidying (`AtomicFile`) never meets an earlier one's temporary file.
    static func prune(_ folder: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(".") {
            // `.ID.json.tmp-PID-N`: the temporary file of the snapshot `ID.json`.
            guard let cut = name.range(of: ".json.tmp-") else { continue }
            let id = String(name.dropFirst()[..<cut.lowerBound])
            if isID(id) { AtomicFile.removeLeftovers(of: id + ".json", in: folder.path) }
        }
        var snapshots: [(name: String, time: Int64)] = []
        for name in names where name.hasSuffix(".json") && isID(String(name.dropLast(5))) {
            var info = stat()
            guard lstat(folder.appendingPathComponent(name).path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            snapshots.append((name, Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)))
        }
        guard snapshots.count > kept else { return }
        snapshots.sort { ($0.time, $0.name) > ($1.time, $1.name) }
        for old in snapshots[kept...] { unlink(folder.appendingPathComponent(old.name).path) }
    }
}
