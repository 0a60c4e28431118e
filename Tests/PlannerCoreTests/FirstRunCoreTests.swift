import Foundation
import PlannerCore
import Testing

/// The core of the first run (issue 15): what `~` means in a typed path, where a new
/// portfolio may be made, and which period a stage's new portfolio starts with.
@Suite struct FirstRunCoreTests {
    // MARK: ~ is $HOME

    @Test func tildeMeansHOMENotThePasswdHome() throws {
        let home = TempFolder()
        let environment = ["HOME": home.url.path]
        #expect(home.url.path != NSHomeDirectory(), "the test needs a HOME other than the passwd entry's")
        #expect(try UserPath.expand("~/mlcf-portfolio.json", environment: environment) == home.url.path + "/mlcf-portfolio.json")
        #expect(try UserPath.expand("~", environment: environment) == home.url.path)
        #expect(try UserPath.expand("~/", environment: environment) == home.url.path + "/")
        #expect(try UserPath.url("~/a/b.json", environment: environment).path == home.url.path + "/a/b.json")
        // A trailing slash on HOME does not double; HOME = / is the root itself.
        #expect(try UserPath.expand("~/x.json", environment: ["HOME": home.url.path + "//"]) == home.url.path + "/x.json")
        #expect(try UserPath.expand("~/x.json", environment: ["HOME": "/"]) == "/x.json")
        #expect(try UserPath.expand("~", environment: ["HOME": "/"]) == "/")
        // Without HOME (or with it empty) a shell falls back to the passwd entry, and so do we.
        #expect(try UserPath.expand("~/x.json", environment: [:]) == NSHomeDirectory() + "/x.json")
        #expect(try UserPath.expand("~/x.json", environment: ["HOME": ""]) == NSHomeDirectory() + "/x.json")
    }

    @Test func pathsWithoutALeadingTildeAreLeftAsTyped() throws {
        let environment = ["HOME": "/somewhere/else"]
        for path in ["", "portfolio.json", "./~x.json", "a/~/b.json", "/abs/~name.json", " ~/leading-space.json", "é/李.json"] {
            #expect(try UserPath.expand(path, environment: environment) == path)
        }
    }

