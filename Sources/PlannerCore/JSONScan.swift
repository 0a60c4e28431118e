import Foundation

/// One pass over the bytes of a JSON document, before `JSONDecoder` reads it, for what the
/// decoder cannot see or cannot place: a key that appears twice in one object (the decoder
/// keeps one of them without a word), a `\u` escape that holds half a character, and a rating
/// level written as anything but a whole number (`1e-400` reads as 0). Each is reported with
/// its place and its line and column. It also finds where a value is, for messages.
///
/// It judges nothing else: at a syntax error it stops quietly and leaves the message to the
/// decoder. It keeps its own stack, so no nesting depth can overflow the thread's.
struct JSONScan {
    private let p: UnsafePointer<UInt8>
    private let n: Int
    private var i = 0
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
    enum Problem: Error, Equatable {
        case duplicateKey(key: String, offset: Int)
        case halfCharacter(location: String, escape: String, offset: Int)
        case levelNotWhole(location: String, literal: String, offset: Int)
    }

    private init(_ p: UnsafePointer<UInt8>, _ n: Int, target: String?) {
        self.p = p; self.n = n; self.target = target
    }

    /// The first problem in `data`, or nil when there is none (or the JSON is broken first).
    static func problem(in data: Data) -> Problem? {
        data.withUnsafeBytes { raw -> Problem? in
            guard let base = raw.baseAddress, raw.count > 0 else { return nil }
            var scan = JSONScan(base.assumingMemoryBound(to: UInt8.self), raw.count, target: nil)
            do { try scan.run() } catch let problem as Problem { return problem } catch {}
            return nil
        }
    }

    /// The byte offset where the value at `location` (e.g. `evidence[2].kind`) begins.
    static func offset(of location: String, in data: Data) -> Int? {
        data.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress, raw.count > 0 else { return nil }
            var scan = JSONScan(base.assumingMemoryBound(to: UInt8.self), raw.count, target: location)
            try? scan.run()
            return scan.found
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    static func lineAndColumn(_ data: Data, offset: Int) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for byte in data.prefix(offset) {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }

    // MARK: The walk

    private mutating func space() {
        while i < n, p[i] == 0x20 || p[i] == 0x0A || p[i] == 0x0D || p[i] == 0x09 { i += 1 }
    }

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
            space()
            guard i < n else { throw Stop() }
            if let target, found == nil, location == target {
                found = i
                return
            }
            switch p[i] {
            case 0x7B:  // {
                i += 1
                space()
                stack.append(Frame(isObject: true))
                if i < n, p[i] == 0x7D { i += 1; stack.removeLast() } else { try key(); continue values }
            case 0x5B:  // [
                i += 1
                space()
                stack.append(Frame(isObject: false))
                if i < n, p[i] == 0x5D { i += 1; stack.removeLast() } else { continue values }
            case 0x22:
                _ = try string(keepingBytes: false)
            default:
                try scalar()
            }
            // A value is complete: close what it completes, or go on to the next one.
            while let last = stack.last {
                space()
                guard i < n else { throw Stop() }
                if p[i] == 0x2C {
                    i += 1
                    if last.isObject { space(); try key() } else { stack[stack.count - 1].index += 1 }
                    continue values
                }
                guard p[i] == (last.isObject ? 0x7D : 0x5D) else { throw Stop() }
                i += 1
                stack.removeLast()
            }
            return
        }
    }

    /// A key and its colon; a key already met in this object is a problem.
    private mutating func key() throws {
        guard i < n, p[i] == 0x22 else { throw Stop() }
        let start = i
        let key = try string(keepingBytes: true)
        if !stack[stack.count - 1].keys.insert(key).inserted {
            throw Problem.duplicateKey(key: String(decoding: key, as: UTF8.self), offset: start)
        }
        stack[stack.count - 1].key = key
        space()
        guard i < n, p[i] == 0x3A else { throw Stop() }
        i += 1
    }

    /// A string from its opening quote; its decoded bytes when asked (keys).
    private mutating func string(keepingBytes: Bool) throws -> [UInt8] {
        let start = i
        i += 1
        var bytes: [UInt8] = []
        while i < n {
            let b = p[i]
            if b == 0x22 { i += 1; return bytes }
            if b != 0x5C {
                if keepingBytes { bytes.append(b) }
                i += 1
                continue
            }
            guard i + 1 < n else { throw Stop() }
            let e = p[i + 1]
            i += 2
            switch e {
            case 0x22, 0x5C, 0x2F: if keepingBytes { bytes.append(e) }
            case 0x62: if keepingBytes { bytes.append(0x08) }
            case 0x66: if keepingBytes { bytes.append(0x0C) }
            case 0x6E: if keepingBytes { bytes.append(0x0A) }
            case 0x72: if keepingBytes { bytes.append(0x0D) }
            case 0x74: if keepingBytes { bytes.append(0x09) }
            case 0x75:
                let escapeStart = i - 2
                let unit = try hex4()
                var scalar = UInt32(unit)
                if (0xD800..<0xDC00).contains(unit) {
                    if i + 6 <= n, p[i] == 0x5C, p[i + 1] == 0x75 {
                        let save = i
                        i += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                        } else {
                            i = save
                            throw half(escapeStart, inKey: keepingBytes, stringStart: start)
                        }
                    } else {
                        throw half(escapeStart, inKey: keepingBytes, stringStart: start)
                    }
                } else if (0xDC00..<0xE000).contains(unit) {
                    throw half(escapeStart, inKey: keepingBytes, stringStart: start)
                }
                if keepingBytes, let s = Unicode.Scalar(scalar) { bytes.append(contentsOf: Array(String(Character(s)).utf8)) }
            default:
                throw Stop()
            }
        }
        throw Stop()
    }

    private func half(_ offset: Int, inKey: Bool, stringStart: Int) -> Problem {
        let escape = String(decoding: UnsafeBufferPointer(start: p + offset, count: min(6, n - offset)), as: UTF8.self)
        var place = location
        if inKey { place = place == "the top level" ? "a key at the top level" : "a key in \(place)" }
        return .halfCharacter(location: place, escape: escape, offset: offset)
    }

    private mutating func hex4() throws -> UInt16 {
        guard i + 4 <= n else { throw Stop() }
        var value: UInt16 = 0
        for k in 0..<4 {
            let c = p[i + k]
            let digit: UInt8
            switch c {
            case 0x30...0x39: digit = c - 0x30
            case 0x61...0x66: digit = c - 0x61 + 10
            case 0x41...0x46: digit = c - 0x41 + 10
            default: throw Stop()
            }
            value = value << 4 | UInt16(digit)
        }
        i += 4
        return value
    }

    /// A number, `true`, `false` or `null`: up to the next delimiter.
    private mutating func scalar() throws {
        let start = i
        while i < n {
            let b = p[i]
            if b == 0x2C || b == 0x7D || b == 0x5D || b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { break }
            i += 1
        }
        guard i > start else { throw Stop() }
        let first = p[start]
        guard first == 0x2D || (first >= 0x30 && first <= 0x39), isRatingLevel else { return }
        let literal = UnsafeBufferPointer(start: p + start, count: i - start)
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
