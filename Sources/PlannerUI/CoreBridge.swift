import Foundation
import PlannerCore

/// The few core conversions the UI widgets need, in one place.
enum PlannerCoreBridge {
    static func date(_ text: String) -> CalendarDate? { CalendarDate(text.trimmingCharacters(in: .whitespaces)) }
}
