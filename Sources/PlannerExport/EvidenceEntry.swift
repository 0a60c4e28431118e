import PlannerModel

/// How one evidence item is written: in full at its home, as a one-line reference
/// everywhere else, and cut down to title, kind, date and links when it is private.
extension ExportContext {
    /// Where the full entry of an item is, in words a reader of the paper copy can follow.
    func homeLabel(_ home: EvidencePlan.Home) -> String {
        switch home {
        case .supportingInfo(let type): return "in section \(ContinuingPracticeSections.section(ofType: type))"
        case .element(let id): return "under " + (framework.position(ofElement: id).map { elementLabels[$0] } ?? id)
        case .unlinked: return "among the evidence not linked to the framework"
        case .chosen: return "under “\(ExportContext.broughtForwardHeading)”"
        case .otherPeriod: return "among the evidence brought forward from earlier years"
        case .archived: return "not listed (dated outside this period)"
        }
    }

    /// The full entry, with a heading at `level` whose anchor the references link to.
    func writeEntry(_ entry: EvidencePlan.Entry, level: Int, into md: inout MarkdownWriter) {
        let item = entry.evidence
        let title = MarkdownEscaping.heading(item.title)
        md.heading(level, "E\(entry.number). " + (title.isEmpty ? "*Untitled*" : title), id: "e\(entry.number)")
        md.list(facts(of: entry))
        guard showsInFull(item) else {
            md.paragraph("*Private item: reflection held privately by the \(person).*")
            return
        }
        if item.isPrivate {
            md.paragraph("*Private item, shown in full because this is the \(person)'s own copy.*")
        }
        if !PlainText.isBlank(item.description) {
            md.paragraph(MarkdownEscaping.block(item.description))
        }
        md.paragraph("**What happened.** " + ExportContext.blockOr(item.reflection.whatHappened, "Not written yet."))
        md.paragraph("**What I learned.** " + ExportContext.blockOr(item.reflection.whatLearned, "Not written yet."))
        md.paragraph("**What I will do next.** " + ExportContext.blockOr(item.reflection.whatNext, "Not written yet."))
    }

    /// The list under an entry's heading: kind, date and links always; the rest only when
    /// the item is shown in full.
    private func facts(of entry: EvidencePlan.Entry) -> [String] {
        let item = entry.evidence
        var facts = [
            "**Kind:** " + kindLabel(item.kind) + " · **Date:** " + ExportContext.long(item.date),
            "**Shows:** " + linkSummary(item.links),
        ]
        if entry.home == .chosen, let reason = ExportContext.broughtForwardReason(item) { facts.insert(reason, at: 0) }
        guard showsInFull(item) else { return facts }
        if portfolio.stage == .continuingPractice {
            let types = entry.inPeriod ? entry.supportingInfoTypes : item.supportingInfoTypes(taxonomy)
            facts.append(
                "**Supporting information:** "
                    + (types.isEmpty ? "none of the six GMC types" : types.map(taxonomyLabels.supportingInfo).joined(separator: "; ")))
        }
        if !item.gmpDomains.isEmpty {
            facts.append("**Good Medical Practice:** " + item.gmpDomains.map(taxonomyLabels.gmpDomain).joined(separator: "; "))
        }
        if !item.gmcAreas.isEmpty {
            facts.append("**GMC leadership areas:** " + item.gmcAreas.map(taxonomyLabels.area).joined(separator: "; "))
        }
        if let credits = item.cpdCredits {
            facts.append("**CPD credits:** " + ExportContext.number(credits))
        }
        if let confirmation = item.confirmation, !ExportContext.isBlankLine(confirmation.name) {
            var who = MarkdownEscaping.inline(confirmation.name)
            if !confirmation.role.isEmpty { who += ", " + MarkdownEscaping.inline(confirmation.role) }
            if let date = confirmation.date { who += ", " + ExportContext.long(date) }
            facts.append("**Confirmed by:** " + who)
        }
        if !item.attachments.isEmpty {
            facts.append("**Attachments (kept by the \(person), not included):** " + item.attachments.map(ExportContext.attachmentName).joined(separator: "; "))
        }
        if let files = ExportContext.attachedFilesLine(item.files) { facts.append(files) }
        return facts
    }

    /// A list of one-line references to items printed elsewhere. `element` is the position
    /// of the element the list sits under, to say which of its competences each item shows.
    func writeReferences(_ entries: [EvidencePlan.Entry], under element: Int? = nil, into md: inout MarkdownWriter) {
        md.list(entries.map { reference($0, under: element) })
    }

    private func reference(_ entry: EvidencePlan.Entry, under element: Int?) -> String {
        let item = entry.evidence
        var line =
            ref(entry.number) + " " + ExportContext.inlineOr(item.title, "untitled")
            + " — " + kindCell(item.kind) + ", " + ExportContext.short(item.date)
        if let element {
            if item.links.contains(where: { EvidencePlan.isElement($0, at: element, in: framework) }) {
                line += " (whole element)"
            } else {
                let shown = item.links.filter {
                    EvidencePlan.elementPosition(ofLink: $0, in: framework) == element && EvidencePlan.isCompetence($0, of: element, in: framework)
                }
                // "4.1.c, 4.1.d": ids of one element sort as their letters do.
                if !shown.isEmpty { line += " (" + Set(shown.map(FrameworkLink.display)).sorted().joined(separator: ", ") + ")" }
            }
        }
        if item.isPrivate { line += " · private" }
        return line + " · full entry " + homeLabel(entry.home)
    }

    /// Date, title, kind and the ids of the elements shown: a brief-table row after its number.
    func briefCells(_ item: Evidence) -> [String] {
        let elements = EvidencePlan.elementPositions(of: item.links, in: framework).map { framework.elements[$0].id }
        return [
            ExportContext.short(item.date), ExportContext.inlineOr(item.title, "untitled") + (item.isPrivate ? " (private)" : ""),
            kindCell(item.kind), elements.isEmpty ? "–" : elements.joined(separator: ", "),
        ]
    }

    /// An attachment as the document names it: its file name, never the folder it sits in on
    /// the doctor's computer (a local path means nothing to the appraiser and says too much).
    static func attachmentName(_ reference: String) -> String {
        if reference.contains("://") { return MarkdownEscaping.inline(reference) }
        let name = reference.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? reference
        return MarkdownEscaping.inline(name)
    }
}
