import PlannerModel
import PlannerRules

/// What the validator still finds, printed so the appraiser sees the gaps the doctor
/// already knows about, and the PII findings the doctor chose to export despite.
extension ExportContext {
    var nonPIIFindings: [Finding] {
        let pii = Set(report.piiFindings)
        return report.findings.filter { !pii.contains($0) }
    }

    /// "Not ready for the appraiser: 2 must be put right, 5 worth putting right, 3 hints."
    var readinessSentence: String {
        let findings = nonPIIFindings
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        let infos = findings.filter { $0.severity == .info }.count
        let counts = "\(ExportContext.plural(errors, "finding")) to put right, \(warnings) worth putting right, \(ExportContext.plural(infos, "hint"))"
        return errors == 0
            ? "**Ready for the \(reviewer)** by the planner's checks (\(counts))."
            : "**Not yet ready for the \(reviewer)** by the planner's checks: \(counts)."
    }

    func writeReadinessFindings(level: Int, newPage: Bool = false, into md: inout MarkdownWriter) {
        md.heading(level, "Readiness: what the planner says is still missing", id: "readiness", newPage: newPage)
        md.paragraph(
            "The \(person)'s planner checks the portfolio against what is expected at the \(profile.stage.label.lowercased()) stage. "
                + "These are its findings at the time of export, shown so that the \(reviewer) sees the gaps the \(person) already knows about. "
                + readinessSentence)
        let groups: [(Severity, String)] = [(.error, "To put right before the meeting"), (.warning, "Worth putting right"), (.info, "Hints")]
        let findings = nonPIIFindings
        if findings.isEmpty {
            md.paragraph("No findings: everything the checks look for is present.")
        }
        for (severity, title) in groups {
            let group = findings.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            md.heading(level + 1, "\(title) (\(group.count))")
            md.list(group.map { "**" + whereLabel($0.location) + ":** " + MarkdownEscaping.inline($0.message) })
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
        md.list(
            findings.map { finding in
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
