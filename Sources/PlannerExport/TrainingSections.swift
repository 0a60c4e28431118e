import PlannerModel
import PlannerRules

/// The export for medical students and doctors in training: profile, coverage against
/// the framework, evidence by domain and element, supervisor confirmations, PDP.
enum TrainingSections {
    /// The sections in order.
    static func write(_ c: ExportContext, into md: inout MarkdownWriter) {
        profile(c, &md)
        coverage(c, &md)
        md.heading(1, "Evidence by domain and element", id: "by-element")
        md.paragraph("Each item is printed in full under the first element it shows and referred to by number under the others.")
        evidenceByElement(c, &md, domainLevel: 2)
        let unlinked = c.plan.entries(at: .unlinked)
        if !unlinked.isEmpty {
            md.heading(2, "Evidence not linked to the framework")
            for entry in unlinked { c.writeEntry(entry, level: 3, into: &md) }
        }
        let other = c.plan.count(at: .chosen) + c.plan.count(at: .otherPeriod) + c.plan.count(at: .archived)
        c.writeBroughtForward(level: 2, into: &md)
        if other > 0 {
            md.heading(2, "Evidence from other periods")
            c.writeOtherPeriods(into: &md)
        }
        confirmations(c, &md)
        developmentPlan(c, &md)
        c.writeReadinessFindings(level: 1, into: &md)
        c.writeSignOff(into: &md)
    }

    static func coverage(_ c: ExportContext, _ md: inout MarkdownWriter) {
        md.heading(1, "Coverage against the framework", id: "coverage")
        md.paragraph(
            "How the evidence of this period spreads over the \(MarkdownEscaping.inline(c.framework.title)): "
                + "\(ExportContext.shapeInWords(c.framework)).")
        md.heading(2, "Coverage matrix")
        c.writeCoverageMatrix(into: &md)
        md.heading(2, "Self-rating profile", id: "ratings")
        c.writeSelfRatingProfile(into: &md)
        c.writeOtherFrameworks(into: &md, level: 2)
    }

    static func profile(_ c: ExportContext, _ md: inout MarkdownWriter) {
        let p = c.profile
        let student = p.stage == .undergraduate
        md.heading(1, "Profile", id: "profile", newPage: true)
        var details = ["**Name:** " + ExportContext.inlineOr(p.name, "not given")]
        if !student || !(p.gmcNumber ?? "").isEmpty {
            details.append("**GMC reference number:** " + ExportContext.inlineOr(p.gmcNumber ?? "", "not given"))
        }
        details += [
            "**\(student ? "Year" : "Grade"):** " + ExportContext.inlineOr(p.grade, "not given"),
            "**\(student ? "Course" : "Specialty"):** " + ExportContext.inlineOr(p.specialty, "not given"),
            "**\(student ? "Medical school" : "Organisation"):** " + ExportContext.inlineOr(p.organisation, "not given"),
            "**\(p.stage.reviewerTitle):** " + ExportContext.inlineOr(p.appraiser, "not named yet"),
            "**Review period:** " + ExportContext.long(c.period),
        ]
        md.list(details)
        md.heading(2, student ? "Placements and roles" : "Posts and roles")
        if p.scopeOfWork.isEmpty {
            md.paragraph("*None recorded.*")
        } else {
            md.table(
                ["Role", "Organisation", "Place"], widths: [34, 33, 33],
                rows: p.scopeOfWork.map {
                    [MarkdownEscaping.cell($0.role), MarkdownEscaping.cell($0.organisation), MarkdownEscaping.cell($0.place)]
                })
        }
        if !c.portfolio.history.isEmpty {
            md.heading(2, "Earlier periods")
            md.table(
                ["Period", "Stage", "Grade or year", "Review date", c.profile.stage.reviewerTitle],
                widths: [30, 16, 14, 16, 24],
                rows: c.portfolio.history.map {
                    [
                        ExportContext.short($0.period), $0.stage?.label ?? "–", ExportContext.inlineOr($0.grade ?? "", "–"),
                        $0.appraisalDate.map(ExportContext.short) ?? "–", ExportContext.inlineOr($0.appraiser ?? "", "–"),
                    ]
                })
        }
        md.heading(2, "Achievements, challenges and aspirations")
        for (title, text) in [("Achievements", p.achievements), ("Challenges", p.challenges), ("Aspirations", p.aspirations)] {
            md.paragraph("**\(title).** " + ExportContext.blockOr(text, "Not written."))
        }
        let probity = p.probityStatement.trimmingCharacters(in: .whitespacesAndNewlines)
        let health = p.healthStatement.trimmingCharacters(in: .whitespacesAndNewlines)
        if !probity.isEmpty || !health.isEmpty {
            md.heading(2, "Declarations")
            md.paragraph("The \(c.person)'s own statements.")
            md.paragraph("**Probity.** " + ExportContext.blockOr(probity, "None given."))
            md.paragraph("**Health.** " + ExportContext.blockOr(health, "None given."))
        }
    }

