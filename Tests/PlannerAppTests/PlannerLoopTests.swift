import Foundation
import PlannerCore
import PlannerUI
import TestSupport
import Testing

@testable import PlannerApp

/// The run loop with a fake terminal and a real folder: what it draws, saves and journals,
/// without tmux (issue 13's promises, checked where they are kept).
@Suite struct PlannerLoopTests {
    /// A copy of the undergraduate example in a fresh folder, loaded as the planner loads it.
    struct Opened {
        let folder = TempFolder()
        let url: URL
        let portfolio: Portfolio
        let stamp: FileStamp
        var recovery: URL { folder.file(".p.json.recovery.json") }

        init() throws {
            url = folder.file("p.json")
            try PortfolioStore.create(try example("undergraduate"), at: url)
            (portfolio, stamp) = try PortfolioStore.loadStamped(from: url)
        }

        /// Runs a loop over `script`; the clock is `clock[0]`, which a step may move on.
        func run(_ terminal: FakeTerminal, clock: Clock = Clock(), exports: Counter = Counter()) -> (code: Int32, loop: PlannerLoop) {
            let environment = PlannerLoop.Environment(
                today: fixedToday, validator: Validator(framework: .mlcf, catalog: .bundled), recoveryFile: recovery,
                export: { _, _, _ in
                    exports.count += 1; return ExportResult(text: "Exported.", isError: false)
                },
                now: { clock.now })
            let loop = PlannerLoop(terminal: terminal, environment: environment)
            let (portfolio, stamp) = (try? PortfolioStore.loadStamped(from: url)) ?? (self.portfolio, self.stamp)
            return (loop.run(portfolio: portfolio, url: url, stamp: stamp), loop)
        }
    }

    final class Clock: @unchecked Sendable {
        var now = Date(timeIntervalSince1970: 2_000_000_000)
        func advance(_ seconds: TimeInterval) { now += seconds }
    }

    final class Counter: @unchecked Sendable { var count = 0 }

    /// Waits for the loop's background queues (a save, a journal write) to reach the disk.
    static func settle() { usleep(300_000) }

    @Test func anIdleLoopDrawsNothingMore() throws {
        let opened = try Opened()
        let terminal = FakeTerminal([.keys([.character("v")])] + Array(repeating: .idle, count: 50) + [.keys([.character("q")])])
        let (code, loop) = opened.run(terminal)
        #expect(code == 0)
        #expect(terminal.idleReads == 50)
        #expect(loop.paints == 2, "the first screen and the one after v; 50 idle reads drew \(loop.paints - 2) more")
    }

    @Test func aDraftIsJournalledAsTypedAndRemovedOnceSaved() throws {
        let opened = try Opened()
        let clock = Clock()
        var journalled: Draft?
        let terminal = FakeTerminal([
            .keys([.character("v")]), .keys([.character("a")]), .keys([.typed("A draft — Zoë 李")]),
            .run { clock.advance(1.1) }, .idle,
            .run {
                Self.settle()
                journalled = try? JSONDecoder().decode(Draft.self, from: Data(contentsOf: opened.recovery))
            },
            .keys([.ctrl("s")]), .run { Self.settle() }, .idle, .idle, .keys([.character("q")]),
        ])
        let (code, _) = opened.run(terminal, clock: clock)
        #expect(code == 0)
        #expect(journalled?.values["title"] == "A draft — Zoë 李", "the draft was not on disk a second after typing")
        #expect(!FileManager.default.fileExists(atPath: opened.recovery.path), "the draft file outlived its save")
        #expect(try PortfolioStore.load(from: opened.url).evidence.contains { $0.title == "A draft — Zoë 李" })
    }

    @Test func aDraftWaitsForItsSecondThenIsWritten() throws {
        let opened = try Opened()
        let clock = Clock()
        var early = true, late = false
        let terminal = FakeTerminal([
            .keys([.character("v")]), .keys([.character("a")]), .keys([.character("x")]),  // written at once: the first in a second
            .run { clock.advance(0.2) }, .keys([.typed("yz")]),
            .run {
                Self.settle()
                early = (try? JSONDecoder().decode(Draft.self, from: Data(contentsOf: opened.recovery)))?.values["title"] == "xyz"
            },
            .run { clock.advance(1) }, .idle,
            .run {
                Self.settle()
                late = (try? JSONDecoder().decode(Draft.self, from: Data(contentsOf: opened.recovery)))?.values["title"] == "xyz"
            },
            .signal(SIGHUP),
        ])
        _ = opened.run(terminal, clock: clock)
        #expect(!early, "the journal wrote twice within a second")
        #expect(late, "the journal did not catch up once its second was up")
    }

