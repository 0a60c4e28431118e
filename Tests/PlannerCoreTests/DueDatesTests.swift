import Foundation
import PlannerCore
import Testing

/// Issue 15, "Dates the doctor works to": the profile's appraisal and revalidation dates,
/// what is due next (`DueDates.next`, for the dashboard and `mlcf status`), with wording
/// and lead times from the taxonomy.
@Suite struct DueDatesTests {
    static func profile(appraisal: String? = nil, revalidation: String? = nil) -> Profile {
        var profile = readyContinuingPortfolio().profile
        profile.appraisalDate = appraisal.map(date)
        profile.revalidationDate = revalidation.map(date)
        return profile
    }

    @Test func theNextDateIsTheNearestFromTodayOnAndSaysWhatIsDue() throws {
        let today = date("2026-09-08")
        let due = try #require(DueDates.next(Self.profile(appraisal: "2026-10-20", revalidation: "2028-09-30"), taxonomy: .bundled, today: today))
        #expect(due.text == "appraisal in 6 weeks: send your documents 2 weeks before")
        #expect(due.statusText == "appraisal in 42 days")
        let later = try #require(
            DueDates.next(Self.profile(appraisal: "2026-10-20", revalidation: "2026-12-08"), taxonomy: .bundled, today: date("2026-10-21")))
        #expect(later.info.field == "revalidationDate")
        #expect(later.text == "revalidation in 7 weeks: your RO makes a recommendation")
    }

    @Test func whenEveryDateHasPassedTheDoctorIsToldToSetTheNext() throws {
        let due = try #require(DueDates.next(Self.profile(appraisal: "2026-05-14"), taxonomy: .bundled, today: date("2026-05-20")))
        #expect(due.hasPassed && due.daysAway == -6)
        #expect(due.text == "appraisal date 2026-05-14 has passed: set the next one in your profile")
        #expect(due.statusText == "appraisal 6 days ago")
        #expect(DueDates.next(Self.profile(), taxonomy: .bundled, today: fixedToday) == nil)
    }

    @Test func theCountdownReadsAtAGlance() {
        let cases: [(Int, String)] = [
            (0, "today"), (1, "tomorrow"), (2, "in 2 days"), (13, "in 13 days"), (14, "in 2 weeks"), (42, "in 6 weeks"),
            (62, "in 9 weeks"), (63, "in 2 months"), (91, "in 3 months"), (365, "in 12 months"), (730, "in 2 years"),
            (-1, "1 day ago"), (-3, "3 days ago"),
        ]
        for (days, words) in cases { #expect(DueDate.countdown(days) == words, "\(days) days") }
    }

    @Test func wordingAndLeadTimesAreTheTaxonomys() throws {
        let taxonomy = try CPDFiguresTests.taxonomy { object in
            var dates = object["dueDates"] as! [[String: Any]]
            dates[0]["label"] = "annual review"
            dates[0]["advice"] = "book the room"
            dates[0]["leadDays"] = 30
            object["dueDates"] = dates
        }
        let due = try #require(DueDates.next(Self.profile(appraisal: "2026-12-01"), taxonomy: taxonomy, today: date("2026-11-30")))
        #expect(due.text == "annual review tomorrow: book the room")
        #expect(due.info.leadDays == 30)
    }

    @Test func aDueDateOfNoProfileDateIsRefused() {
        #expect(throws: TaxonomyError.self) {
            try CPDFiguresTests.taxonomy { object in
                var dates = object["dueDates"] as! [[String: Any]]
                dates[0]["field"] = "periodEnd"
                dates[1]["leadDays"] = -1
                object["dueDates"] = dates
            }
        }
    }

    /// Both dates may lie in the future: they are plans, so the validator finds nothing in them.
    @Test func futureAppraisalAndRevalidationDatesAreNoFinding() {
        var portfolio = readyContinuingPortfolio()
        let validator = Validator(for: portfolio, catalog: .bundled)
        let before = validator.validate(portfolio, today: fixedToday).findings.map(\.message)
        portfolio.profile.appraisalDate = date("2027-05-14")
        portfolio.profile.revalidationDate = date("2031-01-31")
        portfolio.profile.designatedBody = "NHS England"
        portfolio.profile.responsibleOfficer = "Dr Officer"
        #expect(validator.validate(portfolio, today: fixedToday).findings.map(\.message) == before)
    }

    @Test func theProfileKeepsItsDatesThroughASaveAndALoad() throws {
        let folder = TempFolder()
        var portfolio = readyContinuingPortfolio()
        portfolio.profile.appraisalDate = date("2027-05-14")
        portfolio.profile.revalidationDate = date("2031-01-31")
        portfolio.profile.designatedBody = "Health Education; Wales, 李"
        portfolio.profile.responsibleOfficer = "Dr Ní Bhriain"
        let url = folder.file("p.json")
        try PortfolioStore.save(portfolio, to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains("\"appraisalDate\" : \"2027-05-14\"") && text.contains("\"responsibleOfficer\" : \"Dr Ní Bhriain\""))
        #expect(try PortfolioStore.load(from: url).content == portfolio)
        // Unset, they are not written at all.
        #expect(!String(decoding: try JSONEncoder().encode(readyContinuingPortfolio()), as: UTF8.self).contains("appraisalDate"))
    }

    /// A date that is not a real one is refused as the file loads, naming it; a future one is kept.
    @Test func aFileWithAnImpossibleRevalidationDateIsRefusedSayingWhich() throws {
        let good = try PortfolioStore.encode(readyContinuingPortfolio())
        var object = try JSONSerialization.jsonObject(with: good) as! [String: Any]
        var profile = object["profile"] as! [String: Any]
        profile["revalidationDate"] = "2031-02-30"
        object["profile"] = profile
        let bad = try JSONSerialization.data(withJSONObject: object)
        #expect {
            try PortfolioStore.decode(bad, path: "p.json")
        } throws: { error in
            "\(error)".contains("2031-02-30")
        }
        profile["revalidationDate"] = "2031-02-28"
        object["profile"] = profile
        let future = try PortfolioStore.decode(JSONSerialization.data(withJSONObject: object), path: "p.json")
        #expect(future.profile.revalidationDate == date("2031-02-28"))
    }

    @Test func theStatusLineSaysWhatIsDueTheErrorsAndTheCredits() {
        var portfolio = readyContinuingPortfolio()
        portfolio.profile.appraisalDate = fixedToday.adding(days: 42)
        let validator = Validator(for: portfolio, catalog: .bundled)
        let ready = StatusLine.make(portfolio, report: validator.validate(portfolio, today: fixedToday), taxonomy: .bundled, today: fixedToday)
        #expect(ready == "mlcf: appraisal in 42 days · ready · CPD 80/50")
        portfolio.profile.name = ""
        portfolio.evidence[0].date = fixedToday.adding(days: 3)
        let broken = StatusLine.make(portfolio, report: validator.validate(portfolio, today: fixedToday), taxonomy: .bundled, today: fixedToday)
        let errors = Validator(for: portfolio, catalog: .bundled).validate(portfolio, today: fixedToday).count(.error)
        #expect(errors >= 2)
        // The future-dated item was a CPD item of 20 credits: it no longer counts in the period.
        #expect(broken == "mlcf: appraisal in 42 days · \(errors) errors · CPD 60/50")
        #expect(!broken.contains("\n") && !broken.contains("\u{1B}"))
        var student = try! example("undergraduate")
        student.profile.appraisalDate = nil
        let line = StatusLine.make(
            student, report: Validator(for: student, catalog: .bundled).validate(student, today: fixedToday), taxonomy: .bundled, today: fixedToday)
        #expect(!line.contains("CPD") && line.hasPrefix("mlcf: "))
    }
}
