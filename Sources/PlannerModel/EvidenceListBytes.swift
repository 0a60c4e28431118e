import Foundation

/// Where each evidence item lies in the bytes of a portfolio file, found without decoding
/// anything. A merge of three career-sized copies uses it to set aside the items all three
/// hold byte for byte before reading the rest (`MergeCopies`): decoding them three times is
/// most of a merge's cost, and the result does not depend on them.
///
/// It only finds boundaries, and trusts nothing it finds: the bytes it keeps are decoded by
/// the real readers, and an item it sets aside is byte for byte one another copy's reader has
/// read. Anything unusual (no object, an escaped or repeated `evidence` key, bytes after the
/// document) gives nil, and the caller reads the files whole as it always did.
package struct EvidenceListBytes: Sendable {
    /// The byte ranges of the list's items, in order.
    package let items: [Range<Int>]
    /// The offset just past the list's `[`, and that of its `]`.
    package let listStart: Int, listEnd: Int

    /// The key of the list, as the model writes it.
    static let key = Array(Portfolio.CodingKeys.evidence.stringValue.utf8)

    package static func find(in raw: UnsafeRawBufferPointer) -> EvidenceListBytes? {
        guard let base = raw.baseAddress, raw.count > 0 else { return nil }
        var walk = Walk(c: JSONCursor(base.assumingMemoryBound(to: UInt8.self), count: raw.count))
        return walk.document()
    }

    /// The document's bytes with the items at `dropped` (indexes into `items`) left out: still
    /// a portfolio, whose list holds the others in their order.
    package func bytes(of raw: UnsafeRawBufferPointer, dropping dropped: Set<Int>) -> Data {
        var out = Data(capacity: raw.count)
        out.append(contentsOf: raw[..<listStart])
        var first = true
        for (index, range) in items.enumerated() where !dropped.contains(index) {
            if !first { out.append(0x2C) }
            first = false
            out.append(contentsOf: raw[range])
        }
        out.append(contentsOf: raw[listEnd...])
        return out
    }

    /// The walk over the document's top level, skipping every value but the list.
    private struct Walk {
        var c: JSONCursor

        mutating func document() -> EvidenceListBytes? {
            c.skipSpace()
            guard take(0x7B) else { return nil }
            var found: EvidenceListBytes?
            c.skipSpace()
            if take(0x7D) { return nil }
            while true {
                let isList: Bool
                switch try? c.string(strict: true) {
                case .written(let key)?: isList = key.elementsEqual(EvidenceListBytes.key)
                // The list's key spelled with escapes: left to the decoders.
                case .decoded(let key)?: if key == EvidenceListBytes.key { return nil } else { isList = false }
                case nil: return nil
                }
                c.skipSpace()
                guard take(0x3A) else { return nil }
                c.skipSpace()
                if isList {
                    guard found == nil, let list = list() else { return nil }
                    found = list
                } else {
                    guard skipValue() else { return nil }
                }
                c.skipSpace()
                if take(0x2C) {
                    c.skipSpace()
                    continue
                }
                guard take(0x7D) else { return nil }
                break
            }
            c.skipSpace()
            return c.i == c.end ? found : nil
        }

        mutating func list() -> EvidenceListBytes? {
            guard take(0x5B) else { return nil }
            let start = c.i
            var items: [Range<Int>] = []
            c.skipSpace()
            if c.peek() == 0x5D {
                defer { c.i += 1 }
                return EvidenceListBytes(items: [], listStart: start, listEnd: c.i)
            }
            while true {
                let itemStart = c.i
                guard skipValue() else { return nil }
                items.append(itemStart..<c.i)
                c.skipSpace()
                if take(0x2C) {
                    c.skipSpace()
                    continue
                }
                guard c.peek() == 0x5D else { return nil }
                defer { c.i += 1 }
                return EvidenceListBytes(items: items, listStart: start, listEnd: c.i)
            }
        }

        /// Steps over one value, counting brackets and stepping over strings whole.
        mutating func skipValue() -> Bool {
            switch c.peek() {
            case 0x7B, 0x5B: break
            case 0x22: return skipString()
            default:
                // A number or a literal: up to the byte that ends it.
                let start = c.i
                while c.i < c.end, !Walk.endsScalar(c.p[c.i]) { c.i += 1 }
                return c.i > start
            }
            var depth = 0
            while c.i < c.end {
                // Indentation, colons and commas, eight bytes at a time.
                while c.i + 8 <= c.end, !Walk.structural(UnsafeRawPointer(c.p).loadUnaligned(fromByteOffset: c.i, as: UInt64.self)) { c.i += 8 }
                guard c.i < c.end else { break }
                switch c.p[c.i] {
                case 0x22:
                    guard skipString() else { return false }
                    continue
                case 0x7B, 0x5B: depth += 1
                case 0x7D, 0x5D:
                    depth -= 1
                    if depth == 0 {
                        c.i += 1
                        return true
                    }
                default: break
                }
                c.i += 1
            }
            return false
        }

        /// Steps over a string from its opening quote, eight plain bytes at a time.
        mutating func skipString() -> Bool {
            c.i += 1
            while c.i < c.end {
                while c.i + 8 <= c.end, !JSONCursor.special(UnsafeRawPointer(c.p).loadUnaligned(fromByteOffset: c.i, as: UInt64.self)) { c.i += 8 }
                guard c.i < c.end else { break }
                switch c.p[c.i] {
                case 0x22:
                    c.i += 1
                    return true
                case 0x5C: c.i += 2
                default: c.i += 1
                }
            }
            return false
        }

        /// True if any byte of the word is a quote or a bracket (the "has a zero byte" test of
        /// `JSONCursor.special`, once for each).
        static func structural(_ w: UInt64) -> Bool {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            func has(_ byte: UInt64) -> UInt64 {
                let x = w ^ (byte &* ones)
                return (x &- ones) & ~x
            }
            return (has(0x22) | has(0x7B) | has(0x7D) | has(0x5B) | has(0x5D)) & highs != 0
        }

        static func endsScalar(_ b: UInt8) -> Bool {
            b == 0x2C || b == 0x7D || b == 0x5D || b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard c.peek() == byte else { return false }
            c.i += 1
            return true
        }
    }
}
