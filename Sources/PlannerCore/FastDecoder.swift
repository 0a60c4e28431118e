import Foundation

/// A hand-written reader for the portfolio format, about three times faster than
/// `JSONDecoder` on a career's portfolio (it decodes straight into the model, with no
/// intermediate tree, and finds the ends of strings eight bytes at a time).
///
/// It is only a fast path: it gives up (returns nil) on anything it does not recognise or
/// that `JSONDecoder` might judge differently — a format version other than the current
/// one, duplicate keys, escaped keys, unusual numbers, deep nesting, invalid UTF-8, any
/// syntax error — and the caller then decodes with `JSONDecoder` as before, so errors,
/// migrations and edge cases behave exactly as they always did. When it succeeds it gives
/// the same `Portfolio` `JSONDecoder` would (tests compare the two).
///
/// It also gives up on any key the model does not know (so `JSONDecoder` keeps it in the
/// record's `unknownFields`), and a save never copies bytes from a file: it encodes.
enum FastDecoder {
    struct GiveUp: Error {}

    struct Result {
        var portfolio: Portfolio
    }

    static func decode(_ data: Data) -> Result? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Result? in
            guard let base = raw.baseAddress, raw.count > 0 else { return nil }
            return decode(base.assumingMemoryBound(to: UInt8.self), count: raw.count, releasing: false)
        }
    }

    /// Decodes `count` bytes. With `releasing`, the buffer must be an anonymous mapping the
    /// caller owns and throws away afterwards: the pages of evidence already read are given
    /// back to the system as the reading goes (they read as zeros afterwards), so the file's
    /// bytes and the decoded portfolio are never in memory at once in full.
    static func decode(_ bytes: UnsafePointer<UInt8>, count: Int, releasing: Bool) -> Result? {
        var reader = Reader(base: bytes, count: count)
        reader.releasing = releasing
        // A large file is read by two threads: this one from the start, a second one from
        // an item boundary in the middle of the evidence list to its end (see `SecondHalf`).
        var second: SecondHalf? = nil
        if count >= 8 << 20 && ProcessInfo.processInfo.activeProcessorCount > 1, let split = SecondHalf.split(bytes, count: count) {
            second = SecondHalf(bytes: bytes, count: count, start: split, releasing: releasing)
            reader.split = second
        }
        defer { second?.finish() }
        do { return try reader.document() } catch { return nil }
    }

    /// Gives back the whole pages of `from..<to` (zero-filled if touched again).
    static func release(_ bytes: UnsafePointer<UInt8>, from: Int, to: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let base = Int(bitPattern: bytes)
        let start = (base + from + page - 1) / page * page, end = (base + to) / page * page
        guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
        madvise(pointer, end - start, Int32(MADV_DONTNEED))
    }

    /// The second half of the evidence list, read on its own thread. The reader of the first
    /// half takes it only if it meets an item starting exactly where this one began — so the
    /// place it guessed (a line `    {` after a line `    },`) was really an item boundary of
    /// the evidence list, and the result is exactly what one reader would have made.
    final class SecondHalf: @unchecked Sendable {
        let start: Int
        private let done = DispatchSemaphore(value: 0)
        private var waited = false
        private(set) var items: [Evidence] = []
        /// Where the list's closing bracket is, or nil if this half could not be read.
        private(set) var end: Int?

        init(bytes: UnsafePointer<UInt8>, count: Int, start: Int, releasing: Bool) {
            self.start = start
            nonisolated(unsafe) let bytes = bytes
            let thread = Thread { [self] in
                var reader = Reader(base: bytes, count: count)
                reader.i = start
                reader.depth = 2
                reader.releasing = releasing
                reader.released = start
                var items: [Evidence] = []
                do {
                    while true {
                        items.append(try reader.listedEvidence())
                        reader.space()
                        if reader.peek() == comma { reader.i += 1; reader.space(); continue }
                        guard reader.peek() == closeBracket else { throw GiveUp() }
                        break
                    }
                    self.items = items
                    self.end = reader.i
                } catch {}
                self.done.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }

        /// Waits for the thread (at most once) and returns the result, if it read its half.
        func result() -> (items: [Evidence], end: Int)? {
            finish()
            guard let end else { return nil }
            return (items, end)
        }

        /// The thread reads the caller's buffer: it must be done before the buffer goes.
        func finish() {
            if !waited { done.wait(); waited = true }
        }

        /// The first `{` of a line `    {` following a line `    },` past the middle of the file.
        static func split(_ bytes: UnsafePointer<UInt8>, count: Int) -> Int? {
            let pattern = Array("\n    },\n    {\n".utf8)
            var i = count / 2
            while i + pattern.count <= count {
                if bytes[i] == 0x0A && memcmp(bytes + i, pattern, pattern.count) == 0 { return i + pattern.count - 2 }
                i += 1
            }
            return nil
        }
    }
}

