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
        subcommands: [Generate.self, Run.self, Phases.self])
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
        var generator = PortfolioGenerator(evidence: evidence, seed: seed)
        let data = try PortfolioStore.encode(generator.make())
        try? FileManager.default.removeItem(at: url)
        try data.write(to: url)
        return data.count
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure load, validate, first paint, save, export, keystrokes and memory, with the peers, per size.",
        discussion: "Needs the release mlcf (swift build -c release --product mlcf), tmux, jq and python3 (orjson is installed with pip when missing). `make bench` does all of it.")

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
        let binary = URL(fileURLWithPath: mlcf).standardizedFileURL.path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw ValidationError("No mlcf binary at \(binary): build it with `swift build -c release --product mlcf` (or run `make bench`).")
        }
        let folder = URL(fileURLWithPath: workDir).standardizedFileURL
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
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
/// (read, decode, validate, the UI's state, one render), for profiling.
struct Phases: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Time the phases of opening one portfolio, in process.")

    @Argument(help: "The portfolio file.") var file: String
    @Option(help: "Repetitions; the median is printed.") var runs: Int = 5

    func run() throws {
        let url = URL(fileURLWithPath: file)
        var read: [Double] = [], decode: [Double] = [], validate: [Double] = [], state: [Double] = [], render: [Double] = [], export: [Double] = []
        for _ in 0..<max(runs, 0) {
            var data = Data()
            read.append(try Clock.time { data = try Data(contentsOf: url) })
            var portfolio: Portfolio?
            decode.append(try Clock.time { portfolio = try PortfolioStore.decode(data, path: file) })
            validate.append(Clock.time { _ = Validator().validate(portfolio!, today: benchToday) })
            var app: AppState?
            state.append(Clock.time { app = AppState(portfolio: portfolio!, path: file, width: 120, height: 40, today: benchToday) })
            render.append(Clock.time { _ = app!.render() })
            let report = Validator().validate(portfolio!, today: benchToday)
            export.append(Clock.time { _ = try? MarkdownExporter.render(portfolio!, report: report, options: ExportOptions(allowFlagged: true, date: benchToday)) })
        }
        if runs > 0 { print(String(format: "read %.1f  decode %.1f  validate %.1f  AppState.init %.1f  render %.2f  export (render only) %.1f ms (medians of %d)",
                     median(read), median(decode), median(validate), median(state), median(render), median(export), runs)) }
        // Memory of one open as the planner does it: load (remembering encoded items), state, one save.
        func rss() -> String { Tmux.memory(getpid()) }
        let copy = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("mlcf-bench-phases-\(getpid()).json")
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: url, to: copy)
        defer { try? FileManager.default.removeItem(at: copy); try? FileManager.default.removeItem(atPath: copy.path + ".bak") }
        print("memory at start: \(rss())")
        if runs < 0 {
            let data = try Data(contentsOf: copy)
            print("after read: \(rss())")
            let decoded = try PortfolioStore.decode(data, path: file)
            print("after decode: \(rss())")
            let live = LiveValidation(portfolio: decoded, validator: Validator(), today: benchToday)
            print("after validation: \(rss()) \(live.report.findings.count)")
        }
        var portfolio = try PortfolioStore.load(from: copy)
        print("after load: \(rss())")
        var app: AppState? = AppState(portfolio: portfolio, path: copy.path, width: 120, height: 40, today: benchToday)
        print("after AppState: \(rss())")
        if runs == 0, var state = app {
            app = nil
            _ = state.render()
            for key in [Key.character("w"), .character("L")] { _ = state.update(key); _ = state.render() }
            print("after w, L: \(rss())")
            _ = state.update(.enter)
            print("after linking one item: \(rss())")
            try PortfolioStore.save(state.portfolio, to: copy)
            print("after its save: \(rss())")
            return
        }
        portfolio.evidence[portfolio.evidence.count / 2].title += " (edited)"
        try PortfolioStore.save(portfolio, to: copy)
        print("after one save: \(rss())")
        _ = app?.render()
        app = nil
    }
}
