import PlannerModel

/// The coverage matrix (5 domains × 4 elements: evidence counts and self-ratings, gaps
/// marked ✗ so they show without colour) and the self-rating profile beside last period's.
extension ExportContext {
    static let gapMark = "✗"

    func writeCoverageMatrix(into md: inout MarkdownWriter) {
        let columns = framework.domains.map(\.elements.count).max() ?? 4
        md.paragraph(
            "Each cell shows the evidence items for one element: the number in this period, the number "
                + "over all time in brackets, then the \(person)'s self-rating out of \(framework.scale.count) (– means not yet rated). "
                + columnExample + "**\(ExportContext.gapMark)** marks a gap: no evidence in this period. "
                + "An item counts once for each element and domain it shows, so the domain totals add up to more than "
                + "the number of items, which is in the last row.")
        let elementWidth = 52 / max(1, columns)
        var header = ["Domain"]
        header += (1...columns).map { "Element \($0)" }
        header += ["Domain total", "Elements covered"]
        var rows: [[String]] = []
        for domain in framework.domains {
            var row = ["**\(domain.id)** " + MarkdownEscaping.cell(domain.name)]
            for slot in 0..<columns {
                guard slot < domain.elements.count else { row.append(""); continue }
                let element = domain.elements[slot]
                let count = coverage.element(element.id)
                let level = portfolio.ratings[framework.link(element.id)]?.level ?? 0
                let rating = level == 0 ? "–" : "\(level)/\(framework.scale.count)"
                row.append((count.inPeriod == 0 ? ExportContext.gapMark + " " : "") + "\(count.inPeriod) (\(count.allTime)) · \(rating)")
            }
            let total = coverage.domain(domain.id)
            row.append((total.inPeriod == 0 ? ExportContext.gapMark + " " : "") + "\(total.inPeriod) (\(total.allTime))")
            row.append("\(coverage.elementsCovered(in: domain)) of \(domain.elements.count)")
            rows.append(row)
        }
        let covered = framework.domains.map(coverage.elementsCovered(in:)).reduce(0, +)
        var totalRow = ["**All domains**"] + Array(repeating: "", count: columns)
        totalRow += ["**\(coverage.evidenceInPeriod) (\(coverage.evidenceTotal))**", "**\(covered) of \(framework.elements.count)**"]
        rows.append(totalRow)
        md.table(header, widths: [26] + Array(repeating: elementWidth, count: columns) + [11, 11], rows: rows)

        let gaps = framework.elements.indices.filter { coverage.element(framework.elements[$0].id).inPeriod == 0 }
        var totals =
            "**Totals:** \(ExportContext.plural(coverage.evidenceInPeriod, "evidence item")) in this period, "
            + "\(coverage.evidenceTotal) over all time; \(covered) of \(framework.elements.count) elements have evidence in this period."
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

    /// "Element 2 of domain 3 is element 3.2. ", read from the framework itself; nothing for a
    /// framework whose units sit in no named group.
    private var columnExample: String {
        guard let group = framework.levelNames.group, let domain = framework.domains.dropFirst(2).first ?? framework.domains.last,
            domain.elements.count > 1
        else { return "" }
        let unit = framework.levelNames.unit
        return "\(Framework.capitalised(unit)) 2 of \(group) \(domain.id) is \(unit) \(domain.elements[1].id). "
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
