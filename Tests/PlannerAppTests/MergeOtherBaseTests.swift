import Foundation
import PlannerCore
import PlannerUI
import TestSupport
import Testing

@testable import PlannerApp

/// `m` in the file-changed dialog merges from the version this planner last read or wrote at
/// the path (issue 18): never from a `.bak`, which may hold later saves of ours that the other
/// copy never had, so that the merge would take them back.
@Suite struct MergeOtherBaseTests {
    typealias Opened = PlannerLoopTests.Opened

    static func add(_ title: String) -> [Key] { [.character("a"), .typed(title), .ctrl("s")] }

    /// Waits (up to ten seconds) until a portfolio file in `folder` whose name starts with
    /// `prefix` holds an item titled `title`: the background save has reached the disk.
    static func waitFor(_ title: String, in folder: URL, prefix: String) {
        for _ in 0..<200 {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names where name.hasPrefix(prefix) && name.hasSuffix(".json") {
                if let portfolio = try? PortfolioStore.load(from: folder.appendingPathComponent(name)),
                    portfolio.evidence.contains(where: { $0.title == title })
                {
                    return
                }
            }
            usleep(50_000)
        }
    }

    /// Two saves, another program writes its version over the file (from the second), then two
    /// more saves of ours (the first kept beside, the second over it, leaving a `.bak` newer
    /// than both copies' common version), and `m`: every item of both sides is in the result.
    @Test func mergesFromTheVersionLastWrittenNotTheNewestBak() throws {
        let opened = try Opened()
        let other = opened.folder.file("incoming")
        let terminal = FakeTerminal([
            .keys([.character("v")] + Self.add("Mine A")), .run { Self.waitFor("Mine A", in: opened.folder.url, prefix: "p.json") }, .idle,
            .keys(Self.add("Mine B")), .run { Self.waitFor("Mine B", in: opened.folder.url, prefix: "p.json") }, .idle,
            .run {
                // Another machine's copy, from the second save, arrives by rename (as a sync tool does).
                guard var theirs = try? PortfolioStore.load(from: opened.url) else { return }
                theirs.evidence.append(Evidence(id: theirs.nextID(prefix: "ev"), title: "Theirs X", kind: .cpd, date: fixedToday))
                try? PortfolioStore.encode(theirs).write(to: other)
                rename(other.path, opened.url.path)
            },
            // Both in one read: the first save finds the file changed and keeps ours beside it,
            // the second goes over that copy, whose `.bak` then holds "Mine C".
            .keys(Self.add("Mine C") + Self.add("Mine D")), .run { Self.waitFor("Mine D", in: opened.folder.url, prefix: "p.mine-") }, .idle, .idle,
            .keys([.character("m")]), .run { PlannerLoopTests.settle() }, .idle, .keys([.character("q")]),
        ])
        let (code, _) = opened.run(terminal)
        #expect(code == 0)
        #expect(terminal.screens.contains { $0.text.contains("changed by another program") })
        let merged = try PortfolioStore.load(from: opened.url)
        let titles = Set(merged.evidence.map(\.title))
        for title in ["Mine A", "Mine B", "Mine C", "Mine D", "Theirs X"] {
            #expect(titles.contains(title), "\(title) is missing from the merge: \(terminal.lastScreen)")
        }
        #expect(merged.conflicts == nil)
    }
}
