import Foundation
import PlannerCore

/// The TUI's export key: writes the appraiser's Markdown beside the portfolio and says where.
/// It calls the function `mlcf export` calls, with that command's defaults (the same date
/// rule and file name), so the two write the same bytes to the same place.
enum ExportAction {
    static func run(_ portfolio: Portfolio, report: ValidationReport, portfolioURL: URL) -> (text: String, isError: Bool) {
        do {
            let output = try MarkdownExporter.export(
                portfolio, report: report, options: ExportOptions(), catalog: CLI.catalog, besidePortfolio: portfolioURL)
            return (
                "Exported for your \(portfolio.stage.reviewerTitle.lowercased()): \(output.path) (make it a PDF with: mlcf export \(portfolioURL.path) --pdf)",
                false
            )
        } catch ExportError.flagged(let findings) {
            let first = findings.prefix(3).map { "• " + $0.message }.joined(separator: "\n")
            return (
                "Export stopped: \(findings.count) place\(findings.count == 1 ? "" : "s") look patient-identifiable. Fix them (r shows where), or export from the shell with --allow-flagged.\n\(first)",
                true
            )
        } catch {
            return ("Export failed: \(error)", true)
        }
    }
}
