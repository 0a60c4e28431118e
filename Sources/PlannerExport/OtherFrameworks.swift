import PlannerModel
import PlannerRules

/// The portfolio's further frameworks (the first one organises the document): for each, one
/// table of its rated items with their evidence and the doctor's rating on its own scale.
extension ExportContext {
    func writeOtherFrameworks(into md: inout MarkdownWriter, level: Int) {
        for other in otherFrameworks {
            let coverage = Coverage(portfolio: portfolio, framework: other)
            let unit = other.levelNames.unit
            md.heading(level, "Also mapped to the " + MarkdownEscaping.inline(other.title))
            md.paragraph(
                "The same evidence seen through the \(MarkdownEscaping.inline(other.title)): \(ExportContext.shapeInWords(other)). "
                    + "Each row gives the evidence items for one \(unit): the number in this period, the number over all time in brackets, "
                    + "and the \(person)'s self-rating: \(ExportContext.scaleInTheirWords(other)). \(ExportContext.gapMark) marks a gap.")
            var rows: [[String]] = []
            var notes: [String] = []
            for element in other.elements {
                let count = coverage.element(element.id)
                let rating = portfolio.ratings[other.link(element.id)]
                let level = rating?.level ?? 0
                let label = "\(element.id) " + MarkdownEscaping.cell(element.name)
                rows.append([
                    label, (count.inPeriod == 0 ? ExportContext.gapMark + " " : "") + "\(count.inPeriod) (\(count.allTime))",
                    level == 0 ? "– not yet rated" : "\(level) " + MarkdownEscaping.cell(other.ratingLabel(level)),
                ])
                if let note = rating?.note, !MarkdownEscaping.inline(note).isEmpty { notes.append("**\(label):** " + MarkdownEscaping.inline(note)) }
            }
            md.table([Framework.capitalised(unit), "Evidence", "Self-rating"], widths: [44, 14, 30], rows: rows)
            if !notes.isEmpty {
                md.paragraph("The \(person)'s notes on these ratings:")
                md.list(notes)
            }
        }
    }

    /// "five domains, each with four elements"; "nine dimensions": a framework's shape in words.
    static func shapeInWords(_ framework: Framework) -> String {
        let names = framework.levelNames
        let units = framework.domains.map(\.elements.count)
        guard let group = names.group else { return "\(spelled(framework.elements.count)) \(Framework.plural(names.unit))" }
        let groups = "\(spelled(framework.domains.count)) \(Framework.plural(group))"
        if let first = units.first, units.allSatisfy({ $0 == first }) {
            return groups + ", each with \(spelled(first)) \(first == 1 ? names.unit : Framework.plural(names.unit))"
        }
        return groups + " of \(spelled(framework.elements.count)) \(Framework.plural(names.unit)) in all"
    }

    static func spelled(_ n: Int) -> String {
        let words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
        return words.indices.contains(n) ? words[n] : "\(n)"
    }
}
