import Foundation
import PlannerCore
import TestSupport
import Testing

/// The PII box's count equals what it lists (issue 15): the box once said "5 places" over
/// three lines. Whatever the findings and however many fit, the number in its heading is the
/// lines it lists plus the number its last line says it left out.
@Suite struct PIIWarningTests {
    @Test func theCountIsWhatItListsPlusWhatItSaysItLeftOut() async {
        await Generated.check(fixedSeed: 15_001, count: 200, maxLength: 16) { bytes in
            var choices = Choices(bytes)
            let findings = (0..<(1 + choices.next(12))).map { n in
                Finding(
                    .error, "pii.\(choices.pick(["nhs-number", "date-of-birth", "postcode"]))",
                    "Evidence ev-\(n), title: “\(choices.text(6))” looks like something", at: FindingLocation(evidenceID: "ev-\(n)", field: "title"))
            }
            let shown = choices.next(6)
            let text = PIIWarning(findings, showing: shown).text
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let stated = Int(lines[0].split(separator: " ")[2])
            let listed = lines.filter { $0.hasPrefix("• ") }.count
            let more = lines.last.flatMap { $0.hasPrefix("… and ") ? Int($0.split(separator: " ")[2]) : nil } ?? 0
            #expect(stated == findings.count, "\(text)")
            #expect(listed == min(shown, findings.count), "\(text)")
            #expect(listed + more == findings.count, "\(text)")
        }
    }

    @Test func oneFindingIsSaidInTheSingular() {
        let finding = Finding(.error, "pii.postcode", "Evidence ev-1, title: “SW1A 1AA” looks like a postcode", at: FindingLocation(evidenceID: "ev-1"))
        let text = PIIWarning([finding]).text
        #expect(text.hasPrefix("Export stopped: 1 piece of text looks patient-identifiable. Fix it"))
        #expect(text.hasSuffix("• " + finding.message))
    }
}
