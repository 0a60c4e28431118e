import Foundation
import PlannerCore
import PlannerUI

/// The interactive run loop on an open portfolio: reads keys, calls the pure `update`,
/// performs the effects it returns (saves in the background, export, reload), keeps the
/// draft journal, and draws only after something changed. It knows the terminal only as a
/// `Terminal`, so tests drive it with a fake.
public final class PlannerLoop {
    /// What the loop needs from the program around it.
    public struct Environment {
        public var today: CalendarDate
        /// The rules, framework and taxonomy the planner checks and labels with.
        public var validator: Validator
        /// Where the open form's draft is kept (`.NAME.recovery.json` beside the portfolio).
        public var recoveryFile: URL
        /// Writes the appraiser's document; returns what to tell the user.
        public var export: (Portfolio, ValidationReport, URL) -> ExportResult
        /// Called once, after the first complete screen is drawn.
        public var firstPaint: () -> Void
        /// The time, for the draft journal's once-a-second writes.
        public var now: () -> Date

        public init(
            today: CalendarDate, validator: Validator, recoveryFile: URL, export: @escaping (Portfolio, ValidationReport, URL) -> ExportResult,
            firstPaint: @escaping () -> Void = {}, now: @escaping () -> Date = Date.init
        ) {
            self.today = today
            self.validator = validator
            self.recoveryFile = recoveryFile
            self.export = export
            self.firstPaint = firstPaint
            self.now = now
        }
    }

    private let terminal: Terminal
    private let environment: Environment
    private var quitRequested = false
    private var saver: BackgroundSaver?
    private var journal: DraftJournal?
    /// How many screens were drawn (an idle loop draws none).
    public private(set) var paints = 0

    public init(terminal: Terminal, environment: Environment) {
        self.terminal = terminal
        self.environment = environment
    }

    /// Runs the planner on an open, locked portfolio until the user quits or the terminal goes
    /// away. `stamp` is that of the bytes loaded: no save ever writes over another version.
    public func run(portfolio: Portfolio, url: URL, stamp: FileStamp) -> Int32 {
        let size = terminal.size
        var state = AppState(
            portfolio: portfolio, path: url.path, width: size.width, height: size.height, today: environment.today, validator: environment.validator)
        let (offered, problem) = DraftJournal.read(environment.recoveryFile)
        if let offered { state.modal = .recovery(offered) } else if let problem { state.modal = .message(problem) }
        state.offerSyncCopies(PortfolioStore.syncCopies(of: url).map { SyncCopy(path: $0.url.path, tool: $0.tool) })
        // A file that was not read (a link, another user's) is never touched.
        let journal = DraftJournal(url: environment.recoveryFile, mayExist: offered != nil)
        self.journal = journal
        let saver = BackgroundSaver(url: url, stamp: stamp, loaded: portfolio)
        self.saver = saver
        // Where copies part in practice: the version a session starts from, and the last it
        // writes (`VersionSnapshots`), kept for a later merge to find.
        VersionSnapshots.keep(url, stamp: stamp, portfolio: portfolio)
        defer {
            saver.waitUntilIdle()
            journal.flushAndWait(nil)
            let (last, lastStamp) = saver.current
            if let written = saver.lastKnown(at: last) { VersionSnapshots.keep(last, stamp: lastStamp, portfolio: written.portfolio) }
        }
        // Painting only after something changed: an idle planner uses no CPU (issue 13, item 7).
        var dirty = true
        // Set when the state may have changed since the journal last saw it.
        var changed = true
        while true {
            if dirty { paint(state.render()); dirty = false }
            let outcomes = saver.takeOutcomes()
            if !outcomes.isEmpty {
                for outcome in outcomes { PlannerLoop.report(outcome, to: &state) }
                dirty = true
                changed = true
            }
            // The draft is worked out only after a change (a form may hold a million links);
            // otherwise the journal only writes what it holds back, once its second is up.
            if changed {
                journal.note(isOpen: state.hasOpenEdit, keepFile: keepsDraftFile(state), draft: { state.openDraft }, now: environment.now())
            } else {
                journal.tick(draft: { state.openDraft }, now: environment.now())
            }
            changed = false
            if let signal = terminal.takeSignal() {
                dirty = true
                changed = true
                if signal == SIGINT {
                    apply(state.update(.ctrl("c")), to: &state, url: url)
                    if quitRequested, finishSaves(&state, url: url) { return 0 }
                    continue
                }
                // SIGHUP / SIGTERM: the terminal is going away. Keep the open draft, then leave.
                saver.waitUntilIdle()
                journal.flushAndWait(state.openDraft)
                return 0
            }
            // Saves run in the background (issue 8): look for their outcome soon; work a key left
            // (a search through a long list) goes on while no key is waiting.
            let keys = terminal.readKeys(timeout: state.hasPendingWork ? 0 : saver.isBusy ? 20 : 200)
            for key in keys {
                apply(state.update(key), to: &state, url: url)
                if quitRequested, finishSaves(&state, url: url) { return 0 }
            }
            if !keys.isEmpty { dirty = true; changed = true }
            if keys.isEmpty && state.hasPendingWork { state.continueWork(); dirty = true }
        }
    }

