import ArgumentParser
import Foundation
import PlannerCore

#if canImport(Glibc)
    import Glibc
#endif

/// Which document was exported for the period, kept in the portfolio (`Profile.exported`) by
/// both the planner's `e` and `mlcf export`, so the archived year names the one that was sent.
enum ExportRecord {
    /// The document just written, as the portfolio records it.
    static func document(at url: URL) -> ExportedDocument {
        // stat(2), not FileManager's attributes: those look up the owner's name, which asks the
        // name service over a socket, and no verb of this program opens one (NoNetworkTests).
        var info = stat()
        let size = stat(url.path, &info) == 0 ? Int(info.st_size) : 0
        return ExportedDocument(file: url.lastPathComponent, date: CLI.today, bytes: size)
    }

    /// Records the export in the portfolio file, under its lock and only over the version read
    /// (as every save). Returns a sentence when it could not, so the export itself still stands:
    /// most often because the planner has the file open (it records its own exports).
    static func record(_ document: ExportedDocument, in url: URL) -> String? {
        let lock: PortfolioLock
        do { lock = try PortfolioLock(for: url) } catch {
            return "The export was not recorded in the portfolio: \(error)"
        }
        defer { lock.release() }
        do {
            var (portfolio, stamp) = try PortfolioStore.loadStamped(from: url)
            if portfolio.profile.exported == document { return nil }
            portfolio.recordExport(document)
            if case .keptBeside(let beside, _) = try PortfolioStore.save(portfolio, to: url, expecting: stamp) {
                return "The portfolio was changed by another program meanwhile, so the export's record went to \(beside.path) instead."
            }
            return nil
        } catch {
            return "The export was not recorded in the portfolio: \(error)"
        }
    }
}
