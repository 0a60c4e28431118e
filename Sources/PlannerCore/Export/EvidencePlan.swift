/// Decides, before anything is written, where each evidence item's full entry goes and
/// what number it gets, so that an item linked to five competences is printed once and
/// referred to (as E7) everywhere else, and numbers rise through the document.
struct EvidencePlan {
    /// The one place an item is printed in full.
    enum Home: Hashable {
        /// Continuing practice: the appraisal-form section for a GMC supporting-information type.
        case supportingInfo(String)
        /// Under the first element (in framework order) the item links to.
        case element(String)
        /// In the period but linked to nothing in the framework.
        case unlinked
        /// Dated after the period, or before it but within the last five years (a
        /// revalidation cycle): listed briefly, not printed in full.
        case otherPeriod
        /// Older than that: counted, not listed, so a career of evidence does not turn
        /// every appraisal document into hundreds of pages.
        case archived
    }

    /// How far back items from earlier periods are still listed.
    static let listedYears = 5

    struct Entry {
        let index: Int
        let evidence: Evidence
        let number: Int
        let home: Home
        let inPeriod: Bool
    }

    /// Every item, in number order (E1, E2, …).
    let entries: [Entry]
    private let positionByIndex: [Int: Int]
    /// The first item with each id (ids should be unique; the validator says when not).
    private let positionByID: [String: Int]

    init(portfolio: Portfolio, framework: Framework, taxonomy: Taxonomy) {
        let period = portfolio.period
        let byTypeFirst = portfolio.stage == .continuingPractice
        let types = taxonomy.supportingInfoTypes.map(\.id)
        // Document order of the homes; it must match the order the stage writers use.
        var order: [Home] = []
        if byTypeFirst {
            order += types.map { .supportingInfo($0) }
            order += [.unlinked, .otherPeriod, .archived]
            order += framework.elements.map { .element($0.id) }
        } else {
            order += framework.elements.map { .element($0.id) }
            order += [.unlinked, .otherPeriod, .archived]
        }
        let listedFrom = EvidencePlan.listedFrom(period)
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })

        var placed: [(index: Int, evidence: Evidence, home: Home, inPeriod: Bool)] = []
        for (index, item) in portfolio.evidence.enumerated() {
            let inPeriod = period.contains(item.date)
            var home: Home = .unlinked
            if !inPeriod {
                home = item.date < listedFrom ? .archived : .otherPeriod
            } else if byTypeFirst, let type = types.first(where: item.supportingInfoTypes(taxonomy).contains) {
                home = .supportingInfo(type)
            } else if let element = EvidencePlan.firstElement(of: item, in: framework) {
                home = .element(element)
            }
            placed.append((index, item, home, inPeriod))
        }
        placed.sort { a, b in
            let ra = rank[a.home] ?? order.count, rb = rank[b.home] ?? order.count
            if ra != rb { return ra < rb }
            if a.evidence.date != b.evidence.date { return a.evidence.date < b.evidence.date }
            return a.index < b.index
        }
        entries = placed.enumerated().map { Entry(index: $1.index, evidence: $1.evidence, number: $0 + 1, home: $1.home, inPeriod: $1.inPeriod) }
        positionByIndex = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.index, $0) })
        var byID: [String: Int] = [:]
        for (position, entry) in entries.enumerated() {
            if let other = byID[entry.evidence.id], entries[other].index < entry.index { continue }
            byID[entry.evidence.id] = position
        }
        positionByID = byID
    }

    /// The first day from which items of earlier periods are still listed.
    static func listedFrom(_ period: Period) -> CalendarDate { period.start.adding(years: -listedYears) }

    /// Whether the document has an anchor for this item (archived items have none).
    func isAnchored(_ number: Int) -> Bool {
        number >= 1 && number <= entries.count && entries[number - 1].home != .archived
    }

    /// The element of an item's links that comes first in the framework.
    static func firstElement(of item: Evidence, in framework: Framework) -> String? {
        item.links.filter(framework.isLinkable).map(Framework.elementID(of:))
            .min { (framework.position(ofElement: $0) ?? Int.max) < (framework.position(ofElement: $1) ?? Int.max) }
    }

    func entries(at home: Home) -> [Entry] { entries.filter { $0.home == home } }

    /// Items in the period linked to an element (through a competence or as a whole), in number order.
    func entriesInPeriod(linkedTo element: String) -> [Entry] {
        entries.filter { $0.inPeriod && $0.evidence.links.contains { Framework.elementID(of: $0) == element } }
    }

    /// Items in the period of a GMC supporting-information type, in number order.
    func entriesInPeriod(ofType type: String, taxonomy: Taxonomy) -> [Entry] {
        entries.filter { $0.inPeriod && $0.evidence.supportingInfoTypes(taxonomy).contains(type) }
    }

    func entry(forPortfolioIndex index: Int) -> Entry? { positionByIndex[index].map { entries[$0] } }

    /// The first item in the portfolio with this id.
    func entry(forID id: String) -> Entry? { positionByID[id].map { entries[$0] } }
}
