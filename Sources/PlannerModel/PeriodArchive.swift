import Foundation

/// Archived periods seen again: found by the label a doctor uses (`Period.yearLabel`, "2024-25"), and rebuilt as
/// the portfolio stood in that year, so the same exporter and views can show it.
extension Portfolio {
    /// The archived period a label names (`2024-25`, or its first day `2024-10-01`), the
    /// latest if two share it.
    public func archivedIndex(named name: String) -> Int? {
        let wanted = name.trimmingCharacters(in: .whitespaces)
        return history.lastIndex { $0.period.yearLabel == wanted || $0.periodStart.description == wanted }
    }

    /// The portfolio as it stood in archived period `index`: that year's dates, stage, grade,
    /// appraiser, appraisal date, texts, nil returns, ratings and goals as reviewed; its plan is the goals
    /// the next year took on (as they stand now). Evidence is all kept: the period picks its own.
    public func asArchived(_ index: Int) -> Portfolio {
        let past = history[index]
        var profile = self.profile
        profile.periodStart = past.periodStart
        profile.periodEnd = past.periodEnd
        if let stage = past.stage { profile.stage = stage }
        if let grade = past.grade { profile.grade = grade }
        profile.appraiser = past.appraiser ?? ""
        for field in PastPeriod.perPeriodFields { field.restore(past, &profile) }
        let plan = index + 1 < history.count ? history[index + 1].pdp : previousPdp
        var archived = Portfolio(
            profile: profile, evidence: evidence, ratings: past.ratings, pdp: plan, previousPdp: past.pdp,
            history: Array(history[..<index]))
        // The items brought into that year's document, as they were; not this year's.
        archived.restoreBroughtForward(past.broughtForward)
        return archived
    }
}
