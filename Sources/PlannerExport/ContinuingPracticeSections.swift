import PlannerModel
import PlannerRules

/// The export for doctors in continuing practice, in the order of the appraisal form
/// appraisers in England know (sections 3 to 17), then the proposed PDP and sign-off.
enum ContinuingPracticeSections {
    /// The form section each GMC supporting-information type belongs to.
    static func section(ofType type: String) -> Int {
        switch type {
        case "cpd": return 7
        case "quality-improvement": return 8
        case "significant-events": return 9
        case "colleague-feedback", "patient-feedback": return 10
        case "complaints-compliments": return 11
        default: return 15
        }
    }

    /// The sections in order.
    static func write(_ c: ExportContext, into md: inout MarkdownWriter) {
        let sections: [(ExportContext, inout MarkdownWriter) -> Void] = [
            personalDetails, scopeOfWork, recordOfAppraisals, developmentPlans, cpd,
            { c, md in
                typeSection(
                    c, &md, number: 8, title: "Quality improvement activity", type: "quality-improvement",
                    intro: "Audits, quality improvement projects and reviews of the doctor's own practice.")
            },
            { c, md in
                typeSection(
                    c, &md, number: 9, title: "Significant events", type: "significant-events",
                    intro: "Significant events and learning events the doctor was involved in, and what changed.")
            },
            feedback,
            { c, md in
                typeSection(
                    c, &md, number: 11, title: "Review of complaints and compliments", type: "complaints-compliments",
                    intro: "Complaints and compliments about the doctor's work, and their reflection on them.")
            },
            achievements, declarations, additionalInformation, leadership, goodMedicalPractice, checklist,
            proposedPlan, { c, md in c.writeSignOff(into: &md) },
        ]
        for section in sections { section(c, &md) }
    }

    static func proposedPlan(_ c: ExportContext, _ md: inout MarkdownWriter) {
        md.heading(1, "Proposed personal development plan", id: "proposed-pdp")
        md.paragraph(
            "The doctor's proposed goals for the coming appraisal year (\(ExportContext.long(c.period.next))), "
                + "for discussion and agreement at the meeting (section 18).")
        if c.portfolio.pdp.isEmpty { md.paragraph("*No goals proposed yet.*") }
        for goal in c.portfolio.pdp { c.writeGoal(goal, level: 2, reviewed: false, into: &md) }
    }

    static func personalDetails(_ c: ExportContext, _ md: inout MarkdownWriter) {
        md.heading(1, "3. Personal details", id: "s3", newPage: true)
        let p = c.profile
        md.list([
            "**Name:** " + ExportContext.inlineOr(p.name, "not given"),
            "**GMC reference number:** " + ExportContext.inlineOr(p.gmcNumber ?? "", "not given"),
            "**Grade:** " + ExportContext.inlineOr(p.grade, "not given"),
            "**Specialty:** " + ExportContext.inlineOr(p.specialty, "not given"),
            "**Organisation:** " + ExportContext.inlineOr(p.organisation, "not given"),
            "**Designated body:** " + ExportContext.inlineOr(p.designatedBody ?? "", "not recorded"),
            "**Responsible officer:** " + ExportContext.inlineOr(p.responsibleOfficer ?? "", "not recorded"),
            "**Appraiser:** " + ExportContext.inlineOr(p.appraiser, "not named yet"),
            "**Appraisal year:** " + ExportContext.long(c.period),
            "**Appraisal meeting:** " + (p.appraisalDate.map(ExportContext.long) ?? "not set"),
            "**Revalidation due:** " + (p.revalidationDate.map(ExportContext.long) ?? "not recorded"),
        ])
    }

    static func scopeOfWork(_ c: ExportContext, _ md: inout MarkdownWriter) {
        md.heading(1, "4. Scope of work", id: "s4")
        guard !c.profile.scopeOfWork.isEmpty else {
            md.paragraph("\(ExportContext.gapMark) *No roles, organisations or places recorded for this year.*")
            return
        }
        md.paragraph("Every role held in the appraisal year, and where.")
        md.table(
            ["Role", "Organisation", "Place"], widths: [34, 33, 33],
            rows: c.profile.scopeOfWork.map {
                [MarkdownEscaping.cell($0.role), MarkdownEscaping.cell($0.organisation), MarkdownEscaping.cell($0.place)]
            })
    }

    static func recordOfAppraisals(_ c: ExportContext, _ md: inout MarkdownWriter) {
        md.heading(1, "5. Record of annual appraisals", id: "s5")
        guard !c.portfolio.history.isEmpty else {
            md.paragraph("*No earlier appraisal years are recorded in this portfolio.*")
            return
        }
        md.table(
            ["Appraisal year", "Grade", "Appraisal date", "Appraiser"], widths: [34, 18, 18, 30],
            rows: c.portfolio.history.map {
                [
                    ExportContext.short($0.period), ExportContext.inlineOr($0.grade ?? "", "–"),
                    $0.appraisalDate.map(ExportContext.short) ?? "–", ExportContext.inlineOr($0.appraiser ?? "", "–"),
                ]
            })
    }

