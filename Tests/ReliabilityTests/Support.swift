import Foundation
import PlannerCore

#if canImport(Glibc)
    import Glibc
#endif

// Shared helpers for the reliability suite: the real `mlcf` binary run as a child process
// (spawned and reaped here, so its pid cannot be reused while a test still signals it),
// scratch folders, portfolios of any size, and file fingerprints.

/// The `mlcf` binary under test: `$MLCF_BINARY`, else the one built beside this test
/// bundle (any scratch path), else `.build/debug/mlcf`.
let mlcfBinary: String = {
    if let path = ProcessInfo.processInfo.environment["MLCF_BINARY"], !path.isEmpty { return path }
    let me = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
    var folder = me.deletingLastPathComponent()
    for _ in 0..<4 {  // the test executable may sit inside a bundle folder
        let candidate = folder.appendingPathComponent("mlcf").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        folder.deleteLastPathComponent()
    }
    return repositoryRoot.appendingPathComponent(".build/debug/mlcf").path
}()

/// The day the tests pretend it is (`MLCF_TODAY`), so dates never drift into the future.
let testToday = "2026-11-23"

/// A folder removed when the value goes away.
final class Scratch: @unchecked Sendable {
    let url: URL
    var path: String { url.path }
    init(_ label: String = "rel") {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("mlcf-\(label)-\(UUID().uuidString.prefix(8))")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> URL { url.appendingPathComponent(name) }
    func sub(_ name: String) -> URL {
        let sub = url.appendingPathComponent(name)
        try! FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        return sub
    }
    deinit {
        chmod(path, 0o700)
        try? FileManager.default.removeItem(at: url)
    }
}

/// How a child process ended.
enum Termination: Equatable, CustomStringConvertible {
    case exited(Int32)
    case signalled(Int32)
    case timedOut

    init(status: Int32) {
        if status & 0x7f == 0 { self = .exited((status >> 8) & 0xff) } else { self = .signalled(status & 0x7f) }
    }

    var description: String {
        switch self {
        case .exited(let code): return "exit \(code)"
        case .signalled(let signal): return "killed by signal \(signal)"
        case .timedOut: return "timed out"
        }
    }
}

/// A child process started with posix_spawn; stdout and stderr go to files.
final class Child {
    let pid: pid_t
    let outPath: String
    let errPath: String
    /// Keeps the folder holding stdout and stderr alive as long as the child object.
    var outputs: Scratch?
    private(set) var termination: Termination?

    /// `arguments[0]` is the program path. The environment is exactly `environment`.
    init(
        _ arguments: [String], environment: [String: String], stdin: String = "/dev/null",
        stdout: String, stderr: String
    ) throws {
        outPath = stdout
        errPath = stderr
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // The test runner's signal mask and dispositions must not leak into the child.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, arguments[0], &actions, &attributes, argv, envp)
        guard rc == 0 else { throw SpawnError(message: "cannot start \(arguments[0]): \(String(cString: strerror(rc)))") }
        pid = child
    }

    struct SpawnError: Error, CustomStringConvertible { let message: String; var description: String { message } }

    func signal(_ number: Int32) {
        guard termination == nil else { return }  // never signal a pid that may have been reused
        kill(pid, number)
    }

    /// Sends SIGSTOP and waits until the child is stopped; false if it exited first.
    func stop() -> Bool {
        guard termination == nil else { return false }
        kill(pid, SIGSTOP)
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WUNTRACED)
            if result == pid {
                if status & 0xff == 0x7f { return true }  // stopped
                termination = Termination(status: status)
                return false
            }
            if result < 0 && errno != EINTR { return false }
        }
    }

    /// True while the child has not exited (a stopped child counts as running).
    var isRunning: Bool {
        guard termination == nil else { return false }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid { termination = Termination(status: status); return false }
        return true
    }

    /// Waits for the child; past `timeout` seconds it is killed and `.timedOut` returned.
    @discardableResult
    func wait(timeout: Double = 60) -> Termination {
        if let termination { return termination }
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { termination = Termination(status: status); return termination! }
            if result < 0 && errno != EINTR { termination = .timedOut; return .timedOut }
            if Date() > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                termination = .timedOut
                return .timedOut
            }
            usleep(1_000)
        }
    }

    var stdout: String { (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "" }

    deinit {
        if termination == nil {  // a test that failed half-way: leave no process behind
            kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
        }
    }
}

/// The outcome of one finished `mlcf` run.
struct RunResult: CustomStringConvertible {
    let termination: Termination
    let stdout: String
    let stderr: String
    let seconds: Double
    var code: Int32? { if case .exited(let code) = termination { return code }; return nil }
    var description: String { "\(termination) after \(String(format: "%.2f", seconds)) s\nstdout: \(stdout)\nstderr: \(stderr)" }
}

