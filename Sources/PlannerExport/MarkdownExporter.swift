import Foundation
import PlannerModel
import PlannerRules
import PlannerStorage

/// The appraiser never sees the planner, only what it exports: Markdown that reads well
/// as plain text and that pandoc turns into a clean PDF
/// (`pandoc FILE.md -o FILE.pdf --pdf-engine=weasyprint`).
public enum MarkdownExporter {
    /// The whole document for one portfolio, ordered for its stage.
    ///
    /// Pure and deterministic: the same portfolio, report and options give the same bytes
    /// (no clock: the date is `options.date`, else the last day of the period). Throws
    /// `ExportError.flagged` when the PII guard has findings, unless `options.allowFlagged`.
    public static func render(
        _ portfolio: Portfolio, report: ValidationReport, options: ExportOptions = ExportOptions(), catalog: Catalog
    ) throws -> String {
        let flagged = report.piiFindings
        if !flagged.isEmpty && !options.allowFlagged { throw ExportError.flagged(flagged) }
        let context = ExportContext(portfolio: portfolio, report: report, options: options, catalog: catalog)
        var body = MarkdownWriter()
        switch portfolio.stage {
        case .continuingPractice: ContinuingPracticeSections.write(context, into: &body)
        case .postgraduate, .undergraduate: TrainingSections.write(context, into: &body)
        }
        // Page 1 and the contents come first but are written last: the contents list what
        // the body holds.
        var md = MarkdownWriter()
        context.writeMetadata(into: &md)
        context.writeAtAGlance(into: &md)
        context.writeContents(body.outline, into: &md)
        md.append(body)
        return md.document
    }

    /// Makes the document and writes it to `url` the way portfolios are written: atomically
    /// (never half a file) and readable by the owner only (0600), since it holds the doctor's
    /// reflections. The bytes are exactly those of `render`.
    public static func export(
        _ portfolio: Portfolio, report: ValidationReport, options: ExportOptions = ExportOptions(), catalog: Catalog, to url: URL
    ) throws {
        let markdown = try render(portfolio, report: report, options: options, catalog: catalog)
        try AtomicFile.write(Data(markdown.utf8), to: url)
    }

    /// The one way a document is written to a file, for `e` in the planner and `mlcf export`
    /// alike: the same bytes (`render`, whose date is `options.date`, else the period's last
    /// day), to `output` or else the period's own name beside the portfolio
    /// (`defaultOutputURL`), never over the portfolio itself. Returns where it wrote.
    @discardableResult
    public static func export(
        _ portfolio: Portfolio, report: ValidationReport, options: ExportOptions = ExportOptions(), catalog: Catalog,
        besidePortfolio portfolioURL: URL, output: URL? = nil
    ) throws -> URL {
        let url = output ?? defaultOutputURL(for: portfolioURL, period: portfolio.period)
        if url.standardizedFileURL.resolvingSymlinksInPath() == portfolioURL.standardizedFileURL.resolvingSymlinksInPath() {
            throw ExportError.wouldOverwritePortfolio(url.path)
        }
        try export(portfolio, report: report, options: options, catalog: catalog, to: url)
        return url
    }

    /// `~/appraisal/portfolio.json` for 2024-25 → `~/appraisal/portfolio-appraisal-2024-25.md`:
    /// beside the portfolio, so the doctor finds it; never the portfolio's own name; and named
    /// for its period, so next year's export does not overwrite the document already sent.
    public static func defaultOutputURL(for portfolioURL: URL, period: Period) -> URL {
        let folder = portfolioURL.deletingLastPathComponent()
        var name = portfolioURL.deletingPathExtension().lastPathComponent
        if name.isEmpty { name = "portfolio" }
        return folder.appendingPathComponent(name + "-appraisal-" + period.yearLabel + ".md")
    }
}