    static func developmentPlans(_ c: ExportContext, _ md: inout MarkdownWriter) {
        md.heading(1, "6. Personal development plans and their review", id: "s6")
        md.paragraph(
            "Last year's goals and how each went. The proposed plan for the coming year is "
                + "under [Proposed personal development plan](#proposed-pdp).")
        if c.portfolio.previousPdp.isEmpty { md.paragraph("*No goals from last year are recorded.*") }
        for goal in c.portfolio.previousPdp { c.writeGoal(goal, level: 2, reviewed: true, into: &md) }
    }

    static func cpd(_ c: ExportContext, _ md: inout MarkdownWriter) {
        md.heading(1, "7. Continuing professional development", id: "s7")
        let cpdKinds = Set(c.taxonomy.evidenceKinds.filter(\.recordsCPD).map(\.kind))
        let credited = c.plan.inPeriodEntries.filter { $0.evidence.cpdCredits != nil || cpdKinds.contains($0.evidence.kind) }
        md.paragraph("**CPD credits this year: \(ExportContext.number(c.cpdCreditsInPeriod)).** " + cpdGuide(c.taxonomy))
        if !credited.isEmpty {
            md.table(
                ["No.", "Activity", "Date", "Credits"], widths: [8, 62, 16, 14],
                rows: credited.map { entry in
                    [
                        c.ref(entry.number), ExportContext.inlineOr(entry.evidence.title, "untitled") + (entry.evidence.isPrivate ? " (private)" : ""),
                        ExportContext.short(entry.evidence.date), entry.evidence.cpdCredits.map(ExportContext.number) ?? "–",
                    ]
                } + [["", "**Total**", "", "**\(ExportContext.number(c.cpdCreditsInPeriod))**"]])
        }
        typeEntries(c, &md, type: "cpd", level: 2)
    }

    /// What the taxonomy's guidance suggests, in the words the section has always used.
    static func cpdGuide(_ taxonomy: Taxonomy) -> String {
        guard let guide = taxonomy.cpdGuidance else { return "1 credit is about 1 hour of learning." }
        return MarkdownEscaping.inline(guide.source.prefix(1).uppercased() + guide.source.dropFirst())
            + " suggests \(ExportContext.number(guide.creditsPerYear)) a year (\(ExportContext.number(guide.creditsPerCycle)) over the "
            + "\(spelled(guide.cycleYears))-year revalidation cycle); 1 credit is about 1 hour of learning."
    }

    /// "five": a small whole number as prose writes it; larger ones as digits.
    static func spelled(_ n: Int) -> String {
        let words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        return words.indices.contains(n) ? words[n] : String(n)
    }

    /// The kinds of feedback the GMC expects in each revalidation cycle, each with the
    /// supporting-information type it is filed under, in the taxonomy's order.
    static func feedbackKinds(_ taxonomy: Taxonomy) -> [(kind: EvidenceKind, type: String)] {
        taxonomy.evidenceKinds.compactMap { info in
            guard info.revalidationFeedback, let type = info.supportingInfo.first else { return nil }
            return (info.kind, type)
        }
    }

    static func typeSection(_ c: ExportContext, _ md: inout MarkdownWriter, number: Int, title: String, type: String, intro: String) {
        md.heading(1, "\(number). \(title)", id: "s\(number)")
        md.paragraph(intro)
        typeEntries(c, &md, type: type, level: 2)
    }

    static func feedback(_ c: ExportContext, _ md: inout MarkdownWriter) {
        md.heading(1, "10. Feedback from colleagues and patients", id: "s10")
        md.paragraph("The GMC expects feedback from colleagues and from patients at least once each in the five-year revalidation cycle.")
        // Section 10 holds the feedback types; a kind of revalidation feedback filed under
        // one also finds its latest item from an earlier year.
        for type in c.taxonomy.supportingInfoTypes where section(ofType: type.id) == 10 {
            md.heading(2, MarkdownEscaping.heading(type.label))
            typeEntries(c, &md, type: type.id, level: 3)
            let kind = feedbackKinds(c.taxonomy).first { $0.type == type.id }?.kind
            if c.plan.entriesInPeriod(ofType: type.id).isEmpty, let latest = c.plan.latest(kind: kind, type: type.id) {
                md.paragraph("The most recent is \(c.ref(latest.number)), dated \(ExportContext.long(latest.evidence.date)).")
            }
        }
    }

