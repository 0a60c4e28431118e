import ArgumentParser
import Foundation
import PlannerCore

/// One CLI edit of a saved portfolio, as `add-evidence` makes it: the portfolio locked, read
/// with its stamp, changed, and saved over the version read (or kept beside a file another
/// program changed meanwhile). `change` returns a sentence for a refusal (nothing is saved).
enum PortfolioEdit {
    struct Refused: Error { let message: String }

    static func run(path: String, what: String, _ change: (inout Portfolio) throws -> Void) throws -> Portfolio {
        let url = try CLI.url(path)
        // Refuse a missing portfolio before the lock file would be created beside it.
        var info = stat()
        if lstat(url.path, &info) != 0 && errno == ENOENT { throw CLI.fail(StoreError.notFound(path: url.path)) }
        let lock: PortfolioLock
        do { lock = try PortfolioLock(for: url) } catch { throw CLI.fail(error) }
        defer { lock.release() }
        var portfolio: Portfolio
        let stamp: FileStamp
        do { (portfolio, stamp) = try PortfolioStore.loadStamped(from: url) } catch { throw CLI.fail(error) }
        do { try change(&portfolio) } catch let refused as Refused {
            CLI.warn(TerminalSafe.text(refused.message))
            throw ExitCode(2)
        }
        do {
            if case .keptBeside(let beside, _) = try PortfolioStore.save(portfolio, to: url, expecting: stamp) {
                CLI.warn(
                    TerminalSafe.text(
                        "\(path) was changed by another program meanwhile, so it was left as it is; the portfolio \(what) is in \(beside.path)."))
                throw ExitCode(2)
            }
        } catch let exit as ExitCode { throw exit } catch StoreError.writeFailed(let failed, let reason) {
            CLI.warn(TerminalSafe.text("Could not save \(failed): \(reason). The file on disk is unchanged."))
            throw ExitCode(2)
        } catch { throw CLI.fail(error) }
        return portfolio
    }

    /// The item with this id, or a refusal listing the ids there are.
    static func index(of id: String, in portfolio: Portfolio) throws -> Int {
        if let index = portfolio.evidence.firstIndex(where: { $0.id == id }) { return index }
        let ids = portfolio.evidence.map(\.id)
        let shown = ids.count <= 12 ? ids.joined(separator: ", ") : ids.prefix(12).joined(separator: ", ") + ", …"
        throw Refused(message: "there is no evidence item \(id) in the portfolio (its items: \(ids.isEmpty ? "none" : shown)); nothing was changed.")
    }
}
