import Foundation
import PlannerModel
import PlannerRules

/// Everything the section writers share: the inputs, the date on the document, and the
/// evidence plan (each item's number and the one place its full entry is printed).
struct ExportContext {
    let portfolio: Portfolio
    let report: ValidationReport
    let options: ExportOptions
    /// The framework the document is organised by: the portfolio's first.
    let framework: Framework
    /// The portfolio's other frameworks, each given its own coverage table.
    let otherFrameworks: [Framework]
    let catalog: Catalog
    var taxonomy: Taxonomy { catalog.taxonomy }
    let plan: EvidencePlan
    /// "4.1 Ensuring patient safety", escaped, per element in framework order: how the
    /// document names an element wherever it does (tables, references, findings, notes).
    let elementLabels: [String]
    let taxonomyLabels: TaxonomyLabels
    /// Each kind's name ("Quality improvement (QI project, audit, re-audit)") and the short
    /// form tables and references use ("Quality improvement"), escaped.
    private let kindLabels: [EvidenceKind: String]
    private let kindCells: [EvidenceKind: String]
    /// The items in the period linked to each element (through a competence or as a
    /// whole), in number order, by element position.
    let inPeriodByElement: [[EvidencePlan.Entry]]

    init(portfolio: Portfolio, report: ValidationReport, options: ExportOptions, catalog: Catalog) {
        self.portfolio = portfolio; self.report = report; self.options = options
        let frameworks = catalog.frameworks(for: portfolio)
        let framework = frameworks[0]
        self.framework = framework; self.otherFrameworks = Array(frameworks.dropFirst()); self.catalog = catalog
        let taxonomy = catalog.taxonomy
        taxonomyLabels = TaxonomyLabels(taxonomy)
        var kindLabels: [EvidenceKind: String] = [:], kindCells: [EvidenceKind: String] = [:]
        for info in taxonomy.evidenceKinds {
            kindLabels[info.kind] = MarkdownEscaping.inline(info.label)
            kindCells[info.kind] = ExportContext.cell(ofKindLabel: info.label)
        }
        self.kindLabels = kindLabels
        self.kindCells = kindCells
        elementLabels = framework.elements.map { "\($0.id) " + MarkdownEscaping.inline($0.name) }
        plan = EvidencePlan(portfolio: portfolio, framework: framework, taxonomy: taxonomy)
        var byElement = [[EvidencePlan.Entry]](repeating: [], count: framework.elements.count)
        for entry in plan.inPeriodEntries {
            for position in EvidencePlan.elementPositions(of: entry.evidence.links, in: framework) { byElement[position].append(entry) }
        }
        inPeriodByElement = byElement
    }

    /// A kind's name in prose; a kind the taxonomy does not know is printed as its id.
    func kindLabel(_ kind: EvidenceKind) -> String { kindLabels[kind] ?? MarkdownEscaping.inline(kind.rawValue) }
    /// A kind's name in a table cell or a reference: the label up to its first bracket.
    func kindCell(_ kind: EvidenceKind) -> String { kindCells[kind] ?? MarkdownEscaping.cell(kind.rawValue) }

    static func cell(ofKindLabel label: String) -> String {
        MarkdownEscaping.cell(label.range(of: " (").map { String(label[..<$0.lowerBound]) } ?? label)
    }

    func entriesInPeriod(linkedTo element: String) -> [EvidencePlan.Entry] {
        framework.position(ofElement: element).map { inPeriodByElement[$0] } ?? []
    }

    var profile: Profile { portfolio.profile }
    var period: Period { portfolio.period }
    var coverage: Coverage { report.coverage }
    /// The document's date: the one asked for, else the end of the period. Never the clock.
    var date: CalendarDate { options.date ?? period.end }
    var reviewer: String { profile.stage.reviewerTitle.lowercased() }
    /// Who the portfolio belongs to, as the document calls them: a student or a doctor.
    var person: String { profile.stage == .undergraduate ? "student" : "doctor" }

    /// Whether an item's text may be printed: not private, or the doctor's own copy.
    func showsInFull(_ item: Evidence) -> Bool { !item.isPrivate || options.includePrivate }

    /// The rating history to compare with: the most recent earlier period that has ratings.
    var lastPeriodWithRatings: PastPeriod? { portfolio.history.last { !$0.ratings.isEmpty } }

