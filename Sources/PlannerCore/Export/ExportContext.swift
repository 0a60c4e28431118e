import Foundation

/// Everything the section writers share: the inputs, the date on the document, and the
/// evidence plan (each item's number and the one place its full entry is printed). A class,
/// read only once made, so the sections and entries written on several cores share one.
final class ExportContext {
    let portfolio: Portfolio
    let report: ValidationReport
    let options: ExportOptions
    let framework: Framework
    let taxonomy: Taxonomy
    let plan: EvidencePlan
    /// "4.1 Ensuring patient safety", escaped, per element in framework order: how the
    /// document names an element wherever it does (tables, references, findings, notes).
    let elementLabels: [String]
    let elements: ElementLookup
    let taxonomyLabels: TaxonomyLabels
    /// Words looked up once rather than per item (a career's export names thousands of
    /// items), as bytes (see `RowLabels`): the kinds' names ("Quality improvement (QI
    /// project, audit, re-audit)") and cells ("Quality improvement"), escaped, element ids
    /// and labels.
    let rowLabels: RowLabels
    /// CPD credits as printed ("12", "6.5") for each value the period's items hold, worked
    /// out once: a fraction is formatted by Foundation, which is slow once per item.
    let creditTexts: [Double: String]
    /// The brief table's rows being made on a spare core until the document's parts start
    /// being made (`stopMakingRowsAhead()`), then the cells it made.
    private let rowsAhead: BriefRowsAhead?
    private(set) var briefCells: BriefRowsAhead.Made?
    /// The items in the period linked to each element (through a competence or as a
    /// whole), in number order, by element position.
    let inPeriodByElement: [[EvidencePlan.Entry]]

    init(portfolio: Portfolio, report: ValidationReport, options: ExportOptions, framework: Framework, taxonomy: Taxonomy) {
        self.portfolio = portfolio; self.report = report; self.options = options
        self.framework = framework; self.taxonomy = taxonomy
        elements = ElementLookup(framework)
        taxonomyLabels = TaxonomyLabels(taxonomy)
        let labels = EvidenceKind.allCases.map(taxonomy.label(of:))
        // "Quality improvement" from "Quality improvement (QI project, audit, re-audit)".
        let kindCells = labels.map { label in
            MarkdownEscaping.cell(label.range(of: " (").map { String(label[..<$0.lowerBound]) } ?? label)
        }
        elementLabels = framework.elements.map { "\($0.id) " + MarkdownEscaping.inline($0.name) }
        rowLabels = RowLabels(kinds: labels.map(MarkdownEscaping.inline), kindCells: kindCells, elementIDs: elements.elementIDs, elementLabels: elementLabels)
        // Until the parts of the document are made on all cores, this one thread works alone
        // (the plan, then the sections' outlines and the file): the brief table's rows are
        // begun on another core meanwhile.
        rowsAhead = BriefRowsAhead(portfolio, labels: rowLabels, elements: elements)
        self.plan = EvidencePlan(portfolio: portfolio, framework: framework, taxonomy: taxonomy, elements: elements)
        var credits: [Double: String] = [:]
        for entry in plan.inPeriodEntries {
            if let value = entry.evidence.cpdCredits, credits[value] == nil { credits[value] = ExportContext.number(value) }
        }
        creditTexts = credits
        inPeriodByElement = ExportContext.byElement(plan.inPeriodEntries, elements: elements, count: framework.elements.count)
    }

    /// Called once the cores are about to make the document's parts, before any part reads
    /// `briefCells`.
    func stopMakingRowsAhead() {
        if briefCells == nil { briefCells = rowsAhead?.stop() }
    }

    deinit { rowsAhead?.stopIfRunning() }

    /// The entries under each element they link to (each element once per entry), by position.
    static func byElement(_ entries: [EvidencePlan.Entry], elements: ElementLookup, count: Int) -> [[EvidencePlan.Entry]] {
        var lists = [[EvidencePlan.Entry]](repeating: [], count: count)
        for entry in entries {
            elements.forEachPosition(of: entry.evidence.links) { lists[$0].append(entry) }
        }
        return lists
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

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                         "September", "October", "November", "December"]

    /// "1 October 2025": the British long form, for prose.
    static func long(_ date: CalendarDate) -> String { text(of: date, long: true) }
    static let shortMonths = months.map { String($0.prefix(3)) }

    /// "1 Oct 2025": the short form, for tables.
    static func short(_ date: CalendarDate) -> String { text(of: date, long: false) }

