import PlannerCore
import Testing

@testable import PlannerRules

/// The PII guard's quick looks (issue 8) must never skip a place a full look would flag.
@Suite struct PIIGuardFastPathTests {
    @Test func wordTestFindsEveryDigitAndAt() {
        // Every byte value in every position of an eight-byte word, among harmless letters.
        for position in 0..<8 {
            for value in 0..<256 {
                var bytes = [UInt8](repeating: 0x61, count: 8)
                bytes[position] = UInt8(value)
                let word = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
                let expected = (0x30...0x40).contains(value)
                #expect(PIIGuard.mayHoldDigitOrAt(word) == expected, "byte \(value) at \(position)")
            }
        }
        // Neighbours that could carry into each other.
        for a in [0x00, 0x2F, 0x30, 0x40, 0x41, 0x7F, 0x80, 0xFF] {
            for b in [0x00, 0x2F, 0x30, 0x40, 0x41, 0x7F, 0x80, 0xFF] {
                let word = UInt64(a) | UInt64(b) << 8 | 0x6161_6161_6161_0000
                #expect(PIIGuard.mayHoldDigitOrAt(word) == ((0x30...0x40).contains(a) || (0x30...0x40).contains(b)), "\(a) \(b)")
            }
        }
    }

    @Test func placesAtTheEdgesOfTheQuickLookAreStillFound() {
        let year = 2026
        let cases: [(String, PIIGuard.Kind)] = [
            ("abcdefgh 943 476 5919", .nhsNumber),  // after a word-aligned run of letters
            ("abcdefg DOB 12/03/1956", .dateOfBirth),
            ("x@nhs.net", .email),
            ("Seen in Mar. 3, 1940 clinic", .dateOfBirth),
            ("ref AB12 3DE today", .postcode),
            ("at SW1A 1AA now", .postcode),
            ("M1 1AE", .postcode),
            ("tel (020) 7946 0958", .phoneNumber),
            ("+44 7700 900123", .phoneNumber),
            ("RXH1234567", .hospitalNumber),
            ("mrn 55555", .hospitalNumber),
        ]
        for (text, kind) in cases {
            #expect(PIIGuard.scan(text, referenceYear: year).contains { $0.kind == kind }, "\(text)")
            // The same after long runs of text with no digits, in every alignment.
            for pad in 0..<9 {
                let padded = String(repeating: "word ", count: 3) + String(repeating: "z", count: pad) + " " + text
                #expect(PIIGuard.scan(padded, referenceYear: year).contains { $0.kind == kind }, "\(padded) → \(PIIGuard.scan(padded, referenceYear: year))")
            }
        }
    }

    @Test func hospitalNumbersNextToLettersWhoseLowerCaseIsLonger() {
        // "İ" lower-cases to two characters; the keyword search folds ASCII only and still finds the number.
        let matches = PIIGuard.scan("İstanbul clinic, hospital number 1234567", referenceYear: 2026)
        #expect(matches.contains { $0.kind == .hospitalNumber && $0.text == "1234567" })
    }
}
