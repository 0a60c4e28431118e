import Foundation
import PlannerCore
import TestSupport
import Testing

/// Every search folds case and accents the Unicode way (issue 15): `ni bhriain` finds
/// “Ní Bhriain”, and the ASCII shortcut never answers differently from a full fold.
@Suite(.serialized) struct TextQueryTests {
    @Test(arguments: [
        ("ni bhriain", "Dr Aoife Ní Bhriain", true), ("NÍ BHRIAIN", "Dr Aoife Ni Bhriain", true),
        ("zoe", "the Zoë clinic", true), ("ZOË", "the zoe clinic", true), ("siân", "Sian led it", true),
        ("cafe", "CAFÉ-style teaching", true), ("strasse", "Hauptstraße", true), ("ø", "Ø", true),
        ("deprescrib", "Deprescribing", true), ("naive", "naïve", true), ("a", "", false), ("", "anything", true),
        ("  zoe ", "Zoë", true), ("zoey", "Zoë", false),
    ])
    func foldsCaseAndAccents(_ query: String, _ text: String, _ expected: Bool) {
        #expect(TextQuery(query).matches(text) == expected, "“\(query)” in “\(text)”")
    }

    /// Letters with their accented and cased variants, precomposed and combining.
    static let variants: [Character: [String]] = [
        "a": ["a", "A", "á", "à", "â", "ä", "Á", "Ä", "a\u{301}", "A\u{308}", "å"],
        "e": ["e", "E", "é", "è", "ê", "ë", "É", "e\u{301}", "E\u{300}"],
        "i": ["i", "I", "í", "ì", "î", "ï", "Í", "i\u{301}"],
        "o": ["o", "O", "ó", "ò", "ô", "ö", "Ó", "Ö", "o\u{308}"],
        "u": ["u", "U", "ú", "ù", "û", "ü", "Ü", "u\u{301}"],
        "n": ["n", "N", "ñ", "Ñ", "n\u{303}"],
        "c": ["c", "C", "ç", "Ç", "c\u{327}"],
        "s": ["s", "S", "ś", "š", "Š"],
        "z": ["z", "Z", "ž", "ź", "Ż"],
        "y": ["y", "Y", "ý", "ÿ"],
    ]
    static let plainLetters = Array("bdfghjklmprtvwx ")

    /// A random word of plain letters, and the same word with random accents and case.
    static func word(_ choices: inout Choices) -> (plain: String, dressed: String) {
        var plain = "", dressed = ""
        let letters = Array(variants.keys) + plainLetters
        for _ in 0..<(1 + choices.next(12)) {
            let letter = choices.pick(letters)
            plain.append(letter)
            if let forms = variants[letter] {
                dressed += choices.pick(forms)
            } else {
                dressed += choices.chance(3) ? letter.uppercased() : String(letter)
            }
        }
        return (plain, dressed)
    }

    /// Random text with random accents and case still matches its plain, folded form, either
    /// way round, inside other text; and every answer is the full fold's.
    @Test func accentAndCaseVariantsMatchTheirFoldedForms() async {
        await Generated.check(fixedSeed: 15_150, count: 400, maxLength: 64) { bytes in
            var choices = Choices(bytes)
            let (plain, dressed) = Self.word(&choices)
            let before = Self.word(&choices).dressed, after = Self.word(&choices).dressed
            let text = before + dressed + after
            #expect(TextQuery(plain).matches(text), "“\(plain)” in “\(text)”")
            #expect(TextQuery(dressed).matches(before + plain + after), "“\(dressed)” in “\(before + plain + after)”")
            #expect(TextQuery(dressed.uppercased()).matches(dressed.lowercased()), "“\(dressed)” upper and lower")
            // The ASCII shortcut and the full fold agree, matched or not.
            let other = Self.word(&choices).dressed
            #expect(TextQuery(other).matches(text) == TextQuery.fold(text).contains(TextQuery(other).folded), "“\(other)” in “\(text)”")
        }
    }

    /// Folding a character at a time (remembered) gives what Foundation's folding of the whole
    /// text gives, for text from many scripts, with combining marks, ligatures and emoji.
    @Test func foldingCharacterByCharacterIsFoundationsFolding() async {
        let pools: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0x20...0x7E, 0xA0...0x24F, 0x300...0x36F, 0x370...0x3FF, 0x400...0x4FF, 0x590...0x5FF, 0x600...0x6FF,
            0x900...0x97F, 0x1E00...0x1EFF, 0x2000...0x206F, 0x3040...0x30FF, 0x4E00...0x4E80, 0xAC00...0xAC40, 0xFB00...0xFB06,
            0x1F600...0x1F64F, 0x0D...0x0D, 0x0A...0x0A,
        ]
        await Generated.check(fixedSeed: 15_151, count: 600, maxLength: 64) { bytes in
            var choices = Choices(bytes)
            var text = ""
            for _ in 0..<choices.next(24) {
                let pool = choices.pick(pools)
                let value = pool.lowerBound + UInt32(choices.next(Int(pool.upperBound - pool.lowerBound) + 1))
                if let scalar = Unicode.Scalar(value) { text.unicodeScalars.append(scalar) }
            }
            let dressed = Self.word(&choices).dressed
            for sample in [text, dressed, text + dressed] {
                #expect(TextQuery.fold(sample) == TextQuery.foundationFold(sample), "\(sample.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
    }

    /// The measurement behind `TextQuery.foldingCost`: how much slower a byte of text is when it
    /// has to be folded in full than when the ASCII scan can answer. The weight may be off by a
    /// factor of a few without harm (a slice of a search is then that much shorter or longer);
    /// the test fails when it is off by more than 8 times either way.
    @Test func foldingCostIsMeasured() {
        let ascii = (0..<2_000).map { "The handover on ward \($0) missed a deteriorating patient." }
        let accented = (0..<2_000).map { "Siân and Zoë led the café-style teaching \($0) for Ní Bhriain." }
        let query = TextQuery("deprescribing")
        func seconds(_ texts: [String]) -> Double {
            let clock = ContinuousClock()
            var found = 0
            let elapsed = clock.measure { for text in texts where query.matches(text) { found += 1 } }
            #expect(found == 0)
            return Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds)
        }
        // The fastest of five rounds each: other tests share the cores.
        let perASCIIByte = (0..<5).map { _ in seconds(ascii) }.min()! / Double(ascii.reduce(0) { $0 + $1.utf8.count })
        let perFoldedByte = (0..<5).map { _ in seconds(accented) }.min()! / Double(accented.reduce(0) { $0 + $1.utf8.count })
        let ratio = perFoldedByte / perASCIIByte
        print(
            "text query: \(perASCIIByte * 1e9) ns a byte scanned, \(perFoldedByte * 1e9) ns a byte folded: \(ratio) times (weighted \(TextQuery.foldingCost))")
        let off = ratio / Double(TextQuery.foldingCost)
        #expect(off < 8 && off > 1.0 / 8, "folding is \(ratio) times a scanned byte; the weight says \(TextQuery.foldingCost)")
    }
}
