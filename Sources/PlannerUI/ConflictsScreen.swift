import Foundation
import PlannerCore

/// The merge conflicts (issue 18): each field two copies changed differently, with both
/// versions, and keys to keep this copy's, take the other's, or for a free text keep both.
/// The file holds this copy's value until then; `validate` counts each as an error.
extension AppState {
    var conflicts: [MergeConflict] { portfolio.conflicts ?? [] }

    /// The dashboard's line, when there is anything to resolve.
    var conflictsLine: String? {
        guard !conflicts.isEmpty else { return nil }
        let count = conflicts.count
        return "⚠ \(count) conflict\(count == 1 ? "" : "s") from merging two copies: choose a version for each (Merge conflicts, below)"
    }

    /// Shows the Merge conflicts screen (after the planner merged another version in).
    public mutating func openConflicts() { go(.conflicts) }

    mutating func conflictsKey(_ key: Key) -> [Effect] {
        guard let command = command(for: key) else { return [] }
        if let moved = ListSupport.move(conflictSelection, command, count: conflicts.count, page: max(1, (contentHeight - 4) / 4)) {
            conflictSelection = moved
            return []
        }
        let choice: ConflictChoice
        switch command {
        case .pickOurs: choice = .ours
        case .pickTheirs: choice = .theirs
        case .keepBothTexts: choice = .bothTexts
        default: return globalCommand(command)
        }
        guard conflicts.indices.contains(conflictSelection) else {
            say("No conflict is left to resolve.")
            return []
        }
        let conflict = conflicts[conflictSelection]
        if choice == .bothTexts && !conflict.canKeepBothTexts {
            say("b keeps both versions of a text; \(conflict.place) is not one: choose o (this copy's) or t (the other's).")
            return []
        }
        let resolved: Portfolio
        do { resolved = try ConflictResolution.resolve(portfolio, conflict: conflictSelection, choice: choice) } catch {
            say("That version cannot be put back: \(error)")
            return []
        }
        let left = resolved.conflicts?.count ?? 0
        conflictSelection = min(conflictSelection, max(0, left - 1))
        let message = left == 0 ? "Every conflict is resolved; the portfolio can be exported again." : "Resolved; \(left) left."
        return commit(message) { $0 = resolved }
    }

    func drawConflicts(_ screen: inout Screen, y: Int, height: Int) {
        let w = screen.width
        screen.put("Merge conflicts", x: 1, y: y, style: .heading)
        guard !conflicts.isEmpty else {
            screen.put("None: every change of both copies is in the portfolio.", x: 1, y: y + 2, maxWidth: w - 2)
            return
        }
        screen.put(
            "o keeps this copy's version (in the file now), t takes the other's, b keeps both texts", x: 1, y: y + 1, style: .muted,
            maxWidth: w - 2)
        var row = y + 3
        let perConflict = 4
        let visible = max(1, (height - 3) / perConflict)
        let top = max(0, min(conflictSelection - visible + 1, conflicts.count - visible))
        for (index, conflict) in conflicts.enumerated().dropFirst(top).prefix(visible) {
            let selected = index == conflictSelection
            screen.put(ListSupport.marker(selected) + " " + conflict.place, x: 1, y: row, style: selected ? .accent : .bold, maxWidth: w - 2)
            screen.put("    this copy:  " + ConflictText.short(conflict.ours), x: 1, y: row + 1, maxWidth: w - 2)
            screen.put("    the other:  " + ConflictText.short(conflict.theirs), x: 1, y: row + 2, maxWidth: w - 2)
            row += perConflict
        }
    }
}
