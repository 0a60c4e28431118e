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

    var cpdCreditsInPeriod: Double { plan.creditsInPeriod }

    /// The doctor's text with each evidence id they typed ("see cp-07") replaced by the
    /// number the document gives the item ("see E7"), or by "an earlier item" when it is not
    /// listed: the reader never meets an internal id.
    func withEvidenceNumbers(_ text: String) -> String {
        guard text.contains(where: \.isNumber) else { return text }
        var out = "", token = ""
        func flush() {
            if !token.isEmpty, token.contains(where: \.isNumber), let entry = plan.entry(forID: token) {
                out += entry.home == .archived ? "an earlier item" : "E\(entry.number)"
            } else {
                out += token
            }
            token = ""
        }
        for character in text {
            if character.isLetter || character.isNumber || character == "-" || character == "_" {
                token.append(character)
            } else {
                flush()
                out.append(character)
            }
        }
        flush()
        return out
    }

    /// One PDP goal: heading, then what, why, how, measure, when and (for last period's) the review.
    func writeGoal(_ goal: Goal, level: Int, reviewed: Bool, into md: inout MarkdownWriter) {
        let title = MarkdownEscaping.heading(goal.title)
        md.heading(level, title.isEmpty ? "*Untitled goal*" : title)
        var facts = [
            "**Status:** " + MarkdownEscaping.inline(taxonomy.label(of: goal.status)) + " · **Target date:** "
                + (goal.targetDate.map(ExportContext.long) ?? "not set")
        ]
        facts.append("**Linked to:** " + linkSummary(goal.links))
        facts.append("**Why:** " + ExportContext.inlineOr(withEvidenceNumbers(goal.why), "not written"))
        facts.append("**How (activities):** " + ExportContext.inlineOr(withEvidenceNumbers(goal.activities), "not written"))
        facts.append("**How I will know (measure):** " + ExportContext.inlineOr(withEvidenceNumbers(goal.measure), "not written"))
        if reviewed || !goal.reviewNote.isEmpty {
            facts.append("**Review:** " + ExportContext.inlineOr(withEvidenceNumbers(goal.reviewNote), "not reviewed yet"))
        }
        md.list(facts)
    }

    /// The page the appraiser, supervisor or tutor fills in: boxes to write in and signatures.
    func writeSignOff(into md: inout MarkdownWriter) {
        let who = profile.stage.reviewerTitle
        // No forced page break: each box stays whole with its heading (`.keep`), so the part
        // starts where the plan ends rather than after a near-empty page.
        let boxes: [(title: String, note: String?)]
        switch profile.stage {
        case .continuingPractice:
            md.heading(1, "For the appraiser: sections 18 to 20", id: "sign-off")
            md.paragraph("*To be completed by the appraiser at or after the appraisal meeting.*")
            boxes = [
                (
                    "Agreed personal development plan (section 18)",
                    "The doctor's proposed plan is in the previous section. Record here any changes agreed at the meeting."
                ),
                ("Summary of the appraisal discussion (section 19)", nil), ("Appraisal outputs (section 20)", nil),
            ]
        case .postgraduate, .undergraduate:
            md.heading(1, "For the \(who.lowercased())", id: "sign-off")
            md.paragraph("*To be completed by the \(who.lowercased()) after reviewing this portfolio with the \(person).*")
            boxes = [("Comments on the leadership evidence", nil), ("Agreed actions and changes to the plan", nil)]
        }
        for box in boxes {
            md.div(ExportStyle.keepClass) { inner in
                inner.heading(2, box.title)
                if let note = box.note { inner.paragraph(note) }
                inner.writeInBox()
            }
        }
        let doctor = person.prefix(1).uppercased() + person.dropFirst()
        md.div(ExportStyle.keepClass) { inner in
            if profile.stage == .continuingPractice {
                inner.heading(2, "The doctor's declaration before the meeting")
                inner.paragraph(
                    "I confirm that this document is accurate to the best of my knowledge, that it holds no information "
                        + "that identifies a patient, and that I have declared everything I should about my probity and health.")
            }
            inner.heading(2, "Signatures")
            inner.div(ExportStyle.signOffClass) { table in
                table.table(
                    ["Role", "Name", "Signature", "Date"], widths: [18, 32, 32, 18],
                    rows: [
                        [who, MarkdownEscaping.cell(profile.appraiser), "", ""],
                        [doctor, MarkdownEscaping.cell(profile.name), "", ""],
                    ])
            }
        }
    }
}
