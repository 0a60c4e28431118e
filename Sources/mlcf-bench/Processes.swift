import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Milliseconds on the monotonic clock.
enum Clock {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1_000_000
    }

    /// CPU time of this process so far, user and system, on all its threads.
    static func cpuMS() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1_000_000
    }

    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = now()
        try body()
        return now() - start
    }

    static func sleep(ms: Double) { usleep(useconds_t(ms * 1000)) }
}

/// A whole process, timed from spawn to exit.
struct ProcessRun {
    let ms: Double
    let status: Int32

    /// Runs `arguments` (looked up in PATH) with stdout and stderr sent to /dev/null.
    static func run(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ProcessRun {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let start = Clock.now()
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp)
        guard spawned == 0 else { throw BenchError("could not start \(arguments[0]): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            if errno != EINTR { throw BenchError("wait4 failed for \(arguments[0])") }
        }
        let ms = Clock.now() - start
        let exited = (status & 0x7f) == 0
        return ProcessRun(ms: ms, status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f))
    }

    /// Peak resident memory (MB) of a whole process, measured by `/usr/bin/time` (or Python's
    /// `resource` module): wait4's figure for a child of this large process also counts this
    /// process's memory, which the child shares until it runs its program.
    static func peakMemoryMB(_ arguments: [String], environment: [String: String]) throws -> Double {
        let out = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("mlcf-bench-rss-\(getpid()).txt")
        defer { try? FileManager.default.removeItem(at: out) }
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/time") {
            _ = try run(["/usr/bin/time", "-f", "%M", "-o", out.path] + arguments, environment: environment)
        } else {
            let script =
                "import resource,subprocess,sys; subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
                + "open(sys.argv[1],'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))"
            _ = try run(["python3", "-c", script, out.path] + arguments, environment: environment)
        }
        let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        guard let kb = text.split(separator: "\n").compactMap({ Double($0.trimmingCharacters(in: .whitespaces)) }).last else {
            throw BenchError("could not measure the memory of \(arguments.joined(separator: " "))")
        }
        return kb / 1024
    }

    /// Runs a helper command and returns its standard output (for tmux), or throws on failure.
    @discardableResult
    static func output(_ arguments: [String], allowFailure: Bool = false) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus != 0 && !allowFailure {
            throw BenchError("\(arguments.joined(separator: " ")) failed (exit \(process.terminationStatus))")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ text: String) { description = text }
}

/// The peers' availability, checked once: jq, python3 and orjson (installed with pip when missing).
struct Peers {
    var jq: Bool
    var python: Bool
    var orjson: Bool
    var notes: [String] = []

    static func check() -> Peers {
        let jq = (try? ProcessRun.run(["jq", "--version"]))?.status == 0
        let python = (try? ProcessRun.run(["python3", "-c", "import json"]))?.status == 0
        var orjson = python && (try? ProcessRun.run(["python3", "-c", "import orjson"]))?.status == 0
        var notes: [String] = []
        if python && !orjson {
            FileHandle.standardError.write(Data("mlcf-bench: orjson is missing; installing it with pip…\n".utf8))
            for extra in [[], ["--break-system-packages"]] {
                _ = try? ProcessRun.run(["python3", "-m", "pip", "install", "--quiet", "--user"] + extra + ["orjson"])
                orjson = (try? ProcessRun.run(["python3", "-c", "import orjson"]))?.status == 0
                if orjson { break }
            }
            if !orjson { notes.append("orjson could not be installed (pip install orjson): orjson_ms is left out") }
        }
        if !jq { notes.append("jq is not installed: jq_empty_ms is left out") }
        if !python { notes.append("python3 is not installed: python_json_ms and orjson_ms are left out") }
        return Peers(jq: jq, python: python, orjson: orjson, notes: notes)
    }
}

/// A private tmux server (its own socket), so the benchmark never touches the user's sessions.
struct Tmux {
    let socket: String

    init() { socket = "mlcf-bench-\(getpid())" }

    /// Output goes to /dev/null: the server a first command starts keeps its inherited
    /// descriptors, so a pipe would never reach end of file.
    func run(_ arguments: [String], allowFailure: Bool = false) throws {
        let result = try ProcessRun.run(["tmux", "-L", socket] + arguments)
        if result.status != 0 && !allowFailure {
            throw BenchError("tmux \(arguments.first ?? "") failed (exit \(result.status))")
        }
    }

    /// Starts `command` (exec'd, so the pane's process is the command itself) in a detached pane.
    func start(session: String, width: Int = 120, height: Int = 40, environment: [String: String], command: [String]) throws -> pid_t {
        let env = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Tmux.quote($0.value))" }.joined(separator: " ")
        let line = "exec env \(env) " + command.map(Tmux.quote).joined(separator: " ")
        try run(["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", line])
        let text = try ProcessRun.output(["tmux", "-L", socket, "display-message", "-p", "-t", session, "#{pane_pid}"])
        guard let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw BenchError("tmux gave no pane pid") }
        return pid
    }

    func send(_ session: String, _ keys: [String]) throws { try run(["send-keys", "-t", session] + keys) }

    /// Asks the planner to quit, and makes sure its process is gone before the next run.
    func stop(session: String, pid: pid_t) {
        try? send(session, ["q"])
        if !Tmux.waitForExit(pid, ms: 5000) {
            try? send(session, ["y"])
            if !Tmux.waitForExit(pid, ms: 3000) { kill(pid, SIGTERM); _ = Tmux.waitForExit(pid, ms: 3000) }
        }
        try? run(["kill-session", "-t", session], allowFailure: true)
    }

    func shutDown() { try? run(["kill-server"], allowFailure: true) }

    static func waitForExit(_ pid: pid_t, ms: Double) -> Bool {
        let deadline = Clock.now() + ms
        while Clock.now() < deadline {
            if kill(pid, 0) != 0 && errno == ESRCH { return true }
            // A zombie still answers kill(0): check its state.
            if let status = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = status.lastIndex(of: ")"), status[status.index(close, offsetBy: 2)] == "Z"
            {
                return true
            }
            Clock.sleep(ms: 5)
        }
        return false
    }

    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// "RSS x MB, peak y MB" of a running process.
    static func memory(_ pid: pid_t) -> String {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return "?" }
        func field(_ name: String) -> Double {
            for line in status.split(separator: "\n") where line.hasPrefix(name) {
                return Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
            }
            return 0
        }
        return String(format: "RSS %.1f MB, peak %.1f MB", field("VmRSS:") / 1024, field("VmHWM:") / 1024)
    }

    /// Peak resident memory so far (VmHWM) of a running process, in kB.
    static func peakRSSKB(_ pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        return nil
    }
}

/// The plain write floor: the bytes, written with write + fsync + rename, nothing else.
enum RawWrite {
    static func write(_ data: Data, to url: URL) throws -> Double {
        let temp = url.deletingLastPathComponent().appendingPathComponent(".raw-\(getpid()).tmp").path
        return try Clock.time {
            let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw BenchError("cannot write \(temp)") }
            try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                var offset = 0
                while offset < raw.count {
                    let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 { if errno == EINTR { continue }; close(fd); throw BenchError("write failed") }
                    offset += n
                }
            }
            fsync(fd)
            close(fd)
            guard rename(temp, url.path) == 0 else { throw BenchError("rename failed") }
        }
    }
}
