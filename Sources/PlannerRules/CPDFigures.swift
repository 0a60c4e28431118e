import PlannerModel

/// The CPD credits a doctor has against the usual guidance: this period's, and the
/// revalidation cycle's. Computed here once so the dashboard, `mlcf summary`, `mlcf status`
/// and the export cannot disagree.
public struct CPDFigures: Equatable, Sendable {
    public let period: Period
    /// The credits of the items dated in the period, added in portfolio order (as the export's
    /// credits table adds them, so its total and this one are the same number).
    public let periodCredits: Double
    /// The revalidation cycle: the `cycleYears` ending at the revalidation date, or without
    /// one, ending at the period's end.
    public let cycle: Period
    public let cycleCredits: Double
    /// Whether the cycle ends at the doctor's revalidation date (false: at the period's end).
    public let cycleEndsAtRevalidation: Bool
    public let guidance: Taxonomy.CPDGuidance

    /// Evidence stays in the portfolio when a period is archived, so items of earlier periods
    /// count towards the cycle; each item is read once, so none counts twice.
    public init(_ portfolio: Portfolio, guidance: Taxonomy.CPDGuidance) {
        let period = portfolio.period
        let revalidation = portfolio.profile.revalidationDate
        let end = revalidation ?? period.end
        let cycle = Period(start: end.adding(years: -guidance.cycleYears).adding(days: 1), end: end)
        var inPeriod = 0.0, inCycle = 0.0
        for item in portfolio.evidence {
            guard let credits = item.cpdCredits else { continue }
            if period.contains(item.date) { inPeriod += credits }
            if cycle.contains(item.date) { inCycle += credits }
        }
        self.period = period
        self.periodCredits = inPeriod
        self.cycle = cycle
        self.cycleCredits = inCycle
        self.cycleEndsAtRevalidation = revalidation != nil
        self.guidance = guidance
    }

    /// The figures when the taxonomy gives guidance for the portfolio's stage; nil otherwise.
    public static func shown(for portfolio: Portfolio, taxonomy: Taxonomy) -> CPDFigures? {
        guard let guidance = taxonomy.cpdGuidance, guidance.applies(to: portfolio.stage) else { return nil }
        return CPDFigures(portfolio, guidance: guidance)
    }

    // MARK: Words shared by the views

    /// "31 of 50 credits this period · 140 of 250 in the cycle to 2028-09-30".
    public var headline: String {
        "\(PlainText.number(periodCredits)) of \(PlainText.number(guidance.creditsPerYear)) credits this period · "
            + "\(PlainText.number(cycleCredits)) of \(PlainText.number(guidance.creditsPerCycle)) in the cycle to \(cycle.end)"
    }

    /// "cycle 2023-10-01 to 2028-09-30: 5 years to your revalidation date": which cycle, and why.
    public var cycleText: String {
        let why =
            cycleEndsAtRevalidation
            ? "\(guidance.cycleYears) years to your revalidation date"
            : "\(guidance.cycleYears) years to period end (no revalidation date)"
        return "cycle \(cycle.start) to \(cycle.end): \(why)"
    }

    /// "CPD 31/50": the period's credits against the yearly guide, for a one-line status.
    public var statusText: String { "CPD \(PlainText.number(periodCredits))/\(PlainText.number(guidance.creditsPerYear))" }
}
