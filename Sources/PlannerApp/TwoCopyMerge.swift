import Foundation
import PlannerCore

extension PlannerLoop {
    /// `theirs` (read from `theirsURL`) merged into the planner's `ours` (saved at `oursURL`)
    /// from the version the two last shared (`CommonVersion`): the planner's own last read or
    /// written versions first, exact; then the snapshots and `.bak`s beside them; with none,
    /// every difference is a conflict. Returns what to tell the doctor of the base, and the merge.
    static func merge(
        _ theirs: Portfolio, stamp: FileStamp, from theirsURL: URL, into ours: Portfolio, at oursURL: URL, saver: BackgroundSaver
    ) throws -> (base: String, outcome: PortfolioMerge.Outcome) {
        let theirs = VersionLineage.recording(stamp.history ?? [], in: theirs)
        let saved = saver.lastKnown(at: oursURL)
        // Our history is that of the last save (the portfolio in memory keeps the one it loaded).
        var ours = ours
        if let history = saved?.portfolio.versions { ours.versions = history }
        let known = [saver.lastKnown(at: theirsURL), saved].compactMap { $0 }
        let base = CommonVersion.find(
            ours: ours.versions, theirs: theirs.versions, copies: [oursURL, theirsURL], known: known,
            selves: [CommonVersion.Known(theirs, place: theirsURL.lastPathComponent, saved: nil)])
        let outcome = try CommonVersion.merge(ours: ours, theirs: theirs, from: base)
        var text = base.sentence(ours: ours.versions, theirs: theirs.versions)
        let kept = outcome.keptFromOneSide
        if kept > 0 { text += " \(kept) item\(kept == 1 ? "" : "s") only one copy held \(kept == 1 ? "was" : "were") kept." }
        return (text, outcome)
    }
}
