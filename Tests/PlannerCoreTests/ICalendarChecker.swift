import Foundation

/// A strict reader of iCalendar files (RFC 5545) for the tests: every physical line ends in
/// CRLF and fits in 75 octets, lines unfold, every content line follows the grammar (name,
/// parameters, value without control characters), components nest, the properties each
/// component needs are there once, and TEXT values escape `\`, `;`, `,` and line breaks.
/// It returns the components with their properties, TEXT values unescaped.
struct ICalendarChecker {
    struct Property: Equatable {
        let name: String
        let parameters: [String: String]
        let value: String
    }

    final class Component {
        let name: String
        var properties: [Property] = []
        var children: [Component] = []
        init(name: String) { self.name = name }
        func all(_ name: String) -> [Property] { properties.filter { $0.name == name } }
        func one(_ name: String) -> Property? { all(name).count == 1 ? all(name)[0] : nil }
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    static let textProperties: Set<String> = ["SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT"]

    /// The calendar, or the first way the file breaks the RFC.
    static func parse(_ file: String) throws -> Component {
        let bytes = Array(file.utf8)
        guard bytes.count >= 2, bytes.suffix(2) == [13, 10] else { throw Failure(description: "the file does not end in CRLF") }
        var physical: [String] = []
        var start = 0, index = 0
        while index < bytes.count {
            if bytes[index] == 13 {
                guard index + 1 < bytes.count, bytes[index + 1] == 10 else { throw Failure(description: "a bare CR at byte \(index)") }
                physical.append(String(decoding: bytes[start..<index], as: UTF8.self))
                index += 2
                start = index
                continue
            }
            if bytes[index] == 10 { throw Failure(description: "a bare LF at byte \(index)") }
            index += 1
        }
        var logical: [String] = []
        for line in physical {
            guard line.utf8.count <= 75 else { throw Failure(description: "a line of \(line.utf8.count) octets: \(line)") }
            // By bytes: a space followed by a combining mark is one Character, yet still a fold.
            if line.utf8.first == UInt8(ascii: " ") || line.utf8.first == UInt8(ascii: "\t") {
                guard !logical.isEmpty else { throw Failure(description: "the file starts with a continuation line") }
                logical[logical.count - 1] += String(line.unicodeScalars.dropFirst())
            } else {
                logical.append(line)
            }
        }
        var stack: [Component] = []
        var root: Component?
        for line in logical {
            let property = try contentLine(line)
            if property.name == "BEGIN" {
                let component = Component(name: property.value)
                stack.last?.children.append(component)
                if stack.isEmpty {
                    guard root == nil, component.name == "VCALENDAR" else { throw Failure(description: "a second top-level component") }
                    root = component
                }
                stack.append(component)
            } else if property.name == "END" {
                guard let open = stack.popLast(), open.name == property.value else { throw Failure(description: "END:\(property.value) closes nothing open") }
            } else {
                guard let open = stack.last else { throw Failure(description: "a property outside any component: \(line)") }
                open.properties.append(property)
            }
        }
        guard stack.isEmpty, let calendar = root else { throw Failure(description: "components left open") }
        try checkRequired(calendar)
        return calendar
    }

