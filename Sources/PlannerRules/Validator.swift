import Foundation
import PlannerModel

/// What the validator says about a portfolio: every finding, the coverage figures, and readiness.
public struct ValidationReport: Sendable {
    public let findings: [Finding]
    public let coverage: Coverage
    /// Ready to hand to the appraiser or supervisor: no errors.
    public var isReady: Bool { !findings.contains { $0.severity == .error } }
    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }
    public var piiFindings: [Finding] { findings.filter { $0.code.hasPrefix("pii.") } }
}

/// Applies the stage rules to a portfolio. Which checks run, and how severe each is at
/// each stage, comes from the rules file; this type only knows how to perform each check.
public struct Validator: Sendable {
    /// The framework the stage rules judge coverage and ratings by (the portfolio's first).
    public let framework: Framework
    /// Every framework links may name, the vocabularies and the rules.
    public let catalog: Catalog
    public var rules: StageRules { catalog.rules }
    public var taxonomy: Taxonomy { catalog.taxonomy }

    /// Neither has a default: the caller chooses the data once (`Catalog.forUser` in the
    /// program, `Catalog.bundled` in tests) and the framework from the portfolio.
    public init(framework: Framework, catalog: Catalog) {
        self.framework = framework; self.catalog = catalog
    }

    /// The validator for a portfolio: judged by the first framework it uses.
    public init(for portfolio: Portfolio, catalog: Catalog) {
        self.init(framework: catalog.primaryFramework(for: portfolio), catalog: catalog)
    }

    /// Runs every rule active at the portfolio's stage. `today` decides what "in the future" means.
    ///
    /// The checks of each evidence item are made item by item (on all cores) and the rules
    /// that look across the evidence read totals kept from those items: the same work
    /// `LiveValidation` then keeps up to date as the planner changes one item at a time.
    public func validate(_ portfolio: Portfolio, today: CalendarDate = .today()) -> ValidationReport {
        LiveValidation(portfolio: portfolio, validator: self, today: today).report
    }
}

/// The state of one validation run; each check appends findings.
struct CheckContext {
    let portfolio: Portfolio
    let coverage: Coverage
    let today: CalendarDate
    let framework: Framework
    let catalog: Catalog
    var taxonomy: Taxonomy { catalog.taxonomy }
    let limits: StageRules.Limits
    var findings: [Finding] = []
    let period: Period
    let knownSupportingInfo: Set<String>
    let knownGMPDomains: Set<String>
    let knownGMCAreas: Set<String>
    /// Whether this year's goals and the next plan are due (`Portfolio.reviewDueFrom`).
    let reviewDue: Bool

    var periodText: String { "this period (\(period.start) to \(period.end))" }

    init(portfolio: Portfolio, coverage: Coverage, today: CalendarDate, framework: Framework, catalog: Catalog, limits: StageRules.Limits) {
        self.portfolio = portfolio; self.coverage = coverage; self.today = today
        self.framework = framework; self.catalog = catalog; self.limits = limits
        let taxonomy = catalog.taxonomy
        period = portfolio.period
        reviewDue = portfolio.isReviewDue(today: today)
        knownSupportingInfo = Set(taxonomy.supportingInfoTypes.map(\.id))
        knownGMPDomains = Set(taxonomy.gmpDomains.map(\.id))
        knownGMCAreas = Set(taxonomy.gmcAreas.map(\.id))
    }

    /// The checks that look at one evidence item at a time (`evidenceCheck`); some also look
    /// at goals, ratings or the profile after the evidence (`restCheck`).
    static func isPerItem(_ check: CheckKind) -> Bool {
        switch check {
        case .noFutureEvidence, .textSane, .knownTags, .knownKind, .evidenceLinked, .afterPeriod, .reflection, .confirmation, .linksExist, .piiGuard:
            return true
        default:
            return false
        }
    }