    /// Whether the recovery file must stay although no form is open: its draft is on offer,
    /// or the form it held was committed but that save has not reached the disk yet.
    private func keepsDraftFile(_ state: AppState) -> Bool {
        if case .recovery = state.modal { return true }
        return state.saveStatus != .saved || (saver?.isBusy ?? false)
    }

    static func report(_ outcome: BackgroundSaver.Outcome, to state: inout AppState) {
        switch outcome {
        case .saved: state.saveFinished(error: nil)
        case .failed(let reason): state.saveFinished(error: reason)
        case .keptBeside(let original, let ours): state.savedBeside(original: original.path, ours: ours.path)
        }
    }

    /// Waits for the saves still running and tells `state` how each ended, so a step that
    /// reads or replaces the file (quit, reload, a merge) starts from what is on disk.
    @discardableResult
    private func settle(_ saver: BackgroundSaver, _ state: inout AppState) -> [BackgroundSaver.Outcome] {
        saver.waitUntilIdle()
        let outcomes = saver.takeOutcomes()
        for outcome in outcomes { PlannerLoop.report(outcome, to: &state) }
        return outcomes
    }

    /// Before leaving: the saves still running finish. If the last one failed, the user is asked
    /// (as when a save had failed before they pressed q) instead of leaving.
    private func finishSaves(_ state: inout AppState, url: URL) -> Bool {
        guard let saver else { return true }
        let outcomes = settle(saver, &state)
        guard case .failed = outcomes.last else {
            // Leaving on purpose discards an open form (the user chose "quit without it"); a
            // draft still on offer stays for the next start.
            if case .recovery = state.modal {} else { journal?.discard() }
            return true
        }
        quitRequested = false
        apply(state.update(.ctrl("c")), to: &state, url: url)
        return quitRequested
    }

    private func apply(_ effects: [Effect], to state: inout AppState, url: URL) {
        for effect in effects {
            switch effect {
            case .save:
                saver?.save(state.portfolio)
            case .export:
                // Said and drawn first: the export holds the loop until the file is written.
                state.exportStarting()
                paint(state.render())
                apply(state.exportFinished(environment.export(state.portfolio, state.report, url)), to: &state, url: url)
            case .quit:
                quitRequested = true
            case .clearRecovery:
                journal?.discard()
            case .reload:
                reload(&state, url: url)
            case .attach(let id, let path):
                apply(PlannerLoop.attach(path, to: id, &state, portfolio: url), to: &state, url: url)
            case .mergeOther:
                mergeOther(&state, url: url)
            case .mergeSyncCopy(let offer):
                mergeSyncCopy(offer, &state, url: url)
            case .moveAside(let offer):
                do { state.movedAside(offer, to: try PortfolioStore.moveAside(URL(fileURLWithPath: offer.current.path)).path) } catch {
                    state.movedAside(offer, to: nil, error: PlannerLoop.reason(error))
                }
            }
        }
    }

