import ArgumentParser
import Foundation
import PlannerCore

/// `mlcf-bench merge`: issue 18's speed bound. Two copies of a career-sized portfolio, each
/// with its own edits to some items and a few fields changed on both (conflicts), merged by
/// the release `mlcf merge BASE OURS THEIRS -o OUT` as a whole process, against `mlcf
/// validate` of one copy in the same run (interleaved, so drift on a shared machine hits both).
/// The bound is on the ratio: a merge reads three files where validate reads one, so twice
/// validate leaves the merge itself little more than the cost of one extra read.
struct MergeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Time `mlcf merge` of two edited copies of a generated portfolio against `mlcf validate` of one, as processes.")

    @Option(help: "Evidence items in the generated portfolio.") var evidence: Int = 20_000
    @Option(help: "Items each copy edits (with --overlap 10, 55 a side makes the 100 items the copies differ in).") var perSide: Int = 55
    @Option(help: "Of those, items both copies edit: half in the same field (a conflict), half in different fields.") var overlap: Int = 10
    @Option(help: "Runs per measurement; the median is reported.") var runs: Int = 5
    @Option(help: "Seed of the generator.") var seed: UInt64 = 1
    @Option(help: "The mlcf binary to measure.") var mlcf: String = ".build/release/mlcf"
    @Option(help: "Folder for the generated files.") var workDir: String = ".build-bench-data"
    @Option(help: "Fail when the merge takes more than this many times validate (0: report only).") var maxRatio: Double = 0

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard perSide >= 1, (0...perSide).contains(overlap), 2 * perSide - overlap <= evidence else {
            throw ValidationError("--per-side and --overlap must fit the portfolio: 0 ≤ overlap ≤ per-side, 2 × per-side − overlap ≤ evidence")
        }
    }

    func run() throws {
        let binary = try BenchSetup.binary(mlcf)
        let folder = try BenchSetup.folder(workDir)
        var generator = PortfolioGenerator(evidence: evidence, seed: seed, taxonomy: benchValidator.taxonomy)
        let base = generator.make()
        let (ours, theirs) = Self.copies(of: base, perSide: perSide, overlap: overlap)
        let files = ["base", "ours", "theirs"].map { folder.appendingPathComponent("merge-\(evidence)-\($0).json") }
        for (portfolio, url) in zip([base, ours, theirs], files) {
            try? FileManager.default.removeItem(at: url)
            try PortfolioStore.encode(portfolio).write(to: url)
        }
        let out = folder.appendingPathComponent("merge-\(evidence)-out.json")
        let environment = ProcessInfo.processInfo.environment.merging(["MLCF_TODAY": benchToday.description]) { $1 }
        let conflicts = overlap / 2 + overlap % 2
        var merges: [Double] = [], validates: [Double] = []
        for _ in 0..<runs {
            try? FileManager.default.removeItem(at: out)
            let merge = try ProcessRun.run([binary, "merge"] + files.map(\.path) + ["-o", out.path], environment: environment)
            guard merge.status == (conflicts > 0 ? 1 : 0) else {
                throw BenchError("mlcf merge exited \(merge.status); with \(conflicts) conflicts it should exit \(conflicts > 0 ? 1 : 0)")
            }
            merges.append(merge.ms)
            let validate = try ProcessRun.run([binary, "validate", files[1].path], environment: environment)
            guard validate.status <= 1 else { throw BenchError("mlcf validate exited \(validate.status): the generated copy should be readable") }
            validates.append(validate.ms)
        }
        let merged = try PortfolioStore.load(from: out)
        guard merged.conflicts?.count ?? 0 == conflicts, merged.evidence.count == evidence else {
            throw BenchError(
                "the merge kept \(merged.evidence.count) items and \(merged.conflicts?.count ?? 0) conflicts; expected \(evidence) and \(conflicts)")
        }
        let ratio = median(merges) / median(validates)
        print(
            String(
                format:
                    "merge of two %d-item copies differing in %d items (%d conflicts): mlcf merge %.0f ms, mlcf validate of one copy (validate_process_ms) %.0f ms: %.2fx (medians of %d)",
                evidence, 2 * perSide - overlap, conflicts, median(merges), median(validates), ratio, runs))
        if maxRatio > 0 && ratio > maxRatio {
            throw BenchError(String(format: "mlcf merge took %.2fx mlcf validate; the bound is %.1fx", ratio, maxRatio))
        }
    }

    /// Ours edits `perSide` items spread over the career, theirs as many, `overlap` of them
    /// the same items: the first half of those in the same field (a conflict), the rest in
    /// another field (merged clean, field by field).
    static func copies(of base: Portfolio, perSide: Int, overlap: Int) -> (Portfolio, Portfolio) {
        let touched = 2 * perSide - overlap
        let step = max(1, base.evidence.count / touched)
        let indices = (0..<touched).map { $0 * step }
        var ours = base, theirs = base
        let oursIndices = indices[0..<perSide], theirsIndices = indices[(perSide - overlap)...]
        for index in oursIndices { ours.evidence[index].title += " (reworded at work)" }
        for (position, index) in theirsIndices.enumerated() {
            if position < overlap && position >= overlap / 2 + overlap % 2 {
                theirs.evidence[index].description += " Added at home."
            } else {
                theirs.evidence[index].title += " (reworded at home)"
            }
        }
        return (ours, theirs)
    }
}