    /// One evidence item's findings for a per-item rule (its check, code and severity).
    mutating func evidenceCheck(_ check: CheckKind, _ code: String, _ s: Severity, _ item: Evidence) {
        switch check {
        case .noFutureEvidence:
            if let problem = InputRules.evidenceDateProblem(item.date, today: today) {
                add(s, code, "Evidence \(Self.quote(item.title)): the date \(problem).", FindingLocation(evidenceID: item.id, field: "date"))
            }
        case .evidenceLinked:
            if item.links.isEmpty {
                add(
                    s, code, "Evidence \(Self.quote(item.title)) is not linked to any competence, so it counts toward nothing.",
                    FindingLocation(evidenceID: item.id, field: "links"))
            }
        case .afterPeriod:
            if item.date > period.end && item.date <= today {
                add(
                    s, code, "Evidence \(Self.quote(item.title)) (\(item.date)) is dated after this period ends; it will count toward the next one.",
                    FindingLocation(evidenceID: item.id, field: "date"))
            }
        case .reflection:
            if period.contains(item.date) && !item.reflection.isComplete {
                let parts = [
                    ("what happened", item.reflection.whatHappened), ("what I learned", item.reflection.whatLearned),
                    ("what I will do next", item.reflection.whatNext),
                ]
                .filter { $0.1.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }.map(\.0)
                add(
                    s, code, "Evidence \(Self.quote(item.title)) has no reflection on \(parts.joined(separator: ", ")).",
                    FindingLocation(evidenceID: item.id, field: "reflection"))
            }
        case .confirmation:
            if period.contains(item.date) && (item.confirmation?.name ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                add(
                    s, code, "Evidence \(Self.quote(item.title)) is not yet confirmed by a supervisor.",
                    FindingLocation(evidenceID: item.id, field: "confirmation"))
            }
        case .textSane: textSane(s, code, item)
        case .knownTags: knownTags(s, code, item)
        case .knownKind:
            // The file keeps the kind as written (nothing is lost); the doctor is told to choose one.
            if !taxonomy.isKnown(item.kind) {
                add(
                    s, code,
                    "Evidence \(Self.quote(item.title)) is of kind “\(item.kind.rawValue)”, which is not a kind of evidence this program knows; choose one of \(taxonomy.kindList).",
                    FindingLocation(evidenceID: item.id, field: "kind"))
            }
        case .linksExist:
            for link in item.links where !isKnown(link) {
                add(
                    s, code,
                    "Evidence \(Self.quote(item.title)) links to “\(FrameworkLink.display(link))”, which is not a competence or element of the framework.",
                    FindingLocation(evidenceID: item.id, field: "links"))
            }
        case .piiGuard: piiGuard(s, code, item)
        default: break
        }
    }

    /// What a per-item rule says about goals, ratings and the profile, after the evidence.
    mutating func restCheck(_ rule: Rule, _ s: Severity) {
        switch rule.check {
        case .textSane: textSaneRest(s, rule.code)
        case .knownTags: knownTagsRest(s, rule.code)
        case .linksExist: linksExistRest(s, rule.code)
        case .piiGuard: piiGuardRest(s, rule.code)
        default: break
        }
    }

    mutating func add(_ severity: Severity, _ code: String, _ message: String, _ location: FindingLocation) {
        findings.append(Finding(severity, code, message, at: location))
    }

    static func quote(_ text: String) -> String {
        let single = text.replacingOccurrences(of: "\n", with: " ")
        return "“" + (single.count > 60 ? String(single.prefix(57)) + "…" : single) + "”"
    }

