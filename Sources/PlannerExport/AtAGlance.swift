import PlannerModel
import PlannerRules

/// Page 1, "at a glance": everything an appraiser looks for first (who, which year, the
/// dates, the verdict, the six types of supporting information, CPD, last year's plan,
/// coverage and what to talk about), so nothing has to be hunted for in the pages after.
extension ExportContext {
    /// "Dr Siân Evans · GMC 1234567 · 1 Apr 2024 to 31 Mar 2025": the line the stylesheet
    /// repeats at the top of every page (`string-set`), so a loose page still says whose it is.
    var runningHead: String {
        var parts = [ExportContext.inlineOr(profile.name, "Name not given")]
        if let gmc = profile.gmcNumber, !PlainText.isBlank(gmc) {
            parts.append("GMC " + MarkdownEscaping.inline(gmc))
        } else if profile.stage != .undergraduate {
            parts.append("GMC number not given")
        }
        parts.append(ExportContext.short(period))
        return parts.joined(separator: " · ")
    }

    func writeAtAGlance(into md: inout MarkdownWriter) {
        md.div(ExportStyle.runningHeadClass) { $0.paragraph(runningHead) }
        md.heading(1, "At a glance", id: "glance")
        md.list(whoLines)
        md.paragraph(readinessSentence + " The details are under [Readiness](#readiness).")
        if profile.stage == .continuingPractice {
            md.table(
                ["Supporting information this year", "Status", "Where"], widths: [40, 34, 26],
                rows: taxonomy.supportingInfoTypes.map { type in
                    let items = plan.entriesInPeriod(ofType: type.id)
                    return [
                        MarkdownEscaping.cell(type.label), statusWords(SupportingInfoStatus(self, type: type.id)),
                        items.isEmpty
                            ? "section \(ContinuingPracticeSections.section(ofType: type.id))"
                            : ExportContext.numberRun(items.map(\.number)),
                    ]
                })
        }
        var figures = CPDBlock.lines(for: portfolio, taxonomy: taxonomy)
        if let plan = lastPlanLine { figures.append(plan) }
        let privateCount = self.plan.inPeriodEntries.filter { $0.evidence.isPrivate }.count
        if privateCount > 0 {
            figures.append(
                options.includePrivate
                    ? "**Private items:** \(privateCount), printed in full because this is the \(person)'s own copy. Do not share it."
                    : "**Private items:** \(privateCount) this period; they count, but only their title, kind, date and links are shown.")
        }
        md.list(figures)
        writeGlanceCoverage(into: &md)
        md.heading(2, "Three things to discuss")
        md.list(Array(discussionPoints.prefix(3)))
        let flagged = report.piiFindings.count
        if flagged > 0 {
            md.paragraph(
                "**Flagged:** \(ExportContext.plural(flagged, "piece")) of text may identify a patient; "
                    + "see [Flagged](#flagged) before this document is shared.")
        }
    }

    /// The words the first page and the checklist use for a type's standing.
    func statusWords(_ status: SupportingInfoStatus) -> String {
        switch status {
        case .present: return "✓ present"
        case .heldPrivately: return SupportingInfoStatus.heldPrivatelyWords
        case .declaredNone: return "✓ declared none"
        case .missing: return ExportContext.gapMark + " missing"
        }
    }