    /// name *(";" param) ":" value, with TEXT values unescaped.
    static func contentLine(_ line: String) throws -> Property {
        var scalars = Array(line.unicodeScalars)[...]
        func isNameChar(_ s: Unicode.Scalar) -> Bool { s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "-") }
        func isControl(_ s: Unicode.Scalar) -> Bool { (s.value < 0x20 && s != "\t") || s.value == 0x7F }
        func name() throws -> String {
            let taken = scalars.prefix { isNameChar($0) }
            guard !taken.isEmpty else { throw Failure(description: "no name where one is due in: \(line)") }
            scalars = scalars.dropFirst(taken.count)
            return String(String.UnicodeScalarView(taken)).uppercased()
        }
        let propertyName = try name()
        var parameters: [String: String] = [:]
        while scalars.first == ";" {
            scalars = scalars.dropFirst()
            let parameter = try name()
            guard scalars.first == "=" else { throw Failure(description: "a parameter without '=' in: \(line)") }
            scalars = scalars.dropFirst()
            var values: [String] = []
            repeat {
                if scalars.first == "," { scalars = scalars.dropFirst() }
                if scalars.first == "\"" {
                    scalars = scalars.dropFirst()
                    let quoted = scalars.prefix { $0 != "\"" && !isControl($0) }
                    scalars = scalars.dropFirst(quoted.count)
                    guard scalars.first == "\"" else { throw Failure(description: "an unclosed quoted parameter in: \(line)") }
                    scalars = scalars.dropFirst()
                    values.append(String(String.UnicodeScalarView(quoted)))
                } else {
                    let plain = scalars.prefix { !isControl($0) && !"\";:,".unicodeScalars.contains($0) }
                    scalars = scalars.dropFirst(plain.count)
                    values.append(String(String.UnicodeScalarView(plain)))
                }
            } while scalars.first == ","
            parameters[parameter] = values.joined(separator: ",")
        }
        guard scalars.first == ":" else { throw Failure(description: "no ':' after the name and parameters in: \(line)") }
        scalars = scalars.dropFirst()
        if let bad = scalars.first(where: isControl) { throw Failure(description: "control character U+\(String(bad.value, radix: 16)) in: \(line)") }
        var value = String(String.UnicodeScalarView(scalars))
        if textProperties.contains(propertyName) { value = try unescape(value, in: line) }
        return Property(name: propertyName, parameters: parameters, value: value)
    }

    /// A TEXT value as written → as meant; an unescaped `;` or `,`, or a lone `\`, is an error.
    static func unescape(_ text: String, in line: String) throws -> String {
        var out = "", escaping = false
        for scalar in text.unicodeScalars {
            if escaping {
                switch scalar {
                case "\\", ";", ",": out.unicodeScalars.append(scalar)
                case "n", "N": out += "\n"
                default: throw Failure(description: "\\\(scalar) is no TEXT escape in: \(line)")
                }
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else if scalar == ";" || scalar == "," {
                throw Failure(description: "an unescaped '\(scalar)' in TEXT in: \(line)")
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        if escaping { throw Failure(description: "a TEXT value ends in a lone backslash in: \(line)") }
        return out
    }

    static func matches(_ text: String, _ pattern: String) -> Bool {
        text.range(of: "^" + pattern + "$", options: .regularExpression) != nil
    }

    static func checkRequired(_ calendar: Component) throws {
        func need(_ component: Component, _ names: [String]) throws {
            for name in names where component.one(name) == nil {
                throw Failure(description: "\(component.name) needs exactly one \(name) (has \(component.all(name).count))")
            }
        }
        try need(calendar, ["VERSION", "PRODID"])
        guard calendar.one("VERSION")?.value == "2.0" else { throw Failure(description: "VERSION is not 2.0") }
        guard !calendar.children.isEmpty else { throw Failure(description: "a calendar needs at least one component") }
        for event in calendar.children {
            guard event.name == "VEVENT" else { throw Failure(description: "an unexpected \(event.name)") }
            try need(event, ["UID", "DTSTAMP", "DTSTART"])
            guard matches(event.one("DTSTAMP")!.value, "[0-9]{8}T[0-9]{6}Z") else { throw Failure(description: "DTSTAMP is not a UTC date-time") }
            for key in ["DTSTART", "DTEND"] {
                guard let property = event.one(key) else { continue }
                guard property.parameters["VALUE"] == "DATE", matches(property.value, "[0-9]{8}") else {
                    throw Failure(description: "\(key) is not an all-day DATE: \(property)")
                }
            }
            for alarm in event.children {
                guard alarm.name == "VALARM" else { throw Failure(description: "an unexpected \(alarm.name) in an event") }
                try need(alarm, ["ACTION", "TRIGGER"])
                if alarm.one("ACTION")?.value == "DISPLAY" { try need(alarm, ["DESCRIPTION"]) }
                guard matches(alarm.one("TRIGGER")!.value, "[+-]?P([0-9]+W|[0-9]+D(T([0-9]+H)?([0-9]+M)?([0-9]+S)?)?|T([0-9]+H)?([0-9]+M)?([0-9]+S)?)")
                else { throw Failure(description: "TRIGGER is not a duration: \(alarm.one("TRIGGER")!.value)") }
            }
        }
    }
}
