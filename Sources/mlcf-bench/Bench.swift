import ArgumentParser
import Foundation
import PlannerCore
import PlannerUI

/// `mlcf-bench`: makes career-sized portfolios and measures the planner against the tools a
/// user or engineer would compare it with (jq, CPython's json, orjson), on the same files in
/// the same run.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlcf-bench",
        abstract: "Generate synthetic portfolios and benchmark mlcf against jq, CPython json and orjson.",
        subcommands: [Generate.self, Run.self, Phases.self, PDFBench.self, ImportBench.self, MergeBench.self])
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic portfolio (the same file for the same size and seed).")

    @Option(help: "Number of evidence items.") var evidence: Int = 1000
    @Option(help: "Seed of the generator.") var seed: UInt64 = 1
    @Option(name: .shortAndLong, help: "Output file.") var output: String

    func run() throws {
        let bytes = try Generate.write(evidence: evidence, seed: seed, to: URL(fileURLWithPath: output))
        print("Wrote \(output): \(evidence) evidence items, \(String(format: "%.1f", Double(bytes) / 1_048_576)) MB (seed \(seed)).")
    }

    /// Generates and writes the portfolio exactly as the planner saves it; returns its size.
    static func write(evidence: Int, seed: UInt64, to url: URL) throws -> Int {
        var generator = PortfolioGenerator(evidence: evidence, seed: seed, taxonomy: benchValidator.taxonomy)
        let data = try PortfolioStore.encode(generator.make())
        try? FileManager.default.removeItem(at: url)
        try data.write(to: url)
        return data.count
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure load, validate, first paint, save, export, keystrokes and memory, with the peers, per size.",
        discussion:
            "Needs the release mlcf (swift build -c release --product mlcf), tmux, jq and python3 (orjson is installed with pip when missing). `make bench` does all of it."
    )

    @Flag(help: "Print one JSON object per size instead of the table.") var json = false
    @Option(help: "Comma-separated portfolio sizes (evidence items).") var sizes: String = "1000,5000,20000"
    @Option(help: "Runs per measurement; the median is reported.") var runs: Int = 5
    @Option(help: "Seed of the generator.") var seed: UInt64 = 1
    @Option(help: "The mlcf binary to measure.") var mlcf: String = ".build/release/mlcf"
    @Option(help: "Folder for the generated portfolios and scratch files.") var workDir: String = ".build-bench-data"

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard !parsedSizes.isEmpty else { throw ValidationError("--sizes: give sizes such as 1000,5000,20000") }
    }

    var parsedSizes: [Int] { sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 > 0 } }

    func run() throws {
        let binary = try BenchSetup.binary(mlcf)
        let folder = try BenchSetup.folder(workDir)
        let peers = Peers.check()
        var results: [SizeResult] = []
        for size in parsedSizes {
            let runner = SizeRunner(size: size, seed: seed, runs: runs, binary: binary, folder: folder, peers: peers, log: !json)
            results.append(try runner.measure())
        }
        if json {
            for result in results { print(result.jsonLine()) }
        } else {
            print(Report.table(results, runs: runs, peers: peers))
        }
    }
}

