import Foundation
import PlannerCore
import Testing

@testable import PlannerExport

/// Every seed of the fuzzers and every input a fuzzer ever failed on
/// (`Tests/fuzz/regressions/<target>/`), run through the fuzzers' own checks: the loader's
/// in-process here, and all through the replay build of each fuzz target (a plain
/// `swift build` of Sources/FuzzLoader, FuzzEscaping and FuzzUpdate), so the checks are the same
/// code libFuzzer runs.
@Suite struct FuzzRegressionTests {
    static func inputs(_ folders: [String]) -> [String] {
        folders.flatMap { folder -> [String] in
            let url = repositoryRoot.appendingPathComponent(folder)
            return ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [])
                .filter { !$0.hasPrefix(".") }.sorted().map { url.appendingPathComponent($0).path }
        }
    }

    static let loaderInputs = inputs(["Tests/fuzz/corpus-loader", "Tests/fuzz/regressions/loader"])
    static let escapingInputs = inputs(["Tests/fuzz/corpus-escaping", "Tests/fuzz/regressions/escaping"])
    static let updateInputs = inputs(["Tests/fuzz/corpus-update", "Tests/fuzz/regressions/update"])

    @Test func thereAreSeeds() {
        #expect(Self.loaderInputs.count >= 10)
        #expect(Self.escapingInputs.count >= 10)
        #expect(Self.updateInputs.count >= 5)
    }

    /// The loader's properties, in-process: no crash; a refusal is a `StoreError` naming the
    /// file; what loads saves and loads back to the same value and the same bytes.
    @Test(arguments: loaderInputs)
    func loaderProperties(_ file: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let path = "fuzz-input.json"
        let portfolio: Portfolio
        do {
            portfolio = try PortfolioStore.decode(data, path: path)
        } catch let error as StoreError {
            #expect(error.description.contains(path), "the refusal must name the file: \(error)")
            return
        }
        _ = Validator(framework: .mlcf, catalog: .bundled).validate(portfolio, today: date("2026-11-23"))
        let saved = try PortfolioStore.encode(portfolio)
        let again = try PortfolioStore.decode(saved, path: path)
        #expect(again == portfolio, "save → load changed the portfolio")
        #expect(try PortfolioStore.encode(again) == saved, "save → load → save changed the bytes")
    }

    /// The replay builds of both fuzz targets accept every stored input.
    @Test(arguments: [("FuzzLoader", loaderInputs), ("FuzzEscaping", escapingInputs), ("FuzzUpdate", updateInputs)])
    func replayBuildsAcceptEveryInput(_ target: String, _ files: [String]) throws {
        let binary = URL(fileURLWithPath: mlcfBinary).deletingLastPathComponent().appendingPathComponent(target).path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "\(binary) is missing: `swift build --build-tests` builds it")
        let result = try MLCF.run(files, program: binary)
        #expect(result.code == 0, "\(result)")
        #expect(result.stdout.split(separator: "\n").count == files.count)
    }

    /// Found by FuzzEscaping: Foundation's `replacingOccurrences(of:with:)` skipped a character
    /// that a combining mark follows, so a line break survived in one-line Markdown (a heading
    /// or table cell was split) and a quote stayed undoubled in the YAML title block (the
    /// scalar ended early). Fixed by replacing scalar by scalar in MarkdownEscaping.
    @Test func combiningMarksAfterBreaksAndQuotes() throws {
        var samples = ["a\n\u{301}b", "it'\u{301}s", "Zoë\n\u{0652}line"]
        for file in Self.inputs(["Tests/fuzz/regressions/escaping"]) {
            samples.append(String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self))
        }
        for text in samples {
            do {
                let yaml = Array(MarkdownEscaping.yaml(text).unicodeScalars.dropFirst().dropLast())
                var undoubled = false, index = 0
                while index < yaml.count {
                    if yaml[index] == "'" { if index + 1 < yaml.count, yaml[index + 1] == "'" { index += 1 } else { undoubled = true } }
                    index += 1
                }
                let oneLine = [MarkdownEscaping.inline(text), MarkdownEscaping.heading(text), MarkdownEscaping.cell(text)]
                    .contains { $0.unicodeScalars.contains("\n") }
                #expect(!oneLine && !undoubled, "\(text.debugDescription)")
            }
        }
    }
}
