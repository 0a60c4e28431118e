import ArgumentParser
import Foundation
import PlannerCore
import PlannerImport

/// `mlcf export --csv`: the evidence as a spreadsheet, in `mlcf import`'s own columns.
/// Private items stay out unless --include-private (as in the document), and text that looks
/// patient-identifiable stops it unless --allow-flagged (the same stop).
enum CSVExportFile {
    static func run(path: String, output: String?, includePrivate: Bool, allowFlagged: Bool) throws {
        let portfolioURL = try CLI.url(path)
        let portfolio = try CLI.load(path)
        let kept = portfolio.evidence.filter { includePrivate || !$0.isPrivate }
        if !allowFlagged {
            let year = CLI.today.year
            for item in kept where !item.isPrivate || includePrivate {
                for (field, text) in item.textFields where !PIIGuard.scan(text, referenceYear: year).isEmpty {
                    CLI.warn(
                        TerminalSafe.text(
                            "\(item.id) “\(item.title)”, \(field): looks patient-identifiable; \(PIIGuard.why). Nothing was written (--allow-flagged writes it anyway)."
                        ))
                    throw ExitCode(1)
                }
            }
        }
        let text = CSVExport.render(kept, taxonomy: CLI.taxonomy)
        if output == "-" {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let out = try output.map { try CLI.url($0) } ?? defaultURL(for: portfolioURL)
        if out.standardizedFileURL.resolvingSymlinksInPath() == portfolioURL.standardizedFileURL.resolvingSymlinksInPath() {
            throw CLI.fail(ValidationError("\(out.path) is the portfolio itself; choose another name for the CSV."))
        }
        do { try AtomicFile.write(Data(text.utf8), to: out) } catch { throw CLI.fail(error) }
        let left = portfolio.evidence.count - kept.count
        CLI.say(
            "Wrote \(TerminalSafe.text(out.path)) (\(kept.count) item\(kept.count == 1 ? "" : "s"))"
                + (left > 0 ? "; \(left) private item\(left == 1 ? " was" : "s were") left out (--include-private adds them)." : "."))
    }

    /// NAME-evidence.csv beside the portfolio.
    static func defaultURL(for portfolio: URL) -> URL {
        portfolio.deletingLastPathComponent().appendingPathComponent(portfolio.deletingPathExtension().lastPathComponent + "-evidence.csv")
    }
}
