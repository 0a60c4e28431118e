import ArgumentParser
import Foundation
import PlannerCore

/// `mlcf-bench pdf`: the appraiser's PDF of one doctor's year with careers of growing length.
/// Each size keeps the 1,000-item portfolio's current period (its items in the period are the
/// same) and fills the rest of the career with older evidence, so the document should follow
/// the year, not the career: the largest costs at most twice the 1,000-item one, and 5,000
/// items make at most 40 pages with the at-a-glance page first. One run each, as pandoc and
/// weasyprint take seconds. Exits 1 when a bound is broken.
struct PDFBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pdf",
        abstract: "Time `mlcf export --pdf` for one year with careers of 1,000, 5,000 and 20,000 items; check its bounds.",
        discussion: "Needs pandoc, weasyprint and pdftotext (`make pdf-deps`). `make bench` runs it when they are installed.")

    @Option(help: "Comma-separated career sizes (evidence items); the first is the baseline.") var sizes: String = "1000,5000,20000"
    @Option(help: "Seed of the generator.") var seed: UInt64 = 1
    @Option(help: "The mlcf binary to measure.") var mlcf: String = ".build/release/mlcf"
    @Option(help: "Folder for the generated portfolios and documents.") var workDir: String = ".build-bench-data"

    struct Row {
        let size: Int
        let inPeriod: Int
        let pages: Int
        let seconds: Double
        let glanceFirst: Bool
    }

    func run() throws {
        let sizes = self.sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 > 0 }
        guard let baseline = sizes.first else { throw ValidationError("--sizes: give sizes such as 1000,5000,20000") }
        let folder = try BenchSetup.folder(workDir)
        let taxonomy = benchValidator.taxonomy
        var base = PortfolioGenerator(evidence: baseline, seed: seed, taxonomy: taxonomy)
        let year = base.make()
        let yearItems = year.evidence.filter { year.period.contains($0.date) }
        var rows: [Row] = []
        for size in sizes {
            var generator = PortfolioGenerator(evidence: size, seed: seed, taxonomy: taxonomy)
            var career = generator.make()
            // The same current period as the baseline: its items, and the career before it.
            career.evidence = career.evidence.filter { !career.period.contains($0.date) } + yearItems
            career.evidence.sort { $0.date < $1.date }
            let file = folder.appendingPathComponent("pdf-career-\(size)-seed\(seed).json")
            try? FileManager.default.removeItem(at: file)
            try PortfolioStore.encode(career).write(to: file)
            let markdown = folder.appendingPathComponent("pdf-career-\(size)-seed\(seed).md")
            let pdf = markdown.deletingPathExtension().appendingPathExtension("pdf")
            FileHandle.standardError.write(Data("mlcf-bench pdf: \(size) items (\(yearItems.count) in the period)…\n".utf8))
            let started = Date()
            let status = try Self.run(mlcf, ["export", file.path, "-o", markdown.path, "--pdf", "--allow-flagged", "--date", "2026-03-31"])
            let seconds = Date().timeIntervalSince(started)
            guard status == 0 else { throw ValidationError("mlcf export --pdf failed (exit \(status)) for \(size) items") }
            let pages =
                try ProcessRun.output(["pdfinfo", pdf.path], allowFailure: true).split(separator: "\n")
                .first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
            let page1 = try ProcessRun.output(["pdftotext", "-f", "1", "-l", "1", pdf.path, "-"], allowFailure: true)
            rows.append(Row(size: size, inPeriod: yearItems.count, pages: pages, seconds: seconds, glanceFirst: page1.contains("At a glance")))
        }
        print("| Items | In the period | Pages | Seconds | × the \(baseline)-item PDF | Page 1 at a glance |")
        print("|---:|---:|---:|---:|---:|:--|")
        let first = rows[0].seconds
        var broken: [String] = []
        for row in rows {
            let ratio = row.seconds / max(first, 0.001)
            print(String(format: "| %d | %d | %d | %.1f | %.2f× | %@ |", row.size, row.inPeriod, row.pages, row.seconds, ratio, row.glanceFirst ? "yes" : "no"))
            if ratio > 2 { broken.append("\(row.size) items cost \(String(format: "%.2f", ratio))× the \(baseline)-item PDF (bound 2×)") }
            if row.size == 5000 && row.pages > 40 { broken.append("5000 items make \(row.pages) pages (bound 40)") }
            if !row.glanceFirst { broken.append("\(row.size) items: page 1 is not “At a glance”") }
        }
        if !broken.isEmpty {
            for problem in broken { FileHandle.standardError.write(Data("mlcf-bench pdf: \(problem)\n".utf8)) }
            throw ExitCode(1)
        }
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

}
