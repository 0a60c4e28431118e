import ArgumentParser
import Foundation
import PlannerCore

/// `mlcf merge BASE OURS THEIRS [-o OUT]`: two copies of a portfolio edited apart (two
/// machines, a synced folder, git) made one again by meaning (`PortfolioMerge`). git calls it
/// as its merge driver (`mlcf git-setup`).
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge two copies of a portfolio edited apart, field by field, from the version they share.",
        discussion: """
            A change made in one copy only is taken; the same change made in both, once. Items added in both \
            are all kept. Where both copies changed one field differently, or one deleted an item the other \
            edited, OURS's value (the edited item) is kept and the conflict is listed in the file: \
            mlcf validate reports it and mlcf export refuses until the planner's conflicts screen resolves it.

            With two copies (mlcf merge OURS THEIRS), the base is the version both last shared, found by the \
            history every save records in the file: when one copy is simply newer, it is taken as it is (a \
            fast-forward); otherwise the copy of that exact version kept in the NAME.versions/ folder \
            beside either copy, or in a .bak. With none, every difference is listed as a conflict and \
            nothing either copy holds is deleted. It says which base it used. Without -o the merge is saved into OURS (locked, its previous \
            version kept in OURS.bak); -o OUT writes OUT instead, owner-only, with no .bak (git's driver: \
            mlcf merge %O %A %B -o %A).

            Exit status: 0 merged cleanly, 1 merged with conflicts recorded, 2 a copy could not be read or \
            the merge not written (nothing was written).
            """)

    @Argument(help: ArgumentHelp("BASE OURS THEIRS, or OURS THEIRS.", valueName: "copies")) var copies: [String]
    @Option(name: [.short, .customLong("output")], help: "Write the merged portfolio here (default: into OURS).") var output: String?

    func validate() throws {
        if !(2...3).contains(copies.count) { throw ValidationError("give BASE OURS THEIRS, or OURS THEIRS (\(copies.count) given).") }
    }

    func run() throws {
        let urls = try copies.map { try CLI.url($0) }
        let oursURL = urls[urls.count - 2], theirsURL = urls[urls.count - 1]
        let outURL = try output.map { try CLI.url($0) }
        let intoOurs = outURL == nil || outURL!.standardizedFileURL.path == oursURL.standardizedFileURL.path
        // Saving into OURS by default is an edit of that portfolio: locked like the others.
        let lock: PortfolioLock?
        do { lock = outURL == nil ? try PortfolioLock(for: oursURL) : nil } catch { throw CLI.fail(error) }
        defer { lock?.release() }
        let outcome: PortfolioMerge.Outcome, stamp: FileStamp
        if urls.count == 3 {
            let copies: MergeCopies.Three
            do { copies = try MergeCopies.read(base: urls[0], ours: oursURL, theirs: theirsURL) } catch { throw CLI.fail(error) }
            stamp = copies.stamp
            do { outcome = try copies.merge() } catch { throw CLI.fail(error) }
        } else {
            let ours: Portfolio, theirs: Portfolio, theirsStamp: FileStamp
            do { (ours, stamp, theirs, theirsStamp) = try MergeCopies.read(ours: oursURL, theirs: theirsURL) } catch { throw CLI.fail(error) }
            do {
                // Two copies: from the version they last shared, by their recorded histories.
                let merged = try CommonVersion.mergeCopies(ours: ours, stamp: stamp, at: oursURL, theirs: theirs, stamp: theirsStamp, at: theirsURL)
                CLI.say(TerminalSafe.text(merged.base.sentence(ours: stamp.history, theirs: theirsStamp.history)))
                outcome = merged.outcome
            } catch { throw CLI.fail(error) }
        }
        let target = outURL ?? oursURL
        do {
            let saved =
                outURL == nil
                ? try PortfolioStore.save(outcome.portfolio, to: target, expecting: stamp)
                : try PortfolioStore.writeMerged(outcome.portfolio, to: target, expecting: intoOurs ? stamp : nil)
            if case .keptBeside(let beside, _) = saved {
                CLI.warn(
                    TerminalSafe.text(
                        "\(target.path) was changed by another program while merging, so it was left as it is; the merge is in \(beside.path)."))
                throw ExitCode(2)
            }
        } catch let exit as ExitCode { throw exit } catch { throw CLI.fail(error) }
        lock?.release()
        report(outcome, into: target)
        // At career size the three copies and the merge are hundreds of MB of small objects:
        // the process ends here, so the kernel takes them back at once instead of a free each.
        CLI.exitNow(outcome.isClean ? 0 : 1)
    }

    private func report(_ outcome: PortfolioMerge.Outcome, into target: URL) {
        if outcome.keptFromOneSide > 0 {
            let count = outcome.keptFromOneSide
            let items = count == 1 ? "1 item only one copy held was" : "\(count) items only one copy held were"
            CLI.say("\(items) kept (with no shared version, nothing is deleted).")
        }
        guard !outcome.isClean else {
            CLI.say("Merged cleanly into \(target.path).")
            return
        }
        let count = outcome.newConflicts.count
        CLI.say(
            "Merged into \(target.path) with \(count) conflict\(count == 1 ? "" : "s") kept in the file (this copy's value stays until you choose):")
        for conflict in outcome.newConflicts { CLI.say("  " + ConflictText.sentence(conflict)) }
        CLI.say("Resolve them in the planner: mlcf \(target.path)")
    }
}

extension CLI {
    /// Ends the process with `code` now, its output flushed, leaving what it holds to the kernel.
    static func exitNow(_ code: Int32) -> Never {
        fflush(nil)
        exit(code)
    }
}
