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

    /// Text with case and accents taken away, as every search compares it.
    public static func fold(_ text: String) -> String {
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
    /// `TextQueryTests.foldingCostIsMeasured`, about 50 times in a debug build).
    public static let foldingCost = 64

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
