import CursesTerminal
import Foundation
import PlannerApp
import PlannerCore
import PlannerUI

/// The interactive part of `mlcf`: the welcome screen, then the planner's run loop
/// (`PlannerLoop`) on the curses terminal.
final class Session {
    private let terminal: CursesTerminal

    init(terminal: CursesTerminal) { self.terminal = terminal }

    /// Runs the welcome screen; returns the portfolio path chosen, or nil to quit. With
    /// `creating`, a path that is not there yet, it opens on the new-portfolio form for it.
    func welcome(creating: String? = nil) -> String? {
        let size = terminal.size
        var state = WelcomeState(
            width: size.width, height: size.height, today: CLI.today, defaultPath: AppLocations.defaultNewPortfolioPath, taxonomy: CLI.taxonomy)
        if let creating { state.offerToCreate(at: creating) }
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
                    do {
                        let url = try UserPath.url(path)
                        if FileManager.default.fileExists(atPath: url.path) { return url.path }
                        // Not there yet: the same offer as `mlcf PATH`, when its folder is there.
                        if let problem = UserPath.creationProblem(at: url) {
                            state.message = "No portfolio at \(url.path): \(problem)."
                        } else {
                            state.offerToCreate(at: url.path, fromMenu: true)
                        }
                    } catch { state.message = Self.sentence(error) }
                case .create(let path, let portfolio):
                    do {
                        let url = try UserPath.url(path)
                        if let problem = UserPath.creationProblem(at: url) { throw UserPath.Problem(description: problem) }
                        try PortfolioStore.create(portfolio, at: url)
                        return url.path
                    } catch {
                        state.wizard.focus(on: "path")
                        state.message = "Save it as: " + Self.sentence(error)
                    }
                }
            }
        }
    }

    /// Runs the planner on an open, locked portfolio (`PlannerLoop`) until the user quits or
    /// the terminal goes away.
    func plan(portfolio: Portfolio, url: URL, stamp: FileStamp) -> Int32 {
        let environment = PlannerLoop.Environment(
            today: CLI.today, validator: CLI.validator(for: portfolio), recoveryFile: AppLocations.recoveryFile(for: url),
            export: { portfolio, report, url in ExportAction.run(portfolio, report: report, portfolioURL: url) },
            firstPaint: {
                // For the benchmark: how long from process start to the first complete screen.
                if let file = ProcessInfo.processInfo.environment["MLCF_FIRST_PAINT_FILE"] {
                    let ms = Date().timeIntervalSince(ProcessStart.time) * 1000
                    try? AtomicFile.write(Data(String(format: "%.3f\n", ms).utf8), to: URL(fileURLWithPath: file))
                }
            })
        return PlannerLoop(terminal: terminal, environment: environment).run(portfolio: portfolio, url: url, stamp: stamp)
    }

    /// An error as one sentence with one full stop (store errors bring their own).
    private static func sentence(_ error: any Error) -> String {
        let text = "\(error)"
        return text.hasSuffix(".") ? text : text + "."
    }

    private func takeSignal() -> Int32? { terminal.takeSignal() }

    private func paint(_ screen: Screen) { terminal.draw(screen) }
}

/// When the process started, taken as early as `main` runs.
enum ProcessStart {
    nonisolated(unsafe) static var time = Date()
}