    private static func text(of date: CalendarDate, long: Bool) -> String {
        var out: [UInt8] = []
        RowLabels.monthLabels.withLabels { RowLabels.appendDate(date, long: long, months: $0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    static func long(_ period: Period) -> String { "\(long(period.start)) to \(long(period.end))" }
    static func short(_ period: Period) -> String { "\(short(period.start)) to \(short(period.end))" }

    /// 12 → "12", 6.5 → "6.5": credits as people write them.
    static func number(_ value: Double) -> String {
        CheckContext.number(value)
    }

    /// True when the text is empty or only spaces and tabs (what Foundation's
    /// `.whitespaces` trims), without Foundation's cost per call.
    static func isBlankLine(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
    }

    func creditText(_ value: Double) -> String { creditTexts[value] ?? ExportContext.number(value) }

    static func plural(_ count: Int, _ one: String, _ many: String? = nil) -> String {
        "\(count) " + (count == 1 ? one : (many ?? one + "s"))
    }

    /// Escaped text, or an italic placeholder when the doctor left it empty.
    static func inlineOr(_ text: String, _ placeholder: String) -> String {
        let escaped = MarkdownEscaping.inline(text)
        return escaped.isEmpty ? "*\(placeholder)*" : escaped
    }

    /// `inlineOr`, appended: the text's own bytes when they need no escaping, read where
    /// the string keeps them (thousands of titles in a career's tables and references).
    static func appendInline(_ text: UnsafePointer<String>, or placeholder: String, to out: inout [UInt8]) {
        let copied = text.pointee.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.isEmpty, MarkdownEscaping.isPlainLine(bytes, allHashes: false) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copied != true { out.append(utf8: inlineOr(text.pointee, placeholder)) }
    }

    static func blockOr(_ text: String, _ placeholder: String) -> String {
        let escaped = MarkdownEscaping.block(text)
        return escaped.isEmpty ? "*\(placeholder)*" : escaped
    }

    /// "4.1 Ensuring patient safety (c, d); 3.2 Managing resources (whole element)":
    /// links grouped by element in framework order, so a long list stays short.
    func linkSummary(_ links: [String]) -> String {
        var out: [UInt8] = []
        rowLabels.withLabels { appendLinkSummary(links, $0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    func appendLinkSummary(_ links: [String], _ labels: RowLabels.Reader, to out: inout [UInt8]) {
        // (element position, competence letter or "" for the whole element); an item has a few links.
        var shown: [(position: Int, letter: Substring)] = []
        shown.reserveCapacity(links.count)
        var unknown: [String] = []
        for link in links {
            if let position = elements.position(ofLink: link) {
                if elements.isCompetence(link, at: position) {
                    let afterDot = link.utf8.lastIndex(of: 0x2E).map { link.utf8.index(after: $0) } ?? link.startIndex
                    shown.append((position, link[afterDot...]))
                    continue
                }
                if elements.isElement(link, at: position) { shown.append((position, "")); continue }
            }
            unknown.append(link)
        }
        if shown.count > 1 { shown.sort { $0.position != $1.position ? $0.position < $1.position : $0.letter < $1.letter } }
        let start = out.count
        var k = 0
        while k < shown.count {
            let position = shown[k].position
            var end = k
            while end < shown.count && shown[end].position == position { end += 1 }
            if out.count > start { out.append(utf8: "; ") }
            labels.appendElementLabel(position, to: &out)
            if shown[k..<end].contains(where: { $0.letter.isEmpty }) {
                out.append(utf8: " (whole element)")
            } else {
                out.append(utf8: " (")
                var previous: Substring? = nil
                for index in k..<end where shown[index].letter != previous {
                    if previous != nil { out.append(utf8: ", ") }
                    out.append(contentsOf: shown[index].letter.utf8)
                    previous = shown[index].letter
                }
                out.append(0x29)
            }
            k = end
        }
        for link in unknown {
            if out.count > start { out.append(utf8: "; ") }
            out.append(utf8: MarkdownEscaping.inline(link))
            out.append(utf8: " (not in the framework)")
        }
        if out.count == start { out.append(utf8: "*none*") }
    }

    /// "E7", linked to the item's entry (plain text for an archived item, which has none).
    func ref(_ number: Int) -> String {
        var out: [UInt8] = []
        appendRef(number, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func appendRef(_ number: Int, to out: inout [UInt8]) {
        if plan.isAnchored(number) {
            out.append(utf8: "[E"); out.append(decimal: number); out.append(utf8: "](#e"); out.append(decimal: number); out.append(0x29)
        } else {
            out.append(0x45); out.append(decimal: number)
        }
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
            parts.append(plan.entry(forID: id).map { ref($0.number) } ?? "evidence " + MarkdownEscaping.inline(id))
        }
        if let id = location.goalID {
            let goal = portfolio.goal(withID: id)
            parts.append("goal " + (goal.map { "“" + ExportContext.inlineOr($0.title, "untitled") + "”" } ?? MarkdownEscaping.inline(id)))
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
            switch word { case "gmc": return "GMC"; case "cpd": return "CPD"; case "pdp": return "PDP"; default: return String(word) }
        }.joined(separator: " ")
    }
}
