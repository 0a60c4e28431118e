/// How one evidence item is written: in full at its home, as a one-line reference
/// everywhere else, and cut down to title, kind, date and links when it is private.
extension ExportContext {
    /// "Quality improvement" from "Quality improvement (QI project, audit, re-audit)".
    func shortKind(_ kind: EvidenceKind) -> String { shortKinds[kind] ?? taxonomy.label(of: kind) }

    /// `Evidence.linkedElements` without building a set (an item has a few links).
    static func linkedElements(_ links: [String]) -> [String] {
        var out: [String] = []
        for link in links {
            let element = Framework.elementID(of: link)
            if !out.contains(element) { out.append(element) }
        }
        return out
    }

    /// Where the full entry of an item is, in words a reader of the paper copy can follow.
    func homeLabel(_ home: EvidencePlan.Home) -> String {
        switch home {
        case .supportingInfo(let type): return "in section \(ContinuingPracticeSections.section(ofType: type))"
        case .element(let id): return "under " + (framework.element(id).map { "\($0.id) " + MarkdownEscaping.inline($0.name) } ?? id)
        case .unlinked: return "among the evidence not linked to the framework"
        case .otherPeriod: return "among the evidence from other periods"
        case .archived: return "not listed (more than \(EvidencePlan.listedYears) years old)"
        }
    }

    /// The full entry, with a heading at `level` whose anchor the references link to.
    func writeEntry(_ entry: EvidencePlan.Entry, level: Int, into md: inout MarkdownWriter) {
        let title = MarkdownEscaping.heading(entry.evidence.title)
        md.heading(level, "E\(entry.number). " + (title.isEmpty ? "*Untitled*" : title), id: "e\(entry.number)")
        if let body = bodies.body(entry.number) { md.append(body) } else { writeBody(entry, into: &md) }
    }

    /// Everything of an entry after its heading (which alone depends on where it is printed).
    func writeBody(_ entry: EvidencePlan.Entry, into md: inout MarkdownWriter) {
        let item = entry.evidence
        var facts = ["**Kind:** " + MarkdownEscaping.inline(kindLabels[item.kind] ?? taxonomy.label(of: item.kind)) + " · **Date:** " + ExportContext.long(item.date)]
        facts.append("**Shows:** " + linkSummary(item.links))
        let full = showsInFull(item)
        if full {
            if portfolio.stage == .continuingPractice {
                let types = (entry.inPeriod ? entry.supportingInfoTypes : item.supportingInfoTypes(taxonomy)).map { MarkdownEscaping.inline(taxonomy.label(ofSupportingInfo: $0)) }
                facts.append("**Supporting information:** " + (types.isEmpty ? "none of the six GMC types" : types.joined(separator: "; ")))
            }
            if !item.gmpDomains.isEmpty {
                facts.append("**Good Medical Practice:** " + item.gmpDomains.map(gmpName).joined(separator: "; "))
            }
            if !item.gmcAreas.isEmpty {
                facts.append("**GMC leadership areas:** " + item.gmcAreas.map { MarkdownEscaping.inline(taxonomy.label(ofArea: $0)) }.joined(separator: "; "))
            }
            if let credits = item.cpdCredits {
                facts.append("**CPD credits:** " + ExportContext.number(credits))
            }
            if let confirmation = item.confirmation, !confirmation.name.trimmingCharacters(in: .whitespaces).isEmpty {
                var who = [MarkdownEscaping.inline(confirmation.name)]
                if !confirmation.role.isEmpty { who.append(MarkdownEscaping.inline(confirmation.role)) }
                if let date = confirmation.date { who.append(ExportContext.long(date)) }
                facts.append("**Confirmed by:** " + who.joined(separator: ", "))
            }
            if !item.attachments.isEmpty {
                facts.append("**Attachments (kept by the \(person), not included):** " + item.attachments.map(MarkdownEscaping.inline).joined(separator: "; "))
            }
        }
        md.list(facts)
        guard full else {
            md.paragraph("*Private item: reflection held privately by the \(person).*")
            return
        }
        if item.isPrivate {
            md.paragraph("*Private item, shown in full because this is the \(person)'s own copy.*")
        }
        if !CheckContext.isBlank(item.description) {
            md.paragraph(MarkdownEscaping.block(item.description))
        }
        let reflection = item.reflection
        for (label, text) in [("What happened", reflection.whatHappened), ("What I learned", reflection.whatLearned),
                              ("What I will do next", reflection.whatNext)] {
            md.paragraph("**\(label).** " + ExportContext.blockOr(text, "Not written yet."))
        }
    }

