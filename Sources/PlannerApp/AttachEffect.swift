import Foundation
import PlannerCore
import PlannerUI

extension PlannerLoop {
    /// `A`'s file work: the typed path (`UserPath`: `~` is $HOME) checked, the file copied into
    /// the folder beside the portfolio, and only then recorded on the item. A refusal is said
    /// on the status line and changes nothing.
    static func attach(_ typed: String, to id: String, _ state: inout AppState, portfolio: URL) -> [Effect] {
        do {
            let source = try AttachmentFolder.inspect(try UserPath.url(typed))
            let note = source.linkTarget.map { "\(source.name) is a link to \($0); attached the file it points to." }
            let file = try AttachmentFolder.store(source, beside: portfolio)
            return state.attached(file, to: id, note: note)
        } catch {
            state.attachFailed(PlannerLoop.sentence(error))
            return []
        }
    }

    /// An error as one sentence starting with a capital.
    static func sentence(_ error: any Error) -> String {
        let text = "\(error)"
        return text.prefix(1).uppercased() + text.dropFirst()
    }
}
