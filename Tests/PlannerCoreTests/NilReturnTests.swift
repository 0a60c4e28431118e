import Foundation
import PlannerCore
import TestSupport
import Testing

/// A nil return ("no significant events this period") is a valid return, and a private item
/// is a present one: the validator counts both, and the export says what each is without
/// pretending the appraiser can read a private item.
@Suite struct NilReturnTests {
    static let catalog = Catalog.bundled
    static let types = catalog.taxonomy.supportingInfoTypes.map(\.id)

    func report(_ portfolio: Portfolio) -> ValidationReport {
        Validator(for: portfolio, catalog: Self.catalog).validate(portfolio, today: fixedToday)
    }

    /// The types the validator says are missing this period.
    func missing(_ portfolio: Portfolio) -> Set<String> {
        Set(
            report(portfolio).findings.filter { $0.code == "gmc.supporting-info" }
                .compactMap { $0.location.field.map { String($0.dropFirst("supportingInfo.".count)) } })
    }

    /// The ready portfolio without its significant events.
    func withoutSignificantEvents() -> Portfolio {
        var portfolio = readyContinuingPortfolio()
        portfolio.evidence.removeAll { $0.kind == .significantEvent }
        return portfolio
    }

    func render(_ portfolio: Portfolio, _ options: ExportOptions = ExportOptions()) throws -> String {
        try MarkdownExporter.render(portfolio, report: report(portfolio), options: options, catalog: Self.catalog)
    }

    // MARK: Validation

    @Test func aDeclaredTypeIsCompleteAndSaidSo() {
        var portfolio = withoutSignificantEvents()
        #expect(missing(portfolio) == ["significant-events"])
        #expect(!report(portfolio).isReady)
        portfolio.declareNone("significant-events", note: "No incidents reported this year.")
        #expect(missing(portfolio).isEmpty)
        let report = report(portfolio)
        #expect(report.isReady, "\(report.findings.filter { $0.severity == .error }.map(\.message))")
        let declared = report.findings.filter { $0.code == "gmc.supporting-info.declared" }
        #expect(declared.count == 1)
        #expect(declared.first?.severity == .info)
        #expect(declared.first?.message.contains("No significant events this period") == true)
        #expect(declared.first?.message.contains("No incidents reported this year.") == true)
        portfolio.declareNone("significant-events", note: nil)
        #expect(missing(portfolio) == ["significant-events"], "withdrawn, the type is missing again")
    }

    @Test func aDeclarationBesideEvidenceOfItsTypeIsAWarningNotSilentlyKept() {
        var portfolio = readyContinuingPortfolio()
        portfolio.declareNone("complaints-compliments", note: "")
        let findings = report(portfolio).findings.filter { $0.location.field == "supportingInfo.complaints-compliments" }
        #expect(findings.map(\.code) == ["gmc.supporting-info.contradicted"])
        #expect(findings.first?.severity == .warning)
        #expect(findings.first?.message.contains("No complaints or compliments this period") == true)
    }

    @Test func aDeclarationOfATypeNoTaxonomyKnowsIsReported() {
        var portfolio = readyContinuingPortfolio()
        portfolio.declareNone("audits", note: "")
        #expect(report(portfolio).findings.contains { $0.code == "gmc.supporting-info.unknown" && $0.severity == .warning })
    }

    @Test func aPrivateItemThatIsTheOnlyOneOfItsTypeCountsAsPresent() {
        var portfolio = readyContinuingPortfolio()
        for index in portfolio.evidence.indices where portfolio.evidence[index].kind == .significantEvent { portfolio.evidence[index].isPrivate = true }
        #expect(missing(portfolio).isEmpty)
    }

    @Test func theNoteIsCheckedForPatientDetailsLikeAnyOtherText() {
        var portfolio = withoutSignificantEvents()
        portfolio.declareNone("significant-events", note: "None, apart from NHS number 943 476 5919.")
        #expect(report(portfolio).piiFindings.contains { $0.location.field == "supportingInfo.significant-events" })
    }

    @Test func aNewPeriodStartsWithNoDeclarationsAndTheArchiveKeepsThem() throws {
        var portfolio = withoutSignificantEvents()
        portfolio.declareNone("significant-events", note: "None.")
        let declared = portfolio.profile.declaredNone
        try portfolio.startNewPeriod(today: portfolio.profile.periodEnd)
        #expect(portfolio.profile.declaredNone.isEmpty, "last year's nil return never speaks for this year")
        #expect(portfolio.history.last?.declaredNone == declared, "the archived period keeps its nil returns")
        #expect(portfolio.asArchived(portfolio.history.count - 1).profile.declaredNone == declared)
    }

