import ArgumentParser
import Foundation
import PlannerCore

extension CLI {
    /// What every verb that changes a portfolio does around its change: the core's read,
    /// change and save under the lock (`PortfolioStore.edit`), then the sentences they share.
    /// A version kept beside (another program wrote the file meanwhile) says where, naming
    /// what it holds (`kept`), and exits 2; so does a failed write, saying what was not done
    /// (`notDone`). `change` may print and throw an `ExitCode` to refuse, and returns nil when
    /// there is nothing to save; the lock is released when this returns.
    @discardableResult
    static func edit<Result>(
        _ path: String, kept: (Result) -> String, notDone: String, _ change: (inout Portfolio) throws -> Result?
    ) throws -> PortfolioEdit<Result>? {
        let url = try url(path)
        let edit: PortfolioEdit<Result>?
        do { edit = try PortfolioStore.edit(at: url, change) } catch let exit as ExitCode { throw exit } catch StoreError.writeFailed(let failed, let reason) {
            // The core's sentence speaks of an editor keeping changes open; here nothing is kept.
            warn(TerminalSafe.text("Could not save \(failed): \(reason). The file on disk is unchanged; \(notDone)."))
            throw ExitCode(2)
        } catch { throw fail(error) }
        if let edit, let beside = edit.keptBeside {
            warn(
                TerminalSafe.text(
                    "\(path) was changed by another program meanwhile, so it was left as it is; \(kept(edit.result)) is in \(beside.path)."))
            throw ExitCode(2)
        }
        return edit
    }
}
