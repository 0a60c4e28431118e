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

    public init(portfolio: Portfolio, framework: Framework = .mlcf) {
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
