/// What a new portfolio's review period is when the doctor has not said: the year their stage
/// works to, the one that holds today. In the core so that the first-run form and `mlcf new`
/// offer the same dates; the days each stage's year starts on are data (`Resources/taxonomy.json`).
extension Period {
    /// The stage's year that holds `today`:
    ///   * a year that starts on the stage's `yearStart` (academic year from 1 September,
    ///     training year from 1 August, the NHS appraisal year from 1 April);
    ///   * for a stage whose year ends at the appraisal, with an `appraisalDate` (last year's or
    ///     the coming one, either will do): the 12 months ending on that date's next anniversary
    ///     on or after today;
    ///   * for a stage the taxonomy gives no start day: the 12 months ending today.
    public static func suggested(for stage: Stage, today: CalendarDate, appraisalDate: CalendarDate? = nil, taxonomy: Taxonomy) -> Period {
        let info = taxonomy.stage(stage)
        if info?.yearEndsAtAppraisal == true, let appraisalDate {
            var end = appraisalDate.adding(years: today.year - appraisalDate.year)
            if end < today { end = appraisalDate.adding(years: today.year - appraisalDate.year + 1) }
            return Period(start: end.adding(years: -1).adding(days: 1), end: end)
        }
        guard let (month, day) = info?.yearStartMonthDay, let thisYears = CalendarDate(year: today.year, month: month, day: day) else {
            return Period(start: today.adding(years: -1).adding(days: 1), end: today)
        }
        let start = thisYears <= today ? thisYears : thisYears.adding(years: -1)
        return Period(start: start, end: start.adding(years: 1).adding(days: -1))
    }
}
