import PlannerCore
import TestSupport
import Testing

@testable import PlannerUI

/// The status line is one row: a message longer than it is cut with "…", never silently, and
/// the planner's own messages fit 80 columns whole (the year in tmux found the due date of a
/// refused Ctrl-N and the export's PDF hint cut off).
@Suite struct StatusLineTests {
    /// What a row shows of `text`: each character as the screen draws it (line breaks and tabs
    /// as spaces, an invisible or bidi character as a visible stand-in: `DisplayWidth.shown`).
    static func visible(_ text: String) -> String { String(text.map(DisplayWidth.shown)) }

    static func statusRow(_ state: AppState) -> String { state.render().line(at: state.height - 2) }

    @Test func aMessageNeverOverrunsTheRowAndACutAlwaysShowsTheMark() async {
        await Generated.check(fixedSeed: 1601, count: 300, maxLength: 200) { bytes in
            var choices = Choices(bytes)
            let width = 80 + choices.next(121)
            var message = ""
            for _ in 0..<choices.next(6) { message += choices.chance(3) ? String(repeating: "w", count: choices.next(90)) : choices.text(30) }
            let error = choices.chance(2)
            var state = makeState(width: width)
            state.say(message, error: error)
            let row = Self.statusRow(state)
            let full = Self.visible((error ? " ✗ " : " ") + message)
            #expect(DisplayWidth.of(row) <= width, "the row is \(DisplayWidth.of(row)) columns at width \(width): \(row.debugDescription)")
            if DisplayWidth.of(full) > width {
                #expect(row.hasSuffix("…"), "cut without a mark at width \(width): \(row.debugDescription)")
                #expect(full.hasPrefix(String(row.dropLast())), "the row is not the start of the message: \(row.debugDescription)")
            } else {
                var whole = full
                while whole.last == " " { whole.removeLast() }
                #expect(row == whole, "a message that fits was changed: \(row.debugDescription) for \(whole.debugDescription)")
            }
        }
    }

    /// Each message is checked as drawn at 80 columns: whole, with nothing cut.
    static func expectWhole(_ state: AppState, containing fact: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let row = statusRow(state)
        #expect(state.status != nil, "no message", sourceLocation: sourceLocation)
        #expect(!row.hasSuffix("…"), "cut at 80 columns: \(row)", sourceLocation: sourceLocation)
        #expect(row.contains(fact), "\(fact) is not on the status line: \(row)", sourceLocation: sourceLocation)
        #expect(row == StatusLine.text(state.status ?? "", isError: state.statusIsError, width: 1_000), sourceLocation: sourceLocation)
    }

    @Test func aRefusedNewPeriodShowsWhenItCanStartAt80Columns() {
        var state = NextYearFlowTests.afterNewPeriod()
        Self.expectWhole(state, containing: "Started the period")
        state.press(.character("u"), .ctrl("n"), .character("y"))
        Self.expectWhole(state, containing: "2027-07-01")
    }

    @Test func theExportSaysTheDocumentAndThePDFAt80Columns() {
        var state = makeState()
        _ = state.exportFinished(.exported(nil, fileName: "my-year-appraisal-2025-26.md", portfolioFileName: "my-year.json"))
        Self.expectWhole(state, containing: "--pdf")
        // A name too long for the row: the document's name is kept, the hint is cut, and says so.
        let long = "siobhan-ni-bhriain-consultant-appraisal-2025-26.md"
        _ = state.exportFinished(.exported(nil, fileName: long, portfolioFileName: "siobhan-ni-bhriain-consultant.json"))
        let row = Self.statusRow(state)
        #expect(row.contains(long) && row.hasSuffix("…"), "\(row)")
    }

    @Test func ctrlYOutsideAYearsTextSaysWhereItWorksAt80Columns() {
        var state = NextYearFlowTests.afterNewPeriod()
        state.press(.character("u"))
        state.profileForm?.focus(on: "name")
        state.press(.ctrl("y"))
        Self.expectWhole(state, containing: "aspirations")
    }
}
