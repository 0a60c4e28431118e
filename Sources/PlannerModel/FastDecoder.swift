import Foundation

/// A hand-written reader for the portfolio format: the quick path of `PortfolioStore`. It
/// decodes straight into the model, with no intermediate tree, in one pass on one thread.
///
/// It reads only what it knows. It gives up (returns nil) on anything it does not recognise
/// or that `JSONDecoder` might judge differently: a format version other than the current
/// one, a key the model does not know (`JSONDecoder` keeps it in the record's
/// `unknownFields`), a duplicate or escaped key, an unusual number, invalid UTF-8, any syntax
/// error. The caller then decodes with `JSONDecoder` (`PortfolioStore.decodeWithFoundation`),
/// so errors, migrations and edge cases behave as they always did. When it succeeds it gives
/// the same `Portfolio` `JSONDecoder` would (tests compare the two).
package enum FastDecoder {
    /// Thrown inside the reader wherever it gives up.
    struct GiveUp: Error {}

    package static func decode(_ data: Data) -> Portfolio? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Portfolio? in
            guard let base = raw.baseAddress, raw.count > 0 else { return nil }
            return decode(base.assumingMemoryBound(to: UInt8.self), count: raw.count, releasing: false)
        }
    }

    /// Decodes `count` bytes. With `releasing`, the buffer must be an anonymous mapping the
    /// caller owns and throws away afterwards: the pages of evidence already read are given
    /// back to the system as the reading goes (they read as zeros afterwards), so a career's
    /// file and its decoded portfolio are never in memory at once in full.
    package static func decode(_ bytes: UnsafePointer<UInt8>, count: Int, releasing: Bool) -> Portfolio? {
        var reader = FastReader(JSONCursor(bytes, count: count), releasing: releasing)
        // In the current format, as JSONDecoder's path gives it (`FormatMigration`).
        guard var portfolio = try? reader.document() else { return nil }
        FormatMigration.upgrade(&portfolio)
        return portfolio
    }
}

private let colon: UInt8 = 0x3A, comma: UInt8 = 0x2C
private let openBrace: UInt8 = 0x7B, closeBrace: UInt8 = 0x7D, openBracket: UInt8 = 0x5B, closeBracket: UInt8 = 0x5D

/// The quick reader's place in the bytes and the tokens it takes; the records' tables
/// (`SchemaValue.read`) drive it.
struct FastReader {
    typealias GiveUp = FastDecoder.GiveUp

    var c: JSONCursor
    /// Keys of the objects being read, innermost last, to refuse one met twice.
    var keys: [UnsafeBufferPointer<UInt8>] = []
    /// Whether pages already read may be given back (see `FastDecoder.decode`), and up to where they have been.
    let releasing: Bool
    var released = 0
    /// Set while the list whose items may be given back is read (the document's evidence).
    var releasingElements = false

    init(_ cursor: JSONCursor, releasing: Bool) {
        c = cursor
        self.releasing = releasing
    }

    /// Gives back the whole pages before `offset` (the start of an evidence item: nothing
    /// before it is looked at again), a few megabytes at a time.
    mutating func releaseConsumed(upTo offset: Int) {
        guard releasing, offset - released >= 4 << 20 else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let base = Int(bitPattern: c.p)
        let start = (base + released + page - 1) / page * page, end = (base + offset) / page * page
        if end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) {
            madvise(pointer, end - start, Int32(MADV_DONTNEED))
        }
        released = offset
    }

    // MARK: Structure

    mutating func expect(_ byte: UInt8) throws {
        guard c.peek() == byte else { throw GiveUp() }
        c.i += 1
    }

    /// Walks the items of an object or array between `open` and `close`; `item` reads one.
    mutating func container(open: UInt8, close: UInt8, _ item: (inout FastReader) throws -> Void) throws {
        try expect(open)
        c.skipSpace()
        if c.peek() == close {
            c.i += 1
            return
        }
        while true {
            try item(&self)
            c.skipSpace()
            guard c.peek() == comma else { break }
            c.i += 1
            c.skipSpace()
        }
        try expect(close)
    }

    /// Walks the members of an object, calling `member` with each key's bytes; `member` must
    /// read the value. Gives up on a key met twice in the object.
    mutating func object(_ member: (inout FastReader, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let outer = keys.count
        defer { keys.removeSubrange(outer...) }
        try container(open: openBrace, close: closeBrace) { r in
            let key = try r.key()
            for seen in r.keys[outer...] where FastReader.same(seen, key) { throw GiveUp() }
            r.keys.append(key)
            r.c.skipSpace()
            try r.expect(colon)
            r.c.skipSpace()
            try member(&r, key)
        }
    }

    mutating func array(_ element: (inout FastReader) throws -> Void) throws {
        try container(open: openBracket, close: closeBracket, element)
    }

    /// A key: ASCII, without escapes (other keys are left to JSONDecoder).
    mutating func key() throws -> UnsafeBufferPointer<UInt8> {
        guard case .written(let key) = try c.string(strict: true), !key.contains(where: { $0 >= 0x80 }) else { throw GiveUp() }
        return key
    }

    static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
    }

    // MARK: Values

    mutating func string() throws -> String {
        let text: String?
        switch try c.string(strict: true) {
        case .written(let bytes): text = FastReader.text(bytes)
        case .decoded(let bytes): text = bytes.withUnsafeBufferPointer { FastReader.text($0) }
        }
        guard let text else { throw GiveUp() }
        return text
    }

    /// The bytes as a string if they are UTF-8. ASCII, most of a portfolio, is checked here
    /// eight bytes at a time and needs no further check; the rest goes through the standard
    /// library's validation (a generic call that costs a metadata look-up each time).
    static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let raw = UnsafeRawBufferPointer(bytes)
        var i = 0
        while i + 8 <= raw.count, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
        while i < raw.count, raw[i] < 0x80 { i += 1 }
        return i == raw.count ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
    }

    mutating func int() throws -> Int {
        let text = try c.plainNumber()
        guard !text.contains(0x2E), text.first != 0x2D || (text.count > 1 && text[1] != 0x30), text.count <= 18 else { throw GiveUp() }
        var value = 0
        for b in text where b != 0x2D { value = value * 10 + Int(b - 0x30) }
        return text.first == 0x2D ? -value : value
    }

    mutating func double() throws -> Double {
        let text = try c.plainNumber()
        guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else { throw GiveUp() }
        return value
    }

    mutating func bool() throws -> Bool {
        if c.literal("true") { return true }
        if c.literal("false") { return false }
        throw GiveUp()
    }

    /// A `null` where an optional value may stand (decodeIfPresent reads it as absent).
    mutating func null() -> Bool {
        c.peek() == 0x6E && c.literal("null")
    }

    mutating func date() throws -> CalendarDate {
        guard let date = CalendarDate(try string()) else { throw GiveUp() }
        return date
    }

    mutating func enumValue<T: RawRepresentable>(_ type: T.Type) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: try string()) else { throw GiveUp() }
        return value
    }

    // MARK: The model
    // The records are read by their tables (`SchemaRecord.read`, in Schema/): a key a table
    // does not have gives up, for JSONDecoder keeps it in the record's `unknownFields`.

    mutating func document() throws -> Portfolio {
        c.skipSpace()
        let portfolio = try Portfolio.read(from: &self)
        c.skipSpace()
        guard c.i == c.end else { throw GiveUp() }
        return portfolio
    }
}