    /// SIGTERM keeps the open draft; the next start offers it back exactly, keeps the file
    /// while the restored form is open (a crash then must not lose it), and removes it on save.
    @Test func aDraftSurvivesTheEndAndIsOfferedBackExact() throws {
        let opened = try Opened()
        let title = "Typed before the end — Ní Bhriain"
        let first = FakeTerminal([.keys([.character("v")]), .keys([.character("a")]), .keys([.typed(title)]), .signal(SIGTERM)])
        _ = opened.run(first)
        #expect(FileManager.default.fileExists(atPath: opened.recovery.path))

        var keptWhileOpen = false
        let second = FakeTerminal([
            .idle, .keys([.character("y")]),
            .run {
                Self.settle(); keptWhileOpen = FileManager.default.fileExists(atPath: opened.recovery.path)
            },
            .keys([.ctrl("s")]), .run { Self.settle() }, .idle, .keys([.character("q")]),
        ])
        _ = opened.run(second)
        #expect(second.screens.first?.text.contains("Recovered draft") == true)
        #expect(second.screens.contains { $0.text.contains(title) })
        #expect(keptWhileOpen, "the draft file was deleted as soon as it was restored")
        #expect(!FileManager.default.fileExists(atPath: opened.recovery.path))
        #expect(try PortfolioStore.load(from: opened.url).evidence.contains { $0.title == title })
    }

    /// Another program replaces the file: the loop's next save keeps ours beside it, says so,
    /// and `r` opens theirs, with the saves going to the file again.
    @Test func anotherWriterIsNeverOverwrittenAndRReloads() throws {
        let opened = try Opened()
        var theirs = opened.portfolio
        theirs.profile.name = "Other Writer"
        let theirBytes = try PortfolioStore.encode(theirs)
        var noticeShown = false
        let terminal = FakeTerminal([
            .keys([.character("w")]),
            .run {
                let temporary = opened.folder.file("incoming")
                try? theirBytes.write(to: temporary)
                rename(temporary.path, opened.url.path)
            },
            .keys([.character("3")]), .run { Self.settle() }, .idle,
            .run { noticeShown = true },
            .keys([.character("r")]), .keys([.character("d")]), .idle, .keys([.character("q")]),
        ])
        let (code, _) = opened.run(terminal)
        #expect(code == 0 && noticeShown)
        #expect(terminal.screens.contains { $0.text.contains("changed by another program") })
        #expect(terminal.lastScreen.contains("Other Writer"))
        #expect(try Data(contentsOf: opened.url) == theirBytes, "the other program's version was changed")
        let mine = try FileManager.default.contentsOfDirectory(atPath: opened.folder.url.path).filter { $0.hasPrefix("p.mine-") }
        #expect(mine.count == 1)
        #expect(try PortfolioStore.load(from: opened.folder.file(mine[0])).profile.name == opened.portfolio.profile.name)
    }

    @Test func theExportKeyCallsTheExporterOnce() throws {
        let opened = try Opened()
        let exports = Counter()
        let terminal = FakeTerminal([.keys([.character("e")]), .idle, .keys([.character("q")])])
        _ = opened.run(terminal, exports: exports)
        #expect(exports.count == 1)
        #expect(terminal.lastScreen.contains("Exported."))
        // The doctor sees that it is under way before it is done.
        let started = terminal.screens.firstIndex { $0.text.contains(AppState.exportingText) }
        let done = terminal.screens.firstIndex { $0.text.contains("Exported.") }
        #expect(started != nil && done != nil && started! < done!, "no “Exporting…” line before the result")
    }

    /// `A` on an evidence item: the path typed, the file copied beside the portfolio, recorded
    /// on the item and saved; a folder typed instead is refused on the status line, unchanged.
    @Test func aOnAnItemAttachesTheFileTypedAndRefusesAFolder() throws {
        let opened = try Opened()
        let certificate = opened.folder.file("BLS certificate.pdf")
        try Data("%PDF certificate".utf8).write(to: certificate)
        let terminal = FakeTerminal([
            .keys([.character("v"), .character("A"), .paste(certificate.path), .enter]), .idle,
            .keys([.character("A"), .paste(opened.folder.url.path), .enter]), .idle, .keys([.character("q")]),
        ])
        let (code, _) = opened.run(terminal)
        #expect(code == 0)
        Self.settle()
        let saved = try PortfolioStore.load(from: opened.url)
        let withFiles = saved.evidence.filter { !$0.files.isEmpty }
        #expect(withFiles.count == 1)
        let files = try #require(withFiles.first?.files)
        #expect(files.map(\.name) == ["BLS certificate.pdf"])
        #expect(files.first?.bytes == 16)
        #expect(AttachmentFolder.check(saved, at: opened.url).isEmpty, "the file is in the folder as recorded")
        #expect(terminal.screens.contains { $0.text.contains("Attached BLS certificate.pdf (16 bytes).") })
        #expect(terminal.lastScreen.contains("is a folder, not a file"))
        #expect(terminal.lastScreen.contains("Attached: BLS certificate.pdf (16 bytes)"), "the item's files are listed under the list")
    }
}
