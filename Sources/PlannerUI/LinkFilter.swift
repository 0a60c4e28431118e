import PlannerCore

/// The evidence list's "linked to" filter: an element (unit) or a competence (leaf) of one of
/// the portfolio's frameworks, typed as the doctor knows it (`1.2`, `1.2.a`, `mlcf:1.2.a`, any case).
public struct LinkFilter: Sendable {
    /// The item's link as a portfolio holds it (`mlcf:1.2.a`).
    public let link: String
    /// The item's own id, as the framework spells it.
    public let id: String
    /// True for an element (unit): items count through any of its competences too.
    public let isUnit: Bool
    let framework: Framework

    /// The item `text` names, or a sentence saying why it names none. A bare id is the shown
    /// framework's; a prefixed one names its framework.
    static func parse(_ text: String, shown: Framework, frameworks: [Framework]) -> Result<LinkFilter, InputProblem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let framework: Framework
        if FrameworkLink.isQualified(trimmed) {
            let named = FrameworkLink.frameworkID(trimmed).lowercased()
            guard let found = frameworks.first(where: { $0.id.lowercased() == named }) else {
                return .failure(
                    InputProblem(
                        "“\(trimmed)” names the framework “\(named)”, which this portfolio does not use (\(frameworks.map(\.id).joined(separator: ", ")))."))
            }
            framework = found
        } else {
            framework = shown
        }
        let wanted = FrameworkLink.localID(trimmed).lowercased()
        let spelled = (framework.elements.map(\.id) + framework.competences.map(\.id)).first { $0.lowercased() == wanted }
        guard let id = spelled else { return .failure(InputProblem(unknown(trimmed, framework))) }
        return .success(LinkFilter(link: framework.link(id), id: id, isUnit: framework.isElement(id), framework: framework))
    }

    /// "“9.9” is neither an element nor a competence of …; elements go from 1.1 to 5.4, competences look like 1.1.a."
    static func unknown(_ text: String, _ framework: Framework) -> String {
        let names = framework.levelNames
        let range = [framework.elements.first, framework.elements.last].compactMap { $0?.id }.joined(separator: " to ")
        var sentence = "“\(text)” is not \(Framework.article(names.unit)) \(names.unit)"
        if let leaf = names.leaf { sentence += " or \(leaf)" }
        sentence += " of the \(framework.title); \(Framework.plural(names.unit)) go from \(range)"
        if let leaf = names.leaf, let example = framework.elements.first?.competences.first?.id {
            sentence += ", \(Framework.plural(leaf)) look like \(example)"
        }
        return sentence + "."
    }

    /// Whether the item at an index is linked here (for an element: directly or through one of its competences).
    func test(_ portfolio: Portfolio, _ live: LiveValidation) -> (Int) -> Bool {
        let evidence = portfolio.evidence
        if isUnit {
            // The main framework's elements are a bit test on what the validation remembers.
            if framework.id == live.validator.framework.id { return live.linkTest(element: id, portfolio) }
            let framework = self.framework, id = self.id
            return { evidence[$0].links.contains { framework.unitID(ofLink: $0) == id } }
        }
        let link = self.link
        return { evidence[$0].links.contains(link) }
    }

    /// "element 1.2", "competence 1.2.a" (another framework's with its prefix).
    var description: String {
        let names = framework.levelNames
        return "\(isUnit ? names.unit : names.leaf ?? names.unit) \(FrameworkLink.display(link))"
    }
}
