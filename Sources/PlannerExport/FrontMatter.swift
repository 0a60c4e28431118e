import PlannerModel

/// The parts every stage shares: the YAML title block, the first page, PDP goals and the
/// sign-off page.
extension ExportContext {
    var documentTitle: String {
        switch profile.stage {
        case .continuingPractice: return "Appraisal portfolio"
        case .postgraduate: return "Training portfolio"
        case .undergraduate: return "Medical student portfolio"
        }
    }

    /// The metadata block pandoc uses for the title page: title, author (the doctor),
    /// date, and the stage and period as fields of their own for anyone processing it.
    func writeMetadata(into md: inout MarkdownWriter) {
        let name = profile.name.trimmingCharacters(in: .whitespacesAndNewlines)
        let title = name.isEmpty ? documentTitle : "\(documentTitle): \(name)"
        let lines = [
            "---",
            "title: " + MarkdownEscaping.yaml(title),
            "subtitle: " + MarkdownEscaping.yaml("Medical leadership (MLCF) · \(profile.stage.label) · \(ExportContext.long(period))"),
            "author: " + MarkdownEscaping.yaml(name.isEmpty ? "Name not given" : name),
            "date: " + MarkdownEscaping.yaml(ExportContext.long(date)),
            "lang: en-GB",
            "stage: " + MarkdownEscaping.yaml(profile.stage.rawValue),
            "period: " + MarkdownEscaping.yaml("\(period.start) to \(period.end)"),
            "reviewer: " + MarkdownEscaping.yaml(profile.appraiser),
            ExportStyle.headerIncludes,
            "---",
        ]
        md.raw(lines.joined(separator: "\n"))
    }

    /// The first page: who, for whom, how ready, the key figures and how to read the rest.
    func writeAbout(into md: inout MarkdownWriter) {
        md.heading(1, "About this document", id: "about")
        let name = ExportContext.inlineOr(profile.name, "the \(person)")
        let reviewerName = MarkdownEscaping.inline(profile.appraiser)
        let forWhom = reviewerName.isEmpty ? "their \(reviewer)" : "**\(reviewerName)** (\(reviewer))"
        let layout: String
        switch profile.stage {
        case .continuingPractice:
            layout =
                "It follows the order of the appraisal form (sections 3 to 17), with the Medical Leadership Competency "
                + "Framework (MLCF) in section 15, then the proposed personal development plan and a page for the appraiser to sign off."
        case .postgraduate, .undergraduate:
            layout =
                "It shows the \(person)'s leadership evidence against the Medical Leadership Competency Framework (MLCF): "
                + "profile, coverage against the framework, evidence by domain and element, supervisor confirmations, "
                + "the personal development plan, and a page for the \(reviewer) to sign off."
        }
        md.paragraph("Prepared by **\(name)** for \(forWhom) from the \(person)'s own portfolio. " + layout)
        md.paragraph(readinessSentence + " The findings are listed in full under [Readiness](#readiness).")

        var figures = [
            "**Review period:** " + ExportContext.long(period) + " (\(MarkdownEscaping.inline(taxonomy.stage(profile.stage)?.period ?? profile.stage.label)))"
        ]
        let covered = framework.domains.map(coverage.elementsCovered(in:)).reduce(0, +)
        figures.append(
            "**Evidence:** \(ExportContext.plural(coverage.evidenceInPeriod, "item")) in this period, \(coverage.evidenceTotal) over all time; "
                + "\(covered) of \(framework.elements.count) elements have evidence in this period.")
        figures += CPDBlock.lines(for: portfolio, taxonomy: taxonomy)
        if !plan.privateNumbers.isEmpty {
            let refs = plan.privateNumbers.map(ref).joined(separator: ", ")
            if options.includePrivate {
                figures.append("**Private items (\(refs)):** printed in full, because this is the \(person)'s own copy. Do not share it.")
            } else {
                figures.append(
                    "**Private items (\(refs)):** they count towards coverage, but only their title, kind, date and links are shown; "
                        + "the reflection is held privately by the \(person).")
            }
        }
        md.list(figures)
        let count = plan.count
        let numbering =
            count == 0
            ? "There is no evidence yet."
            : "Evidence items are numbered E1 to E\(count) and printed in full once; everywhere else they are referred to by number."
        md.paragraph(
            "**How to read it.** \(numbering) \(ExportContext.gapMark) marks something missing, ✓ something present. "
                + "Self-ratings go from 1 (not yet demonstrated) to 4 (excellent or beyond the \(person)'s stage).")
        writeFlagged(level: 2, into: &md)
    }

    var cpdCreditsInPeriod: Double { plan.creditsInPeriod }

    /// One PDP goal: heading, then what, why, how, measure, when and (for last period's) the review.
    func writeGoal(_ goal: Goal, level: Int, reviewed: Bool, into md: inout MarkdownWriter) {
        let title = MarkdownEscaping.heading(goal.title)
        md.heading(level, title.isEmpty ? "*Untitled goal*" : title)
        var facts = [
            "**Status:** " + MarkdownEscaping.inline(taxonomy.label(of: goal.status)) + " · **Target date:** "
                + (goal.targetDate.map(ExportContext.long) ?? "not set")
        ]
        facts.append("**Linked to:** " + linkSummary(goal.links))
        facts.append("**Why:** " + ExportContext.inlineOr(goal.why, "not written"))
        facts.append("**How (activities):** " + ExportContext.inlineOr(goal.activities, "not written"))
        facts.append("**How I will know (measure):** " + ExportContext.inlineOr(goal.measure, "not written"))
        if reviewed || !goal.reviewNote.isEmpty {
            facts.append("**Review:** " + ExportContext.inlineOr(goal.reviewNote, "not reviewed yet"))
        }
        md.list(facts)
    }

    /// The page the appraiser, supervisor or tutor fills in: boxes to write in and signatures.
    func writeSignOff(into md: inout MarkdownWriter) {
        let who = profile.stage.reviewerTitle
        switch profile.stage {
        case .continuingPractice:
            md.heading(1, "For the appraiser: sections 18 to 20", id: "sign-off", newPage: true)
            md.paragraph("*To be completed by the appraiser at or after the appraisal meeting.*")
            md.heading(2, "Agreed personal development plan (section 18)")
            md.paragraph("The doctor's proposed plan is in the previous section. Record here any changes agreed at the meeting.")
            md.div(ExportStyle.writeInClass) { _ in }
            md.heading(2, "Summary of the appraisal discussion (section 19)")
            md.div(ExportStyle.writeInClass) { _ in }
            md.heading(2, "Appraisal outputs (section 20)")
            md.div(ExportStyle.writeInClass) { _ in }
        case .postgraduate, .undergraduate:
            md.heading(1, "For the \(who.lowercased())", id: "sign-off", newPage: true)
            md.paragraph("*To be completed by the \(who.lowercased()) after reviewing this portfolio with the \(person).*")
            md.heading(2, "Comments on the leadership evidence")
            md.div(ExportStyle.writeInClass) { _ in }
            md.heading(2, "Agreed actions and changes to the plan")
            md.div(ExportStyle.writeInClass) { _ in }
        }
        md.heading(2, "Signatures")
        let doctor = person.prefix(1).uppercased() + person.dropFirst()
        md.div(ExportStyle.signOffClass) { inner in
            inner.table(
                ["Role", "Name", "Signature", "Date"], widths: [18, 32, 32, 18],
                rows: [
                    [who, MarkdownEscaping.cell(profile.appraiser), "", ""],
                    [doctor, MarkdownEscaping.cell(profile.name), "", ""],
                ])
        }
    }
}