    /// Full entries of the items whose home is this type's section, and references to the
    /// items of this type printed elsewhere.
    static func typeEntries(_ c: ExportContext, _ md: inout MarkdownWriter, type: String, level: Int) {
        let all = c.plan.entriesInPeriod(ofType: type)
        switch SupportingInfoStatus(c, type: type) {
        case .missing:
            md.paragraph("\(ExportContext.gapMark) *None in this appraisal year.*")
            return
        case .declaredNone(let note):
            c.writeDeclaredNone(type: type, note: note, into: &md)
            return
        case .heldPrivately:
            md.paragraph("**Held privately: to be discussed at the meeting.** Only the title, kind, date and links of the items are shown.")
        case .present: break
        }
        c.writeContradictedDeclaration(type: type, into: &md)
        let elsewhere = all.filter { $0.home != .supportingInfo(type) }
        if !elsewhere.isEmpty {
            md.paragraph("Also of this type, printed elsewhere:")
            c.writeReferences(elsewhere, into: &md)
        }
        for entry in all where entry.home == .supportingInfo(type) {
            c.writeEntry(entry, level: level, into: &md)
        }
    }

    static func achievements(_ c: ExportContext, _ md: inout MarkdownWriter) {
        md.heading(1, "12. Achievements, challenges and aspirations", id: "s12")
        for (title, text) in [("Achievements", c.profile.achievements), ("Challenges", c.profile.challenges), ("Aspirations", c.profile.aspirations)] {
            md.heading(2, title)
            md.paragraph(ExportContext.blockOr(text, "Not written."))
        }
    }

    static func declarations(_ c: ExportContext, _ md: inout MarkdownWriter) {
        md.heading(1, "13. Probity and health statements", id: "s13")
        md.paragraph("The doctor's own declarations.")
        md.heading(2, "Probity")
        md.paragraph(ExportContext.blockOr(c.profile.probityStatement, "\(ExportContext.gapMark) No probity statement yet."))
        md.heading(2, "Health")
        md.paragraph(ExportContext.blockOr(c.profile.healthStatement, "\(ExportContext.gapMark) No health statement yet."))
    }

    static func additionalInformation(_ c: ExportContext, _ md: inout MarkdownWriter) {
        md.heading(1, "14. Additional information", id: "s14")
        let unlinked = c.plan.entries(at: .unlinked)
        let other = c.plan.count(at: .chosen) + c.plan.count(at: .otherPeriod) + c.plan.count(at: .archived)
        if unlinked.isEmpty && other == 0 { md.paragraph("*Nothing further.*") }
        if !unlinked.isEmpty {
            md.heading(2, "Evidence not linked to the framework")
            for entry in unlinked { c.writeEntry(entry, level: 3, into: &md) }
        }
        c.writeBroughtForward(level: 2, into: &md)
        if other > 0 {
            md.heading(2, "Evidence from other years")
            c.writeOtherPeriods(into: &md)
        }
    }

    static func leadership(_ c: ExportContext, _ md: inout MarkdownWriter) {
        md.heading(1, "15. Supporting information: medical leadership (\(c.framework.id.uppercased()))", id: "s15")
        md.paragraph(
            "The same evidence seen through the \(MarkdownEscaping.inline(c.framework.title)): \(ExportContext.shapeInWords(c.framework)). "
                + "Items already printed in sections 7 to 14 are referred to by number; the rest are printed here in full.")
        md.heading(2, "Coverage matrix", id: "coverage")
        c.writeCoverageMatrix(into: &md)
        md.heading(2, "Self-rating profile", id: "ratings")
        c.writeSelfRatingProfile(into: &md)
        c.writeOtherFrameworks(into: &md, level: 2)
        md.heading(2, "Evidence by domain and element", id: "by-element")
        TrainingSections.evidenceByElement(c, &md, domainLevel: 3)
    }

    static func goodMedicalPractice(_ c: ExportContext, _ md: inout MarkdownWriter) {
        md.heading(1, "16. Review against the Good Medical Practice domains", id: "s16")
        md.paragraph(
            "The evidence of this appraisal year by the domain of Good Medical Practice the doctor tagged it with. "
                + "Each domain is named as in the 2013 framework for appraisal and revalidation, with its 2024 name after it.")
        let inPeriod = c.plan.inPeriodEntries
        md.table(
            ["Good Medical Practice domain", "Evidence this year", "Items"], widths: [40, 48, 12],
            rows: c.taxonomy.gmpDomains.map { domain in
                let tagged = inPeriod.filter { $0.evidence.gmpDomains.contains(domain.id) }
                return [
                    MarkdownEscaping.cell(domain.name2013) + " (2024: " + MarkdownEscaping.cell(domain.name2024) + ")",
                    tagged.isEmpty ? ExportContext.gapMark + " none" : tagged.map { c.ref($0.number) }.joined(separator: ", "),
                    "\(tagged.count)",
                ]
            })
        let untagged = inPeriod.filter { $0.evidence.gmpDomains.isEmpty }
        if !untagged.isEmpty {
            md.paragraph("Not tagged with a domain: " + untagged.map { c.ref($0.number) }.joined(separator: ", ") + ".")
        }
    }

