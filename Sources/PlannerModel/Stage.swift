/// The career stage a portfolio is judged at; the same 80 competences, a widening context.
public enum Stage: String, Codable, CaseIterable, Sendable {
    case undergraduate
    case postgraduate
    case continuingPractice = "continuing-practice"

    public var label: String {
        switch self {
        case .undergraduate: return "Undergraduate"
        case .postgraduate: return "Postgraduate"
        case .continuingPractice: return "Continuing practice"
        }
    }

    /// Who signs the portfolio off, for prompts and the export's sign-off block.
    public var reviewerTitle: String {
        switch self {
        case .undergraduate: return "Tutor"
        case .postgraduate: return "Educational supervisor"
        case .continuingPractice: return "Appraiser"
        }
    }
}
