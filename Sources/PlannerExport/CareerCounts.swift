import PlannerModel

/// The career in counts: items dated outside this period appear as one small table of how
/// many there were each year (and of each GMC type), never one by one, so a doctor's
/// thirty years of evidence cost the appraiser one table rather than thirty pages. Only the
/// items the document refers to (the latest feedback of each kind) are listed, numbered on
/// from this period's.
extension ExportContext {
    /// The column heading of a supporting-information type in a narrow count column.
    static func shortTypeName(_ type: Taxonomy.SupportingInfoType) -> String {
        switch type.id {
        case "cpd": return "CPD"
        case "quality-improvement": return "QI"
        case "significant-events": return "Significant events"
        case "colleague-feedback": return "Colleague feedback"
        case "patient-feedback": return "Patient feedback"
        case "complaints-compliments": return "Complaints or compliments"
        default: return MarkdownEscaping.cell(type.label)
        }
    }

    /// The appraisal year before this period that a date falls in, as "2019-20", or "after
    /// this period" for a date after it; with a key that sorts the latest first.
    func yearOf(_ date: CalendarDate) -> (key: Int, label: String) {
        if date > period.end { return (Int.min, "After this period") }
        var back = max(1, period.start.year - date.year)
        while period.start.adding(years: -back) > date { back += 1 }
        while back > 1 && period.start.adding(years: -(back - 1)) <= date { back -= 1 }
        let year = Period(start: period.start.adding(years: -back), end: period.end.adding(years: -back))
        return (back, year.yearLabel)
    }

    /// Widths (in per cent, adding up to `total`) in proportion to each heading's longest word,
    /// at least 6 characters' worth, so no heading has to break inside a word.
    static func columnWidths<Headings: Collection<String>>(_ headings: Headings, total: Int) -> [Int] {
        let weights = headings.map { heading in max(6, heading.split(separator: " ").map(\.count).max() ?? 0) }
        let sum = weights.reduce(0, +)
        guard sum > 0 else { return [] }
        var widths = weights.map { $0 * total / sum }
        // What rounding down left over goes to the widest columns first.
        for index in weights.indices.sorted(by: { weights[$0] > weights[$1] }).prefix(total - widths.reduce(0, +)) { widths[index] += 1 }
        return widths
    }

    func writeOtherPeriods(into md: inout MarkdownWriter) {
        let outside = (0..<plan.count).map(plan.entry(atPosition:)).filter { !$0.inPeriod }
        guard !outside.isEmpty else { return }
        let byType = portfolio.stage == .continuingPractice
        let types = byType ? taxonomy.supportingInfoTypes : []
        struct Row { var label = ""; var items = 0; var privateItems = 0; var perType: [Int] = [] }
        var rows: [Int: Row] = [:]
        for entry in outside {
            let item = entry.evidence
            let (key, label) = yearOf(item.date)
            var row = rows[key] ?? Row(label: label, perType: Array(repeating: 0, count: types.count))
            row.items += 1
            if item.isPrivate { row.privateItems += 1 }
            let own = item.supportingInfoTypes(taxonomy)
            for (column, type) in types.enumerated() where own.contains(type.id) { row.perType[column] += 1 }
            rows[key] = row
        }
        let chosen = plan.count(at: .chosen)
        md.paragraph(
            (chosen == 0 ? "Counted, not listed: " : "Counted (the \(chosen) brought forward above among them): ")
                + "\(ExportContext.plural(outside.count, "item")) dated outside this period, "
                + "by \(portfolio.stage == .continuingPractice ? "appraisal year" : "year") (latest first)"
                + (byType ? "; an item can count for more than one type." : "."))
        var header = ["Year"] + types.map(ExportContext.shortTypeName) + ["Items", "Private"]
        if header.count == 3 { header = ["Year", "Items", "Of which private"] }
        // The type columns share 72% by the longest word of each heading, so "Significant" and
        // "compliments" fit whole at 8.5 pt: an even share broke "Complaint-s" mid-word.
        let widths = types.isEmpty ? [40, 30, 30] : [10] + ExportContext.columnWidths(header.dropFirst().prefix(types.count), total: 72) + [9, 9]
        let body = rows.keys.sorted().map { key -> [String] in
            let row = rows[key]!
            return [row.label] + row.perType.map(String.init) + ["\(row.items)", "\(row.privateItems)"]
        }
        md.table(header, widths: widths, rows: body)
        let listed = plan.entries(at: .otherPeriod)
        guard !listed.isEmpty else { return }
        md.paragraph("Brought forward, because the feedback the GMC expects once in each revalidation cycle is older than this year:")
        // A bracketed span carries the anchor that references to this item link to.
        md.table(
            ["No.", "Date", "Title", "Kind", "Shows"], widths: [6, 13, 35, 18, 28],
            rows: listed.map { entry in
                ["[E\(entry.number)]{#e\(entry.number)}"] + briefCells(entry.evidence)
            })
    }
}
