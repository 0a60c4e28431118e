import Foundation

/// Everything the planner knows that is not the doctor's own: the frameworks, the vocabularies
/// (stages, evidence kinds, GMC types, GMP domains, PDP statuses) and the stage rules. It is all
/// data under `Resources/` (and the user's framework packs); code is handed one catalog, once,
/// instead of reaching for globals.
public struct Catalog: Sendable {
    public let frameworks: FrameworkCatalog
    public let taxonomy: Taxonomy
    public let rules: StageRules

    public init(frameworks: FrameworkCatalog, taxonomy: Taxonomy, rules: StageRules) {
        self.frameworks = frameworks; self.taxonomy = taxonomy; self.rules = rules
    }

    /// What is built into the binary, without the user's packs (tests, and files judged alike on any machine).
    public static let bundled = Catalog(
        frameworks: FrameworkCatalog(bundled: Framework.bundled, packsIn: nil), taxonomy: .bundled, rules: .bundled)

    /// The bundled data plus the packs this user placed in their data folder.
    public static func forUser(environment: [String: String]) -> Catalog {
        Catalog(frameworks: .forUser(environment: environment), taxonomy: .bundled, rules: .bundled)
    }

    /// The frameworks a portfolio uses, in the doctor's order; those the catalog lacks are left
    /// out (the validator names them). Never empty: with none known, the catalog's first.
    public func frameworks(for portfolio: Portfolio) -> [Framework] {
        let used = portfolio.profile.frameworks.compactMap(frameworks.framework)
        return used.isEmpty ? Array(frameworks.frameworks.prefix(1)) : used
    }

    /// The framework the stage rules judge a portfolio by: the first it uses.
    public func primaryFramework(for portfolio: Portfolio) -> Framework { frameworks(for: portfolio)[0] }

    /// The framework a link names, if the catalog has it.
    public func framework(ofLink link: String) -> Framework? { frameworks.framework(String(FrameworkLink.frameworkID(link))) }
}
