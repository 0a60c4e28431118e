import Foundation
import PlannerModel

/// One change to a portfolio file by a program that does not keep it open (the CLI's verbs
/// that edit: `declare`, `new-period`, `add-evidence`, and any import or merge), written once
/// so each verb keeps only its change and its sentences:
///
/// 1. a missing file is refused before the lock file would be created beside it;
/// 2. the portfolio lock is held from the read to the save, so a second mlcf is refused;
/// 3. the portfolio is saved over the version it read (`save(expecting:)`): when another
///    program wrote the file meanwhile, that version is left as it is and this one is kept
///    beside it, never written over it.
public struct PortfolioEdit<Result> {
    /// What the change returned.
    public var result: Result
    /// The portfolio as changed and saved.
    public var portfolio: Portfolio
    /// Where the changed portfolio was written when another program had written the file
    /// since it was read (the file itself is then left as that program wrote it).
    public var keptBeside: URL?
}

extension PortfolioStore {
    /// Reads `url` under its lock, applies `change` and saves over the version read (see
    /// `PortfolioEdit`). `change` returns nil to leave the file unwritten (nothing to do).
    /// Errors: `StoreError.notFound` for a missing file, the lock's, the loader's, the
    /// change's own, and the save's (the file on disk is then unchanged).
    public static func edit<Result>(at url: URL, _ change: (inout Portfolio) throws -> Result?) throws -> PortfolioEdit<Result>? {
        var info = stat()
        if lstat(url.path, &info) != 0 && errno == ENOENT { throw StoreError.notFound(path: url.path) }
        let lock = try PortfolioLock(for: url)
        defer { lock.release() }
        var (portfolio, stamp) = try loadStamped(from: url)
        // The version read and the one written are kept in `NAME.versions/`, for a later
        // merge of two copies to find the one they last shared.
        VersionSnapshots.keep(url, stamp: stamp, portfolio: portfolio)
        guard let result = try change(&portfolio) else { return nil }
        var edit = PortfolioEdit(result: result, portfolio: portfolio, keptBeside: nil)
        switch try save(portfolio, to: url, expecting: stamp) {
        case .keptBeside(let beside, _): edit.keptBeside = beside
        case .saved(let written):
            VersionSnapshots.keep(url, stamp: written, portfolio: VersionLineage.recording(written.history ?? [], in: portfolio))
        }
        return edit
    }
}
