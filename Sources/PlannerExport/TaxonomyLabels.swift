import PlannerModel

/// The taxonomy's labels as an entry prints them, escaped once per export rather than once
/// per item. Each list holds a handful, so a search by id beats hashing the id.
struct TaxonomyLabels {
    private let supportingInfo: [(id: String, label: String)]
    private let gmp: [(id: String, name: String)]
    private let areas: [(id: String, label: String)]

    init(_ taxonomy: Taxonomy) {
        supportingInfo = taxonomy.supportingInfoTypes.map { ($0.id, MarkdownEscaping.inline($0.label)) }
        // "Safety and quality (2024: Colleagues, culture and safety)".
        gmp = taxonomy.gmpDomains.map { ($0.id, MarkdownEscaping.inline($0.name2013) + " (2024: " + MarkdownEscaping.inline($0.name2024) + ")") }
        areas = taxonomy.gmcAreas.map { ($0.id, MarkdownEscaping.inline($0.label)) }
    }

    /// An unknown id is printed as it is, escaped.
    func supportingInfo(_ id: String) -> String { supportingInfo.first { $0.id == id }?.label ?? MarkdownEscaping.inline(id) }
    func gmpDomain(_ id: String) -> String { gmp.first { $0.id == id }?.name ?? MarkdownEscaping.inline(id) }
    func area(_ id: String) -> String { areas.first { $0.id == id }?.label ?? MarkdownEscaping.inline(id) }
}
