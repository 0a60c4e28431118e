/// How one evidence item is written: in full at its home, as a one-line reference
/// everywhere else, and cut down to title, kind, date and links when it is private.
extension ExportContext {
    /// Where the full entry of an item is, in words a reader of the paper copy can follow.
    func appendHomeLabel(_ home: EvidencePlan.Home, _ labels: RowLabels.Reader, to out: inout [UInt8]) {
        switch home {
        case .supportingInfo(let type):
            out.append(utf8: "in section ")
            out.append(decimal: ContinuingPracticeSections.section(ofType: type))
        case .element(let id):
            out.append(utf8: "under ")
            if let position = framework.position(ofElement: id) { labels.appendElementLabel(position, to: &out) } else { out.append(utf8: id) }
        case .unlinked: out.append(utf8: "among the evidence not linked to the framework")
        case .otherPeriod: out.append(utf8: "among the evidence from other periods")
        case .archived: out.append(utf8: "not listed (more than \(EvidencePlan.listedYears) years old)")
        }
    }

    /// The full entry, with a heading at `level` whose anchor the references link to.
    /// Written later, on any core (`MarkdownWriter.deferred`): it depends only on its item.
    func writeEntry(_ entry: EvidencePlan.Entry, level: Int, into md: inout MarkdownWriter) {
        md.deferred { [self] inner in
            portfolio.evidence.withUnsafeBufferPointer { items in
                let item = items.baseAddress! + entry.index
                let reflection = item.pointer(to: \.reflection)!
                inner.reserveCapacity(600 + item.pointee.title.utf8.count + item.pointee.description.utf8.count
                                      + reflection.pointee.whatHappened.utf8.count + reflection.pointee.whatLearned.utf8.count
                                      + reflection.pointee.whatNext.utf8.count)
                let title = MarkdownEscaping.heading(item.pointee.title)
                inner.heading(level, "E\(entry.number). " + (title.isEmpty ? "*Untitled*" : title), id: "e\(entry.number)")
                rowLabels.withLabels { writeBody(entry, item, $0, into: &inner) }
            }
        }
    }

    /// A list of one-line references, written later on any core (there can be hundreds).
    func writeReferences(_ entries: [EvidencePlan.Entry], under element: Int? = nil, into md: inout MarkdownWriter) {
        guard !entries.isEmpty else { return }
        md.deferred { [self] inner in
            inner.reserveCapacity(entries.count * 200)
            portfolio.evidence.withUnsafeBufferPointer { items in
                rowLabels.withLabels { labels in
                    inner.list { list in
                        for entry in entries {
                            list.item { appendReference(entry, items.baseAddress! + entry.index, under: element, labels, to: &$0) }
                        }
                    }
                }
            }
        }
    }

    /// Everything of an entry after its heading (which alone depends on where it is printed),
    /// the item read in place (a copy would retain each of its strings).
    private func writeBody(_ entry: EvidencePlan.Entry, _ item: UnsafePointer<Evidence>, _ labels: RowLabels.Reader,
                           into md: inout MarkdownWriter) {
        let full = showsInFull(item.pointee)
        md.list { facts in
            facts.item { out in
                out.append(utf8: "**Kind:** ")
                labels.appendKind(item.pointee.kind, to: &out)
                out.append(utf8: " · **Date:** ")
                labels.appendDate(item.pointee.date, long: true, to: &out)
            }
            facts.item { out in
                out.append(utf8: "**Shows:** ")
                appendLinkSummary(item.pointee.links, labels, to: &out)
            }
            guard full else { return }
            if portfolio.stage == .continuingPractice {
                let types = entry.inPeriod ? entry.supportingInfoTypes : item.pointee.supportingInfoTypes(taxonomy)
                facts.item { out in
                    out.append(utf8: "**Supporting information:** ")
                    if types.isEmpty { out.append(utf8: "none of the six GMC types") }
                    for (k, type) in types.enumerated() {
                        if k > 0 { out.append(utf8: "; ") }
                        out.append(utf8: taxonomyLabels.supportingInfo(type))
                    }
                }
            }
            if !item.pointee.gmpDomains.isEmpty {
                facts.item("**Good Medical Practice:** " + item.pointee.gmpDomains.map(taxonomyLabels.gmpDomain).joined(separator: "; "))
            }
            if !item.pointee.gmcAreas.isEmpty {
                facts.item("**GMC leadership areas:** " + item.pointee.gmcAreas.map(taxonomyLabels.area).joined(separator: "; "))
            }
            if let credits = item.pointee.cpdCredits {
                facts.item("**CPD credits:** " + creditText(credits))
            }
            if let confirmation = item.pointee.confirmation, !ExportContext.isBlankLine(confirmation.name) {
                var who = MarkdownEscaping.inline(confirmation.name)
                if !confirmation.role.isEmpty { who += ", " + MarkdownEscaping.inline(confirmation.role) }
                if let date = confirmation.date { who += ", " + ExportContext.long(date) }
                facts.item("**Confirmed by:** " + who)
            }
            if !item.pointee.attachments.isEmpty {
                facts.item("**Attachments (kept by the \(person), not included):** " + item.pointee.attachments.map(MarkdownEscaping.inline).joined(separator: "; "))
            }
        }
        guard full else {
            md.paragraph("*Private item: reflection held privately by the \(person).*")
            return
        }
        if item.pointee.isPrivate {
            md.paragraph("*Private item, shown in full because this is the \(person)'s own copy.*")
        }
        if !CheckContext.isBlank(item.pointee.description) {
            md.paragraph(MarkdownEscaping.block(item.pointee.description))
        }
        md.paragraph("**What happened.** ", ExportContext.blockOr(item.pointee.reflection.whatHappened, "Not written yet."))
        md.paragraph("**What I learned.** ", ExportContext.blockOr(item.pointee.reflection.whatLearned, "Not written yet."))
        md.paragraph("**What I will do next.** ", ExportContext.blockOr(item.pointee.reflection.whatNext, "Not written yet."))
    }

