import Foundation
import PlannerCore
import Testing

@testable import PlannerUI

/// What the full year in tmux (FullYearEndToEndTests) found at 80×24, held at update level.
@Suite struct YearAt80ColumnsTests {
    /// A Ctrl-N refused while the year runs leaves the doctor in the profile, where the
    /// appraisal date that decides it is, not on the screen they came from.
    @Test func aRefusedNewPeriodStaysInTheProfile() {
        var state = makeState()
        state.press(.character("u"), .ctrl("n"), .character("y"))
        #expect(state.route != .profile, "a new period that starts closes the profile")
        let once = state.portfolio
        state.press(.character("u"), .ctrl("n"), .character("y"))
        #expect(state.portfolio == once, "a second Ctrl-N in the same year changed the portfolio")
        #expect(state.statusIsError && state.status?.contains("Too early") == true)
        #expect(state.route == .profile && state.profileForm != nil, "the refusal closed the profile (route \(state.route))")
    }

    /// The nil return's question is longer than the box at 80 columns: it wraps, whole.
    @Test func theNilReturnsQuestionIsReadInFullAt80Columns() {
        var portfolio = readyContinuingPortfolio()
        portfolio.evidence.removeAll { $0.kind == EvidenceKind("significant-event") }
        var state = AppState(
            portfolio: portfolio, path: "/home/doctor/p.json", width: 80, height: 24, today: fixedToday,
            validator: Validator(framework: .mlcf, catalog: .bundled))
        state.press(.character("r"))
        let index = state.report.findings.firstIndex { $0.location.field == "supportingInfo.significant-events" }
        #expect(index != nil)
        for _ in 0..<(index ?? 0) { state.press(.down) }
        state.press(.character("n"))
        let text = state.render().text.replacingOccurrences(of: "│", with: " ")
        let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("Declare “No significant events this period”. A note for your appraiser (optional):"), "\(state.render().text)")
    }
}