private let quote: UInt8 = 0x22, backslash: UInt8 = 0x5C, colon: UInt8 = 0x3A, comma: UInt8 = 0x2C
private let openBrace: UInt8 = 0x7B, closeBrace: UInt8 = 0x7D, openBracket: UInt8 = 0x5B, closeBracket: UInt8 = 0x5D

private struct Reader {
    let p: UnsafePointer<UInt8>
    let end: Int
    var i = 0
    var depth = 0
    /// Keys of the objects being read, innermost last, to refuse duplicates without allocating.
    var keys: [(start: Int, count: Int)] = []
    /// The second half of the evidence list, being read by another thread.
    var split: FastDecoder.SecondHalf?
    /// Whether pages already read may be given back (see `FastDecoder.decode`), and up to where they have been.
    var releasing = false
    var released = 0

    /// Gives back what lies before `offset` (the start of an evidence item: everything before
    /// it in the list has been read and is not looked at again), a few megabytes at a time.
    mutating func releaseConsumed(upTo offset: Int) {
        guard releasing, offset - released >= 4 << 20 else { return }
        FastDecoder.release(p, from: released, to: offset)
        released = offset
    }

    init(base: UnsafePointer<UInt8>, count: Int) { p = base; end = count }

    typealias GiveUp = FastDecoder.GiveUp

    // MARK: Tokens

    @inline(__always) func peek() -> UInt8 { i < end ? p[i] : 0 }

    /// Skips JSON whitespace; returns how much was skipped, starting where.
    @inline(__always) @discardableResult
    mutating func space() -> (start: Int, count: Int) {
        let start = i
        while i < end {
            let b = p[i]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { i += 1 } else { break }
        }
        return (start, i - start)
    }

    /// The ` : ` between a key and its value.
    @inline(__always)
    mutating func keySeparator() throws {
        space()
        guard peek() == colon else { throw GiveUp() }
        i += 1
        space()
    }

    @inline(__always)
    mutating func expect(_ byte: UInt8) throws {
        guard peek() == byte else { throw GiveUp() }
        i += 1
    }

    /// Walks the items of an object or array at nesting `level` between `open` and `close`;
    /// `item` must read one item.
    mutating func container(open: UInt8, close: UInt8, level: Int, _ item: (inout Reader) throws -> Void) throws {
        depth += 1
        guard depth < 256 else { throw GiveUp() }
        try expect(open)
        space()
        if peek() == close {
            i += 1
            depth -= 1
            return
        }
        while true {
            try item(&self)
            space()
            if peek() == comma {
                i += 1
                space()
                continue
            }
            guard peek() == close else { throw GiveUp() }
            i += 1
            depth -= 1
            return
        }
    }

