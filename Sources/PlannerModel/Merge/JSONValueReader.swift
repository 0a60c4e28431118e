import Foundation

/// The saver's bytes read straight into a `JSONValue`, for the merge's trees. `JSONDecoder`
/// builds the same tree through `Codable`, and at career size that was a tenth of a merge.
/// Anything this does not read as `JSONValue(from:)` would (an exponent, a number of more
/// than 20 characters) gives `nil`, and the caller asks `JSONDecoder` instead.
enum JSONValueReader {
    static func read(_ data: Data) -> JSONValue? {
        data.withUnsafeBytes { raw -> JSONValue? in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return nil }
            var cursor = JSONCursor(base, count: raw.count)
            guard let value = try? value(&cursor, depth: 0) else { return nil }
            cursor.skipSpace()
            return cursor.i == cursor.end ? value : nil
        }
    }

    private struct Unread: Error {}

    private static func value(_ c: inout JSONCursor, depth: Int) throws -> JSONValue {
        guard depth < 256 else { throw Unread() }
        c.skipSpace()
        switch c.peek() {
        case 0x22: return .string(try text(&c))
        case 0x7B:
            c.i += 1
            var members: [String: JSONValue] = [:]
            c.skipSpace()
            if c.peek() == 0x7D {
                c.i += 1
                return .object(members)
            }
            while true {
                c.skipSpace()
                let key = try text(&c)
                c.skipSpace()
                guard c.peek() == 0x3A else { throw Unread() }
                c.i += 1
                members[key] = try value(&c, depth: depth + 1)
                c.skipSpace()
                if c.peek() == 0x2C {
                    c.i += 1
                } else if c.peek() == 0x7D {
                    c.i += 1
                    return .object(members)
                } else {
                    throw Unread()
                }
            }
        case 0x5B:
            c.i += 1
            var elements: [JSONValue] = []
            c.skipSpace()
            if c.peek() == 0x5D {
                c.i += 1
                return .array(elements)
            }
            while true {
                elements.append(try value(&c, depth: depth + 1))
                c.skipSpace()
                if c.peek() == 0x2C {
                    c.i += 1
                } else if c.peek() == 0x5D {
                    c.i += 1
                    return .array(elements)
                } else {
                    throw Unread()
                }
            }
        default:
            if c.literal("null") { return .null }
            if c.literal("true") { return .bool(true) }
            if c.literal("false") { return .bool(false) }
            let digits = String(decoding: try c.plainNumber(), as: UTF8.self)
            if let whole = Int64(digits) { return .int(whole) }
            guard let number = Double(digits) else { throw Unread() }
            // As `JSONValue(from:)`: a whole number written with a point is that number.
            if let whole = Int64(exactly: number) { return .int(whole) }
            return .double(number)
        }
    }

    private static func text(_ c: inout JSONCursor) throws -> String {
        switch try c.string(strict: true) {
        case .written(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .decoded(let bytes): return String(decoding: bytes, as: UTF8.self)
        }
    }
}
