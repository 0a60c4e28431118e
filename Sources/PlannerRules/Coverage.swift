import PlannerModel

/// Evidence counts per competence, element and domain, in the period and all-time.
///
/// An item counts once per element and once per domain however many of that element's
/// competences it links; links to nothing in the framework count for nothing. `Tally` is the
/// one place that rule is written: counted afresh here, or kept item by item as the planner
/// changes the portfolio (`LiveValidation`), coverage is the same sum of the same shares.
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

    /// No evidence counted (for the checks of single items, which do not read coverage).
    init() {}

    public init(portfolio: Portfolio, framework: Framework) {
        var tally = Tally(framework: framework)
        let period = portfolio.period
        for item in portfolio.evidence { tally.add(tally.share(of: item, inPeriod: period.contains(item.date))) }
        self = tally.coverage
    }

    public func competence(_ id: String) -> Count { byCompetence[id] ?? Count() }
    public func element(_ id: String) -> Count { byElement[id] ?? Count() }
    public func domain(_ id: String) -> Count { byDomain[id] ?? Count() }

    /// Elements of a domain with at least one item in the period.
    public func elementsCovered(in domain: Domain) -> Int {
        domain.elements.filter { element($0.id).inPeriod > 0 }.count
    }
}

extension Coverage {
    /// Coverage counted in arrays, one evidence item at a time, so that an item's share can be
    /// added, or taken away again when the item changes.
    struct Tally: Sendable {
        /// What one evidence item adds: positions in the arrays below.
        struct Share: Sendable {
            /// One per link to a competence.
            var competences: [Int] = []
            /// Each element and domain once, however many of its ids the item links.
            var elements: [Int] = []
            var domains: [Int] = []
            var inPeriod: Bool
            var kind: EvidenceKind
        }

        private struct Target { let competence: Int?, element: Int, domain: Int }

        private let domainIDs: [String]
        private var elementIDs: [String] = []
        private var competenceIDs: [String] = []
        /// Where each linkable id of the framework counts.
        private var targets: [String: Target] = [:]
        private var competences: [Count]
        private var elements: [Count]
        private var domains: [Count]
        /// Items in the period per domain and evidence kind.
        private var kinds: [[EvidenceKind: Int]]
        private var evidenceTotal = 0
        private var evidenceInPeriod = 0

        init(framework: Framework) {
            domainIDs = framework.domains.map(\.id)
            for (d, domain) in framework.domains.enumerated() {
                for element in domain.elements {
                    let e = elementIDs.count
                    elementIDs.append(element.id)
                    // Keyed by the links a portfolio holds (`mlcf:1.2`), so that an item's
                    // links are looked up as they are, and links to other frameworks miss.
                    targets[framework.link(element.id)] = Target(competence: nil, element: e, domain: d)
                    for competence in element.competences {
                        targets[framework.link(competence.id)] = Target(competence: competenceIDs.count, element: e, domain: d)
                        competenceIDs.append(competence.id)
                    }
                }
            }
            competences = Array(repeating: Count(), count: competenceIDs.count)
            elements = Array(repeating: Count(), count: elementIDs.count)
            domains = Array(repeating: Count(), count: domainIDs.count)
            kinds = Array(repeating: [:], count: domainIDs.count)
        }

        func share(of item: Evidence, inPeriod: Bool) -> Share {
            var share = Share(inPeriod: inPeriod, kind: item.kind)
            for link in item.links {
                guard let target = targets[link] else { continue }
                if let c = target.competence { share.competences.append(c) }
                if !share.elements.contains(target.element) { share.elements.append(target.element) }
                if !share.domains.contains(target.domain) { share.domains.append(target.domain) }
            }
            return share
        }

        /// Adds a share (`sign` 1), or takes it away (-1).
        mutating func add(_ share: Share, sign: Int = 1) {
            let inPeriod = share.inPeriod ? sign : 0
            evidenceTotal += sign
            evidenceInPeriod += inPeriod
            for c in share.competences { competences[c].allTime += sign; competences[c].inPeriod += inPeriod }
            for e in share.elements { elements[e].allTime += sign; elements[e].inPeriod += inPeriod }
            for d in share.domains {
                domains[d].allTime += sign; domains[d].inPeriod += inPeriod
                if share.inPeriod { kinds[d][share.kind, default: 0] += sign }
            }
        }

        var coverage: Coverage {
            var coverage = Coverage()
            for (c, count) in competences.enumerated() where count.allTime > 0 { coverage.byCompetence[competenceIDs[c]] = count }
            for (e, count) in elements.enumerated() where count.allTime > 0 { coverage.byElement[elementIDs[e]] = count }
            for (d, count) in domains.enumerated() where count.allTime > 0 { coverage.byDomain[domainIDs[d]] = count }
            for (d, counts) in kinds.enumerated() {
                let present = Set(counts.filter { $0.value > 0 }.keys)
                if !present.isEmpty { coverage.kindsByDomain[domainIDs[d]] = present }
            }
            coverage.evidenceTotal = evidenceTotal
            coverage.evidenceInPeriod = evidenceInPeriod
            return coverage
        }
    }
}
