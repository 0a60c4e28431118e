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
        // A nil return speaks for the year it was made in, never for the next one.
        profile.declaredNone = [:]
        profile.periodStart = next.start
        profile.periodEnd = next.end
        return next
    }
}

/// The rules for what a doctor types, written once: the forms, the CLI and the validator
/// all ask here, so they cannot disagree.
public enum InputRules {
    /// Why `text` is not a GMC reference number (exactly 7 digits, 0–9), or nil if it is one.
    /// Empty text is no number at all, which is allowed.
    public static func gmcNumberProblem(_ text: String) -> String? {
        if text.isEmpty || (text.count == 7 && text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }) { return nil }
        return "“\(text)” should be exactly 7 digits (0–9)"
    }

    /// Why an evidence date cannot be used, or nil: evidence records something that has happened.
    public static func evidenceDateProblem(_ date: CalendarDate, today: CalendarDate) -> String? {
        date > today ? "\(date) is in the future (today is \(today)); evidence records something that has happened" : nil
    }
}
