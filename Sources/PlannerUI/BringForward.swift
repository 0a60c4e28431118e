import PlannerCore

/// `b` on the evidence list: the doctor brings an item from an earlier year into this year's
/// document (`Evidence.bringForward`), with a line on why it matters this year. `b` on an item
/// already brought forward opens that line to edit, and clearing it stops bringing the item:
/// one stray key never throws away what the doctor wrote. The export prints such items in
/// full under "Brought forward from earlier years"; everything else from earlier years is
/// only counted.
extension AppState {
    mutating func toggleBringForward(_ index: Int) -> [Effect] {
        let item = portfolio.evidence[index]
        if let reason = item.bringForward {
            let how =
                PlainText.isBlank(reason)
                ? "with no reason given — why does it matter this year? (type it and Enter; Enter with nothing stops bringing the item; Esc changes nothing)"
                : "— why does it matter this year? (Enter keeps what is here; clear it and Enter to stop bringing the item; Esc changes nothing)"
            modal = .prompt(
                PromptState(
                    purpose: .bringForward(item.id), question: "“\(item.title)” is brought into this year's document \(how)",
                    buffer: TextBuffer(reason, multiline: true)))
            return []
        }
        if portfolio.period.contains(item.date) {
            say("“\(item.title)” is dated in this period, so it is in this year's document already.")
            return []
        }
        if item.date > portfolio.period.end {
            say("“\(item.title)” is dated after this period; only items from earlier years can be brought forward.", error: true)
            return []
        }
        modal = .prompt(
            PromptState(
                purpose: .bringForward(item.id),
                question:
                    "Bring “\(item.title)” into this year's document — why does it matter this year? (the appraiser reads this; Enter with nothing to leave it unsaid)",
                buffer: TextBuffer(multiline: true)))
        return []
    }

    /// The answer to the question (the text as typed): the mark and the reason, saved.
    mutating func broughtForward(_ id: String, answer: String) -> [Effect] {
        guard let index = portfolio.evidence.firstIndex(where: { $0.id == id }) else {
            say("The item \(id) is gone; nothing was brought forward.", error: true)
            return []
        }
        let item = portfolio.evidence[index]
        let reason = answer.trimmingCharacters(in: .whitespaces)
        if let before = item.bringForward {
            // Untouched, a reason stays exactly as stored (trimming would still change it); a
            // mark with none given, left empty, stops.
            if answer == before && !PlainText.isBlank(before) { return [] }
            if PlainText.isBlank(reason) {
                return commit(
                    "“\(item.title)” is no longer brought forward: this year's document counts it with its own year.",
                    evidence: .changed(index)
                ) { p in p.evidence[index].bringForward = nil }
            }
            if reason == before { return [] }
            return commit("Saved why “\(item.title)” is brought forward.", evidence: .changed(index)) { p in
                p.evidence[index].bringForward = reason
            }
        }
        let message =
            item.isPrivate
            ? "“\(item.title)” is marked to bring forward, but it is private: the document counts it and says it is held privately, never prints it (b again to edit why, or to stop)."
            : "“\(item.title)” will be printed in full in this year's document, under “Brought forward from earlier years” (b again to edit why, or to stop)."
        return commit(message, evidence: .changed(index)) { p in p.evidence[index].bringForward = reason }
    }
}
