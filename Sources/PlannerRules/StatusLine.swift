import PlannerModel

/// `mlcf status`'s one line, fit for a shell prompt or a cron mail:
/// `mlcf: appraisal in 42 days · 3 errors · CPD 31/50`. Plain text, no colour.
public enum StatusLine {
    public static func make(_ portfolio: Portfolio, report: ValidationReport, taxonomy: Taxonomy, today: CalendarDate) -> String {
        var parts: [String] = []
        if let due = DueDates.next(portfolio.profile, taxonomy: taxonomy, today: today) { parts.append(due.statusText) }
        let errors = report.count(.error)
        parts.append(errors == 0 ? "ready" : "\(errors) error\(errors == 1 ? "" : "s")")
        if let cpd = CPDFigures.shown(for: portfolio, taxonomy: taxonomy) { parts.append(cpd.statusText) }
        return "mlcf: " + parts.joined(separator: " · ")
    }
}
