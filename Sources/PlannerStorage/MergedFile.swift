import Foundation
import PlannerModel

#if canImport(Glibc)
    import Glibc
#endif

/// Where `mlcf merge` writes (the common version of two copies is `CommonVersion`'s).
extension PortfolioStore {
    /// Writes a merged portfolio to `url` atomically, owner-only, with no `.bak` (the copies
    /// merged are the versions kept: git holds its own, and `-o` names a new file). With
    /// `expected`, only over the file it describes (the copy that was read as ours), so a
    /// version another program wrote meanwhile is never replaced: `.keptBeside` then says
    /// where the merge was put instead.
    public static func writeMerged(_ portfolio: Portfolio, to url: URL, expecting expected: FileStamp?) throws -> SaveOutcome {
        let lineage = VersionLineage.next(after: expected?.history, carried: portfolio.versions)
        let portfolio = VersionLineage.recording(lineage, in: portfolio)
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
            return .saved(FileStamp(info, contentHash: hash, lineage: lineage))
        } catch is ChangedMeanwhile {
            guard case .changed(let current) = verdict else { preconditionFailure("a file not expected has a verdict") }
            return .keptBeside(try keepBeside(portfolio, of: url), current)
        }
    }

    private struct ChangedMeanwhile: Error {}
}
