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
