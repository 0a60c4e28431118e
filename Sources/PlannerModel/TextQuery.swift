import Foundation

/// "Does this text hold what was typed?": the one answer every search gives (the evidence
/// list, the competence picker, any other). Case and accents are folded with Unicode's rules
/// (Foundation's `folding`), so `ni bhriain` finds “Ní Bhriain” and `ZOË` finds “Zoe”; an
/// ASCII table would miss every letter it does not list.
///
/// Text that is all ASCII is compared byte by byte with its letters folded to lower case,
/// which is exactly what the Unicode folding gives for it, without making a folded copy:
/// most of a portfolio is ASCII and a search runs over a career's worth of it per keystroke.
/// Only text with other characters is folded in full.
public struct TextQuery: Sendable, Equatable {
    /// What was typed, trimmed and folded.
    public let folded: String
    private let bytes: [UInt8]
    private let isASCII: Bool

    public init(_ typed: String) {
        folded = TextQuery.fold(typed.trimmingCharacters(in: .whitespaces))
        bytes = Array(folded.utf8)
        isASCII = bytes.allSatisfy { $0 < 0x80 }
    }

    /// Nothing to look for: every text matches.
    public var isEmpty: Bool { bytes.isEmpty }

    /// Text with case and accents taken away, as every search compares it: Foundation's
    /// folding, one character (grapheme) at a time. Folding a whole text through Foundation
    /// costs some 700 ns a byte on Linux (35 s for a career's 50 MB); the folding of each
    /// character beyond ASCII is remembered instead (`FoldMemo`), and ASCII is lower-cased in
    /// place, which is what the folding does to it. Folding does not reach across characters
    /// (a mark on its own is folded with the one before it), so the result is the whole
    /// text's folding: a generative test holds the two equal.
    public static func fold(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var previous: Character? = nil
        for character in text {
            defer { previous = character }
            if character == "\r\n" {
                // One character of two bytes, whose `asciiValue` is the line feed alone.
                out.append(character)
            } else if let ascii = character.asciiValue {
                out.unicodeScalars.append(Unicode.Scalar(ascii >= 0x41 && ascii <= 0x5A ? ascii + 32 : ascii))
            } else if let first = character.unicodeScalars.first, FoldMemo.isMark(first) {
                // A mark standing on its own (after a line break or a format character): what
                // Foundation does with it depends on what comes before, so that pair is folded.
                guard let previous else {
                    out.append(foundationFold(String(character)))
                    continue
                }
                let both = Array(foundationFold(String(previous) + String(character)).unicodeScalars)
                let alone = Array(foundationFold(String(previous)).unicodeScalars)
                guard both.starts(with: alone) else { return foundationFold(text) }
                out.unicodeScalars.append(contentsOf: both.dropFirst(alone.count))
            } else {
                out.append(FoldMemo.shared.fold(character))
            }
        }
        return out
    }

    /// Foundation's folding of a whole text at once (what `fold` must equal).
    public static func foundationFold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// Whether `text` holds the query, case and accents aside.
    public func matches(_ text: String) -> Bool { matchesCounting(text).found }

    /// Whether `text` holds the query, and roughly how many bytes' worth of work that took
    /// (text that had to be folded in full counts `foldingCost` times its length), so a
    /// search that works in slices can keep each slice short.
    public func matchesCounting(_ text: String) -> (found: Bool, cost: Int) {
        if bytes.isEmpty { return (true, 0) }
        let (found, needsFold) = scan(text)
        if found { return (true, text.utf8.count) }
        guard needsFold else { return (false, text.utf8.count) }
        return (matches(folded: TextQuery.fold(text)), text.utf8.count * (TextQuery.foldingCost + 1))
    }

    /// The quick look, without folding: whether the text's bytes hold the query (ASCII
    /// letters in either case), and if not, whether only a full fold can tell (the text has
    /// characters beyond ASCII). A search that keeps folded text (`matches(folded:)`) folds
    /// an item once, when this first says it must.
    public func scan(_ text: String) -> (found: Bool, needsFold: Bool) {
        if bytes.isEmpty { return (true, false) }
        var copy = text
        return copy.withUTF8 { hay in
            guard isASCII else {
                // Folded text beyond ASCII is never in ASCII text: only text beyond ASCII may hold it.
                return (false, hay.contains { $0 >= 0x80 })
            }
            let (found, hasOther) = TextQuery.scanASCII(for: bytes, in: hay)
            return (found, !found && hasOther)
        }
    }

    /// Whether text already folded (`fold`) holds the query: a byte search, with no copy.
    public func matches(folded text: String) -> Bool {
        if bytes.isEmpty { return true }
        var copy = text
        return copy.withUTF8 { TextQuery.scanASCII(for: bytes, in: $0).found }
    }

    /// How much more a byte of text costs to fold than to scan (measured: see
    /// `TextQueryTests.foldingCostIsMeasured`: about 28 times in a debug build, where
    /// Foundation's folding of whole texts was 50 to 70).
    public static let foldingCost = 32

    /// Looks for the query's bytes in the text's, ASCII letters of the text taken in either case;
    /// also says whether the text holds any byte beyond ASCII (then only a full fold can tell).
    private static func scanASCII(for needle: [UInt8], in hay: UnsafeBufferPointer<UInt8>) -> (found: Bool, hasOther: Bool) {
        let n = needle.count
        var hasOther = false
        return needle.withUnsafeBufferPointer { needle in
            let first = needle[0]
            let upperFirst = first >= 0x61 && first <= 0x7A ? first - 32 : first
            var i = 0
            while i < hay.count {
                let b = hay[i]
                if b >= 0x80 { hasOther = true }
                if (b == first || b == upperFirst) && i + n <= hay.count {
                    var k = 1
                    while k < n {
                        let c = hay[i + k]
                        if (c >= 0x41 && c <= 0x5A ? c + 32 : c) != needle[k] { break }
                        k += 1
                    }
                    if k == n { return (true, hasOther) }
                }
                i += 1
            }
            return (false, hasOther)
        }
    }
}

/// The folding of each character beyond ASCII met so far, so that Foundation folds each one
/// once per process. Bounded: past `limit` characters, others are folded without being kept.
/// (Equal characters are equal in any normal form, so “é” and “e\u{301}” share one entry.)
final class FoldMemo: @unchecked Sendable {
    static let shared = FoldMemo()
    static let limit = 65_536
    private var folded: [Character: String] = [:]
    private let lock = NSLock()

    func fold(_ character: Character) -> String {
        lock.lock()
        if let known = folded[character] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let result = TextQuery.foundationFold(String(character))
        lock.lock()
        if folded.count < FoldMemo.limit { folded[character] = result }
        lock.unlock()
        return result
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
