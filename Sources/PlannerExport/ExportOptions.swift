import PlannerModel

/// Choices the doctor makes for one export. The defaults are the safe ones: private
/// reflections stay private and flagged text stops the export.
public struct ExportOptions: Sendable {
    /// Print private items in full: for the doctor's own copy, never the appraiser's.
    public var includePrivate: Bool
    /// Export even though the PII guard has findings; they are then listed in the document.
    public var allowFlagged: Bool
    /// The date printed on the document. Nil means the last day of the period, so the
    /// same portfolio always gives the same bytes (no clock is read).
    public var date: CalendarDate?

    public init(includePrivate: Bool = false, allowFlagged: Bool = false, date: CalendarDate? = nil) {
        self.includePrivate = includePrivate
        self.allowFlagged = allowFlagged
        self.date = date
    }
}

/// Why an export did not happen.
public enum ExportError: Error, CustomStringConvertible {
    /// The PII guard found text that looks patient-identifiable; nothing was written.
    case flagged([Finding])
    /// The file chosen for the export is the portfolio itself; nothing was written.
    case wouldOverwritePortfolio(String)

    public var description: String {
        switch self {
        case .flagged(let findings):
            let count = findings.count
            var lines = [
                "Nothing was exported: \(count) piece\(count == 1 ? "" : "s") of text look\(count == 1 ? "s" : "") like patient-identifiable information. "
                    + "Remove or anonymise \(count == 1 ? "it" : "them"), or export anyway with --allow-flagged (the findings are then listed in the document)."
            ]
            for finding in findings {
                lines.append("  \(finding.location.label): \(finding.message)")
            }
            return lines.joined(separator: "\n")
        case .wouldOverwritePortfolio(let path):
            return "\(path) is the portfolio itself; choose another name for the export."
        }
    }
}
