import PlannerCore
import Testing

@testable import PlannerRules

/// A larger table for the PII guard (issue 5 §7): patient identifiers written the many ways
/// they turn up in real reflections, and look-alikes from ordinary appraisal text that must
/// not be flagged. `referenceYear` is 2026 throughout.
@Suite struct PIIGuardTableTests {
    static let truePositives: [(String, PIIGuard.Kind, String)] = [
        // NHS numbers (each passes modulus 11), in the layouts people type.
        ("NHS: 4010232137.", .nhsNumber, "4010232137"),
        ("(NHS no. 401 023 2137)", .nhsNumber, "401 023 2137"),
        ("401-023-2137 on the form", .nhsNumber, "401-023-2137"),
        ("Pt 943 476 5919\nseen on ward", .nhsNumber, "943 476 5919"),
        // Postcodes: every outward-code shape, with and without the space.
        ("SW1A 2AA", .postcode, "SW1A 2AA"),
        ("W1A 0AX", .postcode, "W1A 0AX"),
        ("lives at EH11YZ", .postcode, "EH11YZ"),
        ("lives in CF10 1EP.", .postcode, "CF10 1EP"),
        ("BT7 1NN", .postcode, "BT7 1NN"),
        ("G2 3BZ", .postcode, "G2 3BZ"),
        // Dates of birth: keyword or an adult's age, numeric and written, UK and US order.
        ("DOB: 01/01/1970", .dateOfBirth, "01/01/1970"),
        ("d.o.b. 3.4.1950", .dateOfBirth, "3.4.1950"),
        ("born on 29 February 1960", .dateOfBirth, "29 February 1960"),
        ("Date of birth 1988-12-31", .dateOfBirth, "1988-12-31"),
        ("born 1st Jan 1990", .dateOfBirth, "1st Jan 1990"),
        ("b. 12 Sept 1945", .dateOfBirth, "12 Sept 1945"),  // four-letter abbreviation
        ("born on the 3rd of May 1950", .dateOfBirth, "3rd of May 1950"),  // "of" between day and month
        ("DOB 12/03/56", .dateOfBirth, "12/03/56"),  // two-digit year after a keyword
        ("aged 80, born March 12, 1946", .dateOfBirth, "March 12, 1946"),  // month first
        ("a lady of 1 Jan 1930 vintage", .dateOfBirth, "1 Jan 1930"),
        // Hospital and record numbers.
        ("MRN 1234567", .hospitalNumber, "1234567"),
        ("Hospital No: RX1234567", .hospitalNumber, "RX1234567"),
        ("unit number 0012345", .hospitalNumber, "0012345"),
        ("patient ID: 12345678", .hospitalNumber, "12345678"),
        ("RXH1234567", .hospitalNumber, "RXH1234567"),
        ("K number K1234567", .hospitalNumber, "K1234567"),
        // Phone numbers.
        ("07700 900 123", .phoneNumber, "07700 900 123"),
        ("0161 496 0000", .phoneNumber, "0161 496 0000"),
        ("+44 161 496 0000", .phoneNumber, "+44 161 496 0000"),
        ("+447700900123", .phoneNumber, "+447700900123"),
        ("(020) 7946 0018", .phoneNumber, "(020) 7946 0018"),
        ("07700-900123", .phoneNumber, "07700-900123"),
        ("tel 01632960001", .phoneNumber, "01632960001"),
        // E-mail addresses.
        ("firstname.lastname@nhs.net", .email, "firstname.lastname@nhs.net"),
        ("J.Smith2@doctors.org.uk", .email, "J.Smith2@doctors.org.uk"),
        ("<bob@gmail.com>", .email, "bob@gmail.com"),
        ("MAILTO:X@Y.IO", .email, "X@Y.IO"),
    ]

    @Test func tableIsLargeEnough() {
        #expect(Self.truePositives.count >= 30)
        #expect(Self.nearMisses.count >= 30)
        #expect(Set(Self.truePositives.map(\.1.rawValue)) == Set(PIIGuard.Kind.allCases.map(\.rawValue)))
    }

    @Test(arguments: 0..<truePositives.count)
    func truePositive(_ index: Int) {
        let (text, kind, seen) = Self.truePositives[index]
        let matches = PIIGuard.scan(text, referenceYear: 2026)
        #expect(matches.contains(.init(kind: kind, text: seen)), "\(text) → \(matches)")
    }

    static let nearMisses: [String] = [
        "Completed 12 PDSA cycles in 2024",
        "Trust ref 2023/045",
        "BMJ 2019;365:l1234",
        "Scored 9/10 on the MSF",
        "Clinic on 01/02/2026",  // a recent date, no birth keyword
        "The 1990-2000 cohort",
        "ISBN 978-0-19-881135-5",
        "DOI 10.1136/bmj.l1234",
        "Bed 12, bay 4, ward 7B",
        "4 hours of CPD on 5 March 2026",
        "Lead for 1,200 staff and £3.4m budget",
        "Version 2024.11.05",
        "Cases 1234567 and 7654321",  // seven digits alone
        "user@localhost",  // no dotted domain
        "twitter @nhsengland",
        "Rooms 101 102 103 104",
        "Ref ABCD1234567",  // four letters: not a hospital-number prefix
        "Temperature 37.5C, BP 120/80",
        "Week 12/52 of training",
        "30/11/2025 teaching",
        "the 3rd of May 2026 meeting",  // "of" dates still need an old year or a keyword
        "12/03/56 mmHg",  // a two-digit year needs a birth keyword
        "H2020 grant",
        "Q3 2025/26 report",
        "SW1A alone",  // an outward code by itself
        "Invoice 0000 1234",
        "born out of necessity in 2019",  // a birth word without a date
        "Mar 1956 audit",  // month and year, no day
        "phone 999 or 111",
        "Appraisal 2025-26 year 4 of 5",
        "1 in 3 patients, 2 of 10 wards",
        "March 2026 teaching on 12 topics",
        "Sept 12 2026 deadline",  // month first, but recent
        "Marching 12, 1946 style",  // not a month word
    ]

    @Test(arguments: nearMisses)
    func nearMiss(_ text: String) {
        #expect(PIIGuard.scan(text, referenceYear: 2026).isEmpty, "\(text) → \(PIIGuard.scan(text, referenceYear: 2026))")
    }

    /// Long ordinary text with numbers everywhere costs little and flags nothing.
    @Test func longOrdinaryTextIsQuiet() {
        let paragraph = "On 5 March 2026 I led 12 PDSA cycles across 3 wards (beds 1-24), scoring 9/10 on the MSF. "
        let text = String(repeating: paragraph, count: 2_000)
        #expect(PIIGuard.scan(text, referenceYear: 2026).isEmpty)
    }
}
