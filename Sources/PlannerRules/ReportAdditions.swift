import PlannerModel

extension ValidationReport {
    /// The report with findings the validator cannot make itself added at the end: it sees
    /// the portfolio only, and these come from the files beside it (missing attachments).
    public func adding(_ more: [Finding]) -> ValidationReport {
        more.isEmpty ? self : ValidationReport(findings: findings + more, coverage: coverage)
    }
}
