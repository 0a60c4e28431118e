import PlannerModel
import PlannerRules

/// The export's CPD figures: this period's credits and the revalidation cycle's, against the
/// usual guidance, as the dashboard and `mlcf summary` show them (`CPDFigures`). Kept as one
/// small block of list items so the first page can be laid out anew around it.
public enum CPDBlock {
    /// The block's Markdown list items, or none when the taxonomy gives no guidance for the stage.
    public static func lines(for portfolio: Portfolio, taxonomy: Taxonomy) -> [String] {
        CPDFigures.shown(for: portfolio, taxonomy: taxonomy).map(lines) ?? []
    }

    public static func lines(_ figures: CPDFigures) -> [String] {
        let guidance = figures.guidance
        let source = MarkdownEscaping.inline(guidance.source)
        let cycleEnd =
            figures.cycleEndsAtRevalidation
            ? "ending at the revalidation date"
            : "ending at this period's end, as no revalidation date is recorded"
        return [
            "**CPD credits this period:** \(ExportContext.number(figures.periodCredits)) "
                + "(\(source) suggests \(ExportContext.number(guidance.creditsPerYear)) a year; 1 credit is about 1 hour of learning).",
            "**CPD credits over the revalidation cycle:** \(ExportContext.number(figures.cycleCredits)) "
                + "(\(ExportContext.number(guidance.creditsPerCycle)) suggested over \(guidance.cycleYears) years; "
                + "counted from \(ExportContext.long(figures.cycle)), the \(guidance.cycleYears) years \(cycleEnd)).",
        ]
    }
}
