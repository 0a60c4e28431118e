import ArgumentParser
import Foundation
import PlannerCore

extension CLI {
    /// A verb's refusal from inside `CLI.edit`: the sentence goes to stderr and the verb exits
    /// 2 with nothing saved (an edit that throws never reaches the save).
    static func refuse(_ message: String) -> ExitCode {
        warn(TerminalSafe.text(message))
        return ExitCode(2)
    }

    /// The evidence item with this id, or a refusal listing the ids there are.
    static func evidenceIndex(of id: String, in portfolio: Portfolio) throws -> Int {
        if let index = portfolio.evidence.firstIndex(where: { $0.id == id }) { return index }
        let ids = portfolio.evidence.map(\.id)
        let shown = ids.count <= 12 ? ids.joined(separator: ", ") : ids.prefix(12).joined(separator: ", ") + ", …"
        throw refuse("there is no evidence item \(id) in the portfolio (its items: \(ids.isEmpty ? "none" : shown)); nothing was changed.")
    }
}
