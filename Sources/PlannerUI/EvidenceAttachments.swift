import Foundation
import PlannerCore

/// The planner's side of attaching files (`A` on an evidence item): the question, the item's
/// list of files, and the outcome the run loop reports after copying the file in.
enum EvidenceAttachments {
    /// "Attached: certificate.pdf (403 KB) · slides.pdf (1.2 MB)".
    static func summary(_ files: [AttachedFile]) -> String {
        "Attached: " + files.map { "\($0.name) (\(AttachedFile.sizeText($0.bytes)))" }.joined(separator: " · ")
    }
}

extension AppState {
    mutating func askForAttachment(to item: Evidence) {
        modal = .prompt(
            PromptState(
                purpose: .attachFile(item.id),
                question: "Attach a file to “\(item.title)” — its path (~ is your home folder; up to \(AttachmentFolder.maximumBytes >> 20) MB):",
                buffer: TextBuffer()))
    }

    /// The file is in the folder beside the portfolio: record it on the item (and save).
    /// `note` is said first (a link followed), so the doctor learns it with the outcome.
    public mutating func attached(_ file: AttachedFile, to id: String, note: String? = nil) -> [Effect] {
        guard let index = portfolio.evidence.firstIndex(where: { $0.id == id }) else {
            say("The item \(id) is gone; nothing was attached.", error: true)
            return []
        }
        if portfolio.evidence[index].files.contains(where: { $0.sha256 == file.sha256 && $0.name == file.name }) {
            say("\(file.name) is already attached to this item.")
            return []
        }
        let message = (note.map { $0 + " " } ?? "") + "Attached \(file.name) (\(AttachedFile.sizeText(file.bytes)))."
        return commit(message, evidence: .changed(index)) { p in p.evidence[index].files.append(file) }
    }

    /// The file could not be attached: why, and that nothing changed (the error says so).
    public mutating func attachFailed(_ reason: String) {
        say(reason, error: true)
    }
}
