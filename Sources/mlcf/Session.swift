import CursesTerminal
import Foundation
import PlannerCore
import PlannerUI

/// The interactive run loop: reads keys, calls the pure `update`, performs the effects it
/// returns, and draws. It owns the lock, the terminal, the saver and the draft journal.
final class Session {
    private let terminal: CursesTerminal
    private let started = Date()
    private var painted = false

    init(terminal: CursesTerminal) { self.terminal = terminal }

    /// Runs the welcome screen; returns the portfolio path chosen, or nil to quit.
    func welcome() -> String? {
        let size = terminal.size
        var state = WelcomeState(width: size.width, height: size.height, today: CLI.today, defaultPath: AppLocations.defaultNewPortfolioPath)
        while true {
            paint(state.render())
            if let signal = takeSignal(), signal != SIGINT { return nil }
            for key in terminal.readKeys(timeout: 200) {
                guard let effect = state.update(key) else { continue }
                switch effect {
                case .quit: return nil
                case .openExample:
                    do { return try AppLocations.exampleCopy().path } catch { state.message = "\(error)" }
                case .open(let path):
                    let expanded = CLI.url(path).path
                    if FileManager.default.fileExists(atPath: expanded) { return expanded }
                    state.message = "\(expanded): no such file."
                case .create(let path, let portfolio):
                    do {
                        try PortfolioStore.create(portfolio, at: CLI.url(path))
                        return CLI.url(path).path
                    } catch { state.message = "\(error)" }
                }
            }
        }
    }

    /// Runs the planner on an open, locked portfolio until the user quits or the terminal goes
    /// away. `stamp` is that of the bytes loaded: no save ever writes over another version.
    func plan(portfolio: Portfolio, url: URL, stamp: FileStamp) -> Int32 {
        let size = terminal.size
        var state = AppState(portfolio: portfolio, path: url.path, width: size.width, height: size.height, today: CLI.today)
        let recovery = AppLocations.recoveryFile(for: url)
        let (offered, problem) = DraftJournal.read(recovery)
        if let offered { state.modal = .recovery(offered) } else if let problem { state.modal = .message(problem) }
        // A file that was not read (a link, another user's) is never touched.
        let journal = DraftJournal(url: recovery, mayExist: offered != nil)
        self.journal = journal
        let saver = BackgroundSaver(url: url, stamp: stamp)
        self.saver = saver
        defer { saver.waitUntilIdle(); journal.flushAndWait(nil) }
        // Painting only after something changed: an idle planner uses no CPU (issue 13, item 7).
        var dirty = true
        /// Set when the state may have changed since the journal last saw it.
        var changed = true
        while true {
            if dirty { paint(state.render()); dirty = false }
            let outcomes = saver.takeOutcomes()
            if !outcomes.isEmpty {
                for outcome in outcomes { Session.report(outcome, to: &state) }
                changed = true
            }
            // The draft is worked out only after a change (a form may hold a million links);
            // otherwise the journal only writes what it holds back, once its second is up.
            if changed {
                journal.note(isOpen: state.hasOpenEdit, keepFile: keepsDraftFile(state), draft: { state.openDraft })
            } else {
                journal.tick(draft: { state.openDraft })
            }
            dirty = dirty || changed
            changed = false
            if let signal = takeSignal() {
                dirty = true
                changed = true
                if signal == SIGINT {
                    apply(state.update(.ctrl("c")), to: &state, url: url)
                    if quitRequested, finishSaves(&state, url: url) { return 0 }
                    continue
                }
                // SIGHUP / SIGTERM: the terminal is going away. Keep the open draft, then leave.
                saver.waitUntilIdle()
                journal.note(isOpen: state.hasOpenEdit, keepFile: true, draft: { nil })
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

    private var quitRequested = false
    private var saver: BackgroundSaver?
    private var journal: DraftJournal?

    /// Before leaving: the saves still running finish. If the last one failed, the user is asked
    /// (as when a save had failed before they pressed q) instead of leaving.
    private func finishSaves(_ state: inout AppState, url: URL) -> Bool {
        guard let saver else { return true }
        saver.waitUntilIdle()
        let outcomes = saver.takeOutcomes()
        for outcome in outcomes { Session.report(outcome, to: &state) }
        guard case .failed = outcomes.last else {
            // Leaving on purpose discards an open form (the user chose "quit without it"); a
            // draft still on offer stays for the next start.
            if case .recovery = state.modal {} else { journal?.note(isOpen: false, keepFile: false, draft: { nil }) }
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
                state.exportFinished(message: ExportAction.run(state.portfolio, report: state.report, portfolioURL: url))
            case .quit:
                quitRequested = true
            case .clearRecovery:
                journal?.note(isOpen: false, keepFile: false, draft: { nil })
            case .reload:
                reload(&state, url: url)
            }
        }
    }

    static func reason(_ error: any Error) -> String {
        if case StoreError.writeFailed(_, let reason) = error { return reason + "." }
        return "\(error)"
    }

    /// Opens the version another program wrote at `url` in place of this one (which is kept
    /// beside it). An open form goes across as it is, so no typing is lost.
    private func reload(_ state: inout AppState, url: URL) {
        guard let saver else { return }
        saver.waitUntilIdle()
        for outcome in saver.takeOutcomes() { Session.report(outcome, to: &state) }
        let ours = state.path
        do {
            let (portfolio, stamp) = try PortfolioStore.loadStamped(from: url)
            let draft = state.openDraft
            var fresh = AppState(portfolio: portfolio, path: url.path, width: state.width, height: state.height, today: state.today)
            if let draft { fresh.restore(draft) }
            fresh.say("Opened the version another program saved. Yours is kept as \(ours).")
            saver.retarget(url, stamp: stamp)
            state = fresh
        } catch {
            state.say("The other version could not be opened (\(error)). You are still working on yours, saved as \(ours).", error: true)
        }
    }

    private func takeSignal() -> Int32? {
        let signal = Signals.take()
        return signal == 0 ? nil : signal
    }

    private func paint(_ screen: Screen) {
        terminal.draw(screen)
        if !painted {
            painted = true
            // For the benchmark: how long from process start to the first complete screen.
            if let file = ProcessInfo.processInfo.environment["MLCF_FIRST_PAINT_FILE"] {
                let ms = Date().timeIntervalSince(ProcessStart.time) * 1000
                try? AtomicFile.write(Data(String(format: "%.3f\n", ms).utf8), to: URL(fileURLWithPath: file))
            }
        }
    }
}

/// When the process started, taken as early as `main` runs.
enum ProcessStart {
    nonisolated(unsafe) static var time = Date()
}
