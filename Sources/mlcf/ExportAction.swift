import ArgumentParser
import Foundation
import PlannerCore
import PlannerUI

/// The TUI's export key: writes the appraiser's Markdown beside the portfolio and says where.
/// It calls the function `mlcf export` calls, with that command's defaults (the same date
/// rule and file name), so the two write the same bytes to the same place.
enum ExportAction {
    static func run(_ portfolio: Portfolio, report: ValidationReport, portfolioURL: URL) -> ExportResult {
        if let refusal = ConflictText.exportRefusal(portfolio) { return ExportResult(text: "Not exported: \(refusal)", isError: true) }
        do {
            let output = try MarkdownExporter.export(
                portfolio, report: report, options: ExportOptions(), catalog: CLI.catalog, besidePortfolio: portfolioURL)
            return ExportResult.exported(
                ExportRecord.document(at: output), fileName: output.lastPathComponent, portfolioFileName: portfolioURL.lastPathComponent)
        } catch ExportError.flagged(let findings) {
            // The count and the list come from one value (`PIIWarning`).
            return ExportResult(text: PIIWarning(findings).text, isError: true)
        } catch {
            return ExportResult(text: "Export failed: \(error)", isError: true)
        }
    }
}

/// `mlcf export --calendar`: the dates the doctor works to, as an .ics file.
enum CalendarFile {
    static func run(path: String, output: String?) throws {
        let portfolioURL = try CLI.url(path)
        let portfolio = try CLI.load(path)
        do {
            if output == "-" {
                let text = try CalendarExport.document(portfolio.profile, taxonomy: CLI.taxonomy, stamp: Date())
                FileHandle.standardOutput.write(Data(text.utf8))
                return
            }
            let out = try output.map { try CLI.url($0) } ?? CalendarExport.defaultOutputURL(for: portfolioURL)
            if out.standardizedFileURL.resolvingSymlinksInPath() == portfolioURL.standardizedFileURL.resolvingSymlinksInPath() {
                throw ValidationError("\(out.path) is the portfolio itself; choose another name for the calendar.")
            }
            try CalendarExport.export(portfolio.profile, taxonomy: CLI.taxonomy, stamp: Date(), to: out)
            CLI.say("Wrote \(TerminalSafe.text(out.path))")
        } catch {
            throw CLI.fail(error)
        }
    }
}
