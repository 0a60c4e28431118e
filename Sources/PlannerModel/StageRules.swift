import Foundation

/// How serious a finding is. `error` blocks readiness; `warning` and `info` do not.
public enum Severity: String, Codable, Comparable, CaseIterable, Sendable {
    case error, warning, info
    private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// The checks the validator knows how to run; the rules file chooses which run, where and how hard.
public enum CheckKind: String, Codable, CaseIterable, Sendable {
    case profileRequired = "profile-required"
    case gmcNumber = "gmc-number"
    case uniqueIDs = "unique-ids"
    case linksExist = "links-exist"
    case noFutureEvidence = "no-future-evidence"
    case textSane = "text-sane"
    case knownTags = "known-tags"
    case knownKind = "known-kind"
    case evidenceLinked = "evidence-linked"
    case afterPeriod = "after-period"
    case domainCoverage = "domain-coverage"
    case elementCoverage = "element-coverage"
    case domainKindVariety = "domain-kind-variety"
    case reflection
    case confirmation
    case kindInWindow = "kind-in-window"
    case supportingInfo = "supporting-info"
    case cpdCredits = "cpd-credits"
    case selfRating = "self-rating"
    case pdpGoals = "pdp-goals"
    case previousPdpReview = "previous-pdp-review"
    case pdpSmart = "pdp-smart"
    case declarations
    case scopeOfWork = "scope-of-work"
    case reviewerNamed = "reviewer-named"
    case piiGuard = "pii-guard"
    case revalidationPassed = "revalidation-passed"
}

/// One configured rule from the rules file.
public struct Rule: Codable, Sendable {
    public let code: String
    public let check: CheckKind
    public let about: String
    /// Severity per stage id; a stage not listed means the rule is off there.
    public let severity: [String: Severity]
    public let minimum: Double?
    public let kind: EvidenceKind?
    public let windowYears: Int?
    /// For `supporting-info`: a different severity for some types.
    public let severityByType: [String: Severity]?
    /// The finding's words, where the rules file gives them: a school words its own advice.
    /// `{date}` stands for the date the rule is about.
    public let message: String?

    public func severity(for stage: Stage) -> Severity? { severity[stage.rawValue] }
}

/// The stage rules, loaded from data so that a school or deanery can ship its own.
public struct StageRules: Codable, Sendable {
    public struct Limits: Codable, Sendable {
        public let titleMaxCharacters: Int
        public let textMaxCharacters: Int
        public let shortTextMaxCharacters: Int
    }
    public let id: String
    public let title: String
    public let limits: Limits
    public let rules: [Rule]

    /// Loads a rules file; an unknown check or stage name is reported with the rule's code.
    public init(data: Data) throws {
        do {
            self = try JSONDecoder().decode(StageRulesFile.self, from: data).rules
        } catch let error as StageRulesError {
            throw error
        } catch {
            throw StageRulesError(message: "the rules file does not fit the expected shape " + JSONErrorDescription.describe(error))
        }
    }

    fileprivate init(id: String, title: String, limits: Limits, rules: [Rule]) {
        self.id = id; self.title = title; self.limits = limits; self.rules = rules
    }

    /// The default rules built into the binary.
    public static let bundled: StageRules = {
        do { return try StageRules(data: Data(PackageResources.default_rules_json)) } catch {
            fatalError("The built-in default-rules.json is damaged — a build problem, not your data: \(error)")
        }
    }()

    /// Rules that apply at a stage, with their severity there.
    public func active(for stage: Stage) -> [(rule: Rule, severity: Severity)] {
        rules.compactMap { rule in rule.severity(for: stage).map { (rule, $0) } }
    }
}

public struct StageRulesError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Decoding wrapper that checks stage names in severity maps.
private struct StageRulesFile: Decodable {
    let rules: StageRules
    init(from decoder: any Decoder) throws {
        struct Raw: Decodable { let id: String; let title: String; let limits: StageRules.Limits; let rules: [Rule] }
        let raw = try Raw(from: decoder)
        let stageIDs = Set(Stage.allCases.map(\.rawValue))
        for rule in raw.rules {
            for stage in rule.severity.keys where !stageIDs.contains(stage) {
                throw StageRulesError(message: "rule \(rule.code) names an unknown stage “\(stage)”")
            }
            if rule.check == .kindInWindow && rule.kind == nil {
                throw StageRulesError(message: "rule \(rule.code) (kind-in-window) needs a \"kind\"")
            }
            if rule.check == .revalidationPassed && (rule.message ?? "").allSatisfy(\.isWhitespace) {
                throw StageRulesError(message: "rule \(rule.code) (revalidation-passed) needs a \"message\", its words to the doctor")
            }
        }
        rules = StageRules(id: raw.id, title: raw.title, limits: raw.limits, rules: raw.rules)
    }
}
