import PlannerCore
import Testing

@Suite struct CalendarDateTests {
    @Test func parsesRealDatesOnly() {
        #expect(CalendarDate("2024-02-29") != nil)
        #expect(CalendarDate("2025-02-29") == nil)
        #expect(CalendarDate("2025-04-31") == nil)
        #expect(CalendarDate("2025-13-01") == nil)
        #expect(CalendarDate("2025-1-01") == nil)
        #expect(CalendarDate("25-01-01xx") == nil)
        #expect(CalendarDate("2025-01-01")?.description == "2025-01-01")
    }

    @Test func arithmetic() {
        #expect(date("2025-12-31").adding(days: 1) == date("2026-01-01"))
        #expect(date("2024-02-28").adding(days: 1) == date("2024-02-29"))
        #expect(date("2024-02-29").adding(years: 1) == date("2025-02-28"))
        #expect(date("2025-01-01").days(until: date("2026-01-01")) == 365)
        let period = Period(start: date("2025-04-01"), end: date("2026-03-31"))
        #expect(period.next == Period(start: date("2026-04-01"), end: date("2027-03-31")))
        #expect(period.contains(date("2025-04-01")) && period.contains(date("2026-03-31")))
        #expect(!period.contains(date("2026-04-01")))
    }
}
