import Foundation
import PlannerModel

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
        /// Dated before the period, not private, and marked by the doctor to bring forward
        /// (`Evidence.bringForward`): printed in full, with the doctor's reason.
        case chosen
        /// Outside the period but brought forward because the document refers to it: the
        /// latest item of a kind of feedback the GMC expects once a cycle. Listed briefly.
        case otherPeriod
        /// Any other item outside the period: counted in the career table, never listed,
        /// so a career of evidence does not turn every appraisal document into hundreds of pages.
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
        /// For items in the period (the others are not listed by type): their GMC
        /// supporting-information types.
        let supportingInfoTypes: [String]
        /// The portfolio's evidence (shared, not copied), to read the item from.
        let items: [Evidence]

        var evidence: Evidence { items[index] }
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
    /// Each kind's supporting-information types, for items that do not name their own (none
    /// for a kind the taxonomy does not know).
    private let defaultTypes: [EvidenceKind: [String]]
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
        let typeIDs = taxonomy.supportingInfoTypes.map(\.id)
        // Each home's rank is its place in the document; it must match the order the stage
        // writers use. Continuing practice: the form's sections by type, then the rest,
        // then the framework's elements; training: the elements, then the rest.
        // Items outside the period come after every printed one, so the numbers the reader
        // sees run E1, E2, … without a gap.
        let elementRank = byTypeFirst ? typeIDs.count + 1 : 0
        let unlinkedRank = byTypeFirst ? typeIDs.count : framework.elements.count
        let chosenRank = typeIDs.count + framework.elements.count + 2
        let otherRank = chosenRank + 1, archivedRank = otherRank + 1
        let broughtForward =
            byTypeFirst ? EvidencePlan.broughtForward(evidence, period: period, taxonomy: taxonomy, defaultTypes: EvidencePlan.defaultTypesOf(taxonomy)) : []

        var defaultTypes: [EvidenceKind: [String]] = [:]
        for info in taxonomy.evidenceKinds { defaultTypes[info.kind] = info.supportingInfo }

        // Each item's home and rank, and for the items in the period their types.
        var ranks: [Int] = [], homes: [Home] = [], itemTypes: [[String]?] = []
        var credits = 0.0
        for index in evidence.indices {
            let (rank, home, types): (Int, Home, [String]?)
            switch EvidencePlan.standing(of: evidence[index].date, in: period, listedFrom: listedFrom) {
            case .archived, .listed:
                if EvidencePlan.isChosen(evidence[index], period: period) {
                    (rank, home, types) = (chosenRank, .chosen, nil)
                } else {
                    (rank, home, types) = broughtForward.contains(index) ? (otherRank, .otherPeriod, nil) : (archivedRank, .archived, nil)
                }
            case .inPeriod:
                if let value = evidence[index].cpdCredits { credits += value }
                let own = evidence[index].supportingInfo ?? defaultTypes[evidence[index].kind, default: []]
                if byTypeFirst, let type = typeIDs.firstIndex(where: own.contains) {
                    (rank, home, types) = (type, .supportingInfo(typeIDs[type]), own)
                } else if let element = EvidencePlan.firstElement(of: evidence[index].links, in: framework) {
                    (rank, home, types) = (elementRank + element, .element(framework.elements[element].id), own)
                } else {
                    (rank, home, types) = (unlinkedRank, .unlinked, own)
                }
            }
            ranks.append(rank); homes.append(home); itemTypes.append(types)
        }
        let order = evidence.indices.sorted { a, b in
            (ranks[a], evidence[a].date, a) < (ranks[b], evidence[b].date, b)
        }

        var entries: [Entry] = [], runs: [Home: Range<Int>] = [:], runStart = 0
        var positionByIndex = [Int](repeating: 0, count: evidence.count)
        entries.reserveCapacity(evidence.count)
        for (position, index) in order.enumerated() {
            positionByIndex[index] = position
            if position > 0 && ranks[order[position - 1]] != ranks[index] { runStart = position }
            runs[homes[index]] = runStart..<(position + 1)
            entries.append(
                Entry(
                    index: index, number: position + 1, home: homes[index], inPeriod: itemTypes[index] != nil,
                    supportingInfoTypes: itemTypes[index] ?? [], items: evidence))
        }
        var firstIndexByID: [String: Int] = [:]
        for index in evidence.indices where firstIndexByID[evidence[index].id] == nil { firstIndexByID[evidence[index].id] = index }

        self.entries = entries
        self.runs = runs
        self.positionByIndex = positionByIndex
        self.firstIndexByID = firstIndexByID
        self.periodEnd = period.end
        self.defaultTypes = defaultTypes
        self.inPeriodEntries = entries.filter(\.inPeriod)
        self.privateNumbers = entries.filter(\.evidence.isPrivate).map(\.number)
        self.creditsInPeriod = credits
    }

    static func defaultTypesOf(_ taxonomy: Taxonomy) -> [EvidenceKind: [String]] {
        var types: [EvidenceKind: [String]] = [:]
        for info in taxonomy.evidenceKinds { types[info.kind] = info.supportingInfo }
        return types
    }

    /// Whether the doctor's mark brings the item into this document in full: it is dated
    /// before the period and not private (a private item's text never leaves the machine, so
    /// it stays a count in the table of earlier years, marked or not).
    static func isChosen(_ item: Evidence, period: Period) -> Bool {
        !item.isPrivate && item.isBroughtForward(into: period)
    }

    /// The portfolio indices of the items from outside the period that the continuing-practice
    /// document names: for each kind of feedback the GMC expects once a cycle (and each
    /// feedback type), the latest item up to the period's end, when it is not in the period.
    /// The same choice as `latest(kind:type:)`: latest date, then the earliest in the portfolio.
    static func broughtForward(
        _ evidence: [Evidence], period: Period, taxonomy: Taxonomy, defaultTypes: [EvidenceKind: [String]]
    ) -> Set<Int> {
        let feedback = taxonomy.evidenceKinds.compactMap { info -> (EvidenceKind?, String)? in
            guard info.revalidationFeedback, let type = info.supportingInfo.first else { return nil }
            return (info.kind, type)
        }
        let feedbackTypes = Set(feedback.map(\.1))
        let queries = feedback + feedbackTypes.sorted().map { (nil as EvidenceKind?, $0) }
        var chosen = Set<Int>()
        for (kind, type) in queries {
            var best: Int?
            for index in evidence.indices where evidence[index].date <= period.end {
                let item = evidence[index]
                guard item.kind == kind || (item.supportingInfo ?? defaultTypes[item.kind, default: []]).contains(type) else { continue }
                if let current = best, evidence[current].date >= item.date { continue }
                best = index
            }
            if let best, !period.contains(evidence[best].date) { chosen.insert(best) }
        }
        return chosen
    }

    /// The most recent item up to the end of the period that is of `kind` (when given) or counts as the
    /// supporting-information `type` (its own types, else its kind's); the lowest number
    /// among those of that date.
    func latest(kind: EvidenceKind?, type: String) -> Entry? {
        var best: Entry?
        for entry in entries where entry.evidence.date <= periodEnd {
            guard entry.evidence.kind == kind || (entry.evidence.supportingInfo ?? defaultTypes[entry.evidence.kind, default: []]).contains(type),
                best.map({ $0.evidence.date < entry.evidence.date }) ?? true
            else { continue }
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
        framework.unitID(ofLink: link).flatMap(framework.position(ofElement:))
    }

    /// Whether the link is the element at `position` itself, or one of its competences.
    static func isElement(_ link: String, at position: Int, in framework: Framework) -> Bool {
        framework.link(framework.elements[position].id) == link
    }

    static func isCompetence(_ link: String, of position: Int, in framework: Framework) -> Bool {
        guard let id = framework.itemID(ofLink: link) else { return false }
        return framework.elements[position].competences.contains { $0.id == id }
    }

    /// The position of the element, among those the links name, that comes first in the
    /// framework (links to a competence or a whole element; anything else is ignored).
    static func firstElement(of links: [String], in framework: Framework) -> Int? {
        links.compactMap { link -> Int? in
            guard let position = elementPosition(ofLink: link, in: framework),
                isCompetence(link, of: position, in: framework) || isElement(link, at: position, in: framework)
            else { return nil }
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
