import PlannerModel

/// The items from earlier years the doctor chose to bring into this year's document
/// (`Evidence.bringForward`): each printed in full, with why it matters this year, numbered
/// on from this period's items. The career table still counts them with their years, so
/// choosing an item changes what is printed, never what is counted.
extension ExportContext {
    /// What this document calls the part, in the contents and in references to it.
    static let broughtForwardHeading = "Brought forward from earlier years"

    /// The private items the doctor marked: counted here and in the career table, never printed.
    var privateItemsMarkedToBringForward: Int {
        portfolio.evidence.reduce(0) { count, item in
            count + (item.isPrivate && item.isBroughtForward(into: period) ? 1 : 0)
        }
    }

    /// Whether there is anything to write under the heading.
    var hasBroughtForward: Bool { plan.count(at: .chosen) > 0 || privateItemsMarkedToBringForward > 0 }

    /// The heading at `level` and the chosen items in full under it (nothing when there are none).
    func writeBroughtForward(level: Int, into md: inout MarkdownWriter) {
        guard hasBroughtForward else { return }
        md.heading(level, ExportContext.broughtForwardHeading, id: "brought-forward")
        let chosen = plan.entries(at: .chosen)
        if !chosen.isEmpty {
            md.paragraph(
                "Chosen by the \(person) from earlier years to be read with this one, each with why it matters this year. "
                    + "They are counted with their own years in the table of earlier years too.")
            for entry in chosen { writeEntry(entry, level: level + 1, into: &md) }
        }
        let hidden = privateItemsMarkedToBringForward
        if hidden > 0 {
            md.paragraph(
                "\(ExportContext.plural(hidden, "private item")) the \(person) chose to bring forward "
                    + (hidden == 1 ? "is" : "are") + " held privately: to be discussed at the meeting (counted, not listed).")
        }
    }

    /// The doctor's reason, as the fact line under a chosen item's heading (nil when there is none).
    static func broughtForwardReason(_ item: Evidence) -> String? {
        guard let reason = item.bringForward, !PlainText.isBlank(reason) else { return nil }
        return "**Why it matters this year:** " + MarkdownEscaping.inline(reason)
    }
}
