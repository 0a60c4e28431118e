import Foundation
import PlannerCore
import PlannerUI

#if canImport(Glibc)
    import Glibc
#endif

/// The figures for one portfolio size: medians in milliseconds (memory in MB, 1 MB = 2^20 bytes).
struct SizeResult {
    var evidence: Int
    var fileMB: Double
    var loadMS: Double
    var validateMS: Double
    var firstPaintMS: Double
    var saveMS: Double
    var rawWriteMS: Double
    var exportMS: Double
    var maxKeystrokeMS: Double
    var p50KeystrokeMS: Double
    var peakRSSMB: Double
    var jqEmptyMS: Double?
    var pythonJSONMS: Double?
    var orjsonMS: Double?
    var validateProcessMS: Double
    /// A whole `mlcf export FILE -o OUT` process: what the doctor waits for.
    var exportProcessMS: Double
    // Shown in the table, not in --json (whose keys are fixed by the issue).
    var exportMB: Double
    var exportRawWriteMS: Double
    var keystrokes: Int
    var idleSlices: Int
    var maxIdleSliceMS: Double
    var rssTUIMB: Double
    var rssValidateMB: Double

    func jsonLine() -> String {
        func value(_ v: Double?) -> String { v.map { String(format: "%.3f", $0) } ?? "null" }
        let pairs: [(String, String)] = [
            ("evidence", "\(evidence)"), ("file_mb", value(fileMB)), ("load_ms", value(loadMS)),
            ("validate_ms", value(validateMS)), ("first_paint_ms", value(firstPaintMS)), ("save_ms", value(saveMS)),
            ("raw_write_ms", value(rawWriteMS)), ("export_ms", value(exportMS)),
            ("max_keystroke_ms", value(maxKeystrokeMS)), ("p50_keystroke_ms", value(p50KeystrokeMS)),
            ("peak_rss_mb", value(peakRSSMB)), ("jq_empty_ms", value(jqEmptyMS)), ("python_json_ms", value(pythonJSONMS)),
            ("orjson_ms", value(orjsonMS)), ("validate_process_ms", value(validateProcessMS)),
            ("export_process_ms", value(exportProcessMS)),
        ]
        return "{" + pairs.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }
}

func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/// Pinned so the findings (and so the work) are the same whenever the benchmark runs.
let benchToday = CalendarDate(year: 2026, month: 11, day: 20)!
/// The built-in rules and vocabularies, as the CLI uses them.
let benchValidator = Validator(framework: .mlcf, catalog: .bundled)

/// Measures one size: generates the file, then every figure `runs` times.
struct SizeRunner {
    let size: Int
    let seed: UInt64
    let runs: Int
    let binary: String
    let folder: URL
    let peers: Peers
    let log: Bool

    func say(_ text: String) {
        if log { FileHandle.standardError.write(Data("  \(text)\n".utf8)) }
    }

