import ArgumentParser
import CursesTerminal
import Foundation
import PlannerCore

/// `mlcf [open] [PATH]`: the interactive planner.
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the planner (the default when no verb is given).",
        discussion: "Without PATH it resumes the portfolio used last, or shows a welcome screen to create one or look at the example.")

    @Argument(help: "The portfolio to open; without it, the one used last.") var path: String?
    @Flag(help: "With no PATH and nothing used before, open a private copy of the bundled example instead of the welcome screen.")
    var exampleIfNone = false

    func run() throws {
        ProcessStart.time = Date()
        let environment = ProcessInfo.processInfo.environment
        // A file that is not there is the first thing to say, terminal or not.
        var info = stat()
        if let path, lstat(CLI.url(path).path, &info) != 0 && errno == ENOENT {
            throw CLI.fail(StoreError.notFound(path: CLI.url(path).path))
        }
        if let problem = TerminalCheck.problem(environment: environment) {
            CLI.warn(
                """
                \(TerminalSafe.text(problem)).
                Use the verbs that work without a terminal: mlcf validate PATH, mlcf summary PATH, mlcf export PATH (see mlcf --help).
                """)
            throw ExitCode(2)
        }
        var chosen = path.map { CLI.url($0).path } ?? AppLocations.lastUsed()
        if chosen == nil && exampleIfNone {
            do { chosen = try AppLocations.exampleCopy().path } catch { throw CLI.fail(error) }
        }
        // Take the lock and read the file before the screen changes, so errors print plainly.
        var opened: (URL, PortfolioLock, Portfolio, FileStamp)? = nil
        if let chosen { opened = try open(chosen) }
        Signals.install()
        let terminal: CursesTerminal
        do { terminal = try CursesTerminal(useColor: environment["NO_COLOR"] == nil) } catch {
            throw CLI.fail(StoreErrorText("the terminal could not be started (TERM=\(environment["TERM"] ?? "unset"))"))
        }
        let session = Session(terminal: terminal)
        if opened == nil {
            guard let picked = session.welcome() else { terminal.end(); return }
            do { opened = try open(picked) } catch { terminal.end(); throw error }
        }
        let (url, lock, portfolio, stamp) = opened!
        AppLocations.remember(url.path)
        let code = session.plan(portfolio: portfolio, url: url, stamp: stamp)
        terminal.end()
        lock.release()
        if code != 0 { throw ExitCode(code) }
    }

    private func open(_ path: String) throws -> (URL, PortfolioLock, Portfolio, FileStamp) {
        let url = CLI.url(path)
        do {
            let lock = try PortfolioLock(for: url)
            let (portfolio, stamp) = try PortfolioStore.loadStamped(from: url)
            return (url, lock, portfolio, stamp)
        } catch { throw CLI.fail(error) }
    }
}

struct StoreErrorText: Error, CustomStringConvertible {
    let description: String
    init(_ text: String) { description = text }
}