/// `mlcf-bench phases FILE`: where the time of opening a portfolio goes, in this process
/// (read, decode, validate, the UI's state, one render, the export), then the memory of one
/// session as the planner runs it (load, state, one edit, its save), for profiling.
/// `--runs 0` measures the memory alone, in a fresh process.
struct Phases: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Time the phases of opening one portfolio, in process, and its memory.")

    @Argument(help: "The portfolio file.") var file: String
    @Option(help: "Repetitions of the timings; the median is printed (0: memory only).") var runs: Int = 5
    @Flag(help: "Time the export alone (after one load and validation) against a raw write of its bytes, for a profiler.") var exportOnly = false
    @Flag(help: "With --export-only: load and validate afresh before each export, as `mlcf export` and `make bench` do.") var fresh = false
    @Flag(help: "Run the bench's scripted keystroke session alone and print every key over 1 ms (update and render).") var keystrokesOnly = false

    func run() throws {
        let url = URL(fileURLWithPath: file)
        if keystrokesOnly {
            setenv("MLCF_BENCH_TRACE", "1", 1)
            let (keys, _) = try KeystrokeSession.run(file: url)
            print(String(format: "%d keystrokes, max %.2f ms, p50 %.3f ms", keys.count, keys.max() ?? 0, median(keys)))
            return
        }
        if exportOnly {
            var portfolio = try PortfolioStore.load(from: url)
            var report = benchValidator.validate(portfolio, today: benchToday)
            let out = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("mlcf-bench-export-\(getpid()).md")
            defer { try? FileManager.default.removeItem(at: out) }
            let raw = out.deletingLastPathComponent().appendingPathComponent("mlcf-bench-raw-\(getpid()).md")
            defer { try? FileManager.default.removeItem(at: raw) }
            var exports: [Double] = [], raws: [Double] = [], cpu: [Double] = []
            let options = ExportOptions(allowFlagged: true, date: benchToday)
            for run in 0..<max(runs, 1) {
                if fresh && run > 0 {
                    portfolio = try PortfolioStore.load(from: url)
                    report = benchValidator.validate(portfolio, today: benchToday)
                }
                let before = Clock.cpuMS()
                exports.append(
                    try Clock.time { try MarkdownExporter.export(portfolio, report: report, options: options, catalog: benchValidator.catalog, to: out) })
                cpu.append(Clock.cpuMS() - before)
                raws.append(try RawWrite.write(try Data(contentsOf: out), to: raw))
            }
            let bytes = (try? FileManager.default.attributesOfItem(atPath: out.path)[.size] as? Int) ?? 0
            print(
                String(
                    format: "export (as the app does it): %.2f ms, %.2fx a raw write of its %d bytes (%.2f ms); CPU %.2f ms on all cores (medians of %d)",
                    median(exports), median(exports) / median(raws), bytes, median(raws), median(cpu), exports.count))
            return
        }
        var read: [Double] = [], decode: [Double] = [], validate: [Double] = [], state: [Double] = [], render: [Double] = [], export: [Double] = []
        for _ in 0..<max(runs, 0) {
            var data = Data()
            read.append(try Clock.time { data = try Data(contentsOf: url) })
            var portfolio: Portfolio?
            decode.append(try Clock.time { portfolio = try PortfolioStore.decode(data, path: file) })
            var report: ValidationReport?
            validate.append(Clock.time { report = benchValidator.validate(portfolio!, today: benchToday) })
            var app: AppState?
            state.append(Clock.time { app = AppState(portfolio: portfolio!, path: file, width: 120, height: 40, today: benchToday, validator: benchValidator) })
            render.append(Clock.time { _ = app!.render() })
            export.append(
                Clock.time {
                    _ = try? MarkdownExporter.render(
                        portfolio!, report: report!, options: ExportOptions(allowFlagged: true, date: benchToday), catalog: benchValidator.catalog)
                })
        }
        if runs > 0 {
            print(
                String(
                    format: "read %.1f  decode %.1f  validate %.1f  AppState.init %.1f  render %.2f  export (render only) %.1f ms (medians of %d)",
                    median(read), median(decode), median(validate), median(state), median(render), median(export), runs))
        }
        func rss() -> String { Tmux.memory(getpid()) }
        let copy = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("mlcf-bench-phases-\(getpid()).json")
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: url, to: copy)
        defer { try? FileManager.default.removeItem(at: copy); try? FileManager.default.removeItem(atPath: copy.path + ".bak") }
        print("memory at start: \(rss())")
        var session = AppState(
            portfolio: try PortfolioStore.load(from: copy), path: copy.path, width: 120, height: 40, today: benchToday, validator: benchValidator)
        print("after load and the UI's state: \(rss())")
        _ = session.render()
        for key in [Key.character("w"), .character("L"), .enter] { _ = session.update(key); _ = session.render() }
        print("after linking one item: \(rss())")
        try PortfolioStore.save(session.portfolio, to: copy)
        print("after its save: \(rss())")
    }
}