    /// Walks the members of an object at nesting `level` (0 for the document), calling `member`
    /// with each key's bytes; `member` must read the value. Gives up on duplicate keys.
    mutating func object(level: Int, _ member: (inout Reader, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let firstKey = keys.count
        defer { keys.removeSubrange(firstKey...) }
        try container(open: openBrace, close: closeBrace, level: level) { r in
            let key = try r.rawKey()
            let offset = key.baseAddress! - r.p
            for k in firstKey..<r.keys.count where r.keys[k].count == key.count && memcmp(r.p + r.keys[k].start, key.baseAddress!, key.count) == 0 {
                throw GiveUp()
            }
            r.keys.append((offset, key.count))
            try r.keySeparator()
            try member(&r, key)
        }
    }

    /// Walks the elements of an array at nesting `level`.
    mutating func array(level: Int, _ element: (inout Reader) throws -> Void) throws {
        try container(open: openBracket, close: closeBracket, level: level, element)
    }

    /// A key: a string without escapes (an escaped key is left to JSONDecoder).
    mutating func rawKey() throws -> UnsafeBufferPointer<UInt8> {
        try expect(quote)
        let start = i
        while i < end {
            let b = p[i]
            if b == quote { break }
            if b == backslash || b < 0x20 || b >= 0x80 { throw GiveUp() }
            i += 1
        }
        guard i < end else { throw GiveUp() }
        i += 1
        return UnsafeBufferPointer(start: p + start, count: i - 1 - start)
    }

    // MARK: Strings

    /// True if any byte of the word is `"`, `\` or a control character.
    @inline(__always) static func special(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let q = w ^ 0x2222_2222_2222_2222, s = w ^ 0x5C5C_5C5C_5C5C_5C5C
        return (((q &- ones) & ~q) | ((s &- ones) & ~s) | ((w &- 0x2020_2020_2020_2020) & ~w)) & highs != 0
    }

    mutating func string() throws -> String {
        guard peek() == quote else { throw GiveUp() }
        i += 1
        let start = i
        let raw = UnsafeRawPointer(p)
        while i + 8 <= end, !Reader.special(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { i += 8 }
        while i < end {
            let b = p[i]
            if b == quote {
                let text = String(validating: UnsafeBufferPointer(start: p + start, count: i - start), as: UTF8.self)
                guard let text else { throw GiveUp() }
                i += 1
                return text
            }
            if b == backslash { return try escapedString(from: start) }
            if b < 0x20 { throw GiveUp() }
            i += 1
        }
        throw GiveUp()
    }

    /// The rare string with escapes: decoded into a buffer, noting whether each escape is the
    /// one the encoder writes (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, else `\u00xx` for
    /// control characters; nothing else escaped).
    mutating func escapedString(from start: Int) throws -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(i - start + 64)
        bytes.append(contentsOf: UnsafeBufferPointer(start: p + start, count: i - start))
        while i < end {
            let b = p[i]
            if b == quote {
                i += 1
                guard let text = String(validating: bytes, as: UTF8.self) else { throw GiveUp() }
                return text
            }
            if b < 0x20 { throw GiveUp() }
            guard b == backslash else { bytes.append(b); i += 1; continue }
            guard i + 1 < end else { throw GiveUp() }
            let e = p[i + 1]
            i += 2
            switch e {
            case quote: bytes.append(quote)
            case backslash: bytes.append(backslash)
            case 0x2F: bytes.append(0x2F)
            case 0x62: bytes.append(0x08)
            case 0x66: bytes.append(0x0C)
            case 0x6E: bytes.append(0x0A)
            case 0x72: bytes.append(0x0D)
            case 0x74: bytes.append(0x09)
            case 0x75:
                let unit = try hex4()
                var scalar = UInt32(unit)
                if (0xD800..<0xDC00).contains(unit) {
                    guard i + 6 <= end, p[i] == backslash, p[i + 1] == 0x75 else { throw GiveUp() }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw GiveUp() }
                    scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                } else if (0xDC00..<0xE000).contains(unit) {
                    throw GiveUp()
                }
                guard let s = Unicode.Scalar(scalar) else { throw GiveUp() }
                bytes.append(contentsOf: Array(String(Character(s)).utf8))
            default: throw GiveUp()
            }
        }
        throw GiveUp()
    }

    /// Four hex digits after `\u`.
    mutating func hex4() throws -> UInt16 {
        guard i + 4 <= end else { throw GiveUp() }
        var value: UInt16 = 0
        for k in 0..<4 {
            let c = p[i + k]
            let digit: UInt8
            switch c {
            case 0x30...0x39: digit = c - 0x30
            case 0x61...0x66: digit = c - 0x61 + 10
            case 0x41...0x46: digit = c - 0x41 + 10
            default: throw GiveUp()
            }
            value = value << 4 | UInt16(digit)
        }
        i += 4
        return value
    }

