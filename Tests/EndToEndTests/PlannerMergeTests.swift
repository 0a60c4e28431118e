import Foundation
import PlannerCore
import TestSupport
import Testing

/// Issue 18 in the real planner (tmux): the file changes on disk while it is open, and `m`
/// merges the other version in: cleanly (both changes kept, saved at the file), or with the
/// conflict resolved on the Merge conflicts screen and the result saved with no conflict left.
@Suite(.serialized) struct PlannerMergeTests {
    func planner(_ name: String) throws -> (TmuxSession, URL) {
        let tmux = TmuxSession(name: name)
        let file = tmux.home.appendingPathComponent("p.json")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Resources/examples/undergraduate.json"), to: file)
        try tmux.start("p.json", height: 30)
        tmux.waitFor("Zoë Ní Bhriain")
        return (tmux, file)
    }

    @Test func aCleanMergeKeepsBothChanges() throws {
        let (tmux, file) = try planner("mergeclean")
        // Another writer that read the file saves over it (recording what it replaced, issue 18).
        var (other, stamp) = try PortfolioStore.loadStamped(from: file)
        other.profile.organisation = "Other Writer's Trust"
        _ = try PortfolioStore.save(other, to: file, expecting: stamp)
        try tmux.send("w"); tmux.waitFor("Walk-through")
        try tmux.send("3")
        tmux.waitFor("changed by another program")
        try tmux.send("m")
        tmux.waitFor("Merged the other version in: nothing clashed")
        try tmux.send("q"); tmux.waitFor("EXITED 0")
        let saved = try PortfolioStore.load(from: file)
        #expect(saved.profile.organisation == "Other Writer's Trust")
        #expect(saved.ratings.values.contains { $0.level == 3 })
        #expect(saved.conflicts == nil)
    }

    /// A conflict as git's driver leaves it (`mlcf merge … -o FILE`), resolved in the planner.
    @Test func aConflictIsResolvedOnTheConflictsScreen() throws {
        let tmux = TmuxSession(name: "mergeconflict")
        let file = tmux.home.appendingPathComponent("p.json")
        let base = try PortfolioStore.load(from: repositoryRoot.appendingPathComponent("Resources/examples/undergraduate.json"))
        var ours = base, theirs = base
        ours.profile.aspirations = "Mine: teach the juniors"
        theirs.profile.aspirations = "Theirs: lead a QI project"
        let copies = ["base", "ours", "theirs"].map { tmux.home.appendingPathComponent("\($0).json") }
        for (portfolio, url) in zip([base, ours, theirs], copies) { try PortfolioStore.save(portfolio, to: url) }
        let merged = try CLIRun.run(["merge"] + copies.map(\.path) + ["-o", file.path])
        #expect(merged.code == 1, "\(merged.stderr)")
        try tmux.start("p.json", height: 30)
        tmux.waitFor("1 conflict from merging two copies")
        try tmux.send("Enter"); tmux.waitFor("Merge conflicts")
        tmux.waitFor("the other:  “Theirs: lead a QI project”")
        try tmux.send("b"); tmux.waitFor("Every conflict is resolved")
        try tmux.send("q"); tmux.waitFor("EXITED 0")
        let saved = try PortfolioStore.load(from: file)
        #expect(saved.conflicts == nil)
        #expect(saved.profile.aspirations == "Mine: teach the juniors\n\nTheirs: lead a QI project")
        #expect(!(try CLIRun.run(["validate", file.path]).stdout.contains("merge.conflict")))
    }

    /// A Syncthing conflict copy beside the portfolio when the planner opens: it is offered,
    /// merged in from the version both last shared (here the `.bak`; both sides' changes kept), saved, and moved aside, not deleted.
    @Test func aSyncConflictCopyFoundAtOpenIsMergedAndMovedAside() throws {
        let tmux = TmuxSession(name: "mergesynccopy")
        let file = tmux.home.appendingPathComponent("p.json")
        let copy = tmux.home.appendingPathComponent("p.sync-conflict-20261205-101500-ABCDEFG.json")
        try PortfolioStore.save(try example("undergraduate"), to: file)
        // Both copies go on from the version saved: its history is in each (issue 18).
        let base = try PortfolioStore.load(from: file)
        var ours = base, theirs = base
        ours.profile.aspirations = "Mine: teach the juniors"
        theirs.profile.organisation = "Synced Trust"
        try PortfolioStore.save(ours, to: file)  // the shared version is now p.json.bak
        try PortfolioStore.save(theirs, to: copy)
        try tmux.start("p.json", height: 30)
        tmux.waitFor("Another copy of this portfolio")
        try tmux.send("m"); tmux.waitFor("Move it aside")
        try tmux.send("y"); tmux.waitFor("Moved p.sync-conflict")
        try tmux.send("q"); tmux.waitFor("EXITED 0")
        let saved = try PortfolioStore.load(from: file)
        #expect(saved.profile.aspirations == "Mine: teach the juniors")
        #expect(saved.profile.organisation == "Synced Trust")
        #expect(saved.conflicts == nil)
        #expect(!FileManager.default.fileExists(atPath: copy.path))
        #expect(try PortfolioStore.load(from: URL(fileURLWithPath: copy.path + ".merged")).content == theirs.content)
    }
}
