/// Reading older file formats. A file is migrated in memory when it loads and written in the
/// current format only when the doctor next saves; the save's `.bak` keeps the old bytes.
///
/// Version 1 → 2: links and rating keys name their framework (`1.2.a` → `mlcf:1.2.a`), and
/// the profile says which frameworks the portfolio uses (version 1 knew only the MLCF).
public enum FormatMigration {
    /// The format versions this build reads.
    public static let readable: ClosedRange<Int> = 1...Portfolio.currentSchemaVersion

    /// Brings a decoded portfolio to the current format. A bare link in a current-format file
    /// is read the same way, so hand-edited files mean what their author meant.
    public static func upgrade(_ portfolio: inout Portfolio) {
        if portfolio.profile.frameworks.isEmpty { portfolio.profile.frameworks = [FrameworkLink.bareFramework] }
        for index in portfolio.evidence.indices where portfolio.evidence[index].links.contains(where: isBare) {
            portfolio.evidence[index].links = portfolio.evidence[index].links.map(FrameworkLink.qualified)
        }
        qualifyGoals(&portfolio.pdp)
        qualifyGoals(&portfolio.previousPdp)
        qualifyRatings(&portfolio.ratings)
        for index in portfolio.history.indices {
            qualifyGoals(&portfolio.history[index].pdp)
            qualifyRatings(&portfolio.history[index].ratings)
        }
        if let current = portfolio.walkthrough?.currentElement, isBare(current) {
            portfolio.walkthrough?.currentElement = FrameworkLink.qualified(current)
        }
        portfolio.schemaVersion = Portfolio.currentSchemaVersion
    }

    private static func isBare(_ link: String) -> Bool { !FrameworkLink.isQualified(link) }

    private static func qualifyGoals(_ goals: inout [Goal]) {
        for index in goals.indices where goals[index].links.contains(where: isBare) {
            goals[index].links = goals[index].links.map(FrameworkLink.qualified)
        }
    }

    private static func qualifyRatings(_ ratings: inout [String: Rating]) {
        guard ratings.keys.contains(where: isBare) else { return }
        var qualified = ratings.filter { !isBare($0.key) }
        // Sorted, so that two bare keys naming one item (impossible unless hand-edited) merge
        // the same way on every run.
        for (key, rating) in ratings.filter({ isBare($0.key) }).sorted(by: { $0.key < $1.key }) {
            let newKey = FrameworkLink.qualified(key)
            guard var existing = qualified[newKey] else {
                qualified[newKey] = rating
                continue
            }
            // `1.2` and `mlcf:1.2` in one hand-edited file: the qualified level stands, and
            // neither note is lost.
            if !rating.note.isEmpty, existing.note != rating.note {
                existing.note = existing.note.isEmpty ? rating.note : existing.note + "\n\n" + rating.note
            }
            qualified[newKey] = existing
        }
        ratings = qualified
    }
}
