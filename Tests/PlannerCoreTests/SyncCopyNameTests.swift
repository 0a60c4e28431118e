import PlannerCore
import Testing

/// Issue 18: which files beside a portfolio are copies a sync tool (or the planner's own
/// "keep both" save) left, by each tool's naming; and, generated, that nothing else is ever
/// taken for one (the portfolio, its `.bak`, lock, draft, temporary files, copies already
/// moved aside, unrelated files).
@Suite struct SyncCopyNameTests {
    @Test func syncthingConflictCopies() {
        #expect(SyncCopyName.tool(of: "portfolio.sync-conflict-20261205-101500-ABCD3FG.json", portfolio: "portfolio.json") == .syncthing)
        #expect(SyncCopyName.tool(of: "my plan.sync-conflict-20250101-000000-Z7Z7Z7Z.JSON", portfolio: "my plan.JSON") == .syncthing)
        #expect(SyncCopyName.tool(of: "p.sync-conflict-20261205-101500-ABCDEFG", portfolio: "p") == .syncthing)
        // A short time, a lower-case device, another portfolio's copy, a copy moved aside.
        #expect(SyncCopyName.tool(of: "portfolio.sync-conflict-20261205-1015-ABCDEFG.json", portfolio: "portfolio.json") == nil)
        #expect(SyncCopyName.tool(of: "portfolio.sync-conflict-20261205-101500-abcdefg.json", portfolio: "portfolio.json") == nil)
        #expect(SyncCopyName.tool(of: "other.sync-conflict-20261205-101500-ABCDEFG.json", portfolio: "portfolio.json") == nil)
        #expect(SyncCopyName.tool(of: "portfolio.sync-conflict-20261205-101500-ABCDEFG.json.merged", portfolio: "portfolio.json") == nil)
    }

    @Test func dropboxConflictedCopies() {
        #expect(SyncCopyName.tool(of: "portfolio (conflicted copy 2026-12-05).json", portfolio: "portfolio.json") == .dropbox)
        #expect(SyncCopyName.tool(of: "portfolio (Jane Smith's conflicted copy 2026-12-05).json", portfolio: "portfolio.json") == .dropbox)
        #expect(SyncCopyName.tool(of: "portfolio (DESKTOP-1's Conflicted Copy 2026-12-05 (1)).json", portfolio: "portfolio.json") == .dropbox)
        #expect(SyncCopyName.tool(of: "portfolio (copy).json", portfolio: "portfolio.json") == nil)
        #expect(SyncCopyName.tool(of: "portfolio (conflicted copy 2026-12-05).json.merged", portfolio: "portfolio.json") == nil)
        #expect(SyncCopyName.tool(of: "portfolio2 (conflicted copy 2026-12-05).json", portfolio: "portfolio.json") == nil)
    }

    /// The planner's own "keep both" name (`PortfolioStore.keepBeside`).
    @Test func versionsKeptBeside() {
        #expect(SyncCopyName.tool(of: "portfolio.mine-2026-12-05-1015.json", portfolio: "portfolio.json") == .keptBeside)
        #expect(SyncCopyName.tool(of: "portfolio.mine-2026-12-05-1015-2.json", portfolio: "portfolio.json") == .keptBeside)
        #expect(SyncCopyName.tool(of: "portfolio.mine-2026-12-05-1015.json", portfolio: "portfolio.JSON") == .keptBeside)
        #expect(SyncCopyName.tool(of: "portfolio.mine-2026-12-05.json", portfolio: "portfolio.json") == nil)
        #expect(SyncCopyName.tool(of: "portfolio.mine-2026-12-05-1015.json.merged", portfolio: "portfolio.json") == nil)
    }

    /// Random portfolio names; around each, the files the app and the system write beside it
    /// are never copies, unrelated names never are, and each tool's copy is always found.
    @Test func onlyCopiesAreEverTakenForCopies() async {
        await Generated.check(fixedSeed: 1818, count: 400, maxLength: 80) { bytes in
            var choices = Choices(bytes)
            let pieces = ["a", "Z", "7", " ", ".", "-", "(", ")", "'", "é", "json", ".json", "sync-conflict", "mine", "conflicted copy"]
            var stem = ""
            for _ in 0..<(1 + choices.next(8)) { stem += choices.pick(pieces) }
            let ext = choices.pick([".json", ".JSON", ""])
            let portfolio = stem + ext
            let (copyStem, copyExt) =
                ext.isEmpty && stem.lowercased().hasSuffix(".json") && stem.count > 5
                ? (String(stem.dropLast(5)), String(stem.suffix(5))) : (stem, ext)
            let digits = { (choices: inout Choices, n: Int) in (0..<n).map { _ in String(choices.next(10)) }.joined() }
            let device = (0..<7).map { _ in choices.pick(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")).description }.joined()
            let syncthing = "\(copyStem).sync-conflict-\(digits(&choices, 8))-\(digits(&choices, 6))-\(device)\(copyExt)"
            let dropbox = "\(copyStem) (\(choices.pick(["", "Jane's ", "PC-2's "]))conflicted copy \(digits(&choices, 4))-12-05)\(copyExt)"
            let kept = "\(copyStem).mine-\(digits(&choices, 4))-\(digits(&choices, 2))-\(digits(&choices, 2))-\(digits(&choices, 4)).json"
            #expect(SyncCopyName.tool(of: syncthing, portfolio: portfolio) == .syncthing, "\(syncthing) beside \(portfolio)")
            #expect(SyncCopyName.tool(of: dropbox, portfolio: portfolio) == .dropbox, "\(dropbox) beside \(portfolio)")
            #expect(SyncCopyName.tool(of: kept, portfolio: portfolio) == .keptBeside, "\(kept) beside \(portfolio)")
            let beside = [
                portfolio, portfolio + ".bak", "." + portfolio + ".lock", "." + portfolio + ".recovery.json", "." + stem + ".recovery.json",
                "." + portfolio + ".tmp-\(digits(&choices, 5))-\(digits(&choices, 9))", "." + portfolio + ".bak.tmp-1-2",
                syncthing + ".merged", dropbox + ".merged", kept + ".merged-2", syncthing + ".bak",
            ]
            for name in beside { #expect(SyncCopyName.tool(of: name, portfolio: portfolio) == nil, "\(name) beside \(portfolio)") }
            var unrelated = ""
            for _ in 0..<choices.next(12) { unrelated += choices.pick(pieces + ["p", "o", "r", "t", "f", "l", "i"]) }
            if !unrelated.hasPrefix(copyStem) {
                #expect(SyncCopyName.tool(of: unrelated, portfolio: portfolio) == nil, "\(unrelated) beside \(portfolio)")
            }
        }
    }
}
