import Foundation
import PlannerCore

/// Saves off the input path (issue 8): at career size a save writes tens of megabytes and
/// waits for the disk, so the run loop hands the portfolio to this and goes on reading keys.
/// Saves run one at a time, in order; a change made while one runs is saved right after it
/// (only the newest: it holds all the earlier ones). The run loop learns the outcomes with
/// `takeOutcomes`, and waits with `waitUntilIdle` before it leaves, so nothing is lost on quit.
///
/// Every save checks first that the file is still the one loaded (issue 13): when another
/// program has changed it, that version is left alone, this one is written beside it, and
/// from then on the saves go to that file.
final class BackgroundSaver: @unchecked Sendable {
    /// What the last run of saves came to.
    enum Outcome: Equatable {
        case saved
        case failed(String)
        /// The file at `original` was changed by another program; ours went to `ours`.
        case keptBeside(original: URL, ours: URL)
    }

    private let queue = DispatchQueue(label: "mlcf.save")
    private let lock = NSLock()
    private let idle = NSCondition()
    private var running = false
    private var waiting: Portfolio?
    /// Where saves go, and the stamp of the file they expect to find there.
    private var target: URL
    private var stamp: FileStamp
    /// The outcomes not yet taken, oldest first (a kept-beside save is never hidden by a later one).
    private var outcomes: [Outcome] = []
    /// The version this planner last read or wrote at each path it saved to, with the history
    /// it was written with: when another program replaces one of those files, this is the
    /// version the two copies share if the other's history holds its id (`CommonVersion`);
    /// a `.bak` may hold later edits of ours the other copy never had.
    private var known: [String: CommonVersion.Known] = [:]

    init(url: URL, stamp: FileStamp, loaded: Portfolio) {
        target = url
        self.stamp = stamp
        remember(loaded, at: url, stamp: stamp)
    }

    /// The version last loaded from or saved to `url` by this planner, if any.
    func lastKnown(at url: URL) -> CommonVersion.Known? {
        lock.lock(); defer { lock.unlock() }
        return known[url.path]
    }

    /// Where saves go now, and the stamp of the file last written there.
    var current: (url: URL, stamp: FileStamp) {
        lock.lock(); defer { lock.unlock() }
        return (target, stamp)
    }

    /// Call with `lock` held, or before any save runs.
    private func remember(_ portfolio: Portfolio, at url: URL, stamp: FileStamp) {
        let written = stamp.history.map { VersionLineage.recording($0, in: portfolio) } ?? portfolio
        known[url.path] = CommonVersion.Known(written, place: "as this planner last saved it at \(url.lastPathComponent)", saved: Date())
    }

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

    /// Saves to `url` from now on, expecting the file `stamp` describes, which holds
    /// `portfolio` (after a reload or a merge). Call only while idle.
    func retarget(_ url: URL, stamp: FileStamp, holding portfolio: Portfolio) {
        lock.lock(); defer { lock.unlock() }
        target = url
        self.stamp = stamp
        remember(portfolio, at: url, stamp: stamp)
    }

    private func write(_ portfolio: Portfolio) {
        lock.lock()
        let (url, expected) = (target, stamp)
        lock.unlock()
        var result: Outcome = .saved
        var next: (URL, FileStamp)? = nil
        do {
            switch try PortfolioStore.save(portfolio, to: url, expecting: expected) {
            case .saved(let newStamp):
                next = (url, newStamp)
                lock.lock(); remember(portfolio, at: url, stamp: newStamp); lock.unlock()
            case .keptBeside(let ours, _):
                result = .keptBeside(original: url, ours: ours)
                // Our own copy is the one to keep saving to; the other writer's stays untouched.
                // Loaded, not only stamped: the next save chains on the history written there.
                if let oursStamp = try? PortfolioStore.loadStamped(from: ours).stamp {
                    next = (ours, oursStamp)
                    lock.lock(); remember(portfolio, at: ours, stamp: oursStamp); lock.unlock()
                }
            }
        } catch {
            result = .failed(PlannerLoop.reason(error))
        }
        lock.lock()
        if let (url, newStamp) = next { target = url; stamp = newStamp }
        if result == .saved, outcomes.last == .saved {} else { outcomes.append(result) }
        if let portfolio = waiting {
            // A newer change waits: save it; its outcome is reported after this one's.
            waiting = nil
            lock.unlock()
            write(portfolio)
            return
        }
        running = false
        lock.unlock()
        idle.lock(); idle.broadcast(); idle.unlock()
    }

    /// The outcomes of the saves that finished since last asked, once none runs (oldest
    /// first); empty while one runs or when nothing happened.
    func takeOutcomes() -> [Outcome] {
        lock.lock(); defer { lock.unlock() }
        guard !running else { return [] }
        defer { outcomes = [] }
        return outcomes
    }

    /// Blocks until no save runs or waits (before quitting, or when the terminal goes away).
    func waitUntilIdle() {
        idle.lock()
        while isBusy { idle.wait() }
        idle.unlock()
    }
}
