import PlannerModel

/// A PDP goal the planner proposes from a gap: an element with no evidence this period, or one
/// the doctor rated at the bottom of the scale, that no goal for next period covers yet.
public struct GoalSuggestion: Equatable, Sendable {
    public let element: String
    /// What the goal links to (`mlcf:3.2`).
    public let link: String
    public let title: String
    public let why: String

    /// The suggestions for `portfolio`, in the framework's order.
    public static func suggestions(for portfolio: Portfolio, coverage: Coverage, framework: Framework) -> [GoalSuggestion] {
        let planned = Set(portfolio.pdp.flatMap { $0.links.compactMap(framework.unitID(ofLink:)) })
        var result: [GoalSuggestion] = []
        for element in framework.elements where !planned.contains(element.id) {
            let rating = portfolio.ratings[framework.link(element.id)]?.level ?? 0
            if coverage.element(element.id).inPeriod == 0 {
                result.append(
                    GoalSuggestion(
                        element: element.id, link: framework.link(element.id), title: "Develop and evidence \(element.name.lowercased())",
                        why: "\(element.title) has no evidence in this period."))
            } else if rating >= 1, rating <= framework.scale.count / 2 {
                // The lower half of the framework's own scale.
                result.append(
                    GoalSuggestion(
                        element: element.id, link: framework.link(element.id), title: "Strengthen \(element.name.lowercased())",
                        why: "I rated \(element.title) as \(framework.ratingLabel(rating).lowercased())."))
            }
        }
        return result
    }
}
