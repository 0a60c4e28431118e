import Foundation
import PlannerModel

/// The Word styles `mlcf export --docx` gives pandoc (`--reference-doc`): A4, gridlines on
/// tables, the "Write-in box" of the appraiser's sections. Made from pandoc's own default by
/// `Resources/export/make-reference-docx.py` and embedded, so the binary needs no files beside it.
public enum WordStyles {
    public static var referenceDocument: Data { Data(PackageResources.reference_docx) }

    /// `Resources/export/docx-header.py`: writes a copy of the reference document whose page
    /// header is one doctor's running head (pandoc takes headers only from the reference
    /// document, and pandoc 2.17 has no way to make one per document itself).
    public static var headerScript: Data { Data(PackageResources.docx_header_py) }

    /// The running head as plain text, for the Word header: the words the PDF repeats at the
    /// top of every page (`ExportContext.runningHead`), without Markdown's escapes.
    public static func pageHeader(for portfolio: Portfolio) -> String {
        func line(_ text: String) -> String { text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces) }
        let name = line(portfolio.profile.name)
        var parts = [name.isEmpty ? "Name not given" : name]
        if let gmc = portfolio.profile.gmcNumber, !PlainText.isBlank(gmc) {
            parts.append("GMC " + line(gmc))
        } else if portfolio.profile.stage != .undergraduate {
            parts.append("GMC number not given")
        }
        parts.append(ExportContext.short(portfolio.period))
        return parts.joined(separator: " · ")
    }
}
