import ArgumentParser
import Foundation
import PlannerCore

/// `mlcf detach PATH ITEM NAME`: removes an attachment from an item. The stored copy goes at
/// the save after next, once the `.bak` no longer names it either.
struct Detach: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove an attached file (or a text-only attachment) from an evidence item.",
        discussion: """
            NAME is the file's name as `mlcf attach` printed it, the start of its SHA-256, or a \
            text-only attachment as written. The copy in the folder beside the portfolio is \
            removed once neither the portfolio nor its .bak refers to it (at the next save after \
            this one).

            Exit status: 0 removed; 2 no such item or attachment, or the portfolio could not be \
            read, locked or saved (it is unchanged).
            """)

    @Argument(help: "The portfolio file.") var path: String
    @Argument(help: "The evidence item's id (ev-0003).") var item: String
    @Argument(help: "The attachment's name.") var name: String

    func run() throws {
        var removed = ""
        try CLI.edit(path, kept: { (_: Void) in "the portfolio with the attachment removed" }, notDone: "nothing was removed") {
            (portfolio: inout Portfolio) -> Void? in
            let index = try CLI.evidenceIndex(of: item, in: portfolio)
            var evidence = portfolio.evidence[index]
            let byHash = name.count >= 8 && name.allSatisfy(\.isHexDigit)
            if let at = evidence.files.firstIndex(where: { $0.name == name })
                ?? evidence.files.firstIndex(where: { byHash && $0.sha256.hasPrefix(name.lowercased()) })
            {
                removed = evidence.files.remove(at: at).name
            } else if let at = evidence.attachments.firstIndex(of: name) {
                removed = evidence.attachments.remove(at: at)
            } else {
                let names = evidence.files.map(\.name) + evidence.attachments
                throw CLI.refuse(
                    "\(item) has no attachment called “\(name)” (it has: \(names.isEmpty ? "none" : names.joined(separator: ", "))); nothing was changed.")
            }
            portfolio.evidence[index] = evidence
            return ()
        }
        CLI.say("Removed \(TerminalSafe.text(removed)) from \(TerminalSafe.text(item)).")
    }
}