    mutating func run(_ rule: Rule, _ s: Severity) {
        let code = rule.code
        switch rule.check {
        case .profileRequired: profileRequired(s, code)
        case .gmcNumber:
            if let gmc = portfolio.profile.gmcNumber, let problem = InputRules.gmcNumberProblem(gmc) {
                add(s, code, InputRules.sentence(problem), .profile("gmcNumber"))
            }
        case .uniqueIDs: uniqueIDs(s, code)
        case .noFutureEvidence, .textSane, .knownTags, .knownKind, .evidenceLinked, .afterPeriod, .reflection, .confirmation, .linksExist, .piiGuard:
            for item in portfolio.evidence { evidenceCheck(rule.check, code, s, item) }
            restCheck(rule, s)
        case .domainCoverage:
            let minimum = CheckContext.whole(rule.minimum ?? 1)
            for domain in framework.domains where coverage.domain(domain.id).inPeriod < minimum {
                add(s, code, "Domain \(domain.title) has no linked evidence in \(periodText).", FindingLocation(domain: domain.id))
            }
        case .elementCoverage:
            let minimum = CheckContext.whole(rule.minimum ?? 1)
            for element in framework.elements where coverage.element(element.id).inPeriod < minimum {
                let earlier = coverage.element(element.id).allTime
                let note = earlier > 0 ? " (\(earlier) item\(earlier == 1 ? "" : "s") from other periods)" : ""
                add(
                    s, code, "\(element.title) has no evidence in \(periodText)\(note).",
                    FindingLocation(domain: framework.groupID(containing: element.id), element: element.id))
            }
        case .domainKindVariety:
            let minimum = CheckContext.whole(rule.minimum ?? 2)
            for domain in framework.domains {
                let kinds = coverage.kindsByDomain[domain.id] ?? []
                if !kinds.isEmpty && kinds.count < minimum {
                    let names = kinds.map { taxonomy.label(of: $0) }.sorted().joined(separator: ", ")
                    add(
                        s, code,
                        "Domain \(domain.title) is shown by only \(kinds.count) kind of evidence this period (\(names)); \(minimum) different kinds show it more convincingly.",
                        FindingLocation(domain: domain.id))
                }
            }
        case .kindInWindow:
            kindInWindow(rule, s, code, found: portfolio.evidence.contains { matchesKindWindow($0, rule) })
        case .supportingInfo:
            var present = Set<String>()
            for item in portfolio.evidence where period.contains(item.date) { present.formUnion(item.supportingInfoTypes(taxonomy)) }
            supportingInfo(rule, s, code, present: present)
        case .cpdCredits:
            cpdCredits(rule, s, code, total: portfolio.evidence.filter { period.contains($0.date) }.compactMap(\.cpdCredits).reduce(0, +))
        case .selfRating:
            for element in framework.elements where (portfolio.ratings[framework.link(element.id)]?.level ?? 0) == 0 {
                add(
                    s, code, "No self-rating yet for \(element.title).",
                    FindingLocation(domain: framework.groupID(containing: element.id), element: element.id, field: "rating"))
            }
        case .pdpGoals:
            // The next plan is agreed at the appraisal: it is not missing while the year runs.
            let minimum = CheckContext.whole(rule.minimum ?? 1)
            if portfolio.pdp.count < minimum && reviewDue {
                add(s, code, "The personal development plan has no goal for the next period yet.", FindingLocation(field: "pdp"))
            }
        case .previousPdpReview:
            // During the year its goals are in progress; they fall due as the appraisal nears.
            guard reviewDue else { break }
            for goal in portfolio.previousPdp {
                let reviewed = goal.status.isReviewed
                let noted = !goal.reviewNote.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                if !reviewed || !noted {
                    let missing =
                        !reviewed ? "mark it achieved, carried forward, replaced or dropped" + (noted ? "" : ", and add a review note") : "add a review note"
                    let name = GoalList.thisYear.oneGoal
                    add(
                        s, code, "\(name.prefix(1).uppercased() + name.dropFirst()) \(Self.quote(goal.title)) is not reviewed yet: \(missing).",
                        FindingLocation(goalID: goal.id, field: "review"))
                }
            }
        case .pdpSmart: pdpSmart(s, code)
        case .declarations:
            if portfolio.profile.probityStatement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                add(s, code, "No probity statement yet (your declaration on indemnity, conflicts of interest and probity).", .profile("probityStatement"))
            }
            if portfolio.profile.healthStatement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                add(s, code, "No health statement yet (your declaration on your health and fitness to practise).", .profile("healthStatement"))
            }
        case .scopeOfWork:
            if portfolio.profile.scopeOfWork.isEmpty {
                add(s, code, "The scope of work lists no roles, organisations or places for this period.", .profile("scopeOfWork"))
            }
        case .revalidationPassed:
            // A date kept after the revalidation happened reads as the next one: say so, in the rules' words.
            // The loader makes sure the rule has its words.
            if let date = portfolio.profile.revalidationDate, date < today, let words = rule.message {
                add(s, code, words.replacingOccurrences(of: "{date}", with: date.description), .profile("revalidationDate"))
            }
        case .reviewerNamed:
            if portfolio.profile.appraiser.trimmingCharacters(in: .whitespaces).isEmpty {
                add(s, code, "No \(portfolio.stage.reviewerTitle.lowercased()) is named yet.", .profile("appraiser"))
            }
        }
    }

    /// The yearly figure is the taxonomy's CPD guidance (the one the dashboard, summary and
    /// export show), unless a rules file sets its own `minimum`.
    mutating func cpdCredits(_ rule: Rule, _ s: Severity, _ code: String, total: Double) {
        let guidance = taxonomy.cpdGuidance
        guard let minimum = rule.minimum ?? guidance?.creditsPerYear, total < minimum else { return }
        let guide = rule.minimum == nil ? "\(guidance?.source ?? "the guidance") suggests" : "the rules ask for"
        add(
            s, code,
            "CPD credits in \(periodText) total \(PlainText.number(total)); \(guide) \(PlainText.number(minimum)) a year (1 credit = 1 hour).",
            .portfolio)
    }

    /// Whether the first or last character is whitespace; from the bytes when they are ASCII.
    static func startsOrEndsWithWhitespace(_ text: String, first: UInt8, last: UInt8) -> Bool {
        if first < 0x80 && last < 0x80 { return PlainText.asciiWhitespace[Int(first)] || PlainText.asciiWhitespace[Int(last)] }
        guard let head = text.unicodeScalars.first, let tail = text.unicodeScalars.last else { return false }
        return PlainText.isWhitespace(head) || PlainText.isWhitespace(tail)
    }

    /// "Colleague feedback (MSF / 360)" → "colleague feedback (MSF / 360)": keeps acronyms.
    static func lowerFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }

    /// A rule's minimum as a count, clamped (a rules file can say anything).
    static func whole(_ value: Double) -> Int {
        guard value.isFinite else { return value > 0 ? Int.max : 0 }
        return Int(exactly: value.rounded(.towardZero)) ?? (value > 0 ? Int.max : Int.min)
    }

    mutating func profileRequired(_ s: Severity, _ code: String) {
        let profile = portfolio.profile
        if profile.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            add(s, code, "The profile has no name.", .profile("name"))
        }
        if profile.periodStart > profile.periodEnd {
            add(s, code, "The review period starts (\(profile.periodStart)) after it ends (\(profile.periodEnd)).", .profile("periodStart"))
        }
    }

    mutating func uniqueIDs(_ s: Severity, _ code: String) {
        // Who holds each id first, described only when a second holder turns up.
        var seen: [String: () -> String] = [:]
        seen.reserveCapacity(portfolio.evidence.count + portfolio.pdp.count + portfolio.previousPdp.count)
        func check(_ id: String, _ what: @escaping () -> String, _ location: FindingLocation) {
            if let first = seen[id] {
                add(s, code, "The id “\(id)” is used by both \(first()) and \(what()); each item needs its own.", location)
            } else {
                seen[id] = what
            }
        }
        for item in portfolio.evidence { check(item.id, { "evidence \(Self.quote(item.title))" }, FindingLocation(evidenceID: item.id)) }
        for goal in portfolio.pdp { check(goal.id, { "goal \(Self.quote(goal.title))" }, FindingLocation(goalID: goal.id)) }
        for goal in portfolio.previousPdp { check(goal.id, { "\(GoalList.thisYear.oneGoal) \(Self.quote(goal.title))" }, FindingLocation(goalID: goal.id)) }
    }

    mutating func linksExistRest(_ s: Severity, _ code: String) {
        for goal in portfolio.pdp + portfolio.previousPdp {
            for link in goal.links where !isKnown(link) {
                add(
                    s, code, "Goal \(Self.quote(goal.title)) links to “\(FrameworkLink.display(link))”, which is not a competence or element of the framework.",
                    FindingLocation(goalID: goal.id, field: "links"))
            }
        }
        for key in portfolio.ratings.keys.sorted() where !isRatable(key) {
            add(
                s, code, "There is a self-rating for “\(FrameworkLink.display(key))”, which is not an element of the framework.",
                FindingLocation(field: "ratings"))
        }
    }

    mutating func textCheck(_ s: Severity, _ code: String, _ text: String, _ name: String, max: Int, _ location: FindingLocation, owner: String) {
        // A character is at least one byte: only a text with more bytes than the limit is counted.
        if text.utf8.count > max, text.count > max {
            add(s, code, "\(owner): \(name) is \(text.count) characters long; the limit is \(max).", location)
        }
        if let first = text.utf8.first, let last = text.utf8.last,
            CheckContext.startsOrEndsWithWhitespace(text, first: first, last: last)
        {
            add(s == .error ? .warning : s, code, "\(owner): \(name) has spaces or blank lines at the start or end.", location)
        }
    }

    mutating func textSane(_ s: Severity, _ code: String, _ item: Evidence) {
        let owner = "Evidence \(item.id)"
        // The title's rule is the one the form and `mlcf add-evidence` apply.
        if let problem = InputRules.titleProblem(item.title, limits: limits) {
            add(s, code, "\(owner): \(problem).", FindingLocation(evidenceID: item.id, field: "title"))
        }
        for (field, text) in item.textFields {
            textCheck(
                s, code, text, field, max: field == "title" ? Int.max : limits.textMaxCharacters,
                FindingLocation(evidenceID: item.id, field: field), owner: owner)
        }
    }

    mutating func textSaneRest(_ s: Severity, _ code: String) {
        func check(_ text: String, _ name: String, max: Int, _ location: FindingLocation, owner: String) {
            textCheck(s, code, text, name, max: max, location, owner: owner)
        }
        for goal in portfolio.pdp + portfolio.previousPdp {
            if goal.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                add(s, code, "Goal \(goal.id) has no title.", FindingLocation(goalID: goal.id, field: "title"))
            }
            for (field, text) in goal.textFields {
                check(
                    text, field, max: field == "title" ? limits.titleMaxCharacters : limits.textMaxCharacters,
                    FindingLocation(goalID: goal.id, field: field), owner: "Goal \(goal.id)")
            }
        }
        let profile = portfolio.profile
        for (field, text) in [
            ("name", profile.name), ("grade", profile.grade), ("specialty", profile.specialty),
            ("organisation", profile.organisation), ("appraiser", profile.appraiser),
        ] {
            check(text, field, max: limits.shortTextMaxCharacters, .profile(field), owner: "Profile")
        }
        for (field, text) in [
            ("probityStatement", profile.probityStatement), ("healthStatement", profile.healthStatement),
            ("achievements", profile.achievements), ("challenges", profile.challenges), ("aspirations", profile.aspirations),
        ] {
            check(text, field, max: limits.textMaxCharacters, .profile(field), owner: "Profile")
        }
    }

    mutating func knownTags(_ s: Severity, _ code: String, _ item: Evidence) {
        let location = FindingLocation(evidenceID: item.id)
        for tag in item.supportingInfo ?? [] where !knownSupportingInfo.contains(tag) {
            add(s, code, "Evidence \(Self.quote(item.title)) has an unknown supporting-information type “\(tag)”.", location)
        }
        for tag in item.gmpDomains where !knownGMPDomains.contains(tag) {
            add(s, code, "Evidence \(Self.quote(item.title)) has an unknown Good Medical Practice domain “\(tag)”.", location)
        }
        for tag in item.gmcAreas where !knownGMCAreas.contains(tag) {
            add(s, code, "Evidence \(Self.quote(item.title)) has an unknown GMC leadership area “\(tag)”.", location)
        }
        if let credits = item.cpdCredits, let problem = InputRules.creditsProblem(credits) {
            add(s, code, "Evidence \(Self.quote(item.title)): \(problem).", FindingLocation(evidenceID: item.id, field: "cpdCredits"))
        }
    }

    mutating func knownTagsRest(_ s: Severity, _ code: String) {
        for (key, rating) in portfolio.ratings.sorted(by: { $0.key < $1.key }) {
            // Each rating on its own framework's scale.
            let scaleOf = catalog.framework(ofLink: key) ?? framework
            guard !scaleOf.ratingLevels.contains(rating.level) else { continue }
            let element = scaleOf.itemID(ofLink: key) ?? FrameworkLink.display(key)
            let local = scaleOf.id == framework.id
            add(
                s, code,
                "The self-rating for \(FrameworkLink.display(key)) is \(rating.level); \(local ? "ratings" : scaleOf.title + " ratings") go from 0 (not yet rated) to \(scaleOf.ratingLevels.upperBound).",
                FindingLocation(
                    domain: local ? scaleOf.groupID(containing: element) : nil, element: local ? element : FrameworkLink.display(key), field: "rating"))
        }
    }

    /// A link to an item of any framework the catalog has (the portfolio's own first).
    func isKnown(_ link: String) -> Bool {
        framework.acceptsLink(link) || (catalog.framework(ofLink: link)?.acceptsLink(link) ?? false)
    }

    /// A rating key naming a rated item (a unit) of a framework the catalog has.
    func isRatable(_ key: String) -> Bool {
        guard let owner = catalog.framework(ofLink: key), let id = owner.itemID(ofLink: key) else { return false }
        return owner.isElement(id)
    }

    /// The years a `kind-in-window` rule looks back over.
    func window(of rule: Rule) -> Period {
        let years = rule.windowYears ?? 1
        return years <= 1 ? period : Period(start: period.end.adding(years: -years).adding(days: 1), end: period.end)
    }

    /// Whether an item counts for a `kind-in-window` rule: in its window, of its kind or tagged so.
    func matchesKindWindow(_ item: Evidence, _ rule: Rule) -> Bool {
        guard let kind = rule.kind else { return false }
        return window(of: rule).contains(item.date) && (item.kind == kind || item.supportingInfoTypes(taxonomy).contains(kind.rawValue))
    }

    mutating func kindInWindow(_ rule: Rule, _ s: Severity, _ code: String, found: Bool) {
        guard let kind = rule.kind else { return }
        let years = rule.windowYears ?? 1
        let window = window(of: rule)
        if !found {
            let what = taxonomy.label(of: kind)
            let when =
                years <= 1 ? periodText : "the last \(years) years (\(window.start) to \(window.end)); the GMC expects it at least once per revalidation cycle"
            add(s, code, "No \(Self.lowerFirst(what)) in \(when).", FindingLocation(field: "evidence kinds"))
        }
    }

    /// Each GMC type needs an item this period (private ones count: the doctor brings them
    /// to the meeting) or the doctor's declaration that there was none. A declaration beside
    /// evidence of its type contradicts it, and is said so rather than silently kept.
    mutating func supportingInfo(_ rule: Rule, _ s: Severity, _ code: String, present: Set<String>) {
        let declared = portfolio.profile.declaredNone
        for type in taxonomy.supportingInfoTypes {
            let location = FindingLocation(field: "supportingInfo.\(type.id)")
            switch (present.contains(type.id), declared[type.id]) {
            case (false, nil):
                add(
                    rule.severityByType?[type.id] ?? s, code,
                    "No supporting information of the type “\(type.label)” in \(periodText); the GMC expects all six types at appraisal.",
                    location)
            case (true, .some):
                add(
                    .warning, code + ".contradicted",
                    "You declared “\(type.none)”, but evidence of the type “\(type.label)” is dated in \(periodText); withdraw the declaration or check the evidence.",
                    location)
            case (false, .some(let declaration)):
                let note = declaration.note.trimmingCharacters(in: .whitespacesAndNewlines)
                add(
                    .info, code + ".declared", "Declared: “\(type.none)”" + (note.isEmpty ? "." : ": \(Self.quote(note)).") + " It counts as complete.",
                    location)
            case (true, nil): break
            }
        }
        for type in declared.keys.sorted() where !knownSupportingInfo.contains(type) {
            add(
                .warning, code + ".unknown",
                "A nil return is declared for “\(type)”, which is not a GMC type of supporting information; it is kept but counts for nothing.",
                FindingLocation(field: "supportingInfo.\(type)"))
        }
    }

    /// Each goal is held to the year it is for: the plan's goals to the next period, this
    /// year's goals (still open) to this one.
    mutating func pdpSmart(_ s: Severity, _ code: String) {
        smart(portfolio.pdp, year: period.next, yearName: "the next period", s, code)
        smart(portfolio.previousPdp.filter { !$0.status.isReviewed }, year: period, yearName: "this period", s, code)
    }

    mutating func smart(_ goals: [Goal], year: Period, yearName: String, _ s: Severity, _ code: String) {
        for goal in goals {
            var missing: [String] = []
            if !goal.links.contains(where: isKnown) { missing.append("a linked element") }
            if goal.activities.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { missing.append("activities (how)") }
            if goal.measure.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { missing.append("a measure of success") }
            if let date = goal.targetDate {
                if !year.contains(date) { missing.append("a target date inside \(yearName) (\(year.start) to \(year.end)); it is \(date)") }
            } else {
                missing.append("a target date")
            }
            if !missing.isEmpty {
                add(
                    s, code, "Goal \(Self.quote(goal.title)) is not SMART-complete: it needs \(missing.joined(separator: ", ")).",
                    FindingLocation(goalID: goal.id))
            }
        }
    }

    mutating func piiScan(_ s: Severity, _ code: String, _ text: String, field: String, owner: () -> String, _ location: FindingLocation) {
        for match in PIIGuard.scan(text, referenceYear: today.year) {
            add(
                s, "\(code).\(match.kind.rawValue)",
                "\(owner()), \(field): “\(match.text)” looks like \(match.kind.label); \(PIIGuard.why).", location)
        }
    }

    mutating func piiGuard(_ s: Severity, _ code: String, _ item: Evidence) {
        // The owner's name is only written out for a finding (it quotes the title).
        let owner = { "Evidence \(Self.quote(item.title))" }
        for field in Evidence.schema.freeTextFields {
            piiScan(s, code, field.text(item), field: field.label, owner: owner, FindingLocation(evidenceID: item.id, field: field.label))
        }
        for (index, attachment) in item.attachments.enumerated() {
            piiScan(s, code, attachment, field: "attachment \(index + 1)", owner: owner, FindingLocation(evidenceID: item.id, field: "attachments"))
        }
        // An attached file's name goes into the export too (a scan named after a patient).
        for file in item.files {
            piiScan(s, code, file.name, field: "attached file", owner: owner, FindingLocation(evidenceID: item.id, field: "files"))
        }
    }

    mutating func piiGuardRest(_ s: Severity, _ code: String) {
        let year = today.year
        func scan(_ text: String, field: String, owner: String, _ location: FindingLocation) {
            for match in PIIGuard.scan(text, referenceYear: year) {
                add(
                    s, "\(code).\(match.kind.rawValue)",
                    "\(owner), \(field): “\(match.text)” looks like \(match.kind.label); \(PIIGuard.why).", location)
            }
        }
        for goal in portfolio.pdp + portfolio.previousPdp {
            for (field, text) in goal.textFields {
                scan(text, field: field, owner: "Goal \(Self.quote(goal.title))", FindingLocation(goalID: goal.id, field: field))
            }
        }
        for (key, rating) in portfolio.ratings.sorted(by: { $0.key < $1.key }) {
            let element = FrameworkLink.display(key)
            scan(rating.note, field: "rating note", owner: "Self-rating of \(element)", FindingLocation(element: element, field: "rating"))
        }
        let profile = portfolio.profile
        for (field, text) in [("achievements", profile.achievements), ("challenges", profile.challenges), ("aspirations", profile.aspirations)] {
            scan(text, field: field, owner: "Profile", .profile(field))
        }
        // A nil return's note is printed in the export, so it is held to the same rule.
        for (type, declaration) in profile.declaredNone.sorted(by: { $0.key < $1.key }) {
            scan(
                declaration.note, field: "note", owner: "The nil return for \(taxonomy.label(ofSupportingInfo: type))",
                FindingLocation(field: "supportingInfo.\(type)"))
        }
    }
}
