import PlannerModel

/// One date the doctor works to, seen from a day: how far away, and what is due before it.
public struct DueDate: Equatable, Sendable {
    public let info: Taxonomy.DueDateInfo
    public let date: CalendarDate
    /// Days from today to the date; negative once it has passed.
    public let daysAway: Int

    public var hasPassed: Bool { daysAway < 0 }

    /// "appraisal in 6 weeks: send your documents 2 weeks before"; once passed, what to do.
    public var text: String {
        if hasPassed { return "\(info.label) date \(date) has passed: set the next one in your profile" }
        return "\(info.label) \(DueDate.countdown(daysAway)): \(info.advice)"
    }

    /// "appraisal in 42 days": exact, for a shell prompt or a cron mail.
    public var statusText: String {
        switch daysAway {
        case 0: return "\(info.label) today"
        case 1: return "\(info.label) tomorrow"
        case ..<0: return "\(info.label) \(-daysAway) day\(daysAway == -1 ? "" : "s") ago"
        default: return "\(info.label) in \(daysAway) days"
        }
    }

    /// A countdown a person reads at a glance: days up to two weeks, then weeks, months, years.
    public static func countdown(_ days: Int) -> String {
        func unit(_ n: Int, _ word: String) -> String { "in \(n) \(word)\(n == 1 ? "" : "s")" }
        switch days {
        case ..<0: return "\(-days) day\(days == -1 ? "" : "s") ago"
        case 0: return "today"
        case 1: return "tomorrow"
        case 2..<14: return unit(days, "day")
        case 14..<63: return unit((days + 3) / 7, "week")
        case 63..<730: return unit(Int((Double(days) / 30.44).rounded()), "month")
        default: return unit(Int((Double(days) / 365.25).rounded()), "year")
        }
    }
}

/// The dates of the profile the doctor works to (appraisal, revalidation), read through the
/// taxonomy's `dueDates`: the dashboard, `mlcf status` and the calendar export ask here.
public enum DueDates {
    /// Every date the doctor has set, earliest first (in the taxonomy's order on a tie).
    public static func all(_ profile: Profile, taxonomy: Taxonomy, today: CalendarDate) -> [DueDate] {
        let set = taxonomy.dueDateKinds.compactMap { info -> DueDate? in
            guard let date = profile.workingDate(info.field) else { return nil }
            return DueDate(info: info, date: date, daysAway: today.days(until: date))
        }
        return set.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
    }

    /// What is due next: the nearest date from today on; when every date has passed, the
    /// latest of them (so the doctor is told to set the next); nil when none is set.
    public static func next(_ profile: Profile, taxonomy: Taxonomy, today: CalendarDate) -> DueDate? {
        let dates = all(profile, taxonomy: taxonomy, today: today)
        return dates.first { !$0.hasPassed } ?? dates.last
    }
}