    @Test func anotherUsersHomeIsRefusedWithWhatToTypeInstead() {
        for path in ["~alice", "~alice/portfolio.json", "~root/x", "~~/x"] {
            #expect {
                try UserPath.expand(path, environment: ["HOME": "/home/me"])
            } throws: { error in
                let text = "\(error)"
                return error is UserPath.Problem && text.contains(path) && text.contains("~/") && text.contains("in full")
            }
        }
    }

    // MARK: Where a new portfolio may go

    @Test func aNewPortfolioNeedsAnExistingFolderAndNamesTheMissingOne() throws {
        let folder = TempFolder()
        #expect(UserPath.creationProblem(at: folder.file("new.json")) == nil)
        let missing = folder.url.appendingPathComponent("no-such-folder")
        let problem = try #require(UserPath.creationProblem(at: missing.appendingPathComponent("new.json")))
        #expect(problem.contains(missing.path) && problem.contains("does not exist"), "\(problem)")
        #expect(!FileManager.default.fileExists(atPath: missing.path), "nothing is created on the way")
        try Data("x".utf8).write(to: folder.file("plain-file"))
        let notAFolder = try #require(UserPath.creationProblem(at: folder.file("plain-file").appendingPathComponent("new.json")))
        #expect(notAFolder.contains("is a file, not a folder"), "\(notAFolder)")
    }

    // MARK: The period a stage starts with

    @Test func eachStageStartsWithTheYearItWorksTo() {
        let cases: [(Stage, String, String, String)] = [
            (.undergraduate, "2026-11-23", "2026-09-01", "2027-08-31"),
            (.undergraduate, "2026-08-31", "2025-09-01", "2026-08-31"),
            (.undergraduate, "2026-09-01", "2026-09-01", "2027-08-31"),
            (.postgraduate, "2026-11-23", "2026-08-01", "2027-07-31"),
            (.postgraduate, "2026-07-31", "2025-08-01", "2026-07-31"),
            (.continuingPractice, "2026-11-23", "2026-04-01", "2027-03-31"),
            (.continuingPractice, "2027-03-31", "2026-04-01", "2027-03-31"),
            (.continuingPractice, "2027-04-01", "2027-04-01", "2028-03-31"),
        ]
        for (stage, today, start, end) in cases {
            let period = Period.suggested(for: stage, today: date(today), taxonomy: .bundled)
            #expect(period == Period(start: date(start), end: date(end)), "\(stage) on \(today)")
        }
    }

    @Test func anAppraisalDateMakesTheAppraisalYearTheTwelveMonthsUpToIt() {
        // The coming appraisal and last year's give the same year: the one ending at the next.
        for appraisal in ["2027-02-10", "2026-02-10", "2019-02-10"] {
            let period = Period.suggested(for: .continuingPractice, today: fixedToday, appraisalDate: date(appraisal), taxonomy: .bundled)
            #expect(period == Period(start: date("2026-02-11"), end: date("2027-02-10")), "appraisal \(appraisal)")
        }
        let onTheDay = Period.suggested(for: .continuingPractice, today: fixedToday, appraisalDate: date("2025-11-23"), taxonomy: .bundled)
        #expect(onTheDay == Period(start: date("2025-11-24"), end: fixedToday))
        // Trainees and students keep their own year whatever the appraisal date says.
        let trainee = Period.suggested(for: .postgraduate, today: fixedToday, appraisalDate: date("2027-02-10"), taxonomy: .bundled)
        #expect(trainee == Period(start: date("2026-08-01"), end: date("2027-07-31")))
    }

    /// Any stage, day and appraisal date: the period holds today, is one year long, and starts
    /// on the day the taxonomy gives (or the day after the appraisal's anniversary).
    @Test func theSuggestedPeriodAlwaysHoldsTodayAndIsAYear() async {
        await Generated.check(fixedSeed: 15_01, count: 400, maxLength: 8) { bytes in
            var choices = Choices(bytes)
            let stage = choices.pick(Stage.allCases)
            let today = CalendarDate(year: 2000 + choices.next(60), month: 1 + choices.next(12), day: 1 + choices.next(31)) ?? fixedToday
            let appraisal = choices.chance(2) ? CalendarDate(year: 1990 + choices.next(60), month: 1 + choices.next(12), day: 1 + choices.next(29)) : nil
            let period = Period.suggested(for: stage, today: today, appraisalDate: appraisal, taxonomy: .bundled)
            #expect(period.contains(today), "\(stage) \(today) \(String(describing: appraisal)): \(period)")
            #expect((364...366).contains(period.start.days(until: period.end)), "\(period) is not a year")
            if stage == .continuingPractice, let appraisal {
                #expect(period.end.month == appraisal.month && (period.end.day == appraisal.day || appraisal.day == 29), "\(period) \(appraisal)")
            } else {
                let yearStart = Taxonomy.bundled.stage(stage)!.yearStartMonthDay!
                #expect(period.start.month == yearStart.month && period.start.day == yearStart.day, "\(period)")
            }
        }
    }

    @Test func aStagesYearStartMustBeADayOfTheYear() throws {
        let bundled = try Data(contentsOf: repositoryRoot.appendingPathComponent("Resources/taxonomy.json"))
        var object = try JSONSerialization.jsonObject(with: bundled) as! [String: Any]
        var stages = object["stages"] as! [[String: Any]]
        stages[0]["yearStart"] = "13-01"
        stages[1]["yearStart"] = "02-29"
        stages[2].removeValue(forKey: "yearStart")
        object["stages"] = stages
        #expect {
            try Taxonomy(data: JSONSerialization.data(withJSONObject: object))
        } throws: { error in
            let problems = (error as? TaxonomyError)?.problems ?? []
            return problems.count == 2 && problems[0].contains("“13-01”") && problems[1].contains("“02-29”")
        }
        // A stage with no start day still gets a period: the 12 months up to today.
        stages[0].removeValue(forKey: "yearStart"); stages[1].removeValue(forKey: "yearStart")
        object["stages"] = stages
        let plain = try Taxonomy(data: JSONSerialization.data(withJSONObject: object))
        #expect(Period.suggested(for: .undergraduate, today: fixedToday, taxonomy: plain) == Period(start: date("2025-11-24"), end: fixedToday))
    }
}
