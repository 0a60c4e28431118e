import Foundation

/// Writes the portfolio format's bytes straight into one growing buffer: the layout
/// `JSONEncoder` gives with `.prettyPrinted, .sortedKeys, .withoutEscapingSlashes` (two
/// spaces a level, `"key" : value`, an empty list as `[` newline newline indent `]`), so a
/// save needs no tree of boxed values and no second copy of the document.
///
/// The buffer is `malloc`ed and grown with `realloc` (which moves large blocks by remapping
/// pages, not copying), and handed to `Data` without a copy by `finish()`. A writer made with
/// a `sink` never grows to the document's size: when its buffer is full, what it holds goes to
/// the sink and it starts again from the front (a save writes a career's 50 MB a piece at a time).
final class JSONByteWriter {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0
    private var finished = false
    /// Nesting depth of the container being written (its members sit one level deeper).
    private(set) var depth = 0
    /// Where a full buffer goes, in order; nil: the buffer grows instead.
    private var sink: ((UnsafeRawBufferPointer) -> Void)?

    init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 64)
        base = malloc(self.capacity)!.assumingMemoryBound(to: UInt8.self)
    }

    /// A writer that hands its bytes to `sink` in pieces of at most `capacity` bytes (larger
    /// only for a single string longer than that); `drain()` hands over the last piece.
    init(capacity: Int, sink: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.capacity = max(capacity, 64)
        base = malloc(self.capacity)!.assumingMemoryBound(to: UInt8.self)
        self.sink = sink
    }

    deinit { if !finished { free(base) } }

    /// The bytes written, owned by the `Data` from here on (call it once, last).
    func finish() -> Data {
        let data = Data(bytesNoCopy: base, count: count, deallocator: .free)
        finished = true
        return data
    }

    /// Hands what the buffer holds to the sink and forgets the sink (call it once, last).
    func drain() {
        if count > 0 { sink?(UnsafeRawBufferPointer(start: base, count: count)) }
        count = 0
        sink = nil
    }

    private func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        if let sink {
            // No caller keeps a pointer into the buffer across a `reserve`: it may start over.
            if count > 0 { sink(UnsafeRawBufferPointer(start: base, count: count)) }
            count = 0
            if extra <= capacity { return }
        }
        var grown = capacity * 2
        while grown < count + extra { grown *= 2 }
        base = realloc(base, grown)!.assumingMemoryBound(to: UInt8.self)
        capacity = grown
    }

    func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    func bytes(_ source: UnsafeRawBufferPointer) {
        guard let from = source.baseAddress, source.count > 0 else { return }
        reserve(source.count)
        memcpy(base + count, from, source.count)
        count += source.count
    }

    func ascii(_ text: StaticString) {
        bytes(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    // MARK: Layout

    private func newlineAndIndent() {
        reserve(1 + 2 * depth)
        base[count] = 0x0A
        memset(base + count + 1, 0x20, 2 * depth)
        count += 1 + 2 * depth
    }

    /// Opens an object or array; `close` ends it. Members are introduced by `nextMember`.
    func open(_ bracket: UInt8) {
        byte(bracket)
        depth += 1
    }

    /// Starts a member of the open container: a comma after the first, then a new line.
    func nextMember(first: Bool) {
        if !first { byte(0x2C) }
        newlineAndIndent()
    }

    /// Ends the open container (empty ones keep `JSONEncoder`'s blank line).
    func close(_ bracket: UInt8, empty: Bool) {
        if empty { byte(0x0A) }
        depth -= 1
        newlineAndIndent()
        byte(bracket)
    }

    /// A key already escaped and quoted (the tables keep their keys that way) and ` : `.
    func quotedKey(_ quoted: UnsafeRawBufferPointer) {
        bytes(quoted)
        ascii(" : ")
    }

    // MARK: Values

    func string(_ text: String) {
        var text = text
        text.withUTF8 { string(UnsafeRawBufferPointer($0)) }
    }

    /// A string in quotes, escaped as `JSONEncoder` escapes: `"` `\` and the control
    /// characters (short forms where JSON has them, else `\u00xx` in lower-case hex); `/`,
    /// DEL and all non-ASCII as they are.
    func string(_ utf8: UnsafeRawBufferPointer) {
        reserve(utf8.count + 2)
        base[count] = 0x22
        count += 1
        var runStart = 0, i = 0
        let n = utf8.count
        while i < n {
            // Most text needs no escape: eight bytes at a time while none is special.
            if i + 8 <= n, !JSONCursor.special(utf8.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                i += 8
                continue
            }
            let b = utf8[i]
            if b < 0x20 || b == 0x22 || b == 0x5C {
                bytes(UnsafeRawBufferPointer(rebasing: utf8[runStart..<i]))
                runStart = i + 1
                escape(b)
            }
            i += 1
        }
        bytes(UnsafeRawBufferPointer(rebasing: utf8[runStart..<n]))
        byte(0x22)
    }

    private func escape(_ b: UInt8) {
        let short: UInt8
        switch b {
        case 0x22: short = 0x22
        case 0x5C: short = 0x5C
        case 0x0A: short = 0x6E  // n
        case 0x0D: short = 0x72  // r
        case 0x09: short = 0x74  // t
        case 0x08: short = 0x62  // b
        case 0x0C: short = 0x66  // f
        default:
            let hex: StaticString = "0123456789abcdef"
            ascii("\\u00")
            byte(hex.utf8Start[Int(b >> 4)])
            byte(hex.utf8Start[Int(b & 0x0F)])
            return
        }
        byte(0x5C)
        byte(short)
    }

    /// A date as `CalendarDate.description` spells it (`"2025-04-01"`), without formatting a
    /// string for each of a career's thousands of dates; the caller passes only years of four
    /// digits and real months and days.
    func date(year: Int, month: Int, day: Int) {
        reserve(12)
        let out = base + count
        out[0] = 0x22
        out[1] = UInt8(year / 1000) + 0x30
        out[2] = UInt8(year / 100 % 10) + 0x30
        out[3] = UInt8(year / 10 % 10) + 0x30
        out[4] = UInt8(year % 10) + 0x30
        out[5] = 0x2D
        out[6] = UInt8(month / 10) + 0x30
        out[7] = UInt8(month % 10) + 0x30
        out[8] = 0x2D
        out[9] = UInt8(day / 10) + 0x30
        out[10] = UInt8(day % 10) + 0x30
        out[11] = 0x22
        count += 12
    }

    func bool(_ value: Bool) { value ? ascii("true") : ascii("false") }

    func null() { ascii("null") }

    func int(_ value: Int64) {
        // Digits from the right into a small buffer (at most 20 of them and a sign).
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var magnitude = value.magnitude
            var at = buffer.count
            repeat {
                at -= 1
                buffer[at] = UInt8(truncatingIfNeeded: magnitude % 10) + 0x30
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                at -= 1
                buffer[at] = 0x2D
            }
            bytes(UnsafeRawBufferPointer(rebasing: buffer[at...]))
        }
    }

    /// A double as `JSONEncoder` writes one: Swift's shortest `description`, without the
    /// ".0" of a whole number (`1e+21`, `-0`, `0.1`, `1.5`). Only finite numbers reach here.
    func double(_ value: Double) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        text.withUTF8 { bytes(UnsafeRawBufferPointer($0)) }
    }
}
