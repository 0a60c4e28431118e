import PlannerCore
import Testing

@testable import PlannerUI

/// Issue 18 at update level: copies a sync tool left beside the portfolio are offered one at
/// a time when it opens; `m` asks the run loop to merge, a clean merge then offers to move the
/// copy aside, clashes open the Merge conflicts screen, and `n` leaves a copy for next time.
@Suite struct SyncCopyFlowTests {
    static let syncthing = SyncCopy(path: "/d/p.sync-conflict-20261205-101500-ABCDEFG.json", tool: .syncthing)
    static let dropbox = SyncCopy(path: "/d/p (conflicted copy 2026-12-05).json", tool: .dropbox)

    @Test func aCleanMergeOffersToMoveTheCopyAsideThenTheNextCopy() {
        var state = makeState()
        state.offerSyncCopies([Self.syncthing, Self.dropbox])
        #expect(state.mode == .syncCopy)
        let text = state.render().text
        #expect(text.contains("a Syncthing conflict"), "\(text)")
        #expect(text.contains("merge it in"))
        let offer = SyncCopyOffer([Self.syncthing, Self.dropbox])
        #expect(state.press(.character("m")) == [.mergeSyncCopy(offer)])
        #expect(state.modal == nil)
        // The run loop merged and saved: nothing clashed.
        state.syncCopyMerged(offer, conflicts: 0)
        #expect(state.mode == .moveAside)
        #expect(state.render().text.contains(".merged"))
        #expect(state.press(.character("y")) == [.moveAside(offer)])
        state.movedAside(offer, to: Self.syncthing.path + ".merged")
        #expect(state.status?.contains(".merged") == true)
        // The Dropbox copy is offered next; leaving it closes the dialog and says so.
        #expect(state.modal == .syncCopy(SyncCopyOffer([Self.dropbox])))
        #expect(state.press(.escape) == [])
        #expect(state.modal == nil)
        #expect(state.status?.contains("offered again next time") == true)
    }

    @Test func clashesOpenTheConflictsScreen() {
        var state = makeState()
        state.offerSyncCopies([Self.dropbox])
        #expect(state.press(.character("m")) == [.mergeSyncCopy(SyncCopyOffer([Self.dropbox]))])
        state.syncCopyMerged(SyncCopyOffer([Self.dropbox]), conflicts: 2)
        #expect(state.route == .conflicts)
        #expect(state.modal == nil)
        #expect(state.status?.contains("2 conflicts") == true)
    }

    @Test func leavingTheMergedCopyKeepsItAndAFailedRenameSaysWhy() {
        var state = makeState()
        let offer = SyncCopyOffer([Self.dropbox])
        state.syncCopyMerged(offer, conflicts: 0)
        #expect(state.press(.character("n")) == [])
        #expect(state.modal == nil)
        state.modal = .moveAside(offer)
        #expect(state.press(.character("y")) == [.moveAside(offer)])
        state.movedAside(offer, to: nil, error: "read-only folder")
        #expect(state.statusIsError)
        #expect(state.status?.contains("read-only folder") == true)
    }

    /// A recovered draft is asked about first; the offer follows when that dialog closes.
    @Test func theOfferWaitsBehindTheRecoveredDraft() {
        var state = makeState()
        state.modal = .recovery(Draft(kind: .evidence, targetID: nil, values: ["title": "A draft"]))
        state.offerSyncCopies([Self.syncthing])
        #expect(state.mode == .recovery)
        state.press(.character("n"))
        #expect(state.mode == .syncCopy)
    }
}
