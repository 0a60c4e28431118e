/// Evidence counts per competence, element and domain, in the period and all-time.
///
/// Computed from the portfolio in one pass over the links; an item counts once per
/// element and once per domain however many of that element's competences it links.
public struct Coverage: Sendable, Equatable {
    public struct Count: Sendable, Equatable {
        public var inPeriod = 0
        public var allTime = 0
    }

    public private(set) var byCompetence: [String: Count] = [:]
    public private(set) var byElement: [String: Count] = [:]
    public private(set) var byDomain: [String: Count] = [:]
    /// Distinct evidence kinds per domain, in the period.
    public private(set) var kindsByDomain: [String: Set<EvidenceKind>] = [:]
    public private(set) var evidenceInPeriod = 0
    public private(set) var evidenceTotal = 0

    /// No evidence counted.
    init() {}

    public init(portfolio: Portfolio, framework: Framework = .mlcf) {
        if framework.elements.count <= 64 && framework.domains.count <= 64 {
            self.init(fast: portfolio, framework: framework)
        } else {
            self.init(general: portfolio, framework: framework)
        }
    }

    private init(general portfolio: Portfolio, framework: Framework) {
        let period = portfolio.period
        for item in portfolio.evidence {
            let inPeriod = period.contains(item.date)
            evidenceTotal += 1
            if inPeriod { evidenceInPeriod += 1 }
            var elementsSeen: Set<String> = []
            var domainsSeen: Set<String> = []
            for link in item.links where framework.isLinkable(link) {
                if framework.isCompetence(link) { Coverage.bump(&byCompetence, link, inPeriod) }
                let element = Framework.elementID(of: link)
                if elementsSeen.insert(element).inserted { Coverage.bump(&byElement, element, inPeriod) }
                let domain = Framework.domainID(of: link)
                if domainsSeen.insert(domain).inserted {
                    Coverage.bump(&byDomain, domain, inPeriod)
                    if inPeriod { kindsByDomain[domain, default: []].insert(item.kind) }
                }
            }
        }
    }

    /// The same counts, kept in arrays by `CoverageCounter`.
    private init(fast portfolio: Portfolio, framework: Framework) {
        var counter = CoverageCounter(framework: framework)
        let period = portfolio.period
        for item in portfolio.evidence { counter.add(counter.contribution(of: item, inPeriod: period.contains(item.date))) }
        self = counter.coverage
    }

    fileprivate init(counter: CoverageCounter) {
        let framework = counter.framework
        for (c, count) in counter.competences.enumerated() where count.allTime > 0 { byCompetence[framework.competences[c].id] = count }
        for (e, count) in counter.elements.enumerated() where count.allTime > 0 { byElement[framework.elements[e].id] = count }
        for (d, count) in counter.domains.enumerated() where count.allTime > 0 { byDomain[framework.domains[d].id] = count }
        for (d, kinds) in counter.kinds.enumerated() where kinds.contains(where: { $0 > 0 }) {
            kindsByDomain[framework.domains[d].id] = Set(EvidenceKind.allCases.indices.filter { kinds[$0] > 0 }.map { EvidenceKind.allCases[$0] })
        }
        evidenceTotal = counter.evidenceTotal
        evidenceInPeriod = counter.evidenceInPeriod
    }

    private static func bump(_ table: inout [String: Count], _ key: String, _ inPeriod: Bool) {
        table[key, default: Count()].allTime += 1
        if inPeriod { table[key, default: Count()].inPeriod += 1 }
    }

    public func competence(_ id: String) -> Count { byCompetence[id] ?? Count() }
    public func element(_ id: String) -> Count { byElement[id] ?? Count() }
    public func domain(_ id: String) -> Count { byDomain[id] ?? Count() }

    /// Elements of a domain with at least one item in the period.
    public func elementsCovered(in domain: Domain) -> Int {
        domain.elements.filter { element($0.id).inPeriod > 0 }.count
    }
}

