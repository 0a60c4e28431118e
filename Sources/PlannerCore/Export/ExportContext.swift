import Foundation

/// Everything the section writers share: the inputs, the date on the document, and the
/// evidence plan (each item's number and the one place its full entry is printed).
struct ExportContext {
    let portfolio: Portfolio
    let report: ValidationReport
    let options: ExportOptions
    let framework: Framework
    let taxonomy: Taxonomy
    let plan: EvidencePlan
    /// Words looked up once rather than per item (a career's export names thousands of items).
    let shortKinds: [EvidenceKind: String]
    let kindLabels: [EvidenceKind: String]
    /// The bodies of the entries printed in full, written beforehand on all cores (a career's
    /// period holds hundreds); the sections then put them in place.
    let bodies = EntryBodies()
    /// Figures over all the evidence that several sections print, worked out once.
    let memo = Memo()

    final class Memo {
        var credits: Double?
        var latest: [String: EvidencePlan.Entry?] = [:]
    }

    init(portfolio: Portfolio, report: ValidationReport, options: ExportOptions, framework: Framework, taxonomy: Taxonomy) {
        self.portfolio = portfolio; self.report = report; self.options = options
        self.framework = framework; self.taxonomy = taxonomy
        self.plan = EvidencePlan(portfolio: portfolio, framework: framework, taxonomy: taxonomy)
        var short: [EvidenceKind: String] = [:], labels: [EvidenceKind: String] = [:]
        for kind in EvidenceKind.allCases {
            let label = taxonomy.label(of: kind)
            labels[kind] = label
            short[kind] = label.range(of: " (").map { String(label[..<$0.lowerBound]) } ?? label
        }
        shortKinds = short
        kindLabels = labels
        bodies.write(self)
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
    static func long(_ date: CalendarDate) -> String { "\(date.day) \(months[date.month - 1]) \(date.year)" }
    /// "1 Oct 2025": the short form, for tables.
    static func short(_ date: CalendarDate) -> String { "\(date.day) \(months[date.month - 1].prefix(3)) \(date.year)" }
    static func long(_ period: Period) -> String { "\(long(period.start)) to \(long(period.end))" }
    static func short(_ period: Period) -> String { "\(short(period.start)) to \(short(period.end))" }

    /// 12 → "12", 6.5 → "6.5": credits as people write them.
    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
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
        var byElement: [String: [String]] = [:]
        var unknown: [String] = []
        for link in links {
            if framework.isCompetence(link) {
                byElement[Framework.elementID(of: link), default: []].append(String(link.split(separator: ".").last ?? ""))
            } else if framework.isElement(link) {
                byElement[link, default: []].append("")
            } else {
                unknown.append(link)
            }
        }
        var parts: [String] = []
        for element in framework.elements where byElement[element.id] != nil {
            let letters = byElement[element.id]!
            let competences = Array(Set(letters.filter { !$0.isEmpty })).sorted()
            let what = letters.contains("") ? "whole element" : competences.joined(separator: ", ")
            parts.append("\(element.id) \(MarkdownEscaping.inline(element.name)) (\(what))")
        }
        for link in unknown { parts.append(MarkdownEscaping.inline(link) + " (not in the framework)") }
        return parts.isEmpty ? "*none*" : parts.joined(separator: "; ")
    }

    /// "E7", linked to the item's entry (plain text for an archived item, which has none).
    func ref(_ number: Int) -> String { plan.isAnchored(number) ? "[E\(number)](#e\(number))" : "E\(number)" }

    /// "E7 *Title*": a cross-reference with the title, for lists.
    func refWithTitle(_ entry: EvidencePlan.Entry) -> String {
        ref(entry.number) + " " + ExportContext.inlineOr(entry.evidence.title, "untitled")
    }

    /// Where a finding points, in the document's own terms (E-numbers, element names).
    func whereLabel(_ location: FindingLocation) -> String {
        var parts: [String] = []
        if let element = location.element {
            parts.append(framework.element(element).map { "\($0.id) " + MarkdownEscaping.inline($0.name) } ?? "element " + MarkdownEscaping.inline(element))
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

/// Entry bodies written ahead of the document, in parallel: each depends only on its item.
final class EntryBodies {
    /// `entries.map(transform)`, the entries shared out over the cores when there are many.
    static func map<T>(_ entries: [EvidencePlan.Entry], _ transform: (EvidencePlan.Entry) -> T) -> [T] {
        guard entries.count >= 256 else { return entries.map(transform) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: entries.count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        nonisolated(unsafe) let shared = results, input = entries
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        withoutActuallyEscaping(transform) { transform in
            nonisolated(unsafe) let transform = transform
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                for k in (input.count * part / parts)..<(input.count * (part + 1) / parts) { shared[k] = transform(input[k]) }
            }
        }
        return results.map { $0! }
    }

    private var byNumber: [MarkdownWriter?] = []

    func body(_ number: Int) -> MarkdownWriter? { number < byNumber.count ? byNumber[number] : nil }

    func write(_ context: ExportContext) {
        nonisolated(unsafe) let entries = context.plan.inPeriodEntries   // read only, by all threads
        guard entries.count >= 64 else { return }
        let results = UnsafeMutableBufferPointer<MarkdownWriter?>.allocate(capacity: entries.count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        nonisolated(unsafe) let shared = results
        nonisolated(unsafe) let context = context
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            for k in (entries.count * part / parts)..<(entries.count * (part + 1) / parts) {
                var md = MarkdownWriter()
                context.writeBody(entries[k], into: &md)
                shared[k] = md
            }
        }
        var table = [MarkdownWriter?](repeating: nil, count: context.plan.entries.count + 1)
        for (k, entry) in entries.enumerated() { table[entry.number] = results[k] }
        byNumber = table
    }
}
