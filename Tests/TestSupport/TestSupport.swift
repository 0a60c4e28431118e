import Foundation
import PlannerCore

// Helpers every test target shares: where the repository is, the bundled examples, the day
// the tests pretend it is, a small ready portfolio, and scratch folders.

/// The repository root, found from this source file, to read the examples and goldens.
public let repositoryRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
    }
    fatalError("Package.swift not found above \(#filePath)")
}()

/// A date the tests spell out; a typo is a bug in the test, so it stops there.
public func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

/// The day the tests pretend it is, so dates never drift into the future.
public let fixedToday = date("2026-11-23")

/// A bundled example portfolio, read from `Resources/examples/NAME.json`.
public func example(_ name: String) throws -> Portfolio {
    try PortfolioStore.load(from: repositoryRoot.appendingPathComponent("Resources/examples/\(name).json"))
}

/// A temporary folder per test, removed afterwards (even if a test made it read-only).
public final class TempFolder: @unchecked Sendable {
    public let url: URL
    public init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("mlcf-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }
    deinit {
        _ = try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: url.path)
        try? FileManager.default.removeItem(at: url)
    }
}

/// A small portfolio that satisfies the continuing-practice rules; tests break one thing at a time.
public func readyContinuingPortfolio() -> Portfolio {
    var profile = Profile(
        name: "Dr Test Person", stage: .continuingPractice, periodStart: date("2025-10-01"), periodEnd: date("2026-09-30"),
        gmcNumber: "1234567", grade: "Consultant", appraiser: "Dr Appraiser")
    profile.scopeOfWork = [ScopeEntry(role: "Consultant", organisation: "Trust", place: "Ward 1")]
    profile.probityStatement = "I have indemnity and no conflicts of interest."
    profile.healthStatement = "I am fit to practise."
    let reflection = Reflection(whatHappened: "It happened.", whatLearned: "I learned.", whatNext: "I will act.")
    let kinds: [EvidenceKind] = [.cpd, .qualityImprovement, .significantEvent, .colleagueFeedback, .patientFeedback, .complaintCompliment]
    var evidence: [Evidence] = []
    for (index, element) in Framework.mlcf.elements.enumerated() {
        let kind = kinds[index % kinds.count]
        evidence.append(
            Evidence(
                id: String(format: "ev-%04d", index + 1), title: "Evidence for \(element.id)", kind: kind,
                date: date("2026-01-15"), description: "Described.", reflection: reflection,
                links: [Framework.mlcf.link(element.competences[0].id)], cpdCredits: kind == .cpd ? 20 : nil,
                confirmation: Confirmation(name: "Dr Supervisor", role: "Educational supervisor", date: date("2026-02-01"))))
    }
    var ratings: [String: Rating] = [:]
    for element in Framework.mlcf.elements { ratings[Framework.mlcf.link(element.id)] = Rating(level: 3, note: "") }
    let goal = Goal(
        id: "pdp-0001", title: "Lead a QI project", why: "Gap in 4.2", links: ["mlcf:4.2"], activities: "QI course",
        measure: "Project presented", targetDate: date("2027-06-30"))
    let previous = Goal(id: "pdp-0002", title: "Old goal", links: ["mlcf:1.1"], status: .achieved, reviewNote: "Done in March.")
    return Portfolio(profile: profile, evidence: evidence, ratings: ratings, pdp: [goal], previousPdp: [previous])
}
