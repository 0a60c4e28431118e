import Foundation
import PlannerCore

/// The TUI's export key: writes the appraiser's Markdown beside the portfolio.
enum ExportAction {
    static func run(_ portfolio: Portfolio, report: ValidationReport, portfolioURL: URL) -> (text: String, isError: Bool) {
        ("Export is not built yet: the exporter lands with its own issue.", true)
    }
}
