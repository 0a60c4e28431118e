import Foundation
import PlannerCore
import Testing

@testable import PlannerUI

/// The appraisal at update level: a nil return made and withdrawn from the readiness list,
/// and the warning before a portfolio that is not ready is exported.
@Suite struct AppraisalFlowTests {
    static func state(_ portfolio: Portfolio) -> AppState {
        AppState(
            portfolio: portfolio, path: "/home/doctor/p.json", width: 100, height: 30, today: fixedToday,
            validator: Validator(framework: .mlcf, catalog: .bundled))
    }

    /// The ready portfolio without its significant events: one error, of that type.
    static func withoutSignificantEvents() -> AppState {
        var portfolio = readyContinuingPortfolio()
        portfolio.evidence.removeAll { $0.kind == EvidenceKind("significant-event") }
        return state(portfolio)
    }

    /// Opens the readiness list and selects the finding about a GMC type.
    static func select(_ type: String, in state: inout AppState) {
        state.press(.character("r"))
        let index = state.report.findings.firstIndex { $0.location.field == "supportingInfo.\(type)" }
        #expect(index != nil, "no finding about \(type)")
        for _ in 0..<(index ?? 0) { state.press(.down) }
    }

    @Test func nOnAMissingTypeDeclaresNoneWithANoteAndNAgainWithdrawsIt() {
        var state = Self.withoutSignificantEvents()
        #expect(!state.report.isReady)
        Self.select("significant-events", in: &state)
        #expect(state.render().text.contains("n: declare none this period"))
        state.press(.character("n"))
        #expect(state.mode == .prompt)
        state.type("No incidents reported this year.")
        let effects = state.press(.enter)
        #expect(effects.contains(.save))
        #expect(state.portfolio.profile.declaredNone["significant-events"]?.note == "No incidents reported this year.")
        #expect(state.report.isReady, "a declared type is complete")
        // The declaration shows as a hint on the same list, where n withdraws it.
        Self.select("significant-events", in: &state)
        #expect(state.report.findings[state.readinessSelection].code == "gmc.supporting-info.declared")
        #expect(state.render().text.contains("n: withdraw the declaration"))
        state.press(.character("n"))
        #expect(state.portfolio.profile.declaredNone.isEmpty)
        #expect(!state.report.isReady)
    }

    @Test func escLeavesTheQuestionWithoutDeclaring() {
        var state = Self.withoutSignificantEvents()
        Self.select("significant-events", in: &state)
        state.press(.character("n"))
        state.type("draft")
        state.press(.escape)
        #expect(state.portfolio.profile.declaredNone.isEmpty)
    }

    @Test func nOnAnotherFindingChangesNothingAndSaysWhy() {
        var portfolio = Self.withoutSignificantEvents().portfolio
        portfolio.pdp = []
        var state = Self.state(portfolio)
        state.press(.character("r"))
        let index = state.report.findings.firstIndex { $0.location.field?.hasPrefix("supportingInfo.") != true }!
        for _ in 0..<index { state.press(.down) }
        let effects = state.press(.character("n"))
        #expect(effects.isEmpty)
        #expect(state.portfolio.profile.declaredNone.isEmpty)
        #expect(state.render().text.contains("n declares “none this period” for a GMC type: first select its finding."))
    }

    @Test func exportingAPortfolioThatIsNotReadyAsksFirstNamingTheErrors() {
        var state = Self.withoutSignificantEvents()
        let errors = state.report.count(.error)
        #expect(state.press(.character("e")).isEmpty)
        #expect(state.mode == .confirmExport)
        #expect(state.render().text.contains("The readiness list has \(errors) error"))
        #expect(state.press(.character("n")).isEmpty, "any other key: not now")
        #expect(state.modal == nil)
        state.press(.character("e"))
        #expect(state.press(.character("y")) == [.export])
    }

    @Test func exportingAReadyPortfolioDoesNotAsk() {
        var state = Self.state(readyContinuingPortfolio())
        #expect(state.report.isReady)
        #expect(state.press(.character("e")) == [.export])
    }
}

extension AppraisalFlowTests {
    /// Patient-identifiable text stops the export whatever the answer, so nothing is asked first.
    @Test func exportingWithPatientDetailsGoesStraightToTheStop() {
        var portfolio = Self.withoutSignificantEvents().portfolio
        portfolio.evidence[0].description = "Seen with NHS number 943 476 5919."
        var state = Self.state(portfolio)
        #expect(!state.report.piiFindings.isEmpty)
        #expect(state.press(.character("e")) == [.export])
    }
}

/// The planner's export records the document written in the portfolio, and asks for a save.
@Suite struct ExportRecordFlowTests {
    @Test func aDocumentWrittenIsRecordedAndSaved() {
        var state = AppraisalFlowTests.state(readyContinuingPortfolio())
        let document = ExportedDocument(file: "p-appraisal-2025-26.md", date: fixedToday, bytes: 10)
        let effects = state.exportFinished(ExportResult(text: "Exported.", isError: false, document: document))
        #expect(effects.contains(.save))
        #expect(state.portfolio.profile.exported == document)
        #expect(state.render().text.contains("Exported."))
        let again = state.exportFinished(ExportResult(text: "Stopped.", isError: true))
        #expect(again.isEmpty && state.portfolio.profile.exported == document, "a failed export records nothing")
    }
}