    /// One sentence for a failed save.
    public static func reason(_ error: any Error) -> String {
        if case StoreError.writeFailed(_, let reason) = error { return reason + "." }
        return "\(error)"
    }

    /// Opens the version another program wrote at `url` in place of this one (which is kept
    /// beside it). An open form goes across as it is, so no typing is lost.
    private func reload(_ state: inout AppState, url: URL) {
        guard let saver else { return }
        settle(saver, &state)
        let ours = state.path
        do {
            let (portfolio, stamp) = try PortfolioStore.loadStamped(from: url)
            var fresh = state.reopened(on: portfolio, path: url.path)
            fresh.say("Opened the version another program saved. Yours is kept as \(ours).")
            saver.retarget(url, stamp: stamp, holding: portfolio)
            state = fresh
        } catch {
            state.say("The other version could not be opened (\(error)). You are still working on yours, saved as \(ours).", error: true)
        }
    }

    /// Merges the version another program wrote at `url` with this one (kept beside it), from
    /// the version this planner last read or wrote there, saves the merge at `url` and works on it there. A clean
    /// merge replaces "keep both and reload"; conflicts open the Merge conflicts screen.
    private func mergeOther(_ state: inout AppState, url: URL) {
        guard let saver else { return }
        settle(saver, &state)
        let ours = state.path
        do {
            let (theirs, stamp) = try PortfolioStore.loadStamped(from: url)
            let oursURL = URL(fileURLWithPath: ours)
            let (base, outcome) = try PlannerLoop.merge(theirs, stamp: stamp, from: url, into: state.portfolio, at: oursURL, saver: saver)
            guard case .saved(let saved) = try PortfolioStore.save(outcome.portfolio, to: url, expecting: stamp) else {
                state.say("\(url.lastPathComponent) changed again while merging; nothing was replaced. Yours is still \(ours).", error: true)
                return
            }
            var fresh = state.reopened(on: outcome.portfolio, path: url.path)
            let count = outcome.newConflicts.count
            if count > 0 {
                fresh.openConflicts()
                fresh.say(
                    "Merged the other version in, with \(count) conflict\(count == 1 ? "" : "s") to resolve here. \(base) Yours before the merge is \(ours).")
            } else {
                fresh.say("Merged the other version in: nothing clashed. \(base) Yours before the merge is \(ours).")
            }
            saver.retarget(url, stamp: saved, holding: outcome.portfolio)
            state = fresh
        } catch {
            state.say("The other version could not be merged (\(error)). You are still working on yours, saved as \(ours).", error: true)
        }
    }

    /// Merges a copy a sync tool left beside the portfolio into the one open here, from the
    /// version the two last shared (as `m` in the file-changed dialog does), and saves the merge
    /// over the file it is working on, through the usual save (never over another version).
    private func mergeSyncCopy(_ offer: SyncCopyOffer, _ state: inout AppState, url: URL) {
        guard let saver else { return }
        let copy = URL(fileURLWithPath: offer.current.path)
        let here = URL(fileURLWithPath: state.path)
        do {
            let (theirs, stamp) = try PortfolioStore.loadStamped(from: copy)
            let (base, outcome) = try PlannerLoop.merge(theirs, stamp: stamp, from: copy, into: state.portfolio, at: here, saver: saver)
            var fresh = state.reopened(on: outcome.portfolio, path: state.path)
            fresh.saveStatus = .unsaved
            saver.save(fresh.portfolio)
            let outcomes = settle(saver, &fresh)
            if case .saved? = outcomes.last {
                fresh.syncCopyMerged(offer, conflicts: outcome.newConflicts.count)
                fresh.say((fresh.status.map { $0 + " " } ?? "") + base)
            }
            state = fresh
        } catch {
            state.say("\(copy.lastPathComponent) could not be merged (\(error)); nothing was changed.", error: true)
        }
    }

    private func paint(_ screen: Screen) {
        terminal.draw(screen)
        paints += 1
        if paints == 1 { environment.firstPaint() }
    }
}
