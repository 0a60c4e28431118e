/// The evidence list's kind column shows a short label, and it must read as the kind it
/// stands for (a compliment once showed as "compl", read as a complaint). The loader checks
/// every taxonomy by this rule, so a school's own kinds are held to it too.
extension Taxonomy {
    /// Whether `short` abbreviates `label`: its letters and digits appear in the label in
    /// order, starting with the label's first (so "QI / audit" abbreviates "Quality
    /// improvement (QI project, audit…)", and "thanks" abbreviates nothing in "Complaint or compliment").
    public static func abbreviates(_ short: String, _ label: String) -> Bool {
        let wanted = short.lowercased().filter { $0.isLetter || $0.isNumber }
        let source = label.lowercased().filter { $0.isLetter || $0.isNumber }
        guard let first = wanted.first, first == source.first else { return false }
        var rest = source[...]
        for character in wanted {
            guard let index = rest.firstIndex(of: character) else { return false }
            rest = rest[rest.index(after: index)...]
        }
        return true
    }

    /// Each kind's short label is its own (no other kind's, whatever the case), abbreviates
    /// its label, and abbreviates no other kind's label (it would be ambiguous).
    var shortLabelProblems: [String] {
        var problems: [String] = []
        var firstWith: [String: String] = [:]
        // An empty label or short label is a problem of its own (`problems`).
        for (index, kind) in evidenceKinds.enumerated() where !kind.shortLabel.allSatisfy(\.isWhitespace) && !kind.label.allSatisfy(\.isWhitespace) {
            let place = "evidenceKinds[\(index)] (“\(kind.id)”)"
            let key = kind.shortLabel.lowercased()
            if let earlier = firstWith[key] {
                problems.append("\(place): the short label “\(kind.shortLabel)” is also “\(earlier)”'s; each kind needs its own")
            } else {
                firstWith[key] = kind.id
            }
            if !Self.abbreviates(kind.shortLabel, kind.label) {
                problems.append(
                    "\(place): the short label “\(kind.shortLabel)” does not abbreviate the label “\(kind.label)” (its letters must appear in the label in order, starting with the label's first)"
                )
            }
            for other in evidenceKinds where other.id != kind.id && Self.abbreviates(kind.shortLabel, other.label) {
                problems.append("\(place): the short label “\(kind.shortLabel)” reads as “\(other.id)” (“\(other.label)”) too")
            }
        }
        return problems
    }
}
