import Foundation
import PlannerCore
import Testing

/// Issue 15: `mlcf status [PATH]` prints one plain line and exits 0; `mlcf export --calendar`
/// writes the profile's dates as an owner-only .ics file; `mlcf summary` shows the CPD figures.
@Suite struct StatusCalendarCLITests {
    /// The bundled continuing-practice example with its dates set, in a scratch folder.
    static func portfolioWithDates(_ folder: TempFolder) throws -> URL {
        var portfolio = try example("continuing-practice")
        portfolio.profile.appraisalDate = date("2027-01-04")  // 42 days after the tests' today, 2026-11-23
        portfolio.profile.revalidationDate = date("2028-09-30")
        portfolio.profile.designatedBody = "NHS England; North, East"
        portfolio.profile.responsibleOfficer = "Dr Ní Bhriain"
        let url = folder.file("me.json")
        try PortfolioStore.save(portfolio, to: url)
        return url
    }

    @Test func statusPrintsOneLineFitForAPrompt() throws {
        let folder = TempFolder()
        let url = try Self.portfolioWithDates(folder)
        let result = try CLIRun.run(["status", url.path])
        #expect(result.code == 0, "\(result)")
        #expect(result.stdout == "mlcf: appraisal in 42 days · ready · CPD 54/50\n", "\(result.stdout)")
        #expect(!result.stdout.contains("\u{1B}") && result.stderr.isEmpty)
    }

    @Test func statusWithNoPathReadsThePortfolioUsedLast() throws {
        let folder = TempFolder()
        let url = try Self.portfolioWithDates(folder)
        let state = folder.file("state/mlcf")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        try Data((url.path + "\n").utf8).write(to: state.appendingPathComponent("last-portfolio"))
        let result = try CLIRun.run(["status"], environment: ["XDG_STATE_HOME": folder.file("state").path, "HOME": folder.url.path])
        #expect(result.code == 0 && result.stdout.hasPrefix("mlcf: appraisal in 42 days"), "\(result)")
        let missing = try CLIRun.run(["status"], environment: ["XDG_STATE_HOME": folder.file("none").path, "HOME": folder.url.path])
        #expect(missing.code == 2 && missing.stdout.hasPrefix("mlcf: cannot read ~/mlcf-portfolio.json"), "\(missing)")
        #expect(missing.stdout.split(separator: "\n").count == 1)
    }

    @Test func exportCalendarWritesAnOwnerOnlyIcsBesideThePortfolio() throws {
        let folder = TempFolder()
        let url = try Self.portfolioWithDates(folder)
        let result = try CLIRun.run(["export", url.path, "--calendar"])
        #expect(result.code == 0, "\(result)")
        let ics = folder.file("me-dates.ics")
        let text = try String(contentsOf: ics, encoding: .utf8)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n") && text.contains("DTSTART;VALUE=DATE:20270104\r\n"))
        #expect(text.contains("NHS England\\; North\\, East"))
        #expect(try FileManager.default.attributesOfItem(atPath: ics.path)[.posixPermissions] as? Int == 0o600)
        let printed = try CLIRun.run(["export", url.path, "--calendar", "-o", "-"])
        #expect(printed.code == 0 && printed.stdout.contains("TRIGGER;RELATED=START:-P14D\r\n"))
        let undated = try CLIRun.run(["export", repositoryRoot.appendingPathComponent("Resources/examples/postgraduate.json").path, "--calendar", "-o", "-"])
        #expect(undated.code == 2 && undated.stderr.contains("No dates to put in a calendar"), "\(undated)")
    }

    @Test func summaryShowsTheCreditsTheCycleAndWhatIsDue() throws {
        let folder = TempFolder()
        let url = try Self.portfolioWithDates(folder)
        let result = try CLIRun.run(["summary", url.path])
        #expect(result.code == 0)
        #expect(result.stdout.contains("CPD: 54 of 50 credits this period · 60 of 250 in the cycle to 2028-09-30"), "\(result.stdout)")
        #expect(result.stdout.contains("(cycle 2023-10-01 to 2028-09-30: 5 years to your revalidation date)"))
        #expect(result.stdout.contains("Due: appraisal in 6 weeks: send your documents 2 weeks before"))
    }
}