    /// Domain and element headings with the evidence of the period under each element:
    /// the full entry where the plan puts it, a one-line reference everywhere else.
    static func evidenceByElement(_ c: ExportContext, _ md: inout MarkdownWriter, domainLevel: Int) {
        for domain in c.framework.domains {
            md.heading(domainLevel, "\(domain.id) " + MarkdownEscaping.heading(domain.name), id: "d\(domain.id)")
            md.paragraph("*" + MarkdownEscaping.inline(domain.summary) + "*")
            for element in domain.elements {
                let position = c.framework.position(ofElement: element.id)!
                md.heading(
                    domainLevel + 1, "\(element.id) " + MarkdownEscaping.heading(element.name), id: "el" + element.id.replacingOccurrences(of: ".", with: "-"))
                let entries = c.entriesInPeriod(linkedTo: element.id)
                let earlier = c.coverage.element(element.id).allTime - c.coverage.element(element.id).inPeriod
                let rating = c.portfolio.ratings[c.framework.link(element.id)]?.level ?? 0
                var status =
                    entries.isEmpty ? "\(ExportContext.gapMark) No evidence in this period" : ExportContext.plural(entries.count, "item") + " in this period"
                if earlier > 0 { status += ", \(earlier) from other periods" }
                status +=
                    rating == 0 ? "; not yet self-rated." : "; self-rated \(rating) (\(MarkdownEscaping.inline(c.framework.ratingLabel(rating).lowercased())))."
                md.paragraph(status)
                c.writeReferences(entries.filter { $0.home != .element(element.id) }, under: position, into: &md)
                for entry in entries where entry.home == .element(element.id) {
                    c.writeEntry(entry, level: domainLevel + 2, into: &md)
                }
            }
        }
    }

    static func confirmations(_ c: ExportContext, _ md: inout MarkdownWriter) {
        md.heading(1, "Supervisor confirmations", id: "confirmations")
        let inPeriod = c.plan.inPeriodEntries
        let confirmed = inPeriod.filter { !($0.evidence.confirmation?.name ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        md.paragraph(
            "Evidence of this period that a supervisor, tutor or other colleague has confirmed: "
                + "\(confirmed.count) of \(inPeriod.count).")
        if !confirmed.isEmpty {
            md.table(
                ["No.", "Evidence", "Confirmed by", "Role", "Date"], widths: [7, 38, 20, 21, 14],
                rows: confirmed.map { entry in
                    let confirmation = entry.evidence.confirmation!
                    return [
                        c.ref(entry.number), ExportContext.inlineOr(entry.evidence.title, "untitled"), MarkdownEscaping.cell(confirmation.name),
                        ExportContext.inlineOr(confirmation.role, "–"), confirmation.date.map(ExportContext.short) ?? "–",
                    ]
                })
        }
        let confirmedNumbers = Set(confirmed.map(\.number))
        let unconfirmed = inPeriod.filter { !confirmedNumbers.contains($0.number) }
        if !unconfirmed.isEmpty {
            md.paragraph("\(ExportContext.gapMark) Not yet confirmed: " + unconfirmed.map { c.ref($0.number) }.joined(separator: ", ") + ".")
        }
    }

    static func developmentPlan(_ c: ExportContext, _ md: inout MarkdownWriter) {
        md.heading(1, "Personal development plan", id: "pdp")
        if !c.portfolio.previousPdp.isEmpty {
            // The planner's names for the two lists (`GoalList`), so the document and the PDP tab agree.
            md.heading(2, GoalList.thisYear.title)
            for goal in c.portfolio.previousPdp { c.writeGoal(goal, level: 3, reviewed: true, into: &md) }
        }
        md.heading(2, GoalList.proposed.title, id: "proposed-pdp")
        md.paragraph("Goals for \(ExportContext.long(c.period.next)).")
        if c.portfolio.pdp.isEmpty { md.paragraph("\(ExportContext.gapMark) *No goals yet.*") }
        for goal in c.portfolio.pdp { c.writeGoal(goal, level: 3, reviewed: false, into: &md) }
    }
}
