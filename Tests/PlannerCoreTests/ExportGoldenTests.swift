import Foundation
import PlannerCore
import Testing

/// Compares a rendered document with its stored golden file under `Tests/golden/`.
/// `RECORD_GOLDEN=1` re-records and fails, so a new baseline is always looked at; a
/// missing golden is recorded on a developer's machine but fails under `CI=true`.
func expectGolden(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = repositoryRoot.appendingPathComponent("Tests/golden/\(name)")
    let environment = ProcessInfo.processInfo.environment
    if environment["RECORD_GOLDEN"] == "1" {
        try Data(actual.utf8).write(to: url)
        Issue.record("Re-recorded \(url.path): review the diff, then run again without RECORD_GOLDEN.", sourceLocation: sourceLocation)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        if environment["CI"] == "true" {
            Issue.record("The golden file \(url.path) is missing; record it with RECORD_GOLDEN=1 and commit it.", sourceLocation: sourceLocation)
        } else {
            try Data(actual.utf8).write(to: url)
            print("Recorded the new golden file \(url.path); commit it after reading it.")
        }
        return
    }
    guard expected != actual else { return }
    let want = expected.components(separatedBy: "\n"), got = actual.components(separatedBy: "\n")
    let line = zip(want, got).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(want.count, got.count)
    let expectedLine = line < want.count ? want[line] : "(end of file)"
    let actualLine = line < got.count ? got[line] : "(end of file)"
    Issue.record(
        """
        \(name) differs from its golden file at line \(line + 1):
          expected: \(expectedLine)
          actual:   \(actualLine)
        If the change is intended, re-record with RECORD_GOLDEN=1 and read the diff.
        """, sourceLocation: sourceLocation)
}

/// One golden document per stage (the bundled examples) and one hostile portfolio full of
/// Markdown metacharacters, Unicode names and a flagged NHS number.
@Suite struct ExportGoldenTests {
    static let examples = ["undergraduate", "postgraduate", "continuing-practice"]

    @Test(arguments: examples)
    func bundledExampleMatchesGolden(_ name: String) throws {
        let portfolio = try example(name)
        let report = Validator(framework: .mlcf, catalog: .bundled).validate(portfolio, today: fixedToday)
        let markdown = try MarkdownExporter.render(portfolio, report: report, catalog: .bundled)
        try expectGolden(markdown, named: "\(name).md")
    }

    @Test func hostileExampleMatchesGolden() throws {
        let portfolio = try hostilePortfolio()
        let report = Validator(framework: .mlcf, catalog: .bundled).validate(portfolio, today: fixedToday)
        let markdown = try MarkdownExporter.render(
            portfolio, report: report,
            options: ExportOptions(allowFlagged: true, date: date("2026-08-10")), catalog: .bundled)
        try expectGolden(markdown, named: "hostile.md")
    }
}

func hostilePortfolio() throws -> Portfolio {
    try PortfolioStore.load(from: repositoryRoot.appendingPathComponent("Tests/golden/hostile.json"))
}