    func measure() throws -> SizeResult {
        if log { FileHandle.standardError.write(Data("mlcf-bench: \(size) evidence items\n".utf8)) }
        let file = folder.appendingPathComponent("portfolio-\(size)-seed\(seed).json")
        let bytes = try Generate.write(evidence: size, seed: seed, to: file)
        let fileMB = Double(bytes) / 1_048_576
        say(String(format: "generated %@ (%.1f MB)", file.lastPathComponent, fileMB))

        // In-process: load (+ the UI's own indexes), validate, save against the raw floor, export.
        var load: [Double] = [], validate: [Double] = [], save: [Double] = [], raw: [Double] = []
        var export: [Double] = [], exportRaw: [Double] = []
        var exported: Data? = nil
        var exportBytes = 0
        let saveFile = folder.appendingPathComponent("save-\(size).json")
        let rawFile = folder.appendingPathComponent("raw-\(size).json")
        let exportFile = folder.appendingPathComponent("export-\(size).md")
        let exportRawFile = folder.appendingPathComponent("export-raw-\(size).md")
        try copy(file, to: saveFile)
        for run in 0..<runs {
            var portfolio: Portfolio? = nil
            var state: AppState? = nil
            load.append(
                try Clock.time {
                    let loaded = try PortfolioStore.load(from: file)
                    state = AppState(portfolio: loaded, path: file.path, width: 120, height: 40, today: benchToday, validator: benchValidator)
                    portfolio = loaded
                })
            _ = state
            state = nil
            var report: ValidationReport? = nil
            validate.append(Clock.time { report = benchValidator.validate(portfolio!, today: benchToday) })

            // As the app exports: the document made and written to the file (atomically, 0600).
            // Its floor is the same bytes written raw: just after the export in even runs, just
            // before it in odd ones (the bytes of the run before, the same document), so that
            // the two meet the disk in the same states. Both come before the 50 MB save and raw
            // write below, which leave the disk busy for several milliseconds: whichever of the
            // two small writes came first would feel that.
            if run % 2 == 1, let previous = exported { exportRaw.append(try RawWrite.write(previous, to: exportRawFile)) }
            export.append(
                try Clock.time {
                    try MarkdownExporter.export(
                        portfolio!, report: report!, options: ExportOptions(allowFlagged: true, date: benchToday), catalog: benchValidator.catalog,
                        to: exportFile)
                })
            exported = try Data(contentsOf: exportFile)
            exportBytes = exported!.count
            if run % 2 == 0 { exportRaw.append(try RawWrite.write(exported!, to: exportRawFile)) }

            // The app's save: the file was opened (loaded), one item changed, then saved.
            var opened = try PortfolioStore.load(from: saveFile)
            let index = opened.evidence.count / 2 + run
            opened.evidence[index % opened.evidence.count].title += " (revised \(run + 1))"
            let edited = opened
            save.append(try Clock.time { try PortfolioStore.save(edited, to: saveFile) })
            let written = try Data(contentsOf: saveFile)
            raw.append(try RawWrite.write(written, to: rawFile))
        }
        say(
            String(
                format: "load %.1f  validate %.1f  save %.1f  raw write %.1f  export %.1f ms", median(load), median(validate), median(save), median(raw),
                median(export)))

        // The scripted session through the pure update + render path.
        var keystrokes: [Double] = []
        var maxima: [Double] = [], medians: [Double] = [], idleMaxima: [Double] = [], idleCounts: [Int] = []
        for _ in 0..<runs {
            let (times, idle) = try KeystrokeSession.run(file: file)
            keystrokes = times
            maxima.append(times.max() ?? 0)
            medians.append(median(times))
            idleMaxima.append(idle.max() ?? 0)
            idleCounts.append(idle.count)
        }
        say(
            String(
                format: "keystrokes: %d, max %.2f ms, p50 %.3f ms; %d slices between keys, max %.2f ms",
                keystrokes.count, median(maxima), median(medians), idleCounts.max() ?? 0, median(idleMaxima)))

        // Whole processes, interleaved so drift on a shared machine hits all of them alike.
        var jq: [Double] = [], python: [Double] = [], orjson: [Double] = [], validateProcess: [Double] = [], exportProcess: [Double] = []
        var validateRSSRuns: [Double] = []
        let environment = ProcessInfo.processInfo.environment.merging(["MLCF_TODAY": benchToday.description]) { $1 }
        for _ in 0..<runs {
            if peers.jq { jq.append(try checked(ProcessRun.run(["jq", "empty", file.path]), "jq empty").ms) }
            if peers.python {
                python.append(try checked(ProcessRun.run(["python3", "-c", "import json,sys; json.load(open(sys.argv[1]))", file.path]), "python3 json").ms)
            }
            if peers.orjson {
                orjson.append(
                    try checked(ProcessRun.run(["python3", "-c", "import orjson,sys; orjson.loads(open(sys.argv[1],'rb').read())", file.path]), "orjson").ms)
            }
            let validateRun = try ProcessRun.run([binary, "validate", file.path], environment: environment)
            guard validateRun.status == 0 || validateRun.status == 1 else {
                throw BenchError("mlcf validate \(file.path) exited \(validateRun.status): the generated file should be readable")
            }
            validateProcess.append(validateRun.ms)
            let exportOut = folder.appendingPathComponent("process-export.md").path
            let exportRun = try ProcessRun.run([binary, "export", file.path, "-o", exportOut, "--allow-flagged"], environment: environment)
            guard exportRun.status == 0 else { throw BenchError("mlcf export \(file.path) exited \(exportRun.status)") }
            exportProcess.append(exportRun.ms)
            validateRSSRuns.append(try ProcessRun.peakMemoryMB([binary, "validate", file.path], environment: environment))
        }
        say(
            String(
                format: "processes: jq %.0f  python %.0f  orjson %.0f  mlcf validate %.0f  mlcf export %.0f ms",
                median(jq), median(python), median(orjson), median(validateProcess), median(exportProcess)))

        let validateRSS = median(validateRSSRuns)

        // The real binary in a terminal: first paint, then a whole open-edit-save session for memory.
        let terminal = try TerminalRuns(binary: binary, folder: folder, size: size)
        defer { terminal.tmux.shutDown() }
        var paints: [Double] = [], tuiRSS: [Double] = []
        for _ in 0..<runs { paints.append(try terminal.firstPaint(file)) }
        for run in 0..<runs { tuiRSS.append(try terminal.editAndSaveRSS(file, run: run)) }
        say(String(format: "first paint %.1f ms, open-edit-save peak RSS %.1f MB, validate peak RSS %.1f MB", median(paints), median(tuiRSS), validateRSS))

        let rssTUI = median(tuiRSS), rssValidate = validateRSS
        return SizeResult(
            evidence: size, fileMB: fileMB, loadMS: median(load), validateMS: median(validate),
            firstPaintMS: median(paints), saveMS: median(save), rawWriteMS: median(raw), exportMS: median(export),
            maxKeystrokeMS: median(maxima), p50KeystrokeMS: median(medians), peakRSSMB: max(rssTUI, rssValidate),
            jqEmptyMS: peers.jq ? median(jq) : nil, pythonJSONMS: peers.python ? median(python) : nil,
            orjsonMS: peers.orjson ? median(orjson) : nil, validateProcessMS: median(validateProcess), exportProcessMS: median(exportProcess),
            exportMB: Double(exportBytes) / 1_048_576, exportRawWriteMS: median(exportRaw), keystrokes: keystrokes.count,
            idleSlices: idleCounts.max() ?? 0, maxIdleSliceMS: median(idleMaxima),
            rssTUIMB: rssTUI, rssValidateMB: rssValidate)
    }