    /// One line pointing at an item printed elsewhere. `element` names the element the
    /// line sits under, to say which of its competences the item shows.
    func reference(_ entry: EvidencePlan.Entry, under element: String? = nil) -> String {
        let item = entry.evidence
        var line = refWithTitle(entry) + " — " + MarkdownEscaping.inline(shortKind(item.kind)) + ", " + ExportContext.short(item.date)
        if let element {
            let letters = item.links.filter { Framework.elementID(of: $0) == element && framework.isCompetence($0) }
                .compactMap { $0.split(separator: ".").last.map(String.init) }
            let shown = Array(Set(letters)).sorted()
            if item.links.contains(element) { line += " (whole element)" } else if !shown.isEmpty { line += " (" + shown.map { "\(element).\($0)" }.joined(separator: ", ") + ")" }
        }
        if item.isPrivate { line += " · private" }
        return line + " · full entry " + homeLabel(entry.home)
    }

    /// "Safety and quality (2024: Colleagues, culture and safety)".
    func gmpName(_ id: String) -> String {
        guard let domain = taxonomy.gmpDomains.first(where: { $0.id == id }) else { return MarkdownEscaping.inline(id) }
        return MarkdownEscaping.inline(domain.name2013) + " (2024: " + MarkdownEscaping.inline(domain.name2024) + ")"
    }

    /// The items of other periods: a compact table of the recent ones, a count of the rest.
    func writeOtherPeriods(into md: inout MarkdownWriter) {
        let listed = plan.entries(at: .otherPeriod)
        let archived = plan.entries(at: .archived)
        if !listed.isEmpty { writeBriefTable(listed, into: &md) }
        if !archived.isEmpty {
            let dates = archived.map(\.evidence.date)
            let first = dates.min()!, last = dates.max()!
            let when = first == last ? ExportContext.long(first) : "\(ExportContext.long(first)) to \(ExportContext.long(last))"
            let what = archived.count == 1 ? "One more item, dated \(when)," : "A further \(archived.count) items, dated \(when),"
            md.paragraph("\(what) more than \(EvidencePlan.listedYears) years before this period, "
                + "\(archived.count == 1 ? "is" : "are") kept in the portfolio and counted in the all-time figures, but not listed here.")
        }
    }

    /// A compact table of items that are not printed in full (other periods).
    func writeBriefTable(_ entries: [EvidencePlan.Entry], into md: inout MarkdownWriter) {
        var kinds: [EvidenceKind: String] = [:]
        for kind in EvidenceKind.allCases { kinds[kind] = MarkdownEscaping.cell(shortKind(kind)) }
        let row = { (entry: EvidencePlan.Entry) -> [String] in
            // Fields read in place: copying each item whole would retain all its strings.
            let elements = ExportContext.linkedElements(entry.evidence.links).filter(framework.isElement)
            // A bracketed span carries the anchor that references to this item link to.
            return ["[E\(entry.number)]{#e\(entry.number)}", ExportContext.short(entry.evidence.date),
                    ExportContext.inlineOr(entry.evidence.title, "untitled") + (entry.evidence.isPrivate ? " (private)" : ""),
                    kinds[entry.evidence.kind]!, elements.isEmpty ? "–" : elements.joined(separator: ", ")]
        }
        md.table(["No.", "Date", "Title", "Kind", "Shows"], widths: [6, 13, 35, 18, 28], rows: EntryBodies.map(entries, row))
    }
}
