import Foundation

/// One pass over the bytes of a JSON document, before `JSONDecoder` reads it, for what the
/// decoder cannot see or cannot place: a key that appears twice in one object (the decoder
/// keeps one of them without a word), a `\u` escape that holds half a character, and a rating
/// level written as anything but a whole number (`1e-400` reads as 0). Each is reported with
/// its place and its line and column. It also finds where a value is, for messages.
///
/// It judges nothing else: at a syntax error it stops quietly and leaves the message to the
/// decoder. It keeps its own stack, so no nesting depth can overflow the thread's.
package struct JSONScan {
    private var c: JSONCursor
    private var stack: [Frame] = []
    /// When set, the offset of the value at this place (as `JSONErrorDescription.path` writes it) is noted.
    private var target: String?
    private(set) var found: Int?

    private struct Frame {
        var isObject: Bool
        var keys: Set<[UInt8]> = []
        var key: [UInt8] = []
        var index = 0
    }

    /// A syntax error: not this scanner's to report.
    private struct Stop: Error {}

    /// What the scan can refuse, with the byte offset it concerns.
    package enum Problem: Error, Equatable {
        case duplicateKey(key: String, offset: Int)
        case halfCharacter(location: String, escape: String, offset: Int)
        case levelNotWhole(location: String, literal: String, offset: Int)
    }

    private init(_ p: UnsafePointer<UInt8>, _ n: Int, target: String?) {
        c = JSONCursor(p, count: n)
        self.target = target
    }

    /// The first problem in `data`, or nil when there is none (or the JSON is broken first).
    package static func problem(in data: Data) -> Problem? {
        data.withUnsafeBytes { raw -> Problem? in
            guard let base = raw.baseAddress, raw.count > 0 else { return nil }
            var scan = JSONScan(base.assumingMemoryBound(to: UInt8.self), raw.count, target: nil)
            do { try scan.run() } catch let problem as Problem { return problem } catch {}
            return nil
        }
    }

    /// The byte offset where the value at `location` (e.g. `evidence[2].kind`) begins.
    package static func offset(of location: String, in data: Data) -> Int? {
        data.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress, raw.count > 0 else { return nil }
            var scan = JSONScan(base.assumingMemoryBound(to: UInt8.self), raw.count, target: location)
            try? scan.run()
            return scan.found
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    package static func lineAndColumn(_ data: Data, offset: Int) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for byte in data.prefix(offset) {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }

    // MARK: The walk

    /// The place of the value being read, as `evidence[2].kind`.
    private var location: String {
        var text = ""
        for frame in stack {
            if frame.isObject {
                let key = String(decoding: frame.key, as: UTF8.self)
                text += text.isEmpty ? key : "." + key
            } else {
                text += "[\(frame.index)]"
            }
        }
        return text.isEmpty ? "the top level" : text
    }

    private mutating func run() throws {
        values: while true {
            c.skipSpace()
            guard c.i < c.end else { throw Stop() }
            if let target, found == nil, location == target {
                found = c.i
                return
            }
            switch c.p[c.i] {
            case 0x7B:  // {
                c.i += 1
                c.skipSpace()
                stack.append(Frame(isObject: true))
                if c.peek() == 0x7D { c.i += 1; stack.removeLast() } else { try key(); continue values }
            case 0x5B:  // [
                c.i += 1
                c.skipSpace()
                stack.append(Frame(isObject: false))
                if c.peek() == 0x5D { c.i += 1; stack.removeLast() } else { continue values }
            case 0x22:
                _ = try string(inKey: false)
            default:
                try scalar()
            }
            // A value is complete: close what it completes, or go on to the next one.
            while let last = stack.last {
                c.skipSpace()
                guard c.i < c.end else { throw Stop() }
                if c.p[c.i] == 0x2C {
                    c.i += 1
                    if last.isObject { c.skipSpace(); try key() } else { stack[stack.count - 1].index += 1 }
                    continue values
                }
                guard c.p[c.i] == (last.isObject ? 0x7D : 0x5D) else { throw Stop() }
                c.i += 1
                stack.removeLast()
            }
            return
        }
    }

    /// A key and its colon; a key already met in this object is a problem.
    private mutating func key() throws {
        guard c.peek() == 0x22 else { throw Stop() }
        let start = c.i
        let key = try string(inKey: true)
        if !stack[stack.count - 1].keys.insert(key).inserted {
            throw Problem.duplicateKey(key: String(decoding: key, as: UTF8.self), offset: start)
        }
        stack[stack.count - 1].key = key
        c.skipSpace()
        guard c.peek() == 0x3A else { throw Stop() }
        c.i += 1
    }

    /// A string from its opening quote; its decoded bytes (kept for keys). An escape holding
    /// half a character is a problem; control characters and UTF-8 are not this scan's to judge.
    private mutating func string(inKey: Bool) throws -> [UInt8] {
        do {
            switch try c.string(strict: false) {
            case .written(let bytes): return inKey ? Array(bytes) : []
            case .decoded(let bytes): return bytes
            }
        } catch JSONCursor.Failure.halfCharacter(let offset) {
            let escape = String(decoding: UnsafeBufferPointer(start: c.p + offset, count: min(6, c.end - offset)), as: UTF8.self)
            var place = location
            if inKey { place = place == "the top level" ? "a key at the top level" : "a key in \(place)" }
            throw Problem.halfCharacter(location: place, escape: escape, offset: offset)
        } catch {
            throw Stop()
        }
    }

    /// A number, `true`, `false` or `null`: up to the next delimiter.
    private mutating func scalar() throws {
        let start = c.i
        while c.i < c.end {
            let b = c.p[c.i]
            if b == 0x2C || b == 0x7D || b == 0x5D || b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { break }
            c.i += 1
        }
        guard c.i > start else { throw Stop() }
        let first = c.p[start]
        guard first == 0x2D || (first >= 0x30 && first <= 0x39), isRatingLevel else { return }
        let literal = UnsafeBufferPointer(start: c.p + start, count: c.i - start)
        if literal.contains(where: { $0 == 0x2E || $0 == 0x65 || $0 == 0x45 }) {
            throw Problem.levelNotWhole(location: location, literal: String(decoding: literal, as: UTF8.self), offset: start)
        }
    }

    /// Whether the value being read is `ratings.ID.level`, or the same in a past period.
    private var isRatingLevel: Bool {
        func key(_ frame: Frame, _ name: String) -> Bool { frame.isObject && frame.key.elementsEqual(name.utf8) }
        switch stack.count {
        case 3: return key(stack[0], "ratings") && stack[1].isObject && key(stack[2], "level")
        case 5: return key(stack[0], "history") && !stack[1].isObject && key(stack[2], "ratings") && stack[3].isObject && key(stack[4], "level")
        default: return false
        }
    }
}
