/// Where a finding points, so the UI can jump straight to the fix.
public struct FindingLocation: Hashable, Codable, Sendable {
    public var domain: String?
    public var element: String?
    public var evidenceID: String?
    public var goalID: String?
    /// A profile field name, or the field inside an evidence item or goal.
    public var field: String?

    public init(domain: String? = nil, element: String? = nil, evidenceID: String? = nil, goalID: String? = nil, field: String? = nil) {
        self.domain = domain; self.element = element; self.evidenceID = evidenceID; self.goalID = goalID; self.field = field
    }

    public static let portfolio = FindingLocation()
    public static func profile(_ field: String) -> FindingLocation { FindingLocation(field: "profile.\(field)") }

    /// Short human label, e.g. "evidence ev-0003 (reflection: what I learned)".
    public var label: String {
        var parts: [String] = []
        if let element { parts.append("element \(element)") } else if let domain { parts.append("domain \(domain)") }
        if let evidenceID { parts.append("evidence \(evidenceID)") }
        if let goalID { parts.append("goal \(goalID)") }
        var text = parts.joined(separator: ", ")
        if let field { text += text.isEmpty ? field : " (\(field))" }
        return text.isEmpty ? "portfolio" : text
    }
}

/// One thing the validator has to say: how serious, a stable code, a sentence, and where.
public struct Finding: Hashable, Codable, Sendable {
    public let severity: Severity
    public let code: String
    public let message: String
    public let location: FindingLocation

    public init(_ severity: Severity, _ code: String, _ message: String, at location: FindingLocation) {
        self.severity = severity; self.code = code; self.message = message; self.location = location
    }
}