    func checked(_ run: ProcessRun, _ what: String) throws -> ProcessRun {
        guard run.status == 0 else { throw BenchError("\(what) failed on the generated file (exit \(run.status))") }
        return run
    }

    func copy(_ from: URL, to: URL) throws {
        try? FileManager.default.removeItem(at: to)
        try? FileManager.default.removeItem(at: URL(fileURLWithPath: to.path + ".bak"))
        try FileManager.default.copyItem(at: from, to: to)
    }
}

/// The scripted session, timed per keystroke (update + render), on a freshly loaded portfolio.
/// Work a key leaves for the pauses between keys (the rest of a search through a long list)
/// is done before the next key, as the run loop does it, and timed apart, per slice.
enum KeystrokeSession {
    static func run(file: URL) throws -> (keys: [Double], idle: [Double]) {
        let portfolio = try PortfolioStore.load(from: file)
        var state = AppState(portfolio: portfolio, path: file.path, width: 120, height: 40, today: benchToday, validator: benchValidator)
        _ = state.render()
        var times: [Double] = [], idle: [Double] = []
        let trace = ProcessInfo.processInfo.environment["MLCF_BENCH_TRACE"] != nil
        func press(_ key: Key) {
            let start = Clock.now()
            _ = state.update(key)  // effects (saves) run off the input path in the app
            let updated = Clock.now()
            _ = state.render()
            times.append(Clock.now() - start)
            if trace, times.last! > 1 {
                FileHandle.standardError.write(
                    Data(
                        String(
                            format: "  key %@ on %@: update %.2f ms, render %.2f ms\n", "\(key)", "\(state.route)",
                            updated - start, Clock.now() - updated
                        ).utf8))
            }
            while state.hasPendingWork {
                let slice = Clock.now()
                state.continueWork()
                _ = state.render()
                idle.append(Clock.now() - slice)
            }
        }
        // Evidence list: scroll end to end, line by line a little, then page by page.
        press(.character("v"))
        for _ in 0..<20 { press(.down) }
        let pages = portfolio.evidence.count / 30 + 2
        for _ in 0..<pages { press(.pageDown) }
        press(.end)
        for _ in 0..<pages { press(.pageUp) }
        press(.home)
        // Search in titles and reflections, one character at a time, then narrow and widen.
        press(.character("/"))
        for key in Key.typing("deprescrib") { press(key) }
        press(.backspace)
        press(.character("b"))
        press(.enter)
        for _ in 0..<5 { press(.down) }
        // Open an item in the editor and close it unchanged.
        press(.enter)
        press(.tab)
        press(.escape)
        press(.character("c"))
        // Walk-through: link existing evidence to the element, then rate it.
        press(.character("w"))
        press(.character("L"))
        press(.down)
        press(.enter)
        press(.character("3"))
        press(.character("l"))
        press(.character("d"))
        return (times, idle)
    }
}