/// Runs `mlcf`, capturing its output in a private folder (never the one under test).
enum MLCF {
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["MLCF_TODAY"] = testToday
        env["LANG"] = "C.UTF-8"
        env["CI"] = "true"
        env.removeValue(forKey: "MLCF_BINARY")
        for (key, value) in extra { env[key] = value }
        return env
    }

    static func start(
        _ arguments: [String], env: [String: String] = [:], stdin: String = "/dev/null",
        program: String? = nil
    ) throws -> Child {
        let outputs = Scratch("output")
        let child = try Child(
            [program ?? mlcfBinary] + arguments, environment: environment(env), stdin: stdin,
            stdout: outputs.path + "/stdout", stderr: outputs.path + "/stderr")
        child.outputs = outputs
        return child
    }

    @discardableResult
    static func run(
        _ arguments: [String], env: [String: String] = [:], stdin: String = "/dev/null",
        timeout: Double = 60, program: String? = nil
    ) throws -> RunResult {
        let began = Date()
        let child = try start(arguments, env: env, stdin: stdin, program: program)
        let termination = child.wait(timeout: timeout)
        let result = RunResult(
            termination: termination, stdout: child.stdout, stderr: child.stderr,
            seconds: Date().timeIntervalSince(began))
        return result
    }

    /// Runs a command line through `/bin/sh -c` (for umask and the like); `"$@"` is mlcf's arguments.
    static func runShell(_ script: String, _ arguments: [String], env: [String: String] = [:]) throws -> RunResult {
        try run(["-c", script, "sh", mlcfBinary] + arguments, env: env, program: "/bin/sh")
    }
}

/// Runs any program to completion (for `mount`, `flock` and other helpers).
@discardableResult
func runTool(_ arguments: [String], timeout: Double = 30) throws -> RunResult {
    try MLCF.run(Array(arguments.dropFirst()), timeout: timeout, program: arguments[0])
}

// MARK: portfolios

/// A career-sized portfolio of about `bytes` bytes when saved: many evidence items with
/// full, varied reflections (accents and non-Latin text included).
func largePortfolio(approximateBytes bytes: Int) -> Portfolio {
    var portfolio = readyContinuingPortfolio()
    let elements = Framework.mlcf.elements
    let sentences = [
        "The handover on the ward missed a deteriorating patient, and the team talked it through.",
        "Siân and Zoë led the café-style teaching session; the juniors asked for more.",
        "I chaired the governance meeting and kept to time — a first.",
        "学习 from the incident: the checklist alone did not change the habit.",
        "Next I will run a second PDSA cycle with the night team.",
    ]
    let perItem = 1_800
    let count = max(1, bytes / perItem)
    let kinds = Taxonomy.bundled.kinds
    for index in 0..<count {
        func text(_ offset: Int) -> String {
            (0..<4).map { sentences[(index + offset + $0) % sentences.count] }.joined(separator: " ")
        }
        let element = elements[index % elements.count]
        portfolio.evidence.append(
            Evidence(
                id: String(format: "ev-%05d", 1_000 + index), title: "Item \(index): \(element.name)", kind: kinds[index % kinds.count],
                date: date("2026-01-15").adding(days: index % 300 - 150), description: text(0),
                reflection: Reflection(whatHappened: text(1), whatLearned: text(2), whatNext: text(3)),
                links: [Framework.mlcf.link(element.competences[index % element.competences.count].id)], cpdCredits: index % 3 == 0 ? 1.5 : nil))
    }
    return portfolio
}

// MARK: file fingerprints

/// What a test compares to prove a file was not touched: bytes, modification time, inode.
struct Fingerprint: Equatable, CustomStringConvertible {
    let bytes: Data?
    let modified: timespec?
    let inode: UInt64?

    init(_ path: String, followLinks: Bool = false, readBytes: Bool = true) {
        var info = stat()
        let ok = followLinks ? stat(path, &info) == 0 : lstat(path, &info) == 0
        modified = ok ? info.st_mtim : nil
        inode = ok ? UInt64(info.st_ino) : nil
        let isRegular = ok && (info.st_mode & S_IFMT) == S_IFREG
        bytes = readBytes && isRegular ? FileManager.default.contents(atPath: path) : nil
    }

    static func == (a: Fingerprint, b: Fingerprint) -> Bool {
        a.bytes == b.bytes && a.inode == b.inode
            && a.modified?.tv_sec == b.modified?.tv_sec && a.modified?.tv_nsec == b.modified?.tv_nsec
    }

    var description: String {
        "\(bytes.map { "\($0.count) bytes" } ?? "no bytes"), mtime \(modified.map { "\($0.tv_sec).\($0.tv_nsec)" } ?? "-"), inode \(inode.map(String.init) ?? "-")"
    }
}

/// Names in a folder (hidden ones included), sorted.
func listing(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
}

/// Permission bits of a file (not following symlinks).
func mode(_ path: String) -> Int {
    var info = stat()
    guard lstat(path, &info) == 0 else { return -1 }
    return Int(info.st_mode & 0o7777)
}

/// The tests' one seedable random source (Tests/TestSupport/SeededRandom.swift), under the
/// name the kill and hostile-file rounds use.
typealias SplitMix64 = SeededRandom

/// The seed for randomised tests: `MLCF_TEST_SEED`, else a fixed one. Printed by each test.
let testSeed: UInt64 = ProcessInfo.processInfo.environment["MLCF_TEST_SEED"].flatMap { UInt64($0) } ?? 20_261_123
