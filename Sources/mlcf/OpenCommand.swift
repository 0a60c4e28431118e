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
        // A file that is not there yet is offered to be created, with the first-run form, when
        // its folder is there; a missing folder is the first thing to say, terminal or not.
        let missing = try path.flatMap(Self.notThereYet)
        if let problem = TerminalCheck.problem(environment: environment) {
            if let missing {
                throw CLI.fail(
                    StoreErrorText(
                        "\(missing.path) does not exist yet. To create it, run mlcf \(path!) in a terminal (it offers a form), or from a script: mlcf new \(path!) --name NAME --stage STAGE"
                    ))
            }
            CLI.warn(
                """
                \(TerminalSafe.text(problem)).
                Use the verbs that work without a terminal: mlcf validate PATH, mlcf summary PATH, mlcf export PATH (see mlcf --help).
                """)
            throw ExitCode(2)
        }
        var chosen = missing == nil ? try path.map { try CLI.url($0).path } ?? AppLocations.lastUsed() : nil
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
            guard let picked = session.welcome(creating: missing?.path) else {
                terminal.end()
                if let missing { CLI.say("Nothing was created at \(TerminalSafe.text(missing.path)).") }
                return
            }
            do { opened = try open(picked) } catch { terminal.end(); throw error }
        }
        let (url, lock, portfolio, stamp) = opened!
        AppLocations.remember(url.path)
        let code = session.plan(portfolio: portfolio, url: url, stamp: stamp)
        terminal.end()
        lock.release()
        if code != 0 { throw ExitCode(code) }
    }

    /// The file `path` names when nothing is there yet (not even a dangling link) and its
    /// folder is there to hold a new one; nil when something is there to open. A missing
    /// folder stops here with its name: creating folders from a typing slip helps nobody.
    static func notThereYet(_ path: String) throws -> URL? {
        let url = try CLI.url(path)
        var info = stat()
        guard lstat(url.path, &info) != 0 && errno == ENOENT else { return nil }
        if let problem = UserPath.creationProblem(at: url) { throw CLI.fail(StoreErrorText("no portfolio at \(url.path): \(problem)")) }
        return url
    }

    private func open(_ path: String) throws -> (URL, PortfolioLock, Portfolio, FileStamp) {
        let url = try CLI.url(path)
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
