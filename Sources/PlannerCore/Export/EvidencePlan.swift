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

    /// A class, so that the lists below share entries instead of copying a whole evidence
    /// item (and retaining each of its strings) per list per entry: a career holds thousands,
    /// and the item itself is read in place from the portfolio's list.
    final class Entry {
        let index: Int
        let number: Int
        let home: Home
        let inPeriod: Bool
        private let store: Store
        /// For items in the period (the others are not listed by type): their GMC
        /// supporting-information types.
        let supportingInfoTypes: [String]

        var evidence: Evidence { _read { yield store.items[index] } }

        init(index: Int, number: Int, home: Home, inPeriod: Bool, store: Store, supportingInfoTypes: [String]) {
            self.index = index; self.number = number; self.home = home; self.inPeriod = inPeriod; self.store = store
            self.supportingInfoTypes = supportingInfoTypes
        }
    }

    /// The portfolio's evidence, shared by all entries.
    final class Store {
        let items: [Evidence]
        init(_ items: [Evidence]) { self.items = items }
    }

    /// The items printed in full, in number order (E1, E2, …). The items of other periods
    /// (most of a career) are one run of numbers, `briefRun`: those of the last five years
    /// then the archived ones. They are listed in a table or only counted, and get an entry
    /// only when asked for one (`entry(atPosition:)`).
    private let listed: [Entry]
    /// The positions (numbers − 1) of the items of other periods, and of the archived ones
    /// (the end of that run); empty when there are none.
    private let briefRun: Range<Int>
    private let archived: Range<Int>
    /// The items in the period, in number order.
    let inPeriodEntries: [Entry]
    /// How many items there are, archived ones included.
    let count: Int
    /// The numbers of the private items, in order, and the CPD credits of the period's
    /// items (added in portfolio order, as a sum of doubles depends on its order): found in
    /// the same pass over the items as everything else.
    let privateNumbers: [Int]
    let creditsInPeriod: Double
    /// Up to the end of the period: by kind (`EvidenceKind.ordinal`), the first item of the
    /// latest date among those that keep their kind's supporting-information types, and the
    /// others of that date; and every item that names its own types. What
    /// `latest(kind:type:)` chooses from.
    private let latestByKind: [Int?]
    private let latestTies: [[Int]]
    private let ownTypes: [Int]
    /// Entries are grouped by home (each home has its own rank): where each home's run is.
    private let runs: [Home: Range<Int>]
    /// Position (number − 1) by portfolio index, and portfolio index by position.
    private let positionByIndex: [Int]
    private let indexByPosition: [Int]
    private let store: Store
    /// Entries of other periods' items made on demand, and the first item with each id (ids
    /// should be unique; the validator says when not), made when first asked for.
    private let cache = Cache()

    final class Cache: @unchecked Sendable {
        let lock = NSLock()
        var brief: [Int: Entry] = [:]
        var positionByID: [String: Int]?
    }

    init(portfolio: Portfolio, framework: Framework, taxonomy: Taxonomy, elements: ElementLookup) {
        let period = portfolio.period
        let byTypeFirst = portfolio.stage == .continuingPractice
        let types = taxonomy.supportingInfoTypes.map(\.id)
        // Document order of the homes; it must match the order the stage writers use. A
        // home's rank is its place in it, worked out without hashing (once per item).
        var order: [Home] = []
        let typeRank: Int, elementRank: Int
        if byTypeFirst {
            typeRank = 0
            order += types.map { .supportingInfo($0) }
            order += [.unlinked, .otherPeriod, .archived]
            elementRank = order.count
            order += framework.elements.map { .element($0.id) }
        } else {
            typeRank = -1
            elementRank = 0
            order += framework.elements.map { .element($0.id) }
            order += [.unlinked, .otherPeriod, .archived]
        }
        let unlinkedRank = order.firstIndex(of: .unlinked)!, otherRank = order.firstIndex(of: .otherPeriod)!
        let archivedRank = order.firstIndex(of: .archived)!
        let listedFrom = EvidencePlan.listedFrom(period)

        // Each item's home (by rank) and its types, found once; then sorted by one integer
        // key made of (rank, day, index), which is the order (rank, date, index).
        let count = portfolio.evidence.count
        var ranks = [Int](repeating: 0, count: count)
        var keys = [Int](repeating: 0, count: count)
        var typesByIndex = [[String]?](repeating: nil, count: count)   // set for the items in the period
        var inPeriodCount = 0
        var privateIndices: [Int] = []
        var credits = 0.0
        let endDay = period.end.dayNumber
        var latestDay = [Int](repeating: Int.min, count: EvidenceKind.allCases.count)
        var latestByKind = [Int?](repeating: nil, count: latestDay.count)
        var latestTies = [[Int]](repeating: [], count: latestDay.count)
        var ownTypes: [Int] = []
        let defaultTypes = EvidenceKind.allCases.map(taxonomy.defaultSupportingInfo(for:))
        portfolio.evidence.withUnsafeBufferPointer { items in
            for index in items.indices {
                let date = items[index].date
                if items[index].isPrivate { privateIndices.append(index) }
                let day = date.dayNumber
                if day <= endDay {
                    if items[index].supportingInfo != nil {
                        ownTypes.append(index)
                    } else {
                        let kind = items[index].kind.ordinal
                        if day > latestDay[kind] {
                            latestDay[kind] = day
                            latestByKind[kind] = index
                            if !latestTies[kind].isEmpty { latestTies[kind].removeAll(keepingCapacity: true) }
                        } else if day == latestDay[kind] {
                            latestTies[kind].append(index)
                        }
                    }
                }
                let rank: Int
                switch EvidencePlan.standing(of: date, in: period, listedFrom: listedFrom) {
                case .archived: rank = archivedRank
                case .listed: rank = otherRank
                case .inPeriod:
                    let itemTypes = items[index].supportingInfo ?? defaultTypes[items[index].kind.ordinal]
                    typesByIndex[index] = itemTypes
                    inPeriodCount += 1
                    if let value = items[index].cpdCredits { credits += value }
                    if byTypeFirst, let type = types.firstIndex(where: itemTypes.contains) {
                        rank = typeRank + type
                    } else if let element = EvidencePlan.firstElement(of: items[index].links, in: elements) {
                        rank = elementRank + element
                    } else {
                        rank = unlinkedRank
                    }
                }
                ranks[index] = rank
                keys[index] = (rank << 45) | (day << 22) | index
            }
        }
        let mask = (1 << 22) - 1
        if count < 1 << 22 {
            keys.sort()
        } else {
            // More items than the key has room for: sort by the parts instead.
            let evidence = portfolio.evidence
            var order = Array(evidence.indices)
            order.sort { a, b in
                let ka = keys[a] >> 45, kb = keys[b] >> 45
                if ka != kb { return ka < kb }
                if evidence[a].date != evidence[b].date { return evidence[a].date < evidence[b].date }
                return a < b
            }
            keys = order.map { (keys[$0] & ~mask) | $0 }
        }
        let store = Store(portfolio.evidence)
        var listed: [Entry] = [], inPeriod: [Entry] = []
        inPeriod.reserveCapacity(inPeriodCount)
        var runs: [Home: Range<Int>] = [:]
        var runStart = 0
        var positions = [Int](repeating: 0, count: count), indices = [Int](repeating: 0, count: count)
        for (position, key) in keys.enumerated() {
            let index = key & mask
            positions[index] = position
            indices[position] = index
            let rank = ranks[index]
            if position > 0 && ranks[indices[position - 1]] != rank {
                runs[order[ranks[indices[position - 1]]]] = runStart..<position
                runStart = position
            }
            guard rank != archivedRank && rank != otherRank else { continue }
            let types = typesByIndex[index]
            let entry = Entry(index: index, number: position + 1, home: order[rank], inPeriod: types != nil,
                              store: store, supportingInfoTypes: types ?? [])
            listed.append(entry)
            if types != nil { inPeriod.append(entry) }
        }
        if count > 0 { runs[order[ranks[indices[count - 1]]]] = runStart..<count }
        self.listed = listed
        // Other periods come just before the archived items in every stage's order.
        let other = runs[.otherPeriod], archived = runs[.archived]
        assert(other == nil || archived == nil || other!.upperBound == archived!.lowerBound, "other periods, then archived")
        self.archived = archived ?? (other?.upperBound ?? 0)..<(other?.upperBound ?? 0)
        self.briefRun = (other?.lowerBound ?? self.archived.lowerBound)..<self.archived.upperBound
        self.inPeriodEntries = inPeriod
        self.count = count
        self.runs = runs
        self.positionByIndex = positions
        self.indexByPosition = indices
        self.store = store
        self.privateNumbers = privateIndices.map { positions[$0] + 1 }.sorted()
        self.creditsInPeriod = credits
        self.latestByKind = latestByKind
        self.latestTies = latestTies
        self.ownTypes = ownTypes
    }

    /// The most recent item up to the end of the period that is of `kind` or counts as the
    /// supporting-information `type` (its own types, else its kind's); the lowest number
    /// among those of that date.
    func latest(kind: EvidenceKind, type: String, taxonomy: Taxonomy) -> Entry? {
        var candidates = ownTypes.filter { store.items[$0].kind == kind || store.items[$0].supportingInfo!.contains(type) }
        for other in EvidenceKind.allCases where other == kind || taxonomy.defaultSupportingInfo(for: other).contains(type) {
            if let first = latestByKind[other.ordinal] { candidates += [first] + latestTies[other.ordinal] }
        }
        let best = candidates.max { a, b in
            let dateA = store.items[a].date, dateB = store.items[b].date
            return dateA != dateB ? dateA < dateB : positionByIndex[a] > positionByIndex[b]
        }
        return best.flatMap(entry(forPortfolioIndex:))
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
        number >= 1 && number <= count && !archived.contains(number - 1)
    }

    /// The position of the element, among those the links name, that comes first in the
    /// framework (links to a competence or a whole element; anything else is ignored).
    static func firstElement(of links: [String], in elements: ElementLookup) -> Int? {
        var first: Int?
        for link in links {
            guard let position = elements.position(ofLink: link),
                  elements.isCompetence(link, at: position) || elements.isElement(link, at: position) else { continue }
            if position < first ?? Int.max { first = position }
        }
        return first
    }

    /// The entry of the item numbered `position + 1`.
    func entry(atPosition position: Int) -> Entry {
        guard briefRun.contains(position) else { return listed[position < briefRun.lowerBound ? position : position - briefRun.count] }
        cache.lock.lock()
        defer { cache.lock.unlock() }
        if let made = cache.brief[position] { return made }
        let made = Entry(index: indexByPosition[position], number: position + 1, home: archived.contains(position) ? .archived : .otherPeriod,
                         inPeriod: false, store: store, supportingInfoTypes: [])
        cache.brief[position] = made
        return made
    }

    /// The items printed in full at a home (not those of other periods: see `brief(at:)`).
    func entries(at home: Home) -> ArraySlice<Entry> {
        guard home != .archived && home != .otherPeriod, let run = runs[home] else { return [] }
        return run.lowerBound < briefRun.lowerBound ? listed[run] : listed[(run.lowerBound - briefRun.count)..<(run.upperBound - briefRun.count)]
    }

    /// The items of other periods at a home, as (portfolio index, number) in number order:
    /// thousands in a career, so no entries are made for them.
    func brief(at home: Home) -> [(index: Int, number: Int)] {
        guard home == .archived || home == .otherPeriod, let run = runs[home] else { return [] }
        return run.map { (indexByPosition[$0], $0 + 1) }
    }

    /// How many items have this home (without listing them: most of a career is archived).
    func count(at home: Home) -> Int { runs[home]?.count ?? 0 }

    /// The dates of the first and last archived items (a home's items are in date order).
    var archivedDates: (first: CalendarDate, last: CalendarDate)? {
        guard let first = archived.first, let last = archived.last else { return nil }
        return (store.items[indexByPosition[first]].date, store.items[indexByPosition[last]].date)
    }

    /// Items in the period of a GMC supporting-information type, in number order.
    func entriesInPeriod(ofType type: String) -> [Entry] {
        inPeriodEntries.filter { $0.supportingInfoTypes.contains(type) }
    }

    func entry(forPortfolioIndex index: Int) -> Entry? {
        positionByIndex.indices.contains(index) ? entry(atPosition: positionByIndex[index]) : nil
    }

    /// The first item in the portfolio with this id.
    func entry(forID id: String) -> Entry? {
        cache.lock.lock()
        if cache.positionByID == nil {
            var byID: [String: Int] = [:]
            for index in store.items.indices where byID[store.items[index].id] == nil { byID[store.items[index].id] = index }
            cache.positionByID = byID
        }
        let index = cache.positionByID?[id]
        cache.lock.unlock()
        return index.flatMap(entry(forPortfolioIndex:))
    }
}
