import Foundation
import PlannerCore
import Testing

/// Issue 15: a revalidation date that has passed (one kept from the last revalidation) is a
/// warning, in the words the rules file gives it, so a school words its own advice.
@Suite struct RevalidationPassedTests {
    static func findings(_ revalidation: CalendarDate?, stage: Stage = .continuingPractice, today: CalendarDate = fixedToday, catalog: Catalog = .bundled)
        -> [Finding]
    {
        var portfolio = readyContinuingPortfolio()
        portfolio.profile.stage = stage
        portfolio.profile.revalidationDate = revalidation
        return Validator(for: portfolio, catalog: catalog).validate(portfolio, today: today).findings.filter {
            $0.code == "profile.revalidation-passed"
        }
    }

    @Test func aPassedDateIsAWarningInTheRulesWordsAtTheProfileField() throws {
        let findings = Self.findings(date("2026-11-22"))
        let finding = try #require(findings.first)
        #expect(findings.count == 1 && finding.severity == .warning)
        let words = try #require(StageRules.bundled.rules.first { $0.code == "profile.revalidation-passed" }?.message)
        #expect(finding.message == words.replacingOccurrences(of: "{date}", with: "2026-11-22"))
        #expect(finding.message.contains("2026-11-22") && !finding.message.contains("{date}"))
        #expect(finding.location == .profile("revalidationDate"))
    }

    @Test func todayTheFutureNoDateAndAStudentHaveNone() {
        #expect(Self.findings(fixedToday).isEmpty)
        #expect(Self.findings(date("2031-01-31")).isEmpty)
        #expect(Self.findings(nil).isEmpty)
        #expect(Self.findings(date("2020-01-31"), stage: .undergraduate).isEmpty)
    }

    /// Any date and any day: a warning exactly when the date is before the day.
    @Test func aWarningExactlyWhenTheDateIsBeforeToday() async {
        await Generated.check(fixedSeed: 1515, count: 200, maxLength: 8) { bytes in
            var choices = Choices(bytes)
            let revalidation = choices.date(), today = choices.date()
            #expect(Self.findings(revalidation, today: today).count == (revalidation < today ? 1 : 0), "\(revalidation) on \(today)")
        }
    }

    @Test func aRulesFileWithoutTheWordsIsRefusedNamingTheRule() throws {
        let rules =
            #"{"id": "school", "title": "School", "limits": {"titleMaxCharacters": 100, "textMaxCharacters": 1000, "shortTextMaxCharacters": 50}, "rules": [{"code": "school.reval", "check": "revalidation-passed", "about": "x", "severity": {"continuing-practice": "warning"}}]}"#
        #expect(throws: (any Error).self) { try StageRules(data: Data(rules.utf8)) }
        do {
            _ = try StageRules(data: Data(rules.utf8))
        } catch {
            #expect("\(error)".contains("school.reval") && "\(error)".contains("message"), "\(error)")
        }
        let worded = rules.replacingOccurrences(of: #""about": "x""#, with: #""about": "x", "message": "Revalidation {date} is behind you.""#)
        let school = try StageRules(data: Data(worded.utf8))
        let catalog = Catalog(frameworks: Catalog.bundled.frameworks, taxonomy: .bundled, rules: school)
        var portfolio = readyContinuingPortfolio()
        portfolio.profile.revalidationDate = date("2025-01-31")
        let findings = Validator(for: portfolio, catalog: catalog).validate(portfolio, today: fixedToday).findings
        #expect(findings.map(\.message) == ["Revalidation 2025-01-31 is behind you."])
    }
}
