/// The words for the portfolio's two lists of goals, in one place, so the PDP tab, the
/// dashboard, the goal form and the first steps never call one list by two names (after a new
/// period the plan agreed at the appraisal was "this year's goals" in one place and "last
/// period's review" in another).
public enum GoalList: Sendable, CaseIterable {
    /// `Portfolio.previousPdp`: agreed at the appraisal, worked on during the year, reviewed as
    /// the next appraisal nears (`Portfolio.reviewDueFrom`).
    case thisYear
    /// `Portfolio.pdp`: the plan proposed for next year, agreed at the coming appraisal.
    case proposed

    /// The list's name as a heading.
    public var title: String {
        switch self {
        case .thisYear: return "This year's goals (agreed at the appraisal)"
        case .proposed: return "Proposed for next year"
        }
    }

    /// The list's short name, on a tab or in a sentence.
    public var tab: String {
        switch self {
        case .thisYear: return "this year's goals"
        case .proposed: return "proposed for next year"
        }
    }

    /// One goal of the list, in a sentence ("this year's goal “Lead the audit”"): what the
    /// validator's findings call it.
    public var oneGoal: String {
        switch self {
        case .thisYear: return "this year's goal"
        case .proposed: return "goal proposed for next year"
        }
    }

    /// The goal form's title.
    public func formTitle(newGoal: Bool, reviewDue: Bool) -> String {
        switch (self, newGoal) {
        case (.thisYear, true): return "New goal for this year"
        case (.thisYear, false): return reviewDue ? "Review this year's goal" : "This year's goal (in progress)"
        case (.proposed, true): return "New goal proposed for next year"
        case (.proposed, false): return "Goal proposed for next year"
        }
    }

    /// Where this year's goals stand: in progress until the review falls due, then due.
    public static func reviewState(_ portfolio: Portfolio, today: CalendarDate) -> String {
        portfolio.isReviewDue(today: today)
            ? "Due for review: give each a status and a review note (Enter)."
            : "In progress: due for review from \(portfolio.reviewDueFrom), as the appraisal nears."
    }
}
