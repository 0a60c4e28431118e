import Foundation

/// Turns a Foundation decoding error into "where it broke and why" in plain words.
package enum JSONErrorDescription {
    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? "the top level" : text
    }

    /// (location, detail) for content errors; nil location means a JSON syntax error.
    package static func split(_ error: any Error) -> (location: String?, detail: String) {
        guard let decoding = error as? DecodingError else {
            if let unsupported = error as? UnsupportedSchemaVersion {
                return ("schemaVersion", "unsupported format version \(unsupported.found)")
            }
            return (nil, "\(error)")
        }
        switch decoding {
        case .keyNotFound(let key, let context):
            return (path(context.codingPath), "the required field “\(key.stringValue)” is missing")
        case .typeMismatch(let type, let context):
            return (path(context.codingPath), "expected \(describe(type)) here")
        case .valueNotFound(let type, let context):
            return (path(context.codingPath), "expected \(describe(type)), found null")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
                return (nil, underlying ?? context.debugDescription)
            }
            var detail = context.debugDescription
            if detail.hasPrefix("Cannot initialize"), let last = context.codingPath.last {
                detail = "“\(last.stringValue)” has a value that is not one of the allowed ones (\(detail))"
            }
            return (path(context.codingPath), detail)
        @unknown default:
            return (nil, "\(decoding)")
        }
    }

    static func describe(_ error: any Error) -> String {
        let (location, detail) = split(error)
        return location.map { "at \($0): \(detail)" } ?? detail
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "text (a string)"
        case is Int.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is [Any].Type: return "a list"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") || name.contains("KeyedDecodingContainer") { return "an object" }
            return "a value of type \(name)"
        }
    }
}

/// The JSON syntax errors, for every reader of JSON files (the portfolio, a framework pack).
extension JSONErrorDescription {
    /// Where the JSON syntax breaks, as "line L, column C": JSONDecoder on Linux does not say,
    /// so the (rare) failing document is parsed once more by JSONSerialization for the position.
    package static func syntaxDetail(_ data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            var message = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? ""
            while message.hasSuffix(".") { message.removeLast() }
            if message.contains("surrogate") {
                return "a \\u escape holds only half of a character (an unpaired surrogate)"
            }
            if message.hasPrefix("Number "), let end = message.range(of: " is not representable") {
                let literal = String(message[message.index(message.startIndex, offsetBy: 7)..<end.lowerBound])
                let at = data.range(of: Data(literal.utf8)).map { " at " + lineAndColumn(data, offset: $0.lowerBound) } ?? ""
                return "the number \(literal) is too large to be stored\(at)"
            }
            if message.contains("end of file") || message.contains("Unexpected end") {
                if data.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) { return "it holds only blank space" }
                if endsInsideAValue(data) { return "the file ends too early, as if it was cut off (at byte \(data.count))" }
                return "it holds a value that cannot be read, such as a misspelt true, false or null"
            }
            guard let range = message.range(of: "around character ") ?? message.range(of: "character "),
                let offset = Int(message[range.upperBound...].prefix { $0.isNumber })
            else {
                return message.isEmpty ? nil : message
            }
            let what = message.components(separatedBy: " around").first ?? "unexpected text"
            return "\(what.lowercased()) at \(lineAndColumn(data, offset: offset))"
        }
    }

    /// "line L, column C" (1-based, columns in characters) of a byte offset.
    static func lineAndColumn(_ data: Data, offset: Int) -> String {
        var line = 1, column = 1
        for byte in data.prefix(offset) {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return "line \(line), column \(column)"
    }

    /// True when the text stops inside a string or with brackets still open: really cut off.
    static func endsInsideAValue(_ data: Data) -> Bool {
        var depth = 0, inString = false, escaped = false
        for byte in data {
            if inString {
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
            } else if byte == 0x22 {
                inString = true
            } else if byte == 0x7B || byte == 0x5B {
                depth += 1
            } else if byte == 0x7D || byte == 0x5D {
                depth -= 1
            }
        }
        return inString || depth > 0
    }
}