    // MARK: Numbers and literals

    /// The text of a JSON number, checked against the grammar; plain forms only (no exponent,
    /// at most 20 characters), anything else is left to JSONDecoder.
    mutating func numberText() throws -> UnsafeBufferPointer<UInt8> {
        let start = i
        if peek() == 0x2D { i += 1 }
        guard i < end, p[i] >= 0x30, p[i] <= 0x39 else { throw GiveUp() }
        if p[i] == 0x30 {
            i += 1
            if i < end, p[i] >= 0x30, p[i] <= 0x39 { throw GiveUp() }
        } else {
            while i < end, p[i] >= 0x30, p[i] <= 0x39 { i += 1 }
        }
        if peek() == 0x2E {
            i += 1
            guard i < end, p[i] >= 0x30, p[i] <= 0x39 else { throw GiveUp() }
            while i < end, p[i] >= 0x30, p[i] <= 0x39 { i += 1 }
        }
        let c = peek()
        if c == 0x65 || c == 0x45 || i - start > 20 { throw GiveUp() }
        return UnsafeBufferPointer(start: p + start, count: i - start)
    }

    mutating func int() throws -> Int {
        let text = try numberText()
        guard !text.contains(0x2E), text.first != 0x2D || (text.count > 1 && text[1] != 0x30), text.count <= 18 else { throw GiveUp() }
        var value = 0
        for b in text where b != 0x2D { value = value * 10 + Int(b - 0x30) }
        return text.first == 0x2D ? -value : value
    }

    mutating func double() throws -> Double {
        let text = try numberText()
        guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else { throw GiveUp() }
        return value
    }

    mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= end, memcmp(p + i, word.utf8Start, n) == 0 else { return false }
        i += n
        return true
    }

    mutating func bool() throws -> Bool {
        if literal("true") { return true }
        if literal("false") { return false }
        throw GiveUp()
    }

    /// A `null` where an optional value may stand (decodeIfPresent reads it as absent).
    mutating func null() -> Bool {
        guard peek() == 0x6E, literal("null") else { return false }
        return true
    }

    /// A key this version does not know: `JSONDecoder` reads it into the record's
    /// `unknownFields`, so this reader leaves the whole document to it.
    func skip(level: Int) throws {
        throw GiveUp()
    }

    // MARK: The model

    static func key(_ key: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        key.count == name.utf8CodeUnitCount && memcmp(key.baseAddress!, name.utf8Start, key.count) == 0
    }

    mutating func date() throws -> CalendarDate {
        guard let date = CalendarDate(try string()) else { throw GiveUp() }
        return date
    }

    mutating func strings(level: Int) throws -> [String] {
        var out: [String] = []
        try array(level: level) { reader in out.append(try reader.string()) }
        return out
    }

    mutating func enumValue<T: RawRepresentable>(_ type: T.Type) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: try string()) else { throw GiveUp() }
        return value
    }

    mutating func document() throws -> FastDecoder.Result {
        space()
        var schemaVersion: Int?
        var profile: Profile?
        var evidence: [Evidence] = [], ratings: [String: Rating] = [:], pdp: [Goal] = [], previousPdp: [Goal] = []
        var history: [PastPeriod] = [], walkthrough: Walkthrough?
        try object(level: 0) { r, key in
            if Reader.key(key, "schemaVersion") {
                let version = try r.int()
                guard version == Portfolio.currentSchemaVersion else { throw GiveUp() }
                schemaVersion = version
            } else if Reader.key(key, "profile") {
                profile = try r.profile(level: 1)
            } else if Reader.key(key, "evidence") {
                if r.null() { return }
                // Nothing before the list is given back: the document's keys read so far lie there.
                r.released = r.i
                try r.array(level: 1) { r in
                    let start = r.i
                    if let split = r.split, start == split.start, let half = split.result() {
                        evidence += half.items
                        r.i = half.end
                        r.releaseConsumed(upTo: start)
                        return
                    }
                    evidence.append(try r.listedEvidence())
                }
            } else if Reader.key(key, "ratings") {
                if r.null() { return }
                ratings = try r.ratings(level: 1)
            } else if Reader.key(key, "pdp") {
                if r.null() { return }
                try r.array(level: 1) { r in pdp.append(try r.goal(level: 2)) }
            } else if Reader.key(key, "previousPdp") {
                if r.null() { return }
                try r.array(level: 1) { r in previousPdp.append(try r.goal(level: 2)) }
            } else if Reader.key(key, "history") {
                if r.null() { return }
                try r.array(level: 1) { r in history.append(try r.pastPeriod(level: 2)) }
            } else if Reader.key(key, "walkthrough") {
                if r.null() { return }
                var current: String?
                try r.object(level: 1) { r, key in
                    if Reader.key(key, "currentElement") { current = try r.string() } else { try r.skip(level: 2) }
                }
                guard let current else { throw GiveUp() }
                walkthrough = Walkthrough(currentElement: current)
            } else {
                try r.skip(level: 1)
            }
        }
        space()
        guard i == end, schemaVersion != nil, let profile else { throw GiveUp() }
        var portfolio = Portfolio(profile: profile, evidence: evidence, ratings: ratings, pdp: pdp, previousPdp: previousPdp,
                                  history: history, walkthrough: walkthrough)
        portfolio.schemaVersion = Portfolio.currentSchemaVersion
        return FastDecoder.Result(portfolio: portfolio)
    }

    mutating func profile(level: Int) throws -> Profile {
        var name: String?, gmc: String?, stage: Stage?, grade = "", specialty = "", organisation = ""
        var start: CalendarDate?, finish: CalendarDate?, appraiser = "", scope: [ScopeEntry] = []
        var probity = "", health = "", achievements = "", challenges = "", aspirations = ""
        try object(level: level) { r, key in
            if Reader.key(key, "name") { name = try r.string() }
            else if Reader.key(key, "gmcNumber") { gmc = r.null() ? nil : try r.string() }
            else if Reader.key(key, "stage") { stage = try r.enumValue(Stage.self) }
            else if Reader.key(key, "grade") { grade = r.null() ? "" : try r.string() }
            else if Reader.key(key, "specialty") { specialty = r.null() ? "" : try r.string() }
            else if Reader.key(key, "organisation") { organisation = r.null() ? "" : try r.string() }
            else if Reader.key(key, "periodStart") { start = try r.date() }
            else if Reader.key(key, "periodEnd") { finish = try r.date() }
            else if Reader.key(key, "appraiser") { appraiser = r.null() ? "" : try r.string() }
            else if Reader.key(key, "scopeOfWork") {
                if r.null() { return }
                try r.array(level: level + 1) { r in
                    var role: String?, org: String?, place: String?
                    try r.object(level: level + 2) { r, key in
                        if Reader.key(key, "role") { role = try r.string() }
                        else if Reader.key(key, "organisation") { org = try r.string() }
                        else if Reader.key(key, "place") { place = try r.string() }
                        else { try r.skip(level: level + 3) }
                    }
                    guard let role, let org, let place else { throw GiveUp() }
                    scope.append(ScopeEntry(role: role, organisation: org, place: place))
                }
            }
            else if Reader.key(key, "probityStatement") { probity = r.null() ? "" : try r.string() }
            else if Reader.key(key, "healthStatement") { health = r.null() ? "" : try r.string() }
            else if Reader.key(key, "achievements") { achievements = r.null() ? "" : try r.string() }
            else if Reader.key(key, "challenges") { challenges = r.null() ? "" : try r.string() }
            else if Reader.key(key, "aspirations") { aspirations = r.null() ? "" : try r.string() }
            else { try r.skip(level: level + 1) }
        }
        guard let name, let stage, let start, let finish else { throw GiveUp() }
        return Profile(name: name, stage: stage, periodStart: start, periodEnd: finish, gmcNumber: gmc, grade: grade,
                       specialty: specialty, organisation: organisation, appraiser: appraiser, scopeOfWork: scope,
                       probityStatement: probity, healthStatement: health, achievements: achievements,
                       challenges: challenges, aspirations: aspirations)
    }

    mutating func ratings(level: Int) throws -> [String: Rating] {
        var out: [String: Rating] = [:]
        try object(level: level) { r, key in
            guard let id = String(validating: key, as: UTF8.self) else { throw GiveUp() }
            var value: Int?, note = ""
            try r.object(level: level + 1) { r, key in
                if Reader.key(key, "level") {
                    value = try r.int()
                    guard Rating.levels.contains(value!) else { throw GiveUp() }  // JSONDecoder says why
                }
                else if Reader.key(key, "note") { note = r.null() ? "" : try r.string() }
                else { try r.skip(level: level + 2) }
            }
            guard let value else { throw GiveUp() }
            out[id] = Rating(level: value, note: note)
        }
        return out
    }

    mutating func goal(level: Int) throws -> Goal {
        var id: String?, title: String?, why = "", links: [String] = [], activities = "", measure = ""
        var target: CalendarDate?, status: GoalStatus?, review = ""
        try object(level: level) { r, key in
            if Reader.key(key, "id") { id = try r.string() }
            else if Reader.key(key, "title") { title = try r.string() }
            else if Reader.key(key, "why") { why = r.null() ? "" : try r.string() }
            else if Reader.key(key, "links") { links = r.null() ? [] : try r.strings(level: level + 1) }
            else if Reader.key(key, "activities") { activities = r.null() ? "" : try r.string() }
            else if Reader.key(key, "measure") { measure = r.null() ? "" : try r.string() }
            else if Reader.key(key, "targetDate") { target = r.null() ? nil : try r.date() }
            else if Reader.key(key, "status") { status = try r.enumValue(GoalStatus.self) }
            else if Reader.key(key, "reviewNote") { review = r.null() ? "" : try r.string() }
            else { try r.skip(level: level + 1) }
        }
        guard let id, let title, let status else { throw GiveUp() }
        return Goal(id: id, title: title, why: why, links: links, activities: activities, measure: measure,
                    targetDate: target, status: status, reviewNote: review)
    }

    mutating func pastPeriod(level: Int) throws -> PastPeriod {
        var start: CalendarDate?, finish: CalendarDate?, stage: Stage?, grade: String?, appraisalDate: CalendarDate?
        var appraiser: String?, ratings: [String: Rating] = [:], pdp: [Goal] = []
        try object(level: level) { r, key in
            if Reader.key(key, "periodStart") { start = try r.date() }
            else if Reader.key(key, "periodEnd") { finish = try r.date() }
            else if Reader.key(key, "stage") { stage = r.null() ? nil : try r.enumValue(Stage.self) }
            else if Reader.key(key, "grade") { grade = r.null() ? nil : try r.string() }
            else if Reader.key(key, "appraisalDate") { appraisalDate = r.null() ? nil : try r.date() }
            else if Reader.key(key, "appraiser") { appraiser = r.null() ? nil : try r.string() }
            else if Reader.key(key, "ratings") { if !r.null() { ratings = try r.ratings(level: level + 1) } }
            else if Reader.key(key, "pdp") {
                if r.null() { return }
                try r.array(level: level + 1) { r in pdp.append(try r.goal(level: level + 2)) }
            }
            else { try r.skip(level: level + 1) }
        }
        guard let start, let finish else { throw GiveUp() }
        return PastPeriod(periodStart: start, periodEnd: finish, stage: stage, grade: grade, appraisalDate: appraisalDate,
                          appraiser: appraiser, ratings: ratings, pdp: pdp)
    }

    /// The keys of an evidence item, in sorted order.
    static let evidenceKeys: [StaticString] = ["attachments", "confirmation", "cpdCredits", "date", "description", "gmcAreas",
                                               "gmpDomains", "id", "kind", "links", "private", "reflection", "supportingInfo", "title"]

    /// The position of an evidence key in `evidenceKeys`, or -1; by length and first letter.
    static func evidenceKey(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        let candidate: Int
        switch (key.count, key.first ?? 0) {
        case (11, 0x61): candidate = 0
        case (12, 0x63): candidate = 1
        case (10, 0x63): candidate = 2
        case (4, 0x64): candidate = 3
        case (11, 0x64): candidate = 4
        case (8, 0x67): candidate = 5
        case (10, 0x67): candidate = 6
        case (2, 0x69): candidate = 7
        case (4, 0x6B): candidate = 8
        case (5, 0x6C): candidate = 9
        case (7, 0x70): candidate = 10
        case (10, 0x72): candidate = 11
        case (14, 0x73): candidate = 12
        case (5, 0x74): candidate = 13
        default: return -1
        }
        return Reader.key(key, evidenceKeys[candidate]) ? candidate : -1
    }

    /// One item of the evidence list, read by either half.
    mutating func listedEvidence() throws -> Evidence {
        releaseConsumed(upTo: i)
        return try evidence(level: 2)
    }

    mutating func evidence(level: Int) throws -> Evidence {
        var id: String?, title: String?, kind: EvidenceKind?, date: CalendarDate?, description = ""
        var reflection = Reflection(), links: [String] = [], credits: Double?, confirmation: Confirmation?
        var attachments: [String] = [], isPrivate = false, supportingInfo: [String]?, gmp: [String] = [], areas: [String] = []
        try object(level: level) { r, key in
            switch Reader.evidenceKey(key) {
            case 0: attachments = r.null() ? [] : try r.strings(level: level + 1)
            case 1: confirmation = r.null() ? nil : try r.confirmation(level: level + 1)
            case 2:
                credits = r.null() ? nil : try r.double()
                if let credits, Evidence.creditsProblem(credits) != nil { throw GiveUp() }  // JSONDecoder says why
            case 3: date = try r.date()
            case 4: description = r.null() ? "" : try r.string()
            case 5: areas = r.null() ? [] : try r.strings(level: level + 1)
            case 6: gmp = r.null() ? [] : try r.strings(level: level + 1)
            case 7: id = try r.string()
            case 8: kind = try r.enumValue(EvidenceKind.self)
            case 9: links = r.null() ? [] : try r.strings(level: level + 1)
            case 10: isPrivate = r.null() ? false : try r.bool()
            case 11: reflection = r.null() ? Reflection() : try r.reflection(level: level + 1)
            case 12: supportingInfo = r.null() ? nil : try r.strings(level: level + 1)
            case 13: title = try r.string()
            default: try r.skip(level: level + 1)
            }
        }
        guard let id, let title, let kind, let date else { throw GiveUp() }
        return Evidence(id: id, title: title, kind: kind, date: date, description: description, reflection: reflection,
                        links: links, cpdCredits: credits, confirmation: confirmation, attachments: attachments,
                        isPrivate: isPrivate, supportingInfo: supportingInfo, gmpDomains: gmp, gmcAreas: areas)
    }

    mutating func reflection(level: Int) throws -> Reflection {
        var happened = "", learned = "", next = ""
        try object(level: level) { r, key in
            if Reader.key(key, "whatHappened") { happened = r.null() ? "" : try r.string() }
            else if Reader.key(key, "whatLearned") { learned = r.null() ? "" : try r.string() }
            else if Reader.key(key, "whatNext") { next = r.null() ? "" : try r.string() }
            else { try r.skip(level: level + 1) }
        }
        return Reflection(whatHappened: happened, whatLearned: learned, whatNext: next)
    }

    mutating func confirmation(level: Int) throws -> Confirmation {
        var name = "", role = "", date: CalendarDate?
        try object(level: level) { r, key in
            if Reader.key(key, "date") { date = r.null() ? nil : try r.date() }
            else if Reader.key(key, "name") { name = r.null() ? "" : try r.string() }
            else if Reader.key(key, "role") { role = r.null() ? "" : try r.string() }
            else { try r.skip(level: level + 1) }
        }
        return Confirmation(name: name, role: role, date: date)
    }
}
