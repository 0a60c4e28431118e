import PlannerCore
import Testing

@testable import PlannerRules

@Suite struct PIIGuardTests {
    static let truePositives: [(String, PIIGuard.Kind, String)] = [
        ("NHS no 943 476 5919 seen", .nhsNumber, "943 476 5919"),
        ("number 9434765919.", .nhsNumber, "9434765919"),
        ("(943-476-5919)", .nhsNumber, "943-476-5919"),
        ("lives at SW1A 1AA now", .postcode, "SW1A 1AA"),
        ("M1 1AE", .postcode, "M1 1AE"),
        ("from B33 8TH,", .postcode, "B33 8TH"),
        ("postcode CR26XH", .postcode, "CR26XH"),
        ("EC1A 1BB", .postcode, "EC1A 1BB"),
        ("DOB 12/03/1956", .dateOfBirth, "12/03/1956"),
        ("born 3 March 2001", .dateOfBirth, "3 March 2001"),
        ("date of birth: 2001-07-14", .dateOfBirth, "2001-07-14"),
        ("a man (01.02.1948) was admitted", .dateOfBirth, "01.02.1948"),
        ("MRN: 00123456", .hospitalNumber, "00123456"),
        ("hospital number RX1234567", .hospitalNumber, "RX1234567"),
        ("seen as H1234567 today", .hospitalNumber, "H1234567"),
        ("call 07700 900123", .phoneNumber, "07700 900123"),
        ("020 7946 0018", .phoneNumber, "020 7946 0018"),
        ("+44 7700 900123", .phoneNumber, "+44 7700 900123"),
        ("(01632) 960001", .phoneNumber, "(01632) 960001"),
        ("+44 (0)20 7946 0018", .phoneNumber, "+44 (0)20 7946 0018"),
        ("e-mail jo.bloggs@nhs.net.", .email, "jo.bloggs@nhs.net"),
        ("x_y+z@example.co.uk", .email, "x_y+z@example.co.uk"),
    ]

    @Test(arguments: 0..<truePositives.count)
    func truePositive(_ index: Int) {
        let (text, kind, seen) = Self.truePositives[index]
        let matches = PIIGuard.scan(text, referenceYear: 2026)
        #expect(matches.contains(.init(kind: kind, text: seen)), "\(text) → \(matches)")
    }

    static let nearMisses: [String] = [
        "943 476 5918",  // 10 digits failing modulus 11
        "9434765918",
        "1234567890",  // fails modulus 11 (check digit would be 10)
        "ST3 trainee in ward 12",
        "COVID19 and H2O and B12",
        "M1 1CK",  // K is not allowed in an inward code
        "sw1a 1aa in lower case",  // written lower case: not how postcodes are written
        "Audit cycle 2024-2025 with 45 patients",
        "Appraisal on 12/03/2025",  // a recent date, no birth keyword
        "Version 1.2.3 of the guideline",
        "Element 3.2 and competence 4.1.a",
        "ISO9001 standards",
        "Bleep 4455",
        "£1,250,000 budget",
        "GMC 7123456",  // a 7-digit number alone is not flagged
        "an @ sign alone @ here",
        "meet at 10:30 on ward 7B",
        "50 credits, 250 over five years",
    ]

    @Test(arguments: nearMisses)
    func nearMiss(_ text: String) {
        #expect(PIIGuard.scan(text, referenceYear: 2026).isEmpty, "\(text) → \(PIIGuard.scan(text, referenceYear: 2026))")
    }

    @Test func modulus11() {
        #expect(PIIGuard.passesModulus11([9, 4, 3, 4, 7, 6, 5, 9, 1, 9]))
        #expect(!PIIGuard.passesModulus11([9, 4, 3, 4, 7, 6, 5, 9, 1, 8]))
        #expect(PIIGuard.passesModulus11([4, 0, 1, 0, 2, 3, 2, 1, 3, 7]))
    }

    @Test func noDigitsNoWork() {
        #expect(PIIGuard.scan("Plain reflective text with café and 李 but nothing identifying.", referenceYear: 2026).isEmpty)
    }
}
