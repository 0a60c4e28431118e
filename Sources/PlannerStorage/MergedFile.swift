import Foundation
import PlannerModel

#if canImport(Glibc)
    import Glibc
#endif

/// Where `mlcf merge` writes, and the common version it finds when given only two copies.
extension PortfolioStore {
    /// Writes a merged portfolio to `url` atomically, owner-only, with no `.bak` (the copies
    /// merged are the versions kept: git holds its own, and `-o` names a new file). With
    /// `expected`, only over the file it describes (the copy that was read as ours), so a
    /// version another program wrote meanwhile is never replaced: `.keptBeside` then says
    /// where the merge was put instead.
    public static func writeMerged(_ portfolio: Portfolio, to url: URL, expecting expected: FileStamp?) throws -> SaveOutcome {
        var hash: UInt64 = 0
        var verdict = Verdict.expected
        do {
            let info = try AtomicFile.write(
                to: url, keepBackup: false, replacing: true, { output in hash = try write(portfolio, into: &output, path: url.path) },
                confirm: {
                    guard let expected else { return }
                    verdict = try check(url, expected: expected)
                    if case .changed = verdict { throw ChangedMeanwhile() }
                })
            return .saved(FileStamp(info, contentHash: hash))
        } catch is ChangedMeanwhile {
            guard case .changed(let current) = verdict else { preconditionFailure("a file not expected has a verdict") }
            return .keptBeside(try keepBeside(portfolio, of: url), current)
        }
    }

    private struct ChangedMeanwhile: Error {}

    /// The version two copies most likely share, when none is named: the newest readable
    /// `.bak` of either (a save's previous version; after a kept-beside save, the other
    /// writer's `.bak` is the very version the planner had loaded). Nil when neither has one.
    public static func commonBackup(of first: URL, _ second: URL) -> URL? {
        var best: (url: URL, seconds: Int, nanoseconds: Int)?
        for copy in [first, second] {
            let backup = URL(fileURLWithPath: copy.path + ".bak")
            var info = stat()
            guard lstat(backup.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            let when = (Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec))
            if let current = best, (current.seconds, current.nanoseconds) >= when { continue }
            best = (backup, when.0, when.1)
        }
        return best?.url
    }
}