    /// One line pointing at an item printed elsewhere, read in place: there can be
    /// thousands. `element` is the position of the element the line sits under, to say which
    /// of its competences the item shows.
    private func appendReference(_ entry: EvidencePlan.Entry, _ item: UnsafePointer<Evidence>, under element: Int?,
                                 _ labels: RowLabels.Reader, to line: inout [UInt8]) {
        appendRef(entry.number, to: &line)
        line.append(0x20)
        ExportContext.appendInline(item.pointer(to: \.title)!, or: "untitled", to: &line)
        line.append(utf8: " — ")
        labels.appendKindCell(item.pointee.kind, to: &line)
        line.append(utf8: ", ")
        labels.appendDate(item.pointee.date, to: &line)
        if let element {
            if item.pointee.links.contains(where: { elements.isElement($0, at: element) }) {
                line.append(utf8: " (whole element)")
            } else {
                var shown: [String] = []
                for link in item.pointee.links where elements.position(ofLink: link) == element && elements.isCompetence(link, at: element) {
                    if !shown.contains(link) { shown.append(link) }
                }
                // "4.1.c, 4.1.d": ids of one element sort as their letters do.
                if !shown.isEmpty {
                    line.append(utf8: " (")
                    line.append(utf8: shown.count == 1 ? shown[0] : shown.sorted().joined(separator: ", "))
                    line.append(0x29)
                }
            }
        }
        if item.pointee.isPrivate { line.append(utf8: " · private") }
        line.append(utf8: " · full entry ")
        appendHomeLabel(entry.home, labels, to: &line)
    }

    /// The items of other periods: a compact table of the recent ones, a count of the rest.
    func writeOtherPeriods(into md: inout MarkdownWriter) {
        let listed = plan.brief(at: .otherPeriod)
        let archived = plan.count(at: .archived)
        if !listed.isEmpty { writeBriefTable(listed, into: &md) }
        if let (first, last) = plan.archivedDates {
            let when = first == last ? ExportContext.long(first) : "\(ExportContext.long(first)) to \(ExportContext.long(last))"
            let what = archived == 1 ? "One more item, dated \(when)," : "A further \(archived) items, dated \(when),"
            md.paragraph("\(what) more than \(EvidencePlan.listedYears) years before this period, "
                + "\(archived == 1 ? "is" : "are") kept in the portfolio and counted in the all-time figures, but not listed here.")
        }
    }

    /// A compact table of items that are not printed in full (other periods): thousands of
    /// rows in a career, so written later in pieces, on all cores.
    func writeBriefTable(_ rows: [(index: Int, number: Int)], into md: inout MarkdownWriter) {
        md.table(["No.", "Date", "Title", "Kind", "Shows"], widths: [6, 13, 35, 18, 28])
        for start in stride(from: 0, to: rows.count, by: 256) {
            let piece = rows[start..<min(start + 256, rows.count)]
            md.deferredText { [self] out in
                out.reserveCapacity(piece.count * 160)
                portfolio.evidence.withUnsafeBufferPointer { items in
                    rowLabels.withLabels { labels in
                        for (index, number) in piece {
                            // A bracketed span carries the anchor that references to this item link to.
                            out.append(utf8: "\n| [E")
                            out.append(decimal: number)
                            out.append(utf8: "]{#e")
                            out.append(decimal: number)
                            out.append(utf8: "} | ")
                            if let cells = briefCells?.cells(of: index) {
                                out.append(contentsOf: cells)
                            } else {
                                ExportContext.appendBriefCells(items.baseAddress! + index, labels, elements, to: &out)
                            }
                        }
                    }
                }
            }
        }
    }

    /// `3 Oct 2021 | Title | Kind | 1.2, 3.4 |`: a brief-table row after its number (`| [E12]{#e12} | `),
    /// the item read in place (a copy would retain each of its strings).
    static func appendBriefCells(_ item: UnsafePointer<Evidence>, _ labels: RowLabels.Reader, _ elements: ElementLookup,
                                 to out: inout [UInt8]) {
        labels.appendDate(item.pointee.date, to: &out)
        out.append(utf8: " | ")
        ExportContext.appendInline(item.pointer(to: \.title)!, or: "untitled", to: &out)
        if item.pointee.isPrivate { out.append(utf8: " (private)") }
        out.append(utf8: " | ")
        labels.appendKindCell(item.pointee.kind, to: &out)
        out.append(utf8: " | ")
        var none = true
        elements.forEachPosition(of: item.pointee.links) { position in
            if !none { out.append(utf8: ", ") }
            none = false
            labels.appendElementID(position, to: &out)
        }
        if none { out.append(utf8: "–") }
        out.append(utf8: " |")
    }
}