    /// The verdict for random portfolios: a type is missing exactly when it has no item this
    /// period, public or private, and no declaration.
    @Test func theVerdictIsPublicItemOrPrivateItemOrDeclarationForEachType() async {
        let base = readyContinuingPortfolio()
        let kinds: [EvidenceKind] = [.cpd, .qualityImprovement, .significantEvent, .colleagueFeedback, .patientFeedback, .complaintCompliment, .teaching]
        await Generated.check(fixedSeed: 1501, count: 200, maxLength: 64) { bytes in
            var choices = Choices(bytes)
            var portfolio = base
            portfolio.evidence = (0..<choices.next(8)).map { n in
                var item = base.evidence[n % base.evidence.count]
                item.id = "ev-\(n)"
                item.kind = choices.pick(kinds)
                item.date = choices.chance(4) ? date("2024-06-01") : date("2026-01-15")  // a quarter fall outside the period
                item.isPrivate = choices.chance(2)
                item.supportingInfo = choices.chance(5) ? [choices.pick(Self.types)] : nil
                return item
            }
            for type in Self.types where choices.chance(3) { portfolio.declareNone(type, note: choices.chance(2) ? "" : choices.text()) }
            let taxonomy = Self.catalog.taxonomy
            let expected = Set(
                Self.types.filter { type in
                    let item = portfolio.evidence.contains { portfolio.period.contains($0.date) && $0.supportingInfoTypes(taxonomy).contains(type) }
                    return !item && portfolio.profile.declaredNone[type] == nil
                })
            #expect(missing(portfolio) == expected)
            // The planner's kept-up-to-date validation says the same after a declaration is made.
            var live = LiveValidation(portfolio: portfolio, validator: Validator(for: portfolio, catalog: Self.catalog), today: fixedToday)
            let type = choices.pick(Self.types)
            portfolio.declareNone(type, note: portfolio.profile.declaredNone[type] == nil ? "" : nil)
            live.update(portfolio)
            #expect(live.report.findings == report(portfolio).findings)
        }
    }

    // MARK: The file

    @Test func aFileWithoutDeclarationsLoadsWithNoneAndUnknownFieldsInOneRoundTrip() throws {
        var portfolio = withoutSignificantEvents()
        var declaration = NoneDeclaration(note: "None.")
        declaration.unknownFields = ["reviewedBy": .string("Dr Later Version")]
        portfolio.profile.declaredNone["significant-events"] = declaration
        let data = try PortfolioStore.encode(portfolio)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"declaredNone\""))
        #expect(try PortfolioStore.decode(data, path: "t") == portfolio, "the unknown field inside a declaration is kept")
        let old = text.replacingOccurrences(of: "\"declaredNone\"", with: "\"xOldFileHadNone\"")
        let loaded = try PortfolioStore.decode(Data(old.utf8), path: "old")
        #expect(loaded.profile.declaredNone.isEmpty)
    }

    // MARK: The export

    @Test func theExportShowsADeclaredTypeAsDeclaredNoneWithTheNote() throws {
        var portfolio = withoutSignificantEvents()
        portfolio.declareNone("significant-events", note: "No incidents were reported on the ward's system.")
        let markdown = try render(portfolio)
        #expect(markdown.contains("**Declared none:** No significant events this period."))
        #expect(markdown.contains("The doctor's note: No incidents were reported on the ward's system."))
        #expect(markdown.contains("| Significant events | ✓ declared none |"))
    }

    @Test func aPrivateOnlyTypeIsHeldPrivatelyNeverPresent() throws {
        var portfolio = readyContinuingPortfolio()
        for index in portfolio.evidence.indices where portfolio.evidence[index].kind == .significantEvent { portfolio.evidence[index].isPrivate = true }
        let markdown = try render(portfolio)
        let row = markdown.split(separator: "\n").first { $0.hasPrefix("| Significant events |") }
        #expect(row?.contains("held privately: to be discussed at the meeting") == true, "\(row ?? "no row")")
        #expect(row?.contains("✓") == false, "a private-only type is never shown as present to the appraiser")
        #expect(markdown.contains("**Held privately: to be discussed at the meeting.**"))
        // The doctor's own copy prints the items, so there the type is present.
        let own = try render(portfolio, ExportOptions(includePrivate: true))
        #expect(own.contains("| Significant events | ✓ present |"))
    }

    @Test func aContradictedDeclarationIsShownBesideTheItems() throws {
        var portfolio = readyContinuingPortfolio()
        portfolio.declareNone("complaints-compliments", note: "")
        let markdown = try render(portfolio)
        #expect(markdown.contains("The doctor also declared “No complaints or compliments this period”"))
    }
}
