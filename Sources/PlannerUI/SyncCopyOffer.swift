import Foundation
import PlannerCore

/// A copy of the portfolio a sync tool left beside it (issue 18).
public struct SyncCopy: Equatable, Sendable {
    public let path: String
    public let tool: SyncCopyName.Tool
    public init(path: String, tool: SyncCopyName.Tool) { self.path = path; self.tool = tool }
    var name: String { URL(fileURLWithPath: path).lastPathComponent }
}

/// The copies found when the portfolio was opened: the first is the one on offer (or just
/// merged), the rest are offered after it, one at a time.
public struct SyncCopyOffer: Equatable, Sendable {
    public let copies: [SyncCopy]
    public init(_ copies: [SyncCopy]) { precondition(!copies.isEmpty, "an offer of no copies"); self.copies = copies }
    public var current: SyncCopy { copies[0] }
    var later: SyncCopyOffer? { copies.count > 1 ? SyncCopyOffer(Array(copies.dropFirst())) : nil }
}

/// Offering the copies, one dialog each; the run loop does the file work (merge, save, rename)
/// and reports back here, so the dialogs and what they lead to are tested at update level.
extension AppState {
    /// Called by the run loop when the portfolio is opened. A dialog already up (a recovered
    /// draft) goes first; the offer waits behind it.
    public mutating func offerSyncCopies(_ copies: [SyncCopy]) {
        guard !copies.isEmpty else { return }
        let offer = Modal.syncCopy(SyncCopyOffer(copies))
        if modal == nil { modal = offer } else { pendingNotice = offer }
    }

    mutating func syncCopyKey(_ command: Command?, _ offer: SyncCopyOffer) -> [Effect] {
        switch command {
        case .mergeOther?:
            modal = nil
            return [.mergeSyncCopy(offer)]
        case .dismiss?:
            modal = offer.later.map(Modal.syncCopy)
            say("Left \(offer.current.name) as it is; it is offered again next time.")
        default: break
        }
        return []
    }

    mutating func moveAsideKey(_ command: Command?, _ offer: SyncCopyOffer) -> [Effect] {
        switch command {
        case .accept?:
            modal = nil
            return [.moveAside(offer)]
        case .dismiss?:
            modal = offer.later.map(Modal.syncCopy)
            say("\(offer.current.name) stays where it is; it is offered again next time.")
        default: break
        }
        return []
    }

    /// Called by the run loop on the state of the merged portfolio, once it is saved. A clean
    /// merge offers to move the copy aside; clashes open the Merge conflicts screen.
    public mutating func syncCopyMerged(_ offer: SyncCopyOffer, conflicts: Int) {
        let name = offer.current.name
        if conflicts > 0 {
            openConflicts()
            let rest = offer.later.map { " \($0.copies.count) more cop\($0.copies.count == 1 ? "y is" : "ies are") offered next time." } ?? ""
            say("Merged \(name) in and saved, with \(conflicts) conflict\(conflicts == 1 ? "" : "s") to resolve here.\(rest)")
        } else {
            modal = .moveAside(offer)
            say("Merged \(name) in and saved: nothing clashed.")
        }
    }

    /// Called by the run loop after the rename: where the copy went, or why it did not.
    public mutating func movedAside(_ offer: SyncCopyOffer, to target: String?, error: String? = nil) {
        if let target {
            say("Moved \(offer.current.name) aside as \(URL(fileURLWithPath: target).lastPathComponent).")
        } else {
            say("\(offer.current.name) could not be moved aside (\(error ?? "unknown reason")); it is left where it is.", error: true)
        }
        modal = offer.later.map(Modal.syncCopy)
    }

    /// The two dialogs.
    func renderSyncCopy(_ screen: inout Screen, _ modal: Modal) {
        switch modal {
        case .syncCopy(let offer):
            let copy = offer.current
            dialog(
                &screen, title: "Another copy of this portfolio",
                lines: [
                    "Beside \(URL(fileURLWithPath: path).lastPathComponent) is \(copy.tool.phrase): \(copy.name).",
                    "Merging it in takes every change made on either side; a field changed on both goes to the Merge conflicts screen.", "",
                ] + Keymap.choiceLines(in: .syncCopy))
        case .moveAside(let offer):
            dialog(
                &screen, title: "Merged",
                lines: [
                    "\(offer.current.name) is merged in and saved. Move it aside as \(offer.current.name).merged (nothing is deleted)?", "",
                    Keymap.choices(in: .moveAside),
                ])
        default: break
        }
    }
}
