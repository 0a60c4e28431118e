import Foundation
import PlannerCore

/// Saves off the input path (issue 8): at career size a save writes tens of megabytes and
/// waits for the disk, so the run loop hands the portfolio to this and goes on reading keys.
/// Saves run one at a time, in order; a change made while one runs is saved right after it
/// (only the newest: it holds all the earlier ones). The run loop learns the outcome with
/// `takeOutcome`, and waits with `waitUntilIdle` before it leaves, so nothing is lost on quit.
final class BackgroundSaver: @unchecked Sendable {
    private let url: URL
    private let queue = DispatchQueue(label: "mlcf.save")
    private let lock = NSLock()
    private let idle = NSCondition()
    private var running = false
    private var waiting: Portfolio?
    /// Set when the last save of a run of saves has finished: nil on success, else why not.
    private var outcome: String??

    init(url: URL) { self.url = url }

    /// True while a save is being written or waits to be.
    var isBusy: Bool {
        lock.lock(); defer { lock.unlock() }
        return running || waiting != nil
    }

    func save(_ portfolio: Portfolio) {
        lock.lock()
        defer { lock.unlock() }
        if running { waiting = portfolio; return }
        running = true
        queue.async { self.write(portfolio) }
    }

    private func write(_ portfolio: Portfolio) {
        var failure: String? = nil
        do { try PortfolioStore.save(portfolio, to: url) } catch { failure = Session.reason(error) }
        lock.lock()
        if let next = waiting {
            // A newer change waits: save it; its outcome is the one to report.
            waiting = nil
            lock.unlock()
            write(next)
            return
        }
        running = false
        outcome = .some(failure)
        lock.unlock()
        idle.lock(); idle.broadcast(); idle.unlock()
    }

    /// The outcome of the saves that finished since last asked, if they all have: `.some(nil)`
    /// for saved, `.some(reason)` for a failure, nil while one runs or when nothing happened.
    func takeOutcome() -> String?? {
        lock.lock(); defer { lock.unlock() }
        guard !running, let result = outcome else { return nil }
        outcome = nil
        return result
    }

    /// Blocks until no save runs or waits (before quitting, or when the terminal goes away).
    func waitUntilIdle() {
        idle.lock()
        while isBusy { idle.wait() }
        idle.unlock()
    }
}
