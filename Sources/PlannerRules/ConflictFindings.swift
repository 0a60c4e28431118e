import Foundation
import PlannerModel

/// A merge's unresolved conflicts as errors: the file holds our value where the two copies
/// differ, so until the doctor chooses, the portfolio is not one anyone should sign off.
enum ConflictFindings {
    static let code = "merge.conflict"

    static func findings(_ portfolio: Portfolio) -> [Finding] {
        (portfolio.conflicts ?? []).map { conflict in
            var location = FindingLocation(field: conflict.place)
            if conflict.path.count >= 2 {
                switch conflict.path[0] {
                case "evidence": location = FindingLocation(evidenceID: conflict.path[1], field: conflict.path.dropFirst(2).joined(separator: " › "))
                case "pdp", "previousPdp": location = FindingLocation(goalID: conflict.path[1], field: conflict.path.dropFirst(2).joined(separator: " › "))
                default: break
                }
            }
            return Finding(
                .error, code, ConflictText.sentence(conflict) + "; choose one in the planner's conflicts screen before exporting.", at: location)
        }
    }
}
