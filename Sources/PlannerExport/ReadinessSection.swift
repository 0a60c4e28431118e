import Foundation
import PlannerModel
import PlannerRules

/// What the validator still finds, told as what the doctor should do: one line per kind of
/// finding (with the items it concerns, by number and full title), grouped by how soon it
/// matters, so the appraiser sees the gaps the doctor already knows about at a glance.
extension ExportContext {
    var nonPIIFindings: [Finding] {
        let pii = Set(report.piiFindings)
        return report.findings.filter { !pii.contains($0) }
    }

    /// One thing to do: a plain lead and, for findings about items or goals, what they concern.
    struct ReadinessLine {
        let severity: Severity
        let text: String
    }

    /// The headings the lines are grouped under, most urgent first.
    static let readinessGroups: [(Severity, String)] = [
        (.error, "To put right before the meeting"), (.warning, "Worth putting right"), (.info, "Good to know"),
    ]

    /// What to do about findings of this code (its first two parts, `pdp.review`), for
    /// findings that concern items, goals, elements or domains: the things follow it.
    static func lead(ofCode code: String) -> String {
        switch code {
        case "structure.unknown-link": return "Correct links to parts of the framework that do not exist"
        case "structure.text": return "Tidy the text (stray spaces, blank lines or overlong fields)"
        case "evidence.unlinked": return "Link to the framework, so they count towards coverage"
        case "evidence.reflection": return "Write the missing reflection"
        case "evidence.confirmation": return "Ask a supervisor to confirm"
        case "structure.future-date": return "Check the dates, which are in the future"
        case "structure.tags", "structure.unknown-kind": return "Correct tags or kinds the planner does not know"
        case "evidence.after-period": return "Dated after this period, so they count next year"
        case "structure.duplicate-id": return "Recorded twice: keep one of each"
        case "pdp.smart": return "Make these goals specific, with a measure and a target date"
        case "pdp.review": return "Say how these goals from last year went"
        case "coverage.element": return "Add evidence this period for"
        case "coverage.domain": return "Add evidence this period for these domains"
        case "rating.missing": return "Rate yourself on"
        default: return "Look again at"
        }
    }

    /// The findings as lines: those about items or goals gathered per check, the others as
    /// their own sentence with dates written as the rest of the document writes them.
    var readinessLines: [ReadinessLine] {
        var lines: [ReadinessLine] = []
        var gathered: [String: (severity: Severity, refs: [String], earlier: Int)] = [:]
        var order: [String] = []
        for finding in nonPIIFindings {
            let check = finding.code.split(separator: ".").prefix(2).joined(separator: ".")
            var about: String?
            var earlier = 0
            if let id = finding.location.evidenceID {
                if let entry = plan.entry(forID: id), entry.home != .archived {
                    about = ref(entry.number) + " “" + ExportContext.inlineOr(entry.evidence.title, "untitled") + "”"
                } else {
                    earlier = 1
                }
            } else if let id = finding.location.goalID {
                about = "“" + ExportContext.inlineOr(portfolio.goal(withID: id)?.title ?? "", "untitled") + "”"
            } else if check == "coverage.element" || check == "rating.missing", let id = finding.location.element,
                let position = framework.position(ofElement: id)
            {
                about = elementLabels[position]
            } else if check == "coverage.domain", let id = finding.location.domain, let domain = framework.domain(id) {
                about = "\(domain.id) " + MarkdownEscaping.inline(domain.name)
            }
            guard about != nil || earlier > 0 else {
                lines.append(ReadinessLine(severity: finding.severity, text: ExportContext.longDates(MarkdownEscaping.inline(finding.message))))
                continue
            }
            let key = "\(finding.severity.rawValue) \(check)"
            if gathered[key] == nil { order.append(key); gathered[key] = (finding.severity, [], 0) }
            if let about, !gathered[key]!.refs.contains(about) { gathered[key]!.refs.append(about) }
            gathered[key]!.earlier += earlier
        }
        for key in order {
            let group = gathered[key]!
            let check = String(key.split(separator: " ").last ?? "")
            let things = group.refs.count + group.earlier
            var parts = group.refs
            if group.earlier > 0 { parts.append(ExportContext.plural(group.earlier, "item") + " from earlier years") }
            lines.append(
                ReadinessLine(
                    severity: group.severity, text: "**" + ExportContext.lead(ofCode: check) + "** (\(things)): " + parts.joined(separator: "; ") + "."))
        }
        return lines
    }

