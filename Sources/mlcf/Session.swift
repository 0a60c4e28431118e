import CursesTerminal
import Foundation
import PlannerCore
import PlannerUI

/// The interactive run loop: reads keys, calls the pure `update`, performs the effects it
/// returns, and draws. It owns the lock, the terminal and the recovery file.
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

    /// Runs the planner on an open, locked portfolio until the user quits or the terminal goes away.
    func plan(portfolio: Portfolio, url: URL) -> Int32 {
        let size = terminal.size
        var state = AppState(portfolio: portfolio, path: url.path, width: size.width, height: size.height, today: CLI.today)
        let recovery = AppLocations.recoveryFile(for: url)
        if let data = try? Data(contentsOf: recovery), let draft = try? JSONDecoder().decode(Draft.self, from: data) {
            state.modal = .recovery(draft)
        }
        let saver = BackgroundSaver(url: url)
        self.saver = saver
        defer { saver.waitUntilIdle() }
        while true {
            paint(state.render())
            if let outcome = saver.takeOutcome() {
                state.saveFinished(error: outcome)
                continue
            }
            if let signal = takeSignal() {
                if signal == SIGINT {
                    apply(state.update(.ctrl("c")), to: &state, url: url)
                    if quitRequested, finishSaves(&state, url: url) { return 0 }
                    continue
                }
                // SIGHUP / SIGTERM: the terminal is going away. Keep the open draft, then leave.
                saver.waitUntilIdle()
                if let draft = state.openDraft { writeRecovery(draft, to: recovery) }
                return 0
            }
            // Saves run in the background (issue 8): look for their outcome soon; work a key left
            // (a search through a long list) goes on while no key is waiting.
            let keys = terminal.readKeys(timeout: state.hasPendingWork ? 0 : saver.isBusy ? 20 : 200)
            for key in keys {
                apply(state.update(key), to: &state, url: url)
                if quitRequested, finishSaves(&state, url: url) { return 0 }
            }
            if keys.isEmpty && state.hasPendingWork { state.continueWork() }
        }
    }

    private var quitRequested = false
    private var saver: BackgroundSaver?

    /// Before leaving: the saves still running finish. If the last one failed, the user is asked
    /// (as when a save had failed before they pressed q) instead of leaving.
    private func finishSaves(_ state: inout AppState, url: URL) -> Bool {
        guard let saver else { return true }
        saver.waitUntilIdle()
        guard let outcome = saver.takeOutcome() else { return true }
        state.saveFinished(error: outcome)
        guard outcome != nil else { return true }
        quitRequested = false
        apply(state.update(.ctrl("c")), to: &state, url: url)
        return quitRequested
    }

    private func apply(_ effects: [Effect], to state: inout AppState, url: URL) {
        for effect in effects {
            switch effect {
            case .save:
                if let saver { saver.save(state.portfolio) } else {
                    do {
                        try PortfolioStore.save(state.portfolio, to: url)
                        state.saveFinished(error: nil)
                    } catch {
                        state.saveFinished(error: Session.reason(error))
                    }
                }
            case .export:
                state.exportFinished(message: ExportAction.run(state.portfolio, report: state.report, portfolioURL: url))
            case .quit:
                quitRequested = true
            case .clearRecovery:
                try? FileManager.default.removeItem(at: AppLocations.recoveryFile(for: url))
            }
        }
    }

    static func reason(_ error: any Error) -> String {
        if case StoreError.writeFailed(_, let reason) = error { return reason + "." }
        return "\(error)"
    }

    private func writeRecovery(_ draft: Draft, to url: URL) {
        guard let data = try? JSONEncoder().encode(draft) else { return }
        try? AtomicFile.write(data, to: url)
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
