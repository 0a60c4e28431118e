import PlannerModel

/// The coverage matrix (one row per element: evidence counts and self-rating, gaps
/// shaded and marked ✗ so they show without colour) and the self-rating profile beside last period's.
extension ExportContext {
    static let gapMark = "✗"

    /// A gap in a table cell: shaded by the stylesheet and marked ✗, so it reads in greyscale too.
    static func gapCell(_ text: String) -> String { "[\(gapMark) \(text)]{.\(ExportStyle.gapClass)}" }

    /// One row per element, under its domain's row: the items of this period, the items over
    /// all time and the self-rating, each one figure in its own column.
    func writeCoverageMatrix(into md: inout MarkdownWriter) {
        let unit = framework.levelNames.unit
        md.paragraph(
            "For each \(unit), the evidence items of this period and over all time, and the \(person)'s self-rating out of "
                + "\(framework.scale.count) (– not yet rated). A shaded **\(ExportContext.gapMark)** marks a gap: no evidence in this period. "
                + "An item counts once for each \(unit) it shows.")
        var rows: [[String]] = []
        for domain in framework.domains {
            rows.append([
                "**\(domain.id) " + MarkdownEscaping.cell(domain.name) + "** (\(coverage.elementsCovered(in: domain)) of \(domain.elements.count) covered)",
                "", "", "",
            ])
            for element in domain.elements {
                let count = coverage.element(element.id)
                let level = portfolio.ratings[framework.link(element.id)]?.level ?? 0
                rows.append([
                    elementLabels[framework.position(ofElement: element.id)!],
                    count.inPeriod == 0 ? ExportContext.gapCell("0") : "\(count.inPeriod)", "\(count.allTime)",
                    level == 0 ? "–" : "\(level)",
                ])
            }
        }
        let covered = framework.domains.map(coverage.elementsCovered(in:)).reduce(0, +)
        rows.append(["**All**", "**\(coverage.evidenceInPeriod)**", "**\(coverage.evidenceTotal)**", ""])
        md.table(
            [Framework.capitalised(unit), "This period", "All time", "Self-rating"], widths: [58, 14, 14, 14], rows: rows)

        let gaps = framework.elements.indices.filter { coverage.element(framework.elements[$0].id).inPeriod == 0 }
        var totals =
            "**Totals:** \(ExportContext.plural(coverage.evidenceInPeriod, "evidence item")) in this period, "
            + "\(coverage.evidenceTotal) over all time; \(covered) of \(framework.elements.count) \(Framework.plural(unit)) have evidence in this period."
        if gaps.isEmpty {
            totals += " No gaps."
        } else {
            totals += " \(ExportContext.gapMark) Gaps: " + gaps.map { elementLabels[$0] }.joined(separator: "; ") + "."
        }
        md.paragraph(totals)
    }

    func writeSelfRatingProfile(into md: inout MarkdownWriter) {
        let last = lastPeriodWithRatings
        let scale = "The \(person)'s own rating of each \(framework.levelNames.unit): \(ExportContext.scaleInTheirWords(framework)). "
        if let last {
            md.paragraph(scale + "*Last period* is \(ExportContext.long(last.period)).")
        } else {
            md.paragraph(scale + "There is no earlier rating to compare with.")
        }
        var header = ["Element", "This period"]
        var widths = last == nil ? [44, 40] : [32, 24]
        if last != nil { header += ["Last period", "Change"]; widths += [24, 10] }
        header.append("Evidence"); widths.append(last == nil ? 16 : 10)
        var rows: [[String]] = []
        for domain in framework.domains {
            rows.append(["**\(domain.id) " + MarkdownEscaping.cell(domain.name) + "**"] + Array(repeating: "", count: header.count - 1))
            for element in domain.elements {
                let now = portfolio.ratings[framework.link(element.id)]?.level ?? 0
                var row = [elementLabels[framework.position(ofElement: element.id)!], ratingCell(now)]
                if let last {
                    let before = last.ratings[framework.link(element.id)]?.level ?? 0
                    row.append(ratingCell(before))
                    row.append(change(from: before, to: now))
                }
                let count = coverage.element(element.id)
                row.append((count.inPeriod == 0 ? ExportContext.gapMark + " " : "") + "\(count.inPeriod) (\(count.allTime))")
                rows.append(row)
            }
        }
        md.table(header, widths: widths, rows: rows)
        let notes = framework.elements.enumerated().compactMap { position, element -> String? in
            guard let note = portfolio.ratings[framework.link(element.id)]?.note, !MarkdownEscaping.inline(note).isEmpty else { return nil }
            return "**" + elementLabels[position] + ":** " + MarkdownEscaping.inline(note)
        }
        if !notes.isEmpty {
            md.paragraph("The \(person)'s notes on their ratings:")
            md.list(notes)
        }
    }

    private func ratingCell(_ level: Int) -> String {
        level == 0 ? "– not yet rated" : "\(level) " + MarkdownEscaping.cell(framework.ratingLabel(level))
    }

    /// The scale as an appraiser reads it about the doctor: "1 not yet demonstrated, 2
    /// developing, …, 4 excellent or beyond their stage" (the labels are in the doctor's words).
    static func scaleInTheirWords(_ framework: Framework) -> String {
        framework.scale.enumerated().map { index, label in
            let words = label.lowercased().replacingOccurrences(of: " / ", with: " or ").replacingOccurrences(of: "my ", with: "their ")
            return "\(index + 1) \(MarkdownEscaping.inline(words))"
        }.joined(separator: ", ")
    }

    /// "↑ +1", "↓ −1", "=", or blank when either side is unrated.
    private func change(from before: Int, to now: Int) -> String {
        guard before > 0, now > 0 else { return "" }
        if now == before { return "=" }
        return now > before ? "↑ +\(now - before)" : "↓ −\(before - now)"
    }
}
