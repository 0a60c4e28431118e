import PlannerCore

/// What the planner's export (`e`) reports back: the sentence to show, whether it is an error,
/// and the document written (nil when nothing was written).
public struct ExportResult: Sendable {
    public var text: String
    public var isError: Bool
    public var document: ExportedDocument?

    public init(text: String, isError: Bool, document: ExportedDocument? = nil) {
        self.text = text
        self.isError = isError
        self.document = document
    }
}

extension ExportResult {
    /// What `e` says when the document is written: its name first (it sits beside the
    /// portfolio), then how to make the PDF, short enough for the status line at 80 columns.
    public static func exported(_ document: ExportedDocument?, fileName: String, portfolioFileName: String) -> ExportResult {
        ExportResult(text: "Exported \(fileName) · PDF: mlcf export \(portfolioFileName) --pdf", isError: false, document: document)
    }
}

extension AppState {
    /// The status line while the export runs: at a career's size the Markdown takes seconds,
    /// and the run loop draws this before it starts, so the doctor is never left with no sign.
    public static let exportingText = "Exporting the appraiser's document…"

    public mutating func exportStarting() { say(AppState.exportingText) }
}
