import Foundation
import PlannerCore

/// The TUI's export key: writes the appraiser's Markdown beside the portfolio and says where.
enum ExportAction {
    static func run(_ portfolio: Portfolio, report: ValidationReport, portfolioURL: URL) -> (text: String, isError: Bool) {
        let output = MarkdownExporter.defaultOutputURL(for: portfolioURL)
        do {
            try MarkdownExporter.export(portfolio, report: report, options: ExportOptions(date: CLI.today), catalog: CLI.catalog, to: output)
            return (
                "Exported for your \(portfolio.stage.reviewerTitle.lowercased()): \(output.path) (make it a PDF with: mlcf export \(portfolioURL.path) --pdf)",
                false
            )
        } catch ExportError.flagged(let findings) {
            // The count and the list come from one value (`PIIWarning`).
            return (PIIWarning(findings).text, true)
        } catch {
            return ("Export failed: \(error)", true)
        }
    }
}