    /// "E1–E4, E7": numbers in order, runs shortened, so a long list stays one line.
    static func numberRun(_ numbers: [Int]) -> String {
        var parts: [String] = []
        var index = 0
        let sorted = numbers.sorted()
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count && sorted[end + 1] == sorted[end] + 1 { end += 1 }
            parts.append(end - index >= 2 ? "E\(sorted[index])–E\(sorted[end])" : (index...end).map { "E\(sorted[$0])" }.joined(separator: ", "))
            index = end + 1
        }
        return parts.joined(separator: ", ")
    }

    private var whoLines: [String] {
        let p = profile
        var lines: [String] = []
        var who = [ExportContext.inlineOr(p.name, "name not given")]
        if let gmc = p.gmcNumber, !PlainText.isBlank(gmc) {
            who.append("GMC number " + MarkdownEscaping.inline(gmc))
        } else if p.stage != .undergraduate {
            who.append("\(ExportContext.gapMark) **GMC number not given**")
        }
        for text in [p.grade, p.specialty] where !PlainText.isBlank(text) { who.append(MarkdownEscaping.inline(text)) }
        lines.append("**\(p.stage == .undergraduate ? "Student" : "Doctor"):** " + who.joined(separator: " · "))
        if p.stage == .continuingPractice {
            lines.append(
                "**Designated body:** " + ExportContext.inlineOr(p.designatedBody ?? "", "not recorded") + " · **Responsible officer:** "
                    + ExportContext.inlineOr(p.responsibleOfficer ?? "", "not recorded"))
        } else if !PlainText.isBlank(p.organisation) {
            lines.append("**\(p.stage == .undergraduate ? "Medical school" : "Organisation"):** " + MarkdownEscaping.inline(p.organisation))
        }
        lines.append("**\(p.stage.reviewerTitle):** " + ExportContext.inlineOr(p.appraiser, "not named yet"))
        var dates = "**\(p.stage == .continuingPractice ? "Appraisal year" : "Period"):** " + ExportContext.long(period)
        if p.stage == .continuingPractice {
            dates += " · **Appraisal meeting:** " + (p.appraisalDate.map(ExportContext.long) ?? "not set")
            dates += " · **Revalidation due:** " + (p.revalidationDate.map(ExportContext.long) ?? "not recorded")
        }
        lines.append(dates)
        return lines
    }

    /// "Last year's plan: 4 goals: 2 achieved, 1 carried forward, 1 dropped."
    private var lastPlanLine: String? {
        let goals = portfolio.previousPdp
        guard !goals.isEmpty else { return profile.stage == .continuingPractice ? "**Last year's plan:** no goals recorded." : nil }
        let counted: [(GoalStatus, String)] = [
            (.achieved, "achieved"), (.carriedForward, "carried forward"), (.replaced, "replaced"), (.dropped, "dropped"),
        ]
        var parts = counted.compactMap { status, words -> String? in
            let n = goals.filter { $0.status == status }.count
            return n == 0 ? nil : "\(n) \(words)"
        }
        let open = goals.filter { !$0.status.isReviewed }.count
        if open > 0 { parts.append("\(open) not yet reviewed") }
        return "**Last year's plan:** \(ExportContext.plural(goals.count, "goal")): " + parts.joined(separator: ", ") + "."
    }

    /// One small table: each domain's elements with evidence this period, then one row per
    /// further framework.
    private func writeGlanceCoverage(into md: inout MarkdownWriter) {
        let group = Framework.capitalised(framework.levelNames.group ?? framework.levelNames.unit)
        var rows = framework.domains.map { domain -> [String] in
            let covered = coverage.elementsCovered(in: domain)
            let mark = covered < domain.elements.count ? ExportContext.gapMark + " " : ""
            return [
                "\(domain.id) " + MarkdownEscaping.cell(domain.name), mark + "\(covered) of \(domain.elements.count)",
                "\(coverage.domain(domain.id).inPeriod)",
            ]
        }
        for other in otherFrameworks {
            let otherCoverage = Coverage(portfolio: portfolio, framework: other)
            let covered = other.elements.filter { otherCoverage.element($0.id).inPeriod > 0 }.count
            rows.append([
                MarkdownEscaping.cell(other.title),
                (covered < other.elements.count ? ExportContext.gapMark + " " : "") + "\(covered) of \(other.elements.count)",
                "",
            ])
        }
        md.table(
            ["\(MarkdownEscaping.cell(framework.id.uppercased())) \(group.lowercased())", "With evidence this period", "Items"],
            widths: [58, 28, 14], rows: rows)
    }

    /// What the appraiser might raise, most pressing first: types held privately, what is
    /// missing, the gaps in coverage, then the doctor's own goals.
    var discussionPoints: [String] {
        var points: [String] = []
        if profile.stage == .continuingPractice {
            for type in taxonomy.supportingInfoTypes {
                switch SupportingInfoStatus(self, type: type.id) {
                case .heldPrivately: points.append(MarkdownEscaping.inline(type.label) + ": held privately, to be discussed at the meeting.")
                case .missing: points.append(MarkdownEscaping.inline(type.label) + ": none this year and no nil return declared.")
                default: break
                }
            }
        }
        let gaps = framework.elements.indices.filter { coverage.element(framework.elements[$0].id).inPeriod == 0 }
        if !gaps.isEmpty {
            let named = gaps.prefix(3).map { elementLabels[$0] }.joined(separator: "; ")
            points.append(
                "No evidence this period for \(ExportContext.plural(gaps.count, framework.levelNames.unit)): \(named)"
                    + (gaps.count > 3 ? "; and others." : "."))
        }
        for goal in portfolio.previousPdp where goal.status == .carriedForward {
            points.append("Carried forward from last year: “" + ExportContext.inlineOr(goal.title, "untitled") + "”.")
        }
        for goal in portfolio.pdp {
            points.append("Proposed goal: “" + ExportContext.inlineOr(goal.title, "untitled") + "”.")
        }
        if points.isEmpty { points.append("The \(person)'s reflections on the year: nothing is missing.") }
        return points
    }

    /// The contents: each part with the page it starts on (the stylesheet fills in the page
    /// numbers with `target-counter`). A page of its own after the full first page of
    /// continuing practice; at the foot of the shorter first page of training, where a page of
    /// its own would be less than a quarter full, unless the flagged list follows it (which
    /// would spill a line or two onto a page of their own).
    func writeContents(_ outline: [(title: String, id: String)], into md: inout MarkdownWriter) {
        let ownPage = profile.stage == .continuingPractice || !report.piiFindings.isEmpty
        md.heading(1, "Contents", id: "contents", newPage: ownPage)
        md.div(ExportStyle.contentsClass) { inner in
            inner.list(outline.map { "[\($0.title)](#\($0.id))" })
        }
        writeFlagged(level: 2, into: &md)
    }
}
