import Foundation
import PlannerModel
import PlannerRules
import PlannerStorage

/// The dates the doctor works to (appraisal, revalidation) as an iCalendar file (RFC 5545),
/// so a calendar reminds them before each: one all-day event per date set in the profile,
/// with an alarm at the lead time the taxonomy gives ("send your documents 2 weeks before").
public enum CalendarExport {
    /// Nothing to write: the profile has none of the dates.
    public struct NoDates: Error, CustomStringConvertible {
        public let labels: [String]
        public var description: String {
            "No dates to put in a calendar: the profile has no \(labels.joined(separator: " or ")) date yet. Set them in the planner's profile."
        }
    }

    /// "mlcf-portfolio-dates.ics" beside the portfolio.
    public static func defaultOutputURL(for portfolioURL: URL) -> URL {
        var name = portfolioURL.deletingPathExtension().lastPathComponent
        if name.isEmpty { name = "portfolio" }
        return portfolioURL.deletingLastPathComponent().appendingPathComponent(name + "-dates.ics")
    }

    /// Writes the calendar atomically and owner-only, as every file the planner writes.
    public static func export(_ profile: Profile, taxonomy: Taxonomy, stamp: Date, to url: URL) throws {
        try AtomicFile.write(Data(try document(profile, taxonomy: taxonomy, stamp: stamp).utf8), to: url)
    }

    /// The whole file: CRLF line ends, long lines folded at 75 octets, text escaped.
    public static func document(_ profile: Profile, taxonomy: Taxonomy, stamp: Date) throws -> String {
        let dates = taxonomy.dueDateKinds.compactMap { info in profile.workingDate(info.field).map { (info, $0) } }
        if dates.isEmpty { throw NoDates(labels: taxonomy.dueDateKinds.map(\.label)) }
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//MLCF planner//mlcf//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        for (info, date) in dates { lines += event(info, date, profile, stamp: stamp) }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// One all-day event and its reminder.
    static func event(_ info: Taxonomy.DueDateInfo, _ date: CalendarDate, _ profile: Profile, stamp: Date) -> [String] {
        [
            "BEGIN:VEVENT",
            "UID:" + uid(info, date, profile),
            "DTSTAMP:" + utcStamp(stamp),
            "DTSTART;VALUE=DATE:" + compact(date),
            "DTEND;VALUE=DATE:" + compact(date.adding(days: 1)),
            "SUMMARY:" + text(info.title),
            "DESCRIPTION:" + text(details(info, profile)),
            "TRANSP:TRANSPARENT",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "DESCRIPTION:" + text(info.reminder),
            "TRIGGER;RELATED=START:" + (info.leadDays == 0 ? "PT0S" : "-P\(info.leadDays)D"),
            "END:VALARM",
            "END:VEVENT",
        ]
    }

    /// What the event's description says: what is due, and who the doctor answers to.
    public static func details(_ info: Taxonomy.DueDateInfo, _ profile: Profile) -> String {
        var parts = ["\(info.title) for \(profile.name): \(info.advice)."]
        if let body = profile.designatedBody, !body.isEmpty { parts.append("Designated body: \(body)") }
        if let officer = profile.responsibleOfficer, !officer.isEmpty { parts.append("Responsible officer: \(officer)") }
        return parts.joined(separator: "\n")
    }

    /// Unique to the doctor, the kind of date and the day, and the same each time the file is
    /// made, so importing it again updates the events instead of doubling them. The doctor
    /// is named by a hash, so the id carries nothing personal.
    static func uid(_ info: Taxonomy.DueDateInfo, _ date: CalendarDate, _ profile: Profile) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (profile.name + "\u{0}" + (profile.gmcNumber ?? "")).utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return "\(info.field)-\(compact(date))-\(String(hash, radix: 16))@mlcf"
    }

    static func compact(_ date: CalendarDate) -> String { String(format: "%04d%02d%02d", date.year, date.month, date.day) }

    static func utcStamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", p.year!, p.month!, p.day!, p.hour!, p.minute!, p.second!)
    }

    /// A TEXT value (RFC 5545 3.3.11): `\`, `;` and `,` escaped, every line break as `\n`,
    /// and any other control character (which TEXT may not hold) as a space.
    public static func text(_ value: String) -> String {
        var out = ""
        var scalars = value.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r":
                out += "\\n"
                if pending == "\n" { pending = scalars.next() }
            case "\n", "\u{85}", "\u{2028}", "\u{2029}": out += "\\n"
            case "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) {
                    out += " "
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Folds a content line (RFC 5545 3.1): no line longer than 75 octets, each continuation
    /// starting with a space; a character's UTF-8 bytes are never split.
    public static func fold(_ line: String) -> String {
        if line.utf8.count <= 75 { return line }
        var out = "", width = 0
        for scalar in line.unicodeScalars {
            let size = UTF8.width(scalar)
            if width + size > 75 {
                out += "\r\n "
                width = 1
            }
            out.unicodeScalars.append(scalar)
            width += size
        }
        return out
    }
}