/// Coverage counted in arrays, one evidence item at a time, so that an item can be added
/// or taken away again (`LiveValidation` keeps the counts as the portfolio changes). For
/// frameworks of at most 64 elements and 64 domains, whose sets fit in a bit mask.
struct CoverageCounter: Sendable {
    struct Target: Sendable {
        let competence: Int?
        let element: Int
        let domain: Int
    }

    /// What one item adds to the counts.
    struct Contribution: Sendable {
        var competences: [Int] = []
        var elements: UInt64 = 0
        var domains: UInt64 = 0
        var inPeriod = false
        var kind = 0
        /// Elements linked by any link, existing competence or not ("1.2.x" names 1.2), as
        /// `Evidence.linkedElements` reads them.
        var linked: UInt64 = 0
    }

    let framework: Framework
    /// Every competence and element id of the framework, with where it counts.
    let targets: [String: Target]
    let elementIndex: [String: Int]
    private(set) var competences: [Coverage.Count]
    private(set) var elements: [Coverage.Count]
    private(set) var domains: [Coverage.Count]
    /// Items in the period per domain and evidence kind.
    private(set) var kinds: [[Int]]
    private(set) var evidenceTotal = 0
    private(set) var evidenceInPeriod = 0

    init(framework: Framework) {
        self.framework = framework
        var targets: [String: Target] = [:]
        var domainIndex: [String: Int] = [:]
        for (d, domain) in framework.domains.enumerated() { domainIndex[domain.id] = d }
        for (e, element) in framework.elements.enumerated() {
            guard let d = domainIndex[Framework.domainID(of: element.id)] else { continue }
            targets[element.id] = Target(competence: nil, element: e, domain: d)
        }
        for (c, competence) in framework.competences.enumerated() {
            guard let element = targets[Framework.elementID(of: competence.id)] else { continue }
            targets[competence.id] = Target(competence: c, element: element.element, domain: element.domain)
        }
        self.targets = targets
        elementIndex = Dictionary(framework.elements.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        competences = Array(repeating: Coverage.Count(), count: framework.competences.count)
        elements = Array(repeating: Coverage.Count(), count: framework.elements.count)
        domains = Array(repeating: Coverage.Count(), count: framework.domains.count)
        kinds = Array(repeating: Array(repeating: 0, count: EvidenceKind.allCases.count), count: framework.domains.count)
    }

    static let kindIndex: [EvidenceKind: Int] = Dictionary(uniqueKeysWithValues: EvidenceKind.allCases.enumerated().map { ($1, $0) })

    /// An item counts once per element and once per domain, however many of their ids it links.
    func contribution(of item: Evidence, inPeriod: Bool) -> Contribution {
        var c = Contribution()
        c.inPeriod = inPeriod
        c.kind = CoverageCounter.kindIndex[item.kind] ?? 0
        for link in item.links {
            guard let target = targets[link] else {
                if let e = elementIndex[Framework.elementID(of: link)] { c.linked |= 1 << UInt64(e) }
                continue
            }
            if let competence = target.competence { c.competences.append(competence) }
            c.elements |= 1 << UInt64(target.element)
            c.domains |= 1 << UInt64(target.domain)
        }
        c.linked |= c.elements
        return c
    }

    mutating func add(_ c: Contribution, times sign: Int = 1) {
        let inPeriod = c.inPeriod ? sign : 0
        evidenceTotal += sign
        evidenceInPeriod += inPeriod
        for competence in c.competences { competences[competence].allTime += sign; competences[competence].inPeriod += inPeriod }
        var bits = c.elements
        while bits != 0 {
            let e = bits.trailingZeroBitCount
            elements[e].allTime += sign; elements[e].inPeriod += inPeriod
            bits &= bits - 1
        }
        bits = c.domains
        while bits != 0 {
            let d = bits.trailingZeroBitCount
            domains[d].allTime += sign; domains[d].inPeriod += inPeriod
            if c.inPeriod { kinds[d][c.kind] += sign }
            bits &= bits - 1
        }
    }

    mutating func remove(_ c: Contribution) { add(c, times: -1) }

    var coverage: Coverage { Coverage(counter: self) }
}
