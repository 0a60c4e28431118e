import Foundation
import PlannerCore

/// The built-in taxonomy's kinds by name, for tests only: the program itself names no kind
/// (they are data in `Resources/taxonomy.json`), but tests state which one they mean.
extension EvidenceKind {
    public static let reflectiveNote = EvidenceKind("reflective-note")
    public static let cpd = EvidenceKind("cpd")
    public static let qualityImprovement = EvidenceKind("quality-improvement")
    public static let significantEvent = EvidenceKind("significant-event")
    public static let colleagueFeedback = EvidenceKind("colleague-feedback")
    public static let patientFeedback = EvidenceKind("patient-feedback")
    public static let complaintCompliment = EvidenceKind("complaint-compliment")
    public static let workplaceAssessment = EvidenceKind("workplace-assessment")
    public static let teaching = EvidenceKind("teaching")
    public static let leadershipRole = EvidenceKind("leadership-role")
    public static let research = EvidenceKind("research")
    public static let other = EvidenceKind("other")
}

/// `Tests/fixtures/taxonomy-extra-kind.json`: the built-in taxonomy plus one kind,
/// “simulation”, filed as quality improvement — a kind added as data alone.
public func extraKindTaxonomy() throws -> Taxonomy {
    try Taxonomy(data: Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/fixtures/taxonomy-extra-kind.json")))
}

/// The kind only `extraKindTaxonomy()` knows.
public let simulationKind = EvidenceKind("simulation")