    // MARK: Text

    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ]

    /// "1 October 2025": the British long form, for prose.
    static func long(_ date: CalendarDate) -> String { "\(date.day) \(months[date.month - 1]) \(date.year)" }
    static let shortMonths = months.map { String($0.prefix(3)) }

    /// "1 Oct 2025": the short form, for tables.
    static func short(_ date: CalendarDate) -> String { "\(date.day) \(shortMonths[date.month - 1]) \(date.year)" }

    static func long(_ period: Period) -> String { "\(long(period.start)) to \(long(period.end))" }
    static func short(_ period: Period) -> String { "\(short(period.start)) to \(short(period.end))" }

    /// 12 → "12", 6.5 → "6.5": credits as people write them.
    static func number(_ value: Double) -> String {
        PlainText.number(value)
    }

    /// True when the text is empty or only spaces and tabs (what Foundation's
    /// `.whitespaces` trims), without Foundation's cost per call.
    static func isBlankLine(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
    }

    static func plural(_ count: Int, _ one: String, _ many: String? = nil) -> String {
        "\(count) " + (count == 1 ? one : (many ?? one + "s"))
    }

    /// Escaped text, or an italic placeholder when the doctor left it empty.
    static func inlineOr(_ text: String, _ placeholder: String) -> String {
        let escaped = MarkdownEscaping.inline(text)
        return escaped.isEmpty ? "*\(placeholder)*" : escaped
    }

    static func blockOr(_ text: String, _ placeholder: String) -> String {
        let escaped = MarkdownEscaping.block(text)
        return escaped.isEmpty ? "*\(placeholder)*" : escaped
    }

    /// "4.1 Ensuring patient safety (c, d); 3.2 Managing resources (whole element)":
    /// links grouped by element in framework order, so a long list stays short.
    func linkSummary(_ links: [String]) -> String {
        // By element position: the letters of the competences shown, "" for the whole element.
        var shown: [Int: [Substring]] = [:]
        var unknown: [String] = []
        var elsewhere: [String] = []
        for link in links {
            if let position = EvidencePlan.elementPosition(ofLink: link, in: framework) {
                if EvidencePlan.isCompetence(link, of: position, in: framework) {
                    shown[position, default: []].append(link.split(separator: ".", omittingEmptySubsequences: false).last!)
                    continue
                }
                if EvidencePlan.isElement(link, at: position, in: framework) { shown[position, default: []].append(""); continue }
            }
            // A link to another framework the portfolio uses is named there, not called unknown.
            if let other = catalog.framework(ofLink: link), other.id != framework.id, let id = other.itemID(ofLink: link),
                let element = other.element(id)
            {
                elsewhere.append(MarkdownEscaping.inline("\(FrameworkLink.display(link)) \(element.name)"))
                continue
            }
            unknown.append(FrameworkLink.display(link))
        }
        var parts = shown.keys.sorted().map { position in
            let letters = shown[position]!
            return elementLabels[position] + (letters.contains("") ? " (whole element)" : " (" + Set(letters).sorted().joined(separator: ", ") + ")")
        }
        parts += elsewhere
        parts += unknown.map { MarkdownEscaping.inline($0) + " (not in the framework)" }
        return parts.isEmpty ? "*none*" : parts.joined(separator: "; ")
    }

    /// "E7", linked to the item's entry (plain text for an archived item, which has none).
    func ref(_ number: Int) -> String {
        plan.isAnchored(number) ? "[E\(number)](#e\(number))" : "E\(number)"
    }

    /// An item as the document names it: its number, or for an item of an earlier year that
    /// is counted but not listed, its date (never its internal id).
    func reference(to entry: EvidencePlan.Entry) -> String {
        entry.home == .archived ? "an item dated \(ExportContext.long(entry.evidence.date))" : ref(entry.number)
    }

    /// Where a finding points, in the document's own terms (E-numbers, element names).
    func whereLabel(_ location: FindingLocation) -> String {
        var parts: [String] = []
        if let element = location.element {
            parts.append(framework.position(ofElement: element).map { elementLabels[$0] } ?? "element " + MarkdownEscaping.inline(element))
        } else if let domain = location.domain {
            parts.append(framework.domain(domain).map { "domain \($0.id) " + MarkdownEscaping.inline($0.name) } ?? "domain " + MarkdownEscaping.inline(domain))
        }
        if let id = location.evidenceID {
            parts.append(plan.entry(forID: id).map(reference(to:)) ?? "an item not in the portfolio")
        }
        if let id = location.goalID {
            let goal = portfolio.goal(withID: id)
            parts.append("goal " + (goal.map { "“" + ExportContext.inlineOr($0.title, "untitled") + "”" } ?? "not found in the plan"))
        }
        var text = parts.joined(separator: ", ")
        if let field = location.field {
            let readable = MarkdownEscaping.inline(readableField(field))
            text += text.isEmpty ? readable : " (\(readable))"
        }
        return text.isEmpty ? "the portfolio as a whole" : text
    }

    /// "profile.healthStatement" → "profile: health statement", "supportingInfo.cpd" →
    /// "supporting information: Continuing professional development".
    func readableField(_ field: String) -> String {
        if field.hasPrefix("profile.") { return "profile: " + ExportContext.words(String(field.dropFirst(8))) }
        if field.hasPrefix("supportingInfo.") {
            return "supporting information: " + taxonomy.label(ofSupportingInfo: String(field.dropFirst(15)))
        }
        return ExportContext.words(field)
    }

    /// camelCase to words, keeping the acronyms readers know.
    static func words(_ identifier: String) -> String {
        if identifier.contains(" ") { return identifier }  // already words ("reflection: what I learned")
        var out = ""
        for character in identifier {
            if character.isUppercase { out += " " + character.lowercased() } else { out.append(character) }
        }
        return out.split(separator: " ").map { word in
            switch word {
            case "gmc": return "GMC";
            case "cpd": return "CPD";
            case "pdp": return "PDP";
            default: return String(word)
            }
        }.joined(separator: " ")
    }
}
