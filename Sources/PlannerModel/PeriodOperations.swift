/// The domain operations of a doctor's year, in the core so that the planner, the CLI and any
/// import reach the same result by calling the same function.
extension Portfolio {
    /// Archives this period into the history (its ratings and the goals already reviewed),
    /// moves this period's PDP to "last period's goals" for review (with any goal from the
    /// last review still open), and opens the next period. Evidence stays where it is.
    /// Returns the new period.
    @discardableResult
    public mutating func startNewPeriod() -> Period {
        let next = period.next
        let finished = previousPdp.filter { !$0.status.isOpen }
        let unfinished = previousPdp.filter { $0.status.isOpen }
        history.append(
            PastPeriod(
                periodStart: profile.periodStart, periodEnd: profile.periodEnd, stage: profile.stage,
                grade: profile.grade, appraiser: profile.appraiser, ratings: ratings, pdp: finished))
        previousPdp = pdp + unfinished
        pdp = []
        ratings = [:]
        walkthrough = nil
        profile.periodStart = next.start
        profile.periodEnd = next.end
        return next
    }
}