    /// "2025-03-31" → "31 March 2025" inside a message, so every date reads the same.
    static func longDates(_ text: String) -> String {
        guard text.contains("-") else { return text }
        var out = ""
        var rest = Substring(text)
        while let range = rest.firstRange(of: /\d{4}-\d{2}-\d{2}/) {
            out += rest[..<range.lowerBound]
            let iso = String(rest[range])
            out += CalendarDate(iso).map(long) ?? iso
            rest = rest[range.upperBound...]
        }
        return out + rest
    }

    /// "Not yet ready for the appraiser: 2 things to put right before the meeting." in one sentence.
    var readinessSentence: String {
        let lines = readinessLines
        let errors = lines.filter { $0.severity == .error }.count
        let warnings = lines.filter { $0.severity == .warning }.count
        if errors > 0 {
            return "**Not yet ready for the \(reviewer):** \(ExportContext.plural(errors, "thing")) to put right before the meeting"
                + (warnings > 0 ? ", and \(warnings) worth putting right." : ".")
        }
        return "**Ready for the \(reviewer):** everything the planner checks is in place"
            + (warnings > 0 ? ", with \(ExportContext.plural(warnings, "thing")) worth putting right." : ".")
    }

    func writeReadinessFindings(level: Int, newPage: Bool = false, into md: inout MarkdownWriter) {
        md.heading(level, "Readiness: what is still to do", id: "readiness", newPage: newPage)
        md.paragraph(
            "What the \(person)'s planner finds when it checks the portfolio against what is expected at the "
                + "\(profile.stage.label.lowercased()) stage, at the time of export. " + readinessSentence)
        let lines = readinessLines
        if lines.isEmpty { md.paragraph("Nothing: everything the checks look for is present.") }
        for (severity, title) in ExportContext.readinessGroups {
            let group = lines.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            md.heading(level + 1, title)
            md.list(group.map(\.text))
        }
    }

    /// The PII findings, when the doctor exported despite them. Text inside a private item
    /// that is not printed is not quoted here either.
    func writeFlagged(level: Int, into md: inout MarkdownWriter) {
        let findings = report.piiFindings
        guard !findings.isEmpty else { return }
        md.heading(level, "Flagged: text that may identify a patient", id: "flagged")
        md.paragraph(
            "The planner found \(ExportContext.plural(findings.count, "piece")) of text that look like patient-identifiable "
                + "information, and the \(person) chose to export anyway. Patient-identifiable details must not be kept in an appraisal "
                + "portfolio: check each one before this document is shared.")
        // An item of an earlier year is not printed, so neither is what was flagged in it.
        let notPrinted = findings.filter { finding in finding.location.evidenceID.flatMap(plan.entry(forID:))?.home == .archived }
        let printed = findings.filter { !notPrinted.contains($0) }
        if !notPrinted.isEmpty {
            md.paragraph(
                "\(ExportContext.plural(notPrinted.count, "piece")) \(notPrinted.count == 1 ? "is" : "are") in items of earlier years, "
                    + "which this document counts but does not print; the \(person) should check them in the portfolio.")
        }
        md.list(
            printed.map { finding in
                let kind = finding.code.split(separator: ".").last.flatMap { PIIGuard.Kind(rawValue: String($0)) }
                let hidden = finding.location.evidenceID.flatMap { id in plan.entry(forID: id) }.map { !showsInFull($0.evidence) } ?? false
                let what: String
                if hidden {
                    what = "looks like " + (kind?.label ?? "identifying information") + "; the text is in a private item and is not printed here."
                } else {
                    what = MarkdownEscaping.inline(finding.message)
                }
                return "**" + whereLabel(finding.location) + ":** " + what
            })
    }
}
