import Foundation

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

    /// One item's place in the document.
    struct Entry {
        /// The item's index in the portfolio's evidence.
        let index: Int
        let number: Int
        let home: Home
        /// Dated in the period (printed in full), rather than listed briefly or archived.
        let inPeriod: Bool
        let evidence: Evidence
        /// For items in the period (the others are not listed by type): their GMC
        /// supporting-information types.
        let supportingInfoTypes: [String]
    }

    /// Every item, in number order (E1 first). The homes' runs follow each other in the
    /// order the document prints them, each in date order.
    private let entries: [Entry]
    /// Where each home's run of entries is.
    private let runs: [Home: Range<Int>]
    /// Position (number − 1) by portfolio index.
    private let positionByIndex: [Int]
    /// The portfolio index of the first item with each id (ids should be unique; the
    /// validator says when not).
    private let firstIndexByID: [String: Int]
    private let periodEnd: CalendarDate
    /// The items in the period, in number order.
    let inPeriodEntries: [Entry]
    /// The numbers of the private items, in order.
    let privateNumbers: [Int]
    /// The CPD credits of the period's items, added in portfolio order (a sum of doubles
    /// depends on its order).
    let creditsInPeriod: Double

    /// How many items there are, archived ones included.
    var count: Int { entries.count }

    init(portfolio: Portfolio, framework: Framework, taxonomy: Taxonomy) {
        let period = portfolio.period, evidence = portfolio.evidence
        let listedFrom = EvidencePlan.listedFrom(period)
        let byTypeFirst = portfolio.stage == .continuingPractice
        let types = taxonomy.supportingInfoTypes.map(\.id)
        // Each home's rank is its place in the document; it must match the order the stage
        // writers use. Continuing practice: the form's sections by type, then the rest,
        // then the framework's elements; training: the elements, then the rest.
        let elementRank = byTypeFirst ? types.count + 3 : 0
        let unlinkedRank = byTypeFirst ? types.count : framework.elements.count
        let otherRank = unlinkedRank + 1, archivedRank = unlinkedRank + 2

        var placed: [(rank: Int, home: Home, types: [String]?)] = []
        placed.reserveCapacity(evidence.count)
        var credits = 0.0
        for item in evidence {
            switch EvidencePlan.standing(of: item.date, in: period, listedFrom: listedFrom) {
            case .archived: placed.append((archivedRank, .archived, nil))
            case .listed: placed.append((otherRank, .otherPeriod, nil))
            case .inPeriod:
                if let value = item.cpdCredits { credits += value }
                let itemTypes = item.supportingInfoTypes(taxonomy)
                if byTypeFirst, let type = types.firstIndex(where: itemTypes.contains) {
                    placed.append((type, .supportingInfo(types[type]), itemTypes))
                } else if let element = EvidencePlan.firstElement(of: item.links, in: framework) {
                    placed.append((elementRank + element, .element(framework.elements[element].id), itemTypes))
                } else {
                    placed.append((unlinkedRank, .unlinked, itemTypes))
                }
            }
        }
        let order = evidence.indices.sorted { a, b in
            (placed[a].rank, evidence[a].date, a) < (placed[b].rank, evidence[b].date, b)
        }

        var entries: [Entry] = [], runs: [Home: Range<Int>] = [:]
        var positionByIndex = [Int](repeating: 0, count: evidence.count)
        entries.reserveCapacity(evidence.count)
        for (position, index) in order.enumerated() {
            let (_, home, itemTypes) = placed[index]
            positionByIndex[index] = position
            runs[home] = (runs[home]?.lowerBound ?? position)..<(position + 1)
            entries.append(Entry(index: index, number: position + 1, home: home, inPeriod: itemTypes != nil,
                                 evidence: evidence[index], supportingInfoTypes: itemTypes ?? []))
        }
        var firstIndexByID: [String: Int] = [:]
        for (index, item) in evidence.enumerated() where firstIndexByID[item.id] == nil { firstIndexByID[item.id] = index }

        self.entries = entries
        self.runs = runs
        self.positionByIndex = positionByIndex
        self.firstIndexByID = firstIndexByID
        self.periodEnd = period.end
        self.inPeriodEntries = entries.filter(\.inPeriod)
        self.privateNumbers = entries.filter(\.evidence.isPrivate).map(\.number)
        self.creditsInPeriod = credits
    }

    /// The most recent item up to the end of the period that is of `kind` or counts as the
    /// supporting-information `type` (its own types, else its kind's); the lowest number
    /// among those of that date.
    func latest(kind: EvidenceKind, type: String, taxonomy: Taxonomy) -> Entry? {
        var best: Entry?
        for entry in entries where entry.evidence.date <= periodEnd {
            let item = entry.evidence
            guard item.kind == kind || item.supportingInfoTypes(taxonomy).contains(type) else { continue }
            if let chosen = best, chosen.evidence.date >= item.date { continue }
            best = entry
        }
        return best
    }

    /// The first day from which items of earlier periods are still listed.
    static func listedFrom(_ period: Period) -> CalendarDate { period.start.adding(years: -listedYears) }

    /// Where an item's date puts it: in the period (printed in full), listed briefly (after
    /// the period, or since `listedFrom`), or archived (counted only).
    enum Standing { case inPeriod, listed, archived }

    static func standing(of date: CalendarDate, in period: Period, listedFrom: CalendarDate) -> Standing {
        period.contains(date) ? .inPeriod : date < listedFrom ? .archived : .listed
    }

    /// Whether the document has an anchor for this item (archived items have none).
    func isAnchored(_ number: Int) -> Bool {
        number >= 1 && number <= count && entries[number - 1].home != .archived
    }

    /// The position of the element a link names, through one of its competences or as a
    /// whole (`4.3.b`, `4.3`), as the framework defines it; nil when it names none.
    static func elementPosition(ofLink link: String, in framework: Framework) -> Int? {
        framework.position(ofElement: Framework.elementID(of: link))
    }

    /// Whether the link is the element at `position` itself, or one of its competences.
    static func isElement(_ link: String, at position: Int, in framework: Framework) -> Bool {
        framework.elements[position].id == link
    }

    static func isCompetence(_ link: String, of position: Int, in framework: Framework) -> Bool {
        framework.elements[position].competences.contains { $0.id == link }
    }

    /// The position of the element, among those the links name, that comes first in the
    /// framework (links to a competence or a whole element; anything else is ignored).
    static func firstElement(of links: [String], in framework: Framework) -> Int? {
        links.compactMap { link -> Int? in
            guard let position = elementPosition(ofLink: link, in: framework),
                  isCompetence(link, of: position, in: framework) || isElement(link, at: position, in: framework) else { return nil }
            return position
        }.min()
    }

    /// The positions of the elements the links name (through a competence or as a whole,
    /// or any other text under an element's number), each once, in the order they first appear.
    static func elementPositions(of links: [String], in framework: Framework) -> [Int] {
        var positions: [Int] = []
        for link in links {
            if let position = elementPosition(ofLink: link, in: framework), !positions.contains(position) { positions.append(position) }
        }
        return positions
    }

    /// The entry of the item numbered `position + 1`.
    func entry(atPosition position: Int) -> Entry { entries[position] }

    /// The items at a home, in number order.
    func entries(at home: Home) -> ArraySlice<Entry> {
        runs[home].map { entries[$0] } ?? []
    }

    /// How many items have this home.
    func count(at home: Home) -> Int { runs[home]?.count ?? 0 }

    /// The dates of the first and last archived items (a home's items are in date order).
    var archivedDates: (first: CalendarDate, last: CalendarDate)? {
        guard let run = runs[.archived], let first = run.first, let last = run.last else { return nil }
        return (entries[first].evidence.date, entries[last].evidence.date)
    }

    /// Items in the period of a GMC supporting-information type, in number order.
    func entriesInPeriod(ofType type: String) -> [Entry] {
        inPeriodEntries.filter { $0.supportingInfoTypes.contains(type) }
    }

    func entry(forPortfolioIndex index: Int) -> Entry? {
        positionByIndex.indices.contains(index) ? entries[positionByIndex[index]] : nil
    }

    /// The first item in the portfolio with this id.
    func entry(forID id: String) -> Entry? {
        firstIndexByID[id].flatMap(entry(forPortfolioIndex:))
    }
}
