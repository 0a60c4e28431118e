import Foundation
import PlannerModel

/// The validation of an open portfolio, kept up to date as the planner changes it.
///
/// The checks that look at one evidence item are made per item and remembered, with what the
/// item adds to the totals the other rules read (its share of the coverage, supporting-information
/// types and CPD credits in the period, kinds in each revalidation window, ids in use). Changing,
/// adding or removing one item then costs the checks of that item plus the small rules over
/// goals, ratings and the profile — not a pass over a career's evidence. The report is the
/// one `Validator.validate` gives (that function is this one, built from scratch), and tests
/// compare the two after many edits.
///
/// Building from scratch checks the items on all cores.
public struct LiveValidation: Sendable {
    public private(set) var report: ValidationReport
    public let validator: Validator
    public let today: CalendarDate

    /// What is remembered of one evidence item.
    struct Item: Sendable {
        var id: String
        /// Findings per per-item rule (index into `active`), only where there are some.
        var findings: [(rule: Int, findings: [Finding])]
        var coverage: Coverage.Tally.Share
        /// The framework elements the item links to, directly or through a competence (bit = element index),
        /// as `Evidence.linkedElements(in:)` says ("1.2.x" counts for 1.2, "9.9" for none).
        var linkedElements: UInt64
        /// Per `kind-in-window` rule (bit = position in `kindWindowRules`): whether the item counts for it.
        var kindWindows: UInt64
        /// Known supporting-information types the item brings to the period (bit = taxonomy position).
        var supportingInfo: UInt64
    }

    private var stage: Stage
    private var period: Period
    private var active: [(rule: Rule, severity: Severity)]
    private var kindWindowRules: [Int]
    private var items: [Item]
    private var findingsByRule: [[Int: [Finding]]]
    private var tally: Coverage.Tally
    private var supportingCounts: [Int]
    private var kindWindowCounts: [Int]
    private var idCounts: [String: Int]
    private var repeatedIDs: Int
    private let elementIndex: [String: Int]

