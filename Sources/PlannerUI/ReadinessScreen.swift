import Foundation
import PlannerCore

extension AppState {
    mutating func readinessKey(_ key: Key) -> [Effect] {
        guard let command = command(for: key) else { return [] }
        let findings = report.findings
        if let moved = ListSupport.move(readinessSelection, command, count: findings.count, page: contentHeight - 3) {
            readinessSelection = moved
            return []
        }
        if command == .open, let finding = findings[safe: readinessSelection] {
            jump(to: finding.location)
            return []
        }
        if command == .declareNone { return declareNone(findings[safe: readinessSelection]) }
        return globalCommand(command)
    }

    /// The GMC type a finding is about, when the doctor may declare none of it there: the
    /// type's missing, declared or contradicted finding (not a PII finding on a note).
    static func declarableType(_ finding: Finding?) -> String? {
        guard let finding, !finding.code.hasPrefix("pii."), let field = finding.location.field, field.hasPrefix("supportingInfo.") else { return nil }
        return String(field.dropFirst("supportingInfo.".count))
    }

    /// `n` on the readiness list: asks for the note of a nil return, or withdraws the one made.
    mutating func declareNone(_ finding: Finding?) -> [Effect] {
        guard let type = Self.declarableType(finding) else {
            say("n declares “none this period” for a GMC type: first select its finding.")
            return []
        }
        let words = taxonomy.supportingInfoType(type)?.none ?? type
        if portfolio.profile.declaredNone[type] != nil {
            return commit("Withdrew “\(words)”.", evidence: .none) { $0.declareNone(type, note: nil) }
        }
        modal = .prompt(
            PromptState(purpose: .declareNone(type), question: "Declare “\(words)”. A note for your appraiser (optional):", buffer: TextBuffer("")))
        return []
    }

    /// Opens the place a finding points at: the evidence item, goal, element, profile field or list.
    mutating func jump(to location: FindingLocation) {
        if let id = location.evidenceID, let item = portfolio.evidence(withID: id) {
            openEvidenceEditor(item)
            if let field = location.field, var state = editor {
                let key =
                    [
                        "reflection": "whatHappened", "reflection: what happened": "whatHappened", "reflection: what I learned": "whatLearned",
                        "reflection: what I will do next": "whatNext", "confirmation": "confirmedBy", "cpdCredits": "cpdCredits",
                    ][field] ?? field
                state.form.focus(on: key)
                if field == "reflection", let empty = ["whatHappened", "whatLearned", "whatNext"].first(where: { state.form.value($0).isEmpty }) {
                    state.form.focus(on: empty)
                }
                editor = state
            }
        } else if let id = location.goalID, let goal = portfolio.goal(withID: id) {
            let isPrevious = portfolio.previousPdp.contains { $0.id == id }
            openGoalEditor(goal, isPrevious: isPrevious)
            if location.field == "review" { goalEditor?.form.focus(on: goal.status.isOpen ? "status" : "reviewNote") }
        } else if let element = location.element {
            elementSelection = 0
            frameworkIndex = 0  // findings are the first framework's
            go(.element(element))
        } else if let domain = location.domain {
            browser.expanded.insert(domain)
            browser.selection = browserRows.firstIndex { $0.id == domain } ?? 0
            go(.framework)
        } else if let field = location.field, field.hasPrefix("profile.") {
            openProfile()
            profileForm?.focus(on: String(field.dropFirst("profile.".count)))
        } else if location.field == "pdp" {
            pdp.reviewing = false
            go(.pdp)
        } else {
            go(.evidenceList)
        }
    }

    func drawReadiness(_ screen: inout Screen, y: Int, height: Int) {
        let w = screen.width
        let findings = report.findings
        // A new portfolio has not failed anything yet: the same counts, said as what is to come.
        let verdict = report.isReady ? "✓ Ready — no errors" : (isFreshStart ? "✗ Not ready yet (a new portfolio)" : "✗ Not ready")
        screen.put(
            "Readiness: \(verdict) · \(report.count(.error)) errors · \(report.count(.warning)) warnings · \(report.count(.info)) info",
            x: 1, y: y, style: report.isReady ? CellStyle(.good, bold: true) : .error, maxWidth: w - 2)
        if findings.isEmpty {
            screen.put("Nothing is missing for your stage. Export with e.", x: 2, y: y + 2, style: .good)
            return
        }
        let rows = height - 4
        let top = ListSupport.top(selection: readinessSelection, count: findings.count, height: rows)
        var lastSeverity: Severity? = top > 0 ? findings[top - 1].severity : nil
        var row = y + 1
        var i = top
        while i < findings.count && row < y + height - 3 {
            let finding = findings[i]
            if finding.severity != lastSeverity {
                let label = ["error": "Errors — must be fixed before it is ready", "warning": "Warnings — worth fixing", "info": "Hints"][
                    finding.severity.rawValue]!
                screen.put(label, x: 1, y: row, style: .bold)
                row += 1
                lastSeverity = finding.severity
                if row >= y + height - 3 { break }
            }
            let symbol = finding.severity == .error ? "✗" : (finding.severity == .warning ? "!" : "i")
            let style: CellStyle = finding.severity == .error ? .error : (finding.severity == .warning ? .warning : .muted)
            let selected = i == readinessSelection
            screen.put(ListSupport.marker(selected), x: 1, y: row, style: selected ? .selected : .plain)
            screen.put(symbol, x: 2, y: row, style: selected ? .selected : style)
            screen.put(DisplayWidth.pad(" " + finding.message, to: w - 4), x: 3, y: row, style: selected ? .selected : .plain)
            row += 1
            i += 1
        }
        if let finding = findings[safe: readinessSelection] {
            // The selected finding in full, since the list truncates long sentences.
            let lines = Wrap.lines(finding.message, width: w - 2)
            for (i, line) in lines.prefix(2).enumerated() { screen.put(line, x: 1, y: y + height - 3 + i, style: .accent) }
            var footer = "\(finding.code) · \(finding.location.label) · Enter: go there"
            // Said first, where it is not cut off: the one place this key applies.
            if let type = Self.declarableType(finding) {
                footer = (portfolio.profile.declaredNone[type] == nil ? "n: declare none this period · " : "n: withdraw the declaration · ") + footer
            }
            screen.put(footer, x: 1, y: y + height - 1, style: .muted, maxWidth: w - 2)
        }
    }
}
