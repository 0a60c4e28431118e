import Foundation
import PlannerCore
import Testing

@testable import PlannerUI

/// Compares a rendered screen with a stored text file beside the tests.
/// `RECORD_SNAPSHOTS=1` re-records and fails, so a new baseline is always looked at;
/// a missing snapshot is recorded and fails, and under `CI=true` it just fails.
func assertSnapshot(_ screen: Screen, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let url = folder.appendingPathComponent("\(name).txt")
    let actual = screen.text + "\n"
    let environment = ProcessInfo.processInfo.environment
    let stored = try? String(contentsOf: url, encoding: .utf8)
    if environment["RECORD_SNAPSHOTS"] == "1" || (stored == nil && environment["CI"] != "true") {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("Recorded snapshot \(name); check it and run again.", sourceLocation: sourceLocation)
        return
    }
    guard let stored else {
        Issue.record("Missing snapshot \(name) (record with RECORD_SNAPSHOTS=1 outside CI).", sourceLocation: sourceLocation)
        return
    }
    if stored != actual {
        let a = stored.split(separator: "\n", omittingEmptySubsequences: false), b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        Issue.record(
            "Snapshot \(name) differs at line \(line + 1):\nexpected: \(line < a.count ? String(a[line]) : "<none>")\nactual:   \(line < b.count ? String(b[line]) : "<none>")\n--- actual screen ---\n\(actual)",
            sourceLocation: sourceLocation)
    }
}

func examplePortfolio(_ name: String = "continuing-practice") -> Portfolio {
    try! PortfolioStore.load(from: repositoryRoot.appendingPathComponent("Resources/examples/\(name).json"))
}

func makeState(_ name: String = "continuing-practice", width: Int = 80, height: Int = 24) -> AppState {
    AppState(
        portfolio: examplePortfolio(name), path: "/home/doctor/\(name).json", width: width, height: height, today: fixedToday,
        validator: Validator(framework: .mlcf, catalog: .bundled))
}

extension AppState {
    /// Presses keys in order, collecting the effects, as the run loop would.
    @discardableResult
    mutating func press(_ keys: [Key]) -> [Effect] { keys.flatMap { update($0) } }
    @discardableResult
    mutating func press(_ keys: Key...) -> [Effect] { press(keys) }
    @discardableResult
    mutating func type(_ text: String) -> [Effect] { press(.paste(text)) }
}