    public init(portfolio: Portfolio, validator: Validator, today: CalendarDate = .today()) {
        self.validator = validator
        self.today = today
        stage = portfolio.stage
        period = portfolio.period
        active = []
        kindWindowRules = []
        items = []
        findingsByRule = []
        tally = Coverage.Tally(framework: validator.framework)
        supportingCounts = []
        kindWindowCounts = []
        idCounts = [:]
        repeatedIDs = 0
        elementIndex = Dictionary(validator.framework.elements.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        report = ValidationReport(findings: [], coverage: Coverage())
        rebuild(portfolio)
    }

    // MARK: Changes

    /// Everything again, from scratch (a new period, another stage, or a change not described).
    public mutating func rebuild(_ portfolio: Portfolio) {
        stage = portfolio.stage
        period = portfolio.period
        active = validator.rules.active(for: stage)
        kindWindowRules = active.indices.filter { active[$0].rule.check == .kindInWindow }
        findingsByRule = Array(repeating: [:], count: active.count)
        tally = Coverage.Tally(framework: validator.framework)
        supportingCounts = Array(repeating: 0, count: validator.taxonomy.supportingInfoTypes.count)
        kindWindowCounts = Array(repeating: 0, count: kindWindowRules.count)
        idCounts = [:]
        idCounts.reserveCapacity(portfolio.evidence.count)
        repeatedIDs = 0
        items = LiveValidation.check(portfolio.evidence, checker(portfolio))
        for (index, item) in items.enumerated() { count(item, at: index, sign: 1) }
        assemble(portfolio)
    }

    /// After a change that left the evidence as it was (ratings, goals, profile, walk-through).
    public mutating func update(_ portfolio: Portfolio) {
        if needsRebuild(portfolio) { rebuild(portfolio) } else { assemble(portfolio) }
    }

    /// After the evidence item at `index` changed in place.
    public mutating func update(_ portfolio: Portfolio, changedEvidenceAt index: Int) {
        guard !needsRebuild(portfolio), items.count == portfolio.evidence.count, items.indices.contains(index) else { return rebuild(portfolio) }
        count(items[index], at: index, sign: -1)
        var checker = checker(portfolio)
        items[index] = LiveValidation.check(portfolio.evidence[index], &checker)
        count(items[index], at: index, sign: 1)
        assemble(portfolio)
    }

    /// After an evidence item was inserted at `index` (at the end when it was added).
    public mutating func update(_ portfolio: Portfolio, insertedEvidenceAt index: Int) {
        guard !needsRebuild(portfolio), items.count + 1 == portfolio.evidence.count, index >= 0, index <= items.count else { return rebuild(portfolio) }
        shiftFindings(from: index, by: 1)
        var checker = checker(portfolio)
        let item = LiveValidation.check(portfolio.evidence[index], &checker)
        items.insert(item, at: index)
        count(item, at: index, sign: 1)
        assemble(portfolio)
    }

    /// After the evidence items at `indices` were removed.
    public mutating func update(_ portfolio: Portfolio, removedEvidenceAt indices: [Int]) {
        guard !needsRebuild(portfolio), items.count - indices.count == portfolio.evidence.count,
            indices.allSatisfy(items.indices.contains)
        else { return rebuild(portfolio) }
        for index in Set(indices).sorted(by: >) {
            count(items[index], at: index, sign: -1)
            items.remove(at: index)
            shiftFindings(from: index + 1, by: -1)
        }
        assemble(portfolio)
    }

    /// The evidence items (indices, in the order given) that link to an element, directly or
    /// through one of its competences (as `Evidence.linkedElements(in:)` says).
    public func evidence(_ indices: [Int], linkedTo element: String, in portfolio: Portfolio) -> [Int] {
        let test = linkTest(element: element, portfolio)
        return indices.filter(test)
    }

    /// Whether the item at an index links to an element: a bit test on what was remembered.
    public func linkTest(element: String, _ portfolio: Portfolio) -> @Sendable (Int) -> Bool {
        guard let e = elementIndex[element], e < 64, items.count == portfolio.evidence.count else {
            let evidence = portfolio.evidence, framework = validator.framework
            return { evidence[$0].linkedElements(in: framework).contains(element) }
        }
        let bit: UInt64 = 1 << UInt64(e)
        let items = self.items
        return { items[$0].linkedElements & bit != 0 }
    }

    // MARK: Inside

    private func needsRebuild(_ portfolio: Portfolio) -> Bool {
        portfolio.stage != stage || portfolio.period != period
    }

    private func context(_ portfolio: Portfolio) -> CheckContext {
        CheckContext(
            portfolio: portfolio, coverage: Coverage(), today: today, framework: validator.framework,
            catalog: validator.catalog, limits: validator.rules.limits)
    }

    /// The per-item rules, in rule order, as what `evidenceCheck` needs.
    struct PerItemRule: Sendable {
        let index: Int
        let check: CheckKind
        let code: String
        let severity: Severity
    }

    /// Everything one item's checks read, made once per run (or per core).
    struct Checker: Sendable {
        var context: CheckContext
        let rules: [PerItemRule]
        let active: [(rule: Rule, severity: Severity)]
        let kindWindowRules: [Int]
        let tally: Coverage.Tally
        let elementIndex: [String: Int]

        init(
            context: CheckContext, active: [(rule: Rule, severity: Severity)], kindWindowRules: [Int], tally: Coverage.Tally,
            elementIndex: [String: Int]
        ) {
            self.context = context
            self.active = active
            self.kindWindowRules = kindWindowRules
            self.tally = tally
            self.elementIndex = elementIndex
            rules = active.enumerated().filter { CheckContext.isPerItem($1.rule.check) }.map {
                PerItemRule(index: $0, check: $1.rule.check, code: $1.rule.code, severity: $1.severity)
            }
        }
    }

    private func checker(_ portfolio: Portfolio) -> Checker {
        Checker(context: context(portfolio), active: active, kindWindowRules: kindWindowRules, tally: tally, elementIndex: elementIndex)
    }

    /// One item's checks and what it adds to the totals.
    static func check(_ evidence: Evidence, _ checker: inout Checker) -> Item {
        var findings: [(rule: Int, findings: [Finding])] = []
        for rule in checker.rules {
            checker.context.findings.removeAll(keepingCapacity: true)
            checker.context.evidenceCheck(rule.check, rule.code, rule.severity, evidence)
            if !checker.context.findings.isEmpty { findings.append((rule.index, checker.context.findings)) }
        }
        let context = checker.context
        let inPeriod = context.period.contains(evidence.date)
        let coverage = checker.tally.share(of: evidence, inPeriod: inPeriod)
        var linked: UInt64 = 0
        for link in evidence.links {
            if let unit = checker.context.framework.unitID(ofLink: link), let e = checker.elementIndex[unit], e < 64 { linked |= 1 << UInt64(e) }
        }
        let kindWindowRules = checker.kindWindowRules, active = checker.active
        var windows: UInt64 = 0
        for (bit, index) in kindWindowRules.enumerated() where bit < 64 && context.matchesKindWindow(evidence, active[index].rule) {
            windows |= 1 << UInt64(bit)
        }
        var supporting: UInt64 = 0
        if inPeriod {
            let types = evidence.supportingInfoTypes(context.taxonomy)
            for (bit, type) in context.taxonomy.supportingInfoTypes.enumerated() where bit < 64 && types.contains(type.id) {
                supporting |= 1 << UInt64(bit)
            }
        }
        return Item(
            id: evidence.id, findings: findings, coverage: coverage, linkedElements: linked, kindWindows: windows,
            supportingInfo: supporting)
    }

    /// Every item's checks, the items shared out over the cores.
    static func check(_ evidence: [Evidence], _ checker: Checker) -> [Item] {
        let n = evidence.count
        let parts = n < 2_000 ? 1 : max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        if parts == 1 {
            var checker = checker
            return evidence.map { check($0, &checker) }
        }
        // Items are read in place and results written in place: copying a career's items
        // in and out of arrays was a tenth of the whole check.
        return evidence.withUnsafeBufferPointer { items in
            [Item](unsafeUninitializedCapacity: n) { results, count in
                nonisolated(unsafe) let items = items, results = results
                DispatchQueue.concurrentPerform(iterations: parts) { part in
                    var mine = checker
                    for index in (n * part / parts)..<(n * (part + 1) / parts) {
                        (results.baseAddress! + index).initialize(to: check(items[index], &mine))
                    }
                }
                count = n
            }
        }
    }

    /// Adds (`sign` 1) or takes away (-1) what an item brings to the totals and findings.
    private mutating func count(_ item: Item, at index: Int, sign: Int) {
        tally.add(item.coverage, sign: sign)
        for (rule, findings) in item.findings { findingsByRule[rule][index] = sign > 0 ? findings : nil }
        var bits = item.kindWindows
        while bits != 0 { kindWindowCounts[bits.trailingZeroBitCount] += sign; bits &= bits - 1 }
        bits = item.supportingInfo
        while bits != 0 { supportingCounts[bits.trailingZeroBitCount] += sign; bits &= bits - 1 }
        let before = idCounts[item.id, default: 0]
        let after = before + sign
        if before > 1 { repeatedIDs -= 1 }
        if after > 1 { repeatedIDs += 1 }
        idCounts[item.id] = after == 0 ? nil : after
    }

    private mutating func shiftFindings(from index: Int, by offset: Int) {
        for rule in findingsByRule.indices where !findingsByRule[rule].isEmpty {
            var shifted: [Int: [Finding]] = [:]
            for (key, value) in findingsByRule[rule] { shifted[key >= index ? key + offset : key] = value }
            findingsByRule[rule] = shifted
        }
    }

    /// The report from the remembered item findings and totals, and the small rules run afresh.
    private mutating func assemble(_ portfolio: Portfolio) {
        let coverage = tally.coverage
        var context = CheckContext(
            portfolio: portfolio, coverage: coverage, today: today, framework: validator.framework,
            catalog: validator.catalog, limits: validator.rules.limits)
        for (index, (rule, severity)) in active.enumerated() {
            switch rule.check {
            case _ where CheckContext.isPerItem(rule.check):
                for key in findingsByRule[index].keys.sorted() { context.findings += findingsByRule[index][key]! }
                context.restCheck(rule, severity)
            case .uniqueIDs:
                if mayRepeatIDs(portfolio) { context.run(rule, severity) }
            case .cpdCredits:
                // Summed afresh in the portfolio's order, as the full validation sums it: a few
                // microseconds at career size, and the two totals agree to the last bit.
                let total = portfolio.evidence.filter { period.contains($0.date) }.compactMap(\.cpdCredits).reduce(0, +)
                context.cpdCredits(rule, severity, rule.code, total: total)
            case .supportingInfo:
                let types = validator.taxonomy.supportingInfoTypes
                let present = Set(types.indices.filter { $0 < 64 && supportingCounts[$0] > 0 }.map { types[$0].id })
                context.supportingInfo(rule, severity, rule.code, present: present)
            case .kindInWindow:
                let bit = kindWindowRules.firstIndex(of: index) ?? 0
                let found = bit < 64 ? kindWindowCounts[bit] > 0 : portfolio.evidence.contains { context.matchesKindWindow($0, rule) }
                context.kindInWindow(rule, severity, rule.code, found: found)
            default:
                context.run(rule, severity)
            }
        }
        // Fields this version does not know: kept through every save, and said so.
        for place in portfolio.unknownFieldPlaces {
            context.add(
                .info, "unknown-field",
                "\(place) is a field this version of mlcf does not know (from a newer version, or added by hand); it is kept as it is when saving.",
                FindingLocation(field: place))
        }
        // A merge's conflicts left to resolve (issue 18).
        context.findings += ConflictFindings.findings(portfolio)
        // Errors first, then warnings, then information, each in the order found.
        var sorted: [Finding] = []
        sorted.reserveCapacity(context.findings.count)
        for severity in Severity.allCases { sorted += context.findings.filter { $0.severity == severity } }
        report = ValidationReport(findings: sorted, coverage: coverage)
    }

    /// Whether an id may be used twice: by two items, or by a goal as well.
    private func mayRepeatIDs(_ portfolio: Portfolio) -> Bool {
        if repeatedIDs > 0 { return true }
        var goals = Set<String>()
        for goal in portfolio.pdp + portfolio.previousPdp {
            if !goals.insert(goal.id).inserted || idCounts[goal.id] != nil { return true }
        }
        return false
    }
}