/// Runs of the real binary in a tmux pane.
struct TerminalRuns {
    let binary: String
    let folder: URL
    let size: Int
    let tmux = Tmux()
    let environment: [String: String]
    let paintFile: URL

    init(binary: String, folder: URL, size: Int) throws {
        self.binary = binary
        self.folder = folder
        self.size = size
        let home = folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        paintFile = folder.appendingPathComponent("first-paint-\(size).txt")
        var env = [
            "HOME": home.path, "XDG_STATE_HOME": home.path + "/state", "XDG_DATA_HOME": home.path + "/data",
            "TERM": "xterm-256color", "LANG": "C.UTF-8", "MLCF_TODAY": benchToday.description,
            "MLCF_FIRST_PAINT_FILE": paintFile.path,
        ]
        if let path = ProcessInfo.processInfo.environment["PATH"] { env["PATH"] = path }
        environment = env
    }

    func waitForPaint(_ pid: pid_t) throws -> Double {
        let deadline = Clock.now() + 120_000
        while Clock.now() < deadline {
            if let text = try? String(contentsOf: paintFile, encoding: .utf8), let ms = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return ms
            }
            if Tmux.waitForExit(pid, ms: 0) { throw BenchError("mlcf exited before its first paint") }
            Clock.sleep(ms: 2)
        }
        throw BenchError("no first paint within two minutes")
    }

    /// Process start to the first complete screen, as the binary itself reports it.
    func firstPaint(_ file: URL) throws -> Double {
        try? FileManager.default.removeItem(at: paintFile)
        let session = "paint-\(size)"
        let pid = try tmux.start(session: session, environment: environment, command: [binary, file.path])
        defer { tmux.stop(session: session, pid: pid) }
        return try waitForPaint(pid)
    }

    /// Peak RSS (MB) of a whole session: open, paint, link one evidence item (one edit), save.
    func editAndSaveRSS(_ file: URL, run: Int) throws -> Double {
        let copy = folder.appendingPathComponent("session-\(size).json")
        try? FileManager.default.removeItem(at: copy)
        try? FileManager.default.removeItem(at: URL(fileURLWithPath: copy.path + ".bak"))
        try FileManager.default.copyItem(at: file, to: copy)
        var before = stat()
        stat(copy.path, &before)
        try? FileManager.default.removeItem(at: paintFile)
        let session = "rss-\(size)-\(run)"
        let pid = try tmux.start(session: session, environment: environment, command: [binary, copy.path])
        defer { tmux.stop(session: session, pid: pid) }
        _ = try waitForPaint(pid)
        try tmux.send(session, ["w"])
        try tmux.send(session, ["L"])
        try tmux.send(session, ["Enter"])
        // Saved when the file was replaced by a new one (atomic rename).
        let deadline = Clock.now() + 120_000
        var now = stat()
        while Clock.now() < deadline {
            if stat(copy.path, &now) == 0, now.st_ino != before.st_ino { break }
            Clock.sleep(ms: 5)
        }
        guard now.st_ino != before.st_ino else { throw BenchError("the edit was not saved within two minutes") }
        Clock.sleep(ms: 100)  // let the save finish (folder fsync) and the screen repaint
        guard let kb = Tmux.peakRSSKB(pid) else { throw BenchError("could not read the memory of mlcf (pid \(pid))") }
        let saved = try PortfolioStore.load(from: copy)
        guard saved.evidence.count == size else { throw BenchError("the saved file lost evidence") }
        return Double(kb) / 1024
    }
}
