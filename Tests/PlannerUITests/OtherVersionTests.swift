import PlannerCore
import Testing

@testable import PlannerUI

/// Issue 13, item 2, in the pure state: when a save finds the file changed by another
/// program, the planner says where both versions are, saves to its own from then on, and
/// offers to open the other one.
@Suite struct OtherVersionTests {
    @Test func theNoticeNamesBothFilesAndROpensTheOther() {
        var state = makeState()
        state.savedBeside(original: "/home/doctor/p.json", ours: "/home/doctor/p.mine-2026-12-05-1015.json")
        #expect(state.saveStatus == .saved)
        #expect(state.path == "/home/doctor/p.mine-2026-12-05-1015.json")
        #expect(state.modal == .otherVersion(OtherVersion(original: "/home/doctor/p.json", ours: "/home/doctor/p.mine-2026-12-05-1015.json")))
        let text = state.render().text
        #expect(text.contains("changed by another program"))
        #expect(text.contains("Nothing was overwritten"))
        #expect(state.press(.character("r")) == [.reload])
        #expect(state.modal == nil)
    }

    @Test func keepingOursSaysWhereEachVersionIs() {
        var state = makeState()
        state.savedBeside(original: "/d/p.json", ours: "/d/p.mine.json")
        #expect(state.press(.character("k")) == [])
        #expect(state.modal == nil)
        #expect(state.status?.contains("/d/p.mine.json") == true)
        #expect(state.status?.contains("/d/p.json") == true)
    }

    /// A dialog already open (a picker holding unsaved ticks) is not thrown away: the notice
    /// waits until it closes.
    @Test func theNoticeWaitsBehindAnOpenDialog() {
        var state = makeState()
        state.press(.character("?"))
        #expect(state.modal == .help)
        state.savedBeside(original: "/d/p.json", ours: "/d/p.mine.json")
        #expect(state.modal == .help)
        state.press(.escape)
        #expect(state.modal == .otherVersion(OtherVersion(original: "/d/p.json", ours: "/d/p.mine.json")))
    }
}
