/// The domain operations of a doctor's year, in the core so that the planner, the CLI and any
/// import reach the same result by calling the same function.
extension Portfolio {
    /// How long before the appraisal the goals' review falls due: the documents go to the
    /// appraiser a couple of weeks before the meeting, and the review is written before that.
    public static let reviewLeadDays = 56

    /// The first day this period's goals are due for review: 8 weeks before the appraisal
    /// date; without one, the first day of the period's last three months. Before it, this
    /// year's goals are in progress, not overdue.
    public var reviewDueFrom: CalendarDate {
        if let appraisal = profile.appraisalDate { return appraisal.adding(days: -Portfolio.reviewLeadDays) }
        return Portfolio.threeMonths(before: profile.periodEnd).adding(days: 1)
    }

    public func isReviewDue(today: CalendarDate) -> Bool { today >= reviewDueFrom }

    /// The period a new period would open: the next year, or a year from `start` when the
    /// doctor names the day (a new post that does not begin where the old year ends).
    public func nextPeriod(start: CalendarDate? = nil) -> Period {
        guard let start else { return period.next }
        return Period(start: start, end: start.adding(years: 1).adding(days: -1))
    }

    /// Archives this period into the history and opens the next one, as an appraisal year
    /// runs: the plan agreed at the appraisal becomes this year's goals (in progress), each
    /// goal still open from this year's review is copied into them once, linked to the old
    /// one (`carriedFrom`), and goals achieved, replaced or dropped stay in the archive.
    /// The archive keeps this period's ratings, its goals exactly as reviewed, its appraisal
    /// date, appraiser and texts (probity, health, achievements, challenges, aspirations),
    /// which the new period starts empty, and which earlier items the doctor brought into its
    /// document, and why (`BroughtForwardMark`), which the new period starts without.
    /// Evidence stays where it is.
    ///
    /// Refused while this period's review is not due (`reviewDueFrom`): a period is closed
    /// by its appraisal, and this also makes a second run in a row change nothing.
    @discardableResult
    public mutating func startNewPeriod(start: CalendarDate? = nil, today: CalendarDate) throws(NewPeriodRefusal) -> Period {
        if let start, start <= profile.periodStart { throw .startNotAfterCurrent(start: start, current: profile.periodStart) }
        guard isReviewDue(today: today) else { throw .reviewNotDue(from: reviewDueFrom, period: period) }
        let next = nextPeriod(start: start)
        var archived = PastPeriod(
            periodStart: profile.periodStart, periodEnd: min(profile.periodEnd, next.start.adding(days: -1)), stage: profile.stage,
            grade: profile.grade, appraiser: profile.appraiser, ratings: ratings, pdp: previousPdp)
        // Declarations, reflections, the appraisal date, the nil returns and the document sent
        // are the year's own: the new one starts them afresh (the planner offers last year's
        // text to copy), so none counts as made already.
        for field in PastPeriod.perPeriodFields {
            field.archive(profile, &archived)
            field.reset(&profile)
        }
        // The items brought into this year's document, and why: that year's, not the next's
        // (kept with the archive, where its document is made again from them).
        let marks = broughtForwardMarks
        if !marks.isEmpty {
            archived.broughtForward = marks
            let marked = Set(marks.map(\.evidence))
            for index in evidence.indices where marked.contains(evidence[index].id) { evidence[index].bringForward = nil }
        }
        history.append(archived)
        let thisYear = pdp.map { goal -> Goal in
            var goal = goal
            if goal.status == .planned { goal.status = .inProgress }
            return goal
        }
        // A goal the plan already continues (written when it was carried) is not copied again.
        var continued = Set(thisYear.compactMap(\.carriedFrom))
        var copies: [Goal] = []
        for goal in previousPdp where goal.status.isOpen && !continued.contains(goal.id) {
            continued.insert(goal.id)
            copies.append(goal)
        }
        previousPdp = thisYear
        for old in copies {
            var copy = old
            copy.id = nextID(prefix: "pdp")
            copy.carriedFrom = old.id
            copy.status = .inProgress
            copy.reviewNote = ""
            copy.targetDate = old.targetDate.map { Portfolio.moved($0, into: next) }
            previousPdp.append(copy)
        }
        pdp = []
        ratings = [:]
        walkthrough = nil
        profile.periodStart = next.start
        profile.periodEnd = next.end
        return next
    }

    /// A carried goal's target date, moved on by whole years until it falls in the year the
    /// goal now belongs to (a goal due "by the end of June" stays due then); one already
    /// inside the year, or later, is kept.
    static func moved(_ date: CalendarDate, into year: Period) -> CalendarDate {
        var moved = date
        var years = 0
        while moved < year.start, years < 100 {
            years += 1
            moved = date.adding(years: years)
        }
        return moved
    }

    /// The same day three calendar months earlier (clamped to the month's length).
    static func threeMonths(before date: CalendarDate) -> CalendarDate {
        let months = date.year * 12 + (date.month - 1) - 3
        let year = months / 12, month = months % 12 + 1
        return CalendarDate(year: year, month: month, day: min(date.day, CalendarDate.daysIn(month: month, year: year))) ?? date
    }
}

/// Why a new period was not started; the wording is the doctor's (the planner and the CLI
/// show it as it is).
public enum NewPeriodRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// This period's review is not due yet: the year is still running.
    case reviewNotDue(from: CalendarDate, period: Period)
    /// A named start that would not move the portfolio on.
    case startNotAfterCurrent(start: CalendarDate, current: CalendarDate)

    /// Short enough for the planner's status line at 80 columns, the day that decides it first.
    public var description: String {
        switch self {
        case .reviewNotDue(let from, _):
            return "Too early: a new period can start from \(from), when the review is due."
        case .startNotAfterCurrent(let start, let current):
            return "The start \(start) is not after this period's start, \(current)."
        }
    }
}