    static func checklist(_ c: ExportContext, _ md: inout MarkdownWriter) {
        md.heading(1, "17. Appraisal checklist", id: "s17")
        md.paragraph("What is present and what is missing. ✓ present, \(ExportContext.gapMark) missing.")
        let rules = c.catalog.rules.active(for: .continuingPractice).map(\.rule)
        let creditGuide = rules.first { $0.check == .cpdCredits }?.minimum ?? 50
        var rows: [[String]] = []
        func mark(_ ok: Bool, _ yes: String, _ no: String) -> String { ok ? "✓ " + yes : ExportContext.gapMark + " " + no }
        for type in c.taxonomy.supportingInfoTypes {
            let items = c.plan.entriesInPeriod(ofType: type.id)
            let status: String
            switch SupportingInfoStatus(c, type: type.id) {
            case .present: status = "✓ present"
            case .heldPrivately: status = SupportingInfoStatus.heldPrivatelyWords
            case .declaredNone: status = "✓ declared none"
            case .missing: status = ExportContext.gapMark + " missing this year"
            }
            rows.append([
                MarkdownEscaping.cell(type.label), status,
                items.isEmpty ? "section \(section(ofType: type.id))" : items.map { c.ref($0.number) }.joined(separator: ", "),
            ])
        }
        let credits = c.cpdCreditsInPeriod
        rows.append([
            "CPD credits (guide: \(ExportContext.number(creditGuide)) a year)",
            mark(credits >= creditGuide, ExportContext.number(credits), ExportContext.number(credits)), "section 7",
        ])
        for (kind, type) in feedbackKinds(c.taxonomy) {
            let years = rules.first { $0.check == .kindInWindow && $0.kind == kind && ($0.windowYears ?? 1) > 1 }?.windowYears ?? 5
            let windowStart = c.period.end.adding(years: -years).adding(days: 1)
            let latest = c.plan.latest(kind: kind, type: type)
            let inWindow = latest.map { $0.evidence.date >= windowStart && $0.evidence.date <= c.period.end } ?? false
            rows.append([
                "\(c.kindCell(kind)) in the last \(years) years", mark(inWindow, "present", "missing"),
                latest.map { "latest " + c.ref($0.number) + ", " + ExportContext.short($0.evidence.date) } ?? "section 10",
            ])
        }
        let previous = c.portfolio.previousPdp
        let unreviewed = previous.filter { goal in
            !(goal.status == .achieved || goal.status == .carriedForward || goal.status == .dropped)
                || goal.reviewNote.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        rows.append([
            "Last year's PDP reviewed",
            previous.isEmpty
                ? "– no goals recorded" : mark(unreviewed.isEmpty, "all \(previous.count) reviewed", "\(unreviewed.count) of \(previous.count) not reviewed"),
            "section 6",
        ])
        rows.append(["Scope of work", mark(!c.profile.scopeOfWork.isEmpty, "present", "missing"), "section 4"])
        func filled(_ text: String) -> Bool { !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        rows.append(["Probity statement", mark(filled(c.profile.probityStatement), "present", "missing"), "section 13"])
        rows.append(["Health statement", mark(filled(c.profile.healthStatement), "present", "missing"), "section 13"])
        let rated = c.framework.elements.filter { (c.portfolio.ratings[c.framework.link($0.id)]?.level ?? 0) > 0 }.count
        rows.append([
            "Self-ratings of the MLCF elements",
            mark(rated == c.framework.elements.count, "\(rated) of \(c.framework.elements.count)", "\(rated) of \(c.framework.elements.count)"), "section 15",
        ])
        let covered = c.framework.domains.map(c.coverage.elementsCovered(in:)).reduce(0, +)
        rows.append([
            "MLCF elements with evidence this year",
            mark(covered == c.framework.elements.count, "\(covered) of \(c.framework.elements.count)", "\(covered) of \(c.framework.elements.count)"),
            "section 15",
        ])
        rows.append([
            "Proposed PDP for next year", mark(!c.portfolio.pdp.isEmpty, ExportContext.plural(c.portfolio.pdp.count, "goal"), "no goals yet"),
            "[proposed plan](#proposed-pdp)",
        ])
        md.table(["What", "Status", "Where"], widths: [42, 24, 34], rows: rows)
        c.writeReadinessFindings(level: 2, into: &md)
    }
}
