import PlannerModel

/// The warning the planner shows when the PII guard stops an export: how many pieces of text
/// look patient-identifiable, and which. The count and the list are made from one list of
/// findings, so the box never says "5" over three lines: what it cannot show it counts in
/// its last line ("… and 2 more").
public struct PIIWarning: Equatable, Sendable {
    /// Every finding, in the validator's order.
    public let findings: [Finding]
    /// The lines shown, one per finding, the first `shown` of them.
    public let lines: [String]

    public init(_ findings: [Finding], showing limit: Int = 3) {
        self.findings = findings
        lines = findings.prefix(max(0, limit)).map { "• " + $0.message }
    }

    /// Findings counted but not listed.
    public var notListed: Int { findings.count - lines.count }

    /// The heading, the listed findings, and how many more there are.
    public var text: String {
        let n = findings.count
        let heading =
            "Export stopped: \(n) piece\(n == 1 ? "" : "s") of text look\(n == 1 ? "s" : "") patient-identifiable. "
            + "Fix \(n == 1 ? "it" : "them") (r shows where), or export from the shell with --allow-flagged."
        let more = notListed > 0 ? ["… and \(notListed) more (r shows every one)."] : []
        return ([heading] + lines + more).joined(separator: "\n")
    }
}
