import Foundation

/// The vocabularies shown to the user (kinds, GMC types, GMP domains, …), loaded from
/// `Resources/taxonomy.json` so labels can be changed without touching code.
public struct Taxonomy: Codable, Sendable {
    public struct StageInfo: Codable, Sendable { public let id: String; public let label: String; public let period: String; public let context: String }
    public struct KindInfo: Codable, Sendable { public let id: String; public let label: String; public let hint: String; public let supportingInfo: [String] }
    public struct Labelled: Codable, Sendable { public let id: String; public let label: String }
    public struct GMPDomain: Codable, Sendable { public let id: String; public let name2013: String; public let name2024: String }
    public struct RatingLevel: Codable, Sendable { public let level: Int; public let label: String }

    public let stages: [StageInfo]
    public let evidenceKinds: [KindInfo]
    public let supportingInfoTypes: [Labelled]
    public let gmpDomains: [GMPDomain]
    public let gmcAreas: [Labelled]
    public let ratingLevels: [RatingLevel]
    public let pdpStatuses: [Labelled]

    public static let bundled: Taxonomy = {
        do { return try JSONDecoder().decode(Taxonomy.self, from: Data(PackageResources.taxonomy_json)) } catch {
            fatalError("The built-in taxonomy.json is damaged — a build problem, not your data: \(error)")
        }
    }()

    public func info(_ kind: EvidenceKind) -> KindInfo? { evidenceKinds.first { $0.id == kind.rawValue } }
    public func label(of kind: EvidenceKind) -> String { info(kind)?.label ?? kind.rawValue }
    public func label(ofSupportingInfo id: String) -> String { supportingInfoTypes.first { $0.id == id }?.label ?? id }
    public func label(ofArea id: String) -> String { gmcAreas.first { $0.id == id }?.label ?? id }
    public func ratingLabel(_ level: Int) -> String { ratingLevels.first { $0.level == level }?.label ?? "Level \(level)" }
    public func stage(_ stage: Stage) -> StageInfo? { stages.first { $0.id == stage.rawValue } }
    /// The GMC supporting-information types a kind counts as when the item does not say otherwise.
    public func defaultSupportingInfo(for kind: EvidenceKind) -> [String] { info(kind)?.supportingInfo ?? [] }
}
