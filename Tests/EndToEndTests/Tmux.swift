import Foundation
import Testing

/// Drives the real `mlcf` binary in a hermetic tmux server: its own socket, HOME and XDG
/// folders in a temporary directory, UTF-8, UTC. Polls the pane instead of sleeping blindly.
final class TmuxSession {
    private let socketBase: String
    /// A fresh tmux server per start: reusing a socket races with the old server's shutdown,
    /// which can hang up on the new pane.
    private(set) var socket: String
    private var starts = 0
    let home: URL
    let binary: String
    private(set) var running = false
    /// "Today" for the next `start` (MLCF_TODAY): a test of a whole year moves it on.
    var today = "2026-11-23"

    static var binaryPath: String {
        if let path = ProcessInfo.processInfo.environment["MLCF_BINARY"] { return path }
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent(".build/debug/mlcf").path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return "mlcf"
    }

    init(name: String) {
        socketBase = "mlcf-e2e-\(name)-\(getpid())"
        socket = socketBase
        home = FileManager.default.temporaryDirectory.appendingPathComponent("mlcf-e2e-\(name)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        binary = TmuxSession.binaryPath
    }

    deinit {
        _ = try? TmuxSession.run(["tmux", "-L", socket, "kill-server"], capture: false)
        try? FileManager.default.removeItem(at: home)
    }

    var environment: String {
        "env -i PATH=/usr/bin:/bin HOME='\(home.path)' XDG_STATE_HOME='\(home.path)/state' XDG_DATA_HOME='\(home.path)/data' TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC MLCF_TODAY=\(today)"
    }

    /// Starts `mlcf ARGS` in a fresh pane; the shell prints EXITED <code> afterwards.
    func start(_ arguments: String = "", width: Int = 100, height: Int = 30) throws {
        _ = try? TmuxSession.run(["tmux", "-L", socket, "kill-server"], capture: false)
        starts += 1
        socket = "\(socketBase)-\(starts)"
        let command = "cd '\(home.path)' && \(environment) '\(binary)' \(arguments); echo EXITED $?; sleep 600"
        try TmuxSession.run(
            ["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)", command], capture: false)
        running = true
    }

    func send(_ keys: String...) throws { try TmuxSession.run(["tmux", "-L", socket, "send-keys", "-t", "main"] + keys) }
    /// Sends text literally (no key-name interpretation).
    func type(_ text: String) throws { try TmuxSession.run(["tmux", "-L", socket, "send-keys", "-t", "main", "-l", text]) }
    func resize(width: Int, height: Int) throws {
        try TmuxSession.run(["tmux", "-L", socket, "resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
    }

    func screen() -> String { (try? TmuxSession.run(["tmux", "-L", socket, "capture-pane", "-p", "-t", "main"])) ?? "" }

    /// The process id of mlcf inside the pane.
    func mlcfPID() throws -> Int32? {
        let panePID = try TmuxSession.run(["tmux", "-L", socket, "display-message", "-p", "-t", "main", "#{pane_pid}"]).trimmingCharacters(
            in: .whitespacesAndNewlines)
        let children = (try? TmuxSession.run(["pgrep", "-P", panePID])) ?? ""
        for line in children.split(separator: "\n") {
            if let pid = Int32(line), let comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8), comm.hasPrefix("mlcf") { return pid }
        }
        return nil
    }

    /// Waits until the pane has stopped changing (two captures 120 ms apart agree), for keys
    /// whose effect has no one text to wait for; returns that screen.
    @discardableResult
    func settle(timeout: TimeInterval = 5) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = screen()
        while Date() < deadline {
            usleep(120_000)
            let now = screen()
            if now == last { return now }
            last = now
        }
        return last
    }

    /// Pastes `text` as a terminal does when the program asked for bracketed paste (tmux
    /// wraps it in ESC[200~ … ESC[201~ then; without that request it types the bytes).
    func paste(_ text: String) throws {
        try TmuxSession.run(["tmux", "-L", socket, "set-buffer", "-b", "e2e", "--", text])
        try TmuxSession.run(["tmux", "-L", socket, "paste-buffer", "-p", "-d", "-b", "e2e", "-t", "main"])
    }

    /// Waits until the pane shows `text`; on timeout records the last screen.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 15, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen()
            if last.contains(text) { return true }
            usleep(50_000)
        }
        Issue.record("“\(text)” did not appear within \(timeout) s. Last screen:\n\(last)", sourceLocation: sourceLocation)
        return false
    }

    /// Runs a command with posix_spawn and waitpid (Foundation's Process can wait forever
    /// on tmux, whose server daemon inherits the child's descriptors).
    @discardableResult
    static func run(_ arguments: [String], capture: Bool = true) throws -> String {
        var fds: [Int32] = [-1, -1]
        if capture { guard pipe(&fds) == 0 else { throw POSIXError(.EIO) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capture {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            posix_spawn_file_actions_addclose(&actions, fds[0])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // Children start with no blocked signals and default handlers: the test runner's
        // threads block some (e.g. SIGWINCH), and tmux and mlcf would inherit that.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        sigdelset(&all, SIGKILL); sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO) }
        var output = Data()
        if capture {
            close(fds[1])
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = read(fds[0], &buffer, buffer.count)
                if n <= 0 { break }
                output.append(contentsOf: buffer[0..<n])
            }
            close(fds[0])
        }
        var code: Int32 = 0
        while waitpid(pid, &code, 0) < 0 && errno == EINTR {}
        return String(decoding: output, as: UTF8.self)
    }
}
