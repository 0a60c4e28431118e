import ArgumentParser
import Foundation
import PlannerCore

/// `mlcf export PATH`: the document the appraiser or supervisor reads, as Markdown, and
/// with `--pdf` as a PDF made by pandoc and weasyprint.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the portfolio as Markdown for your appraiser or supervisor (and, with --pdf, a PDF).",
        discussion: """
            The Markdown goes beside the portfolio as NAME-appraisal-PERIOD.md (NAME-appraisal-2024-25.md), \
            so an earlier year's document is never overwritten, unless -o says where (-o - prints it). \
            Private items show only their title, kind, date and links. If some text looks like it identifies \
            a patient, nothing is written unless --allow-flagged is given.

            With --pdf, pandoc and weasyprint (Debian/Ubuntu packages pandoc, weasyprint and, for Chinese \
            and Japanese characters, fonts-droid-fallback) make the PDF of the same name beside the Markdown. \
            By hand: pandoc NAME-appraisal-PERIOD.md -o NAME-appraisal-PERIOD.pdf --pdf-engine=weasyprint

            With --docx, pandoc makes a Word document of the same name (NAME-appraisal-PERIOD.docx) with the \
            planner's own styles: tables with gridlines, page breaks and the appraiser's write-in boxes. \
            Both are written readable by you only, and say on standard error what they are doing.

            With --calendar, the appraisal and revalidation dates of the profile go into NAME-dates.ics \
            (iCalendar: one all-day event for each, with a reminder when the documents are due).

            Exit status: 0 written, 1 stopped because text looks patient-identifiable, 2 the portfolio \
            could not be read or the export not written, 3 the PDF could not be made.
            """)

    @Argument(help: "The portfolio file.") var path: String
    @Option(name: [.short, .customLong("output")], help: "Where to write the Markdown; - prints it.") var output: String?
    @Flag(help: "Print private items in full: for your own copy, not for your appraiser.") var includePrivate = false
    @Flag(help: "Export even though some text looks patient-identifiable; the findings are then listed in the document.")
    var allowFlagged = false
    @Option(help: "The date printed on the document (default: the last day of the review period).") var date: CalendarDate?
    @Flag(help: "Also make a PDF with pandoc and weasyprint.") var pdf = false
    @Flag(help: "Also make a Word document with pandoc.") var docx = false
    @Flag(help: "Instead, write the appraisal and revalidation dates as a calendar file (NAME-dates.ics; -o FILE, or - to print it).")
    var calendar = false
    @Flag(help: "Instead, write the evidence as a spreadsheet (NAME-evidence.csv; -o FILE, or - to print it), in the columns `mlcf import` reads.")
    var csv = false
    @Option(help: ArgumentHelp("Export an archived period again, named as 2024-25 or by its first day.", valueName: "period"))
    var period: String?

    /// Exit 1: the PII guard stopped the export (nothing was written).
    static func stopped(_ error: Error) -> ExitCode {
        CLI.warn("\(error)")
        return ExitCode(1)
    }

    func validate() throws {
        if pdf && output == "-" { throw ValidationError("--pdf needs a file: give -o FILE.md, or leave -o out.") }
        if docx && output == "-" { throw ValidationError("--docx needs a file: give -o FILE.md, or leave -o out.") }
        if calendar && (pdf || docx) { throw ValidationError("--calendar writes a calendar file, not a document: leave --pdf and --docx out.") }
        if csv && (pdf || docx || calendar || period != nil) {
            throw ValidationError("--csv writes this period's evidence as a spreadsheet: leave out --pdf, --docx, --calendar and --period.")
        }
    }

    func run() throws {
        if calendar { return try CalendarFile.run(path: path, output: output) }
        if csv { return try CSVExportFile.run(path: path, output: output, includePrivate: includePrivate, allowFlagged: allowFlagged) }
        let portfolioURL = try CLI.url(path)
        var portfolio = try CLI.load(path)
        if let refusal = ConflictText.exportRefusal(portfolio) { throw CLI.fail(ValidationError("\(path): \(refusal)")) }
        if let period {
            // An archived year, as it stood; its document is named by its own period (see
            // `MarkdownExporter.defaultOutputURL`), never the current one's.
            guard let index = portfolio.archivedIndex(named: period) else {
                let held = portfolio.history.map(\.period.yearLabel)
                throw CLI.fail(
                    ValidationError(
                        "--period \(period): no archived period of that name; "
                            + (held.isEmpty ? "this portfolio has none yet." : "it holds \(held.joined(separator: ", ")).")))
            }
            portfolio = portfolio.asArchived(index)
        }
        let report = CLI.validator(for: portfolio).validate(portfolio, today: CLI.today)
        let options = ExportOptions(includePrivate: includePrivate, allowFlagged: allowFlagged, date: date)
        if output == "-" {
            let markdown: String
            do { markdown = try MarkdownExporter.render(portfolio, report: report, options: options, catalog: CLI.catalog) } catch {
                throw Export.stopped(error)
            }
            FileHandle.standardOutput.write(Data(markdown.utf8))
            return
        }
        let out: URL
        do {
            // The planner's `e` calls the same function (`ExportAction`): same bytes, same name.
            out = try MarkdownExporter.export(
                portfolio, report: report, options: options, catalog: CLI.catalog, besidePortfolio: portfolioURL, output: output.map { try CLI.url($0) })
        } catch ExportError.wouldOverwritePortfolio(let path) {
            throw CLI.fail(ValidationError("\(path) is the portfolio itself; choose another name for the export."))
        } catch let error as ExportError {
            throw Export.stopped(error)
        } catch {
            throw CLI.fail(error)
        }
        CLI.say("Wrote \(TerminalSafe.text(out.path))")
        if !report.piiFindings.isEmpty {
            print("Flagged text is listed at the start of the document: check it before sharing.")
        }
        if pdf {
            try DocumentMaker.make(
                .pdf, from: out, attaching: PDFAttachments.files(of: portfolio, includePrivate: includePrivate), of: portfolioURL)
        }
        if docx { try DocumentMaker.make(.docx, from: out, pageHeader: WordStyles.pageHeader(for: portfolio)) }
        if !pdf && !docx {
            CLI.say(
                "For a PDF: mlcf export \(TerminalSafe.text(path)) --pdf   (or: pandoc \(TerminalSafe.text(out.lastPathComponent)) -o \(TerminalSafe.text(out.deletingPathExtension().lastPathComponent)).pdf --pdf-engine=weasyprint)"
            )
        }
    }
}
