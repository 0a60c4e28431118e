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

    /// A class, so that the lists below share entries instead of copying a whole evidence
    /// item (and retaining each of its strings) per list per entry: a career holds thousands,
    /// and the item itself is read in place from the portfolio's list.
    final class Entry {
        let index: Int
        let number: Int
        let home: Home
        let inPeriod: Bool
        private let store: Store
        /// For items in the period (the others are not listed by element or type): the
        /// elements their links name, and their GMC supporting-information types.
        let linkedElements: [String]
        let supportingInfoTypes: [String]

        var evidence: Evidence { _read { yield store.items[index] } }

        init(index: Int, number: Int, home: Home, inPeriod: Bool, store: Store, taxonomy: Taxonomy) {
            self.index = index; self.number = number; self.home = home; self.inPeriod = inPeriod; self.store = store
            linkedElements = inPeriod ? store.items[index].links.map(Framework.elementID(of:)) : []
            supportingInfoTypes = inPeriod ? store.items[index].supportingInfoTypes(taxonomy) : []
        }
    }

    /// The portfolio's evidence, shared by all entries.
    final class Store {
        let items: [Evidence]
        init(_ items: [Evidence]) { self.items = items }
    }

    /// Every item, in number order (E1, E2, …).
    let entries: [Entry]
    /// The items in the period, in number order.
    let inPeriodEntries: [Entry]
    /// Entries are grouped by home (each home has its own rank): where each home's run is.
    private let runs: [Home: Range<Int>]
    /// Position in `entries` by portfolio index.
    private let positionByIndex: [Int]
    /// The first item with each id (ids should be unique; the validator says when not), made
    /// when first asked for.
    private let ids = IDIndex()

    final class IDIndex {
        var positions: [String: Int]?
    }

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

        // Each item's home and rank, found once; then sorted by one integer key made of
        // (rank, day, index), which is the order (rank, date, index).
        let evidence = portfolio.evidence
        var homes: [Home] = []
        homes.reserveCapacity(evidence.count)
        var keys: [Int] = []
        keys.reserveCapacity(evidence.count)
        let archivedRank = rank[.archived] ?? order.count, otherRank = rank[.otherPeriod] ?? order.count
        let unknownRank = order.count
        for index in evidence.indices {
            let date = evidence[index].date
            let homeRank: Int
            if !period.contains(date) {
                let archived = date < listedFrom
                homes.append(archived ? .archived : .otherPeriod)
                homeRank = archived ? archivedRank : otherRank
            } else {
                var home: Home = .unlinked
                let item = evidence[index]
                if byTypeFirst, let type = types.first(where: item.supportingInfoTypes(taxonomy).contains) {
                    home = .supportingInfo(type)
                } else if let element = EvidencePlan.firstElement(of: item, in: framework) {
                    home = .element(element)
                }
                homes.append(home)
                homeRank = rank[home] ?? unknownRank
            }
            keys.append((homeRank << 45) | (date.dayNumber << 22) | index)
        }
        if evidence.count < 1 << 22 {
            keys.sort()
        } else {
            // More items than the key has room for: sort by the parts instead.
            let mask = (1 << 22) - 1
            var order = Array(evidence.indices)
            order.sort { a, b in
                let ka = keys[a] >> 45, kb = keys[b] >> 45
                if ka != kb { return ka < kb }
                if evidence[a].date != evidence[b].date { return evidence[a].date < evidence[b].date }
                return a < b
            }
            keys = order.map { (keys[$0] & ~mask) | $0 }
        }
        let store = Store(evidence)
        var all: [Entry] = []
        all.reserveCapacity(keys.count)
        var runs: [Home: Range<Int>] = [:]
        var runStart = 0
        for (position, key) in keys.enumerated() {
            let index = key & ((1 << 22) - 1)
            let home = homes[index]
            all.append(Entry(index: index, number: position + 1, home: home, inPeriod: period.contains(evidence[index].date),
                             store: store, taxonomy: taxonomy))
            if position > 0 && all[position - 1].home != home {
                runs[all[position - 1].home] = runStart..<position
                runStart = position
            }
        }
        if let last = all.last { runs[last.home] = runStart..<all.count }
        entries = all
        inPeriodEntries = all.filter(\.inPeriod)
        self.runs = runs
        var positions = [Int](repeating: 0, count: all.count)
        for (position, entry) in all.enumerated() { positions[entry.index] = position }
        positionByIndex = positions
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

    func entries(at home: Home) -> [Entry] { runs[home].map { Array(entries[$0]) } ?? [] }

    /// Items in the period linked to an element (through a competence or as a whole), in number order.
    func entriesInPeriod(linkedTo element: String) -> [Entry] {
        inPeriodEntries.filter { $0.linkedElements.contains(element) }
    }

    /// Items in the period of a GMC supporting-information type, in number order.
    func entriesInPeriod(ofType type: String, taxonomy: Taxonomy) -> [Entry] {
        inPeriodEntries.filter { $0.supportingInfoTypes.contains(type) }
    }

    func entry(forPortfolioIndex index: Int) -> Entry? { positionByIndex.indices.contains(index) ? entries[positionByIndex[index]] : nil }

    /// The first item in the portfolio with this id.
    func entry(forID id: String) -> Entry? {
        if ids.positions == nil {
            var byID: [String: Int] = [:]
            for (position, entry) in entries.enumerated() {
                if let other = byID[entry.evidence.id], entries[other].index < entry.index { continue }
                byID[entry.evidence.id] = position
            }
            ids.positions = byID
        }
        return ids.positions?[id].map { entries[$0] }
    }
}
