import Foundation

/// A reading place in the bytes of a JSON text, and the tokens taken from it by both readers
/// of the portfolio format: `FastDecoder` (the quick path) and `JSONScan` (the checks made
/// before `JSONDecoder`). Strings and their escapes are read here, once for both.
///
/// It judges only the token in front of it; what may follow what is the readers' business.
struct JSONCursor {
    let p: UnsafePointer<UInt8>
    let end: Int
    /// The offset of the next byte to read.
    var i = 0

    init(_ p: UnsafePointer<UInt8>, count: Int) {
        self.p = p
        end = count
    }

    /// Why a token could not be read.
    enum Failure: Error, Equatable {
        /// Not a JSON token here (for a strict string, also a control character in it).
        case syntax
        /// The `\u` escape at `offset` holds only half of a character (an unpaired surrogate).
        case halfCharacter(offset: Int)
    }

    /// A string's contents: its bytes as written when it holds no escape, else decoded.
    enum Text {
        case written(UnsafeBufferPointer<UInt8>)
        case decoded([UInt8])
    }

    /// The byte here, or 0 at the end.
    func peek() -> UInt8 { i < end ? p[i] : 0 }

    mutating func skipSpace() {
        while i < end, p[i] == 0x20 || p[i] == 0x0A || p[i] == 0x0D || p[i] == 0x09 { i += 1 }
    }

    /// The string opening here, at its quote; the cursor stops past its closing quote. UTF-8
    /// is not checked. A `strict` string refuses an unescaped control character, as JSON does;
    /// otherwise one is let through.
    mutating func string(strict: Bool) throws(Failure) -> Text {
        guard peek() == quote else { throw .syntax }
        i += 1
        let start = i
        // Most of a portfolio's bytes are plain text: skip eight bytes at a time while none
        // of them is a quote, a backslash or a control character.
        while i + 8 <= end, !JSONCursor.special(UnsafeRawPointer(p).loadUnaligned(fromByteOffset: i, as: UInt64.self)) { i += 8 }
        while i < end {
            let b = p[i]
            if b == quote {
                i += 1
                return .written(UnsafeBufferPointer(start: p + start, count: i - 1 - start))
            }
            if b == backslash { return .decoded(try escaped(from: start, strict: strict)) }
            if b < 0x20 && strict { throw .syntax }
            i += 1
        }
        throw .syntax
    }

    /// True if any byte of the word is `"`, `\` or a control character (each test is the
    /// classic "has a zero byte" check, `(x - 0x01…) & ~x & 0x80…`).
    static func special(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let q = w ^ 0x2222_2222_2222_2222, s = w ^ 0x5C5C_5C5C_5C5C_5C5C
        return (((q &- ones) & ~q) | ((s &- ones) & ~s) | ((w &- 0x2020_2020_2020_2020) & ~w)) & highs != 0
    }

    /// The rest of a string holding escapes, from its first backslash, decoded.
    private mutating func escaped(from start: Int, strict: Bool) throws(Failure) -> [UInt8] {
        var bytes = Array(UnsafeBufferPointer(start: p + start, count: i - start))
        while i < end {
            let b = p[i]
            if b == quote {
                i += 1
                return bytes
            }
            guard b == backslash else {
                if b < 0x20 && strict { throw .syntax }
                bytes.append(b)
                i += 1
                continue
            }
            guard i + 1 < end else { throw .syntax }
            let escape = i, e = p[i + 1]
            i += 2
            switch e {
            case quote, backslash, 0x2F: bytes.append(e)
            case 0x62: bytes.append(0x08)  // \b
            case 0x66: bytes.append(0x0C)  // \f
            case 0x6E: bytes.append(0x0A)  // \n
            case 0x72: bytes.append(0x0D)  // \r
            case 0x74: bytes.append(0x09)  // \t
            case 0x75:  // \u
                let unit = try hex4()
                var scalar = UInt32(unit)
                if (0xD800..<0xDC00).contains(unit) {
                    guard i + 6 <= end, p[i] == backslash, p[i + 1] == 0x75 else { throw .halfCharacter(offset: escape) }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw .halfCharacter(offset: escape) }
                    scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                } else if (0xDC00..<0xE000).contains(unit) {
                    throw .halfCharacter(offset: escape)
                }
                guard let character = Unicode.Scalar(scalar) else { throw .syntax }
                UTF8.encode(character) { bytes.append($0) }
            default:
                throw .syntax
            }
        }
        throw .syntax
    }

    /// The four hex digits after `\u`.
    private mutating func hex4() throws(Failure) -> UInt16 {
        guard i + 4 <= end else { throw .syntax }
        var value: UInt16 = 0
        for k in 0..<4 {
            let c = p[i + k]
            let digit: UInt8
            switch c {
            case 0x30...0x39: digit = c - 0x30
            case 0x61...0x66: digit = c - 0x61 + 10
            case 0x41...0x46: digit = c - 0x41 + 10
            default: throw .syntax
            }
            value = value << 4 | UInt16(digit)
        }
        i += 4
        return value
    }

    /// The text of a number in its plain forms only: an optional minus, whole digits without
    /// a leading zero, an optional fraction, no exponent, at most 20 characters. Anything
    /// else, even valid JSON, is `.syntax` here (its reader leaves it to `JSONDecoder`).
    mutating func plainNumber() throws(Failure) -> UnsafeBufferPointer<UInt8> {
        let start = i
        if peek() == 0x2D { i += 1 }
        guard isDigit(peek()) else { throw .syntax }
        if p[i] == 0x30 {
            i += 1
            if isDigit(peek()) { throw .syntax }
        } else {
            while isDigit(peek()) { i += 1 }
        }
        if peek() == 0x2E {
            i += 1
            guard isDigit(peek()) else { throw .syntax }
            while isDigit(peek()) { i += 1 }
        }
        if peek() == 0x65 || peek() == 0x45 || i - start > 20 { throw .syntax }
        return UnsafeBufferPointer(start: p + start, count: i - start)
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Reads `word` (`true`, `false`, `null`) if it is here.
    mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= end, memcmp(p + i, word.utf8Start, n) == 0 else { return false }
        i += n
        return true
    }
}

private let quote: UInt8 = 0x22, backslash: UInt8 = 0x5C
