import Foundation

/// A kind of evidence a doctor records (reference §4), named by its id in the taxonomy
/// (`Resources/taxonomy.json`): what a kind is called, its short label, its GMC types and
/// where the export puts it are all data there, so a new kind is a change to that file alone.
///
/// Any id can be held: a file naming a kind the taxonomy does not know still loads, so
/// nothing the doctor wrote is lost, and the validator reports the kind (`known-kind`).
public struct EvidenceKind: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ id: String) { self.rawValue = id }

    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
    public var description: String { rawValue }
}

/// The structured reflection: what happened, what I learned, what I will do next.
public struct Reflection: Codable, Hashable, Sendable {
    public var whatHappened: String
    public var whatLearned: String
    public var whatNext: String
    /// Keys this version does not know, kept as read and saved back (see `JSONValue`).
    public var unknownFields: [String: JSONValue] = [:]
    public init(whatHappened: String = "", whatLearned: String = "", whatNext: String = "") {
        self.whatHappened = whatHappened; self.whatLearned = whatLearned; self.whatNext = whatNext
    }
    enum CodingKeys: String, CodingKey, CaseIterable { case whatHappened, whatLearned, whatNext }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        whatHappened = try c.decodeIfPresent(String.self, forKey: .whatHappened) ?? ""
        whatLearned = try c.decodeIfPresent(String.self, forKey: .whatLearned) ?? ""
        whatNext = try c.decodeIfPresent(String.self, forKey: .whatNext) ?? ""
        unknownFields = try decoder.unknownFields(besides: CodingKeys.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(whatHappened, forKey: .whatHappened)
        try c.encode(whatLearned, forKey: .whatLearned)
        try c.encode(whatNext, forKey: .whatNext)
        try encoder.encodeUnknownFields(unknownFields)
    }
    /// All three parts written (whitespace does not count).
    public var isComplete: Bool {
        !PlainText.isBlank(whatHappened) && !PlainText.isBlank(whatLearned) && !PlainText.isBlank(whatNext)
    }
    public var isEmpty: Bool { whatHappened.isEmpty && whatLearned.isEmpty && whatNext.isEmpty }
}

/// A supervisor's or tutor's confirmation that the evidence is genuine.
public struct Confirmation: Codable, Hashable, Sendable {
    public var name: String
    public var role: String
    public var date: CalendarDate?
    /// Keys this version does not know, kept as read and saved back (see `JSONValue`).
    public var unknownFields: [String: JSONValue] = [:]
    public init(name: String, role: String = "", date: CalendarDate? = nil) { self.name = name; self.role = role; self.date = date }
    enum CodingKeys: String, CodingKey, CaseIterable { case name, role, date }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        role = try c.decodeIfPresent(String.self, forKey: .role) ?? ""
        date = try c.decodeIfPresent(CalendarDate.self, forKey: .date)
        unknownFields = try decoder.unknownFields(besides: CodingKeys.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(role, forKey: .role)
        try c.encodeIfPresent(date, forKey: .date)
        try encoder.encodeUnknownFields(unknownFields)
    }
}

/// One piece of evidence, stored once and linked to as many competences as it shows.
public struct Evidence: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var title: String
    public var kind: EvidenceKind
    public var date: CalendarDate
    public var description: String
    public var reflection: Reflection
    /// Competence ids (`1.2.a`) or whole element ids (`1.2`).
    public var links: [String]
    public var cpdCredits: Double?
    public var confirmation: Confirmation?
    /// File paths or URLs kept as text (version 1's only kind of attachment); never opened.
    /// `mlcf attach --adopt` copies the files they name into `files`.
    public var attachments: [String]
    /// Files copied into the folder beside the portfolio (`AttachedFile`).
    public var files: [AttachedFile] = []
    /// Private items count for coverage but their text never leaves the machine in an export.
    public var isPrivate: Bool
    /// GMC supporting-information types, when the doctor overrides what the kind implies.
    public var supportingInfo: [String]?
    public var gmpDomains: [String]
    public var gmcAreas: [String]
    /// The stable key of the spreadsheet row this item was imported from (`mlcf import`), so
    /// importing the same file again adds nothing; nil for items made here.
    public var importKey: String? = nil
    /// Imported and not yet opened in the planner: the evidence list marks it "imported, to
    /// review" until the doctor has looked at it (nil, never false, once reviewed).
    public var importedToReview: Bool? = nil
    /// Set when the doctor brings an item from an earlier year into this year's document
    /// (printed in full there, not just counted), holding why it matters this year ("" when
    /// no reason was written); nil for every other item. Private items stay counted only.
    public var bringForward: String? = nil
    /// Keys this version does not know, kept as read and saved back (see `JSONValue`).
    public var unknownFields: [String: JSONValue] = [:]

    /// The most CPD credits one item may hold (`InputRules.maximumCPDCredits`).
    public static let maximumCPDCredits: Double = InputRules.maximumCPDCredits

    public init(
        id: String, title: String, kind: EvidenceKind, date: CalendarDate, description: String = "",
        reflection: Reflection = Reflection(), links: [String] = [], cpdCredits: Double? = nil,
        confirmation: Confirmation? = nil, attachments: [String] = [], isPrivate: Bool = false,
        supportingInfo: [String]? = nil, gmpDomains: [String] = [], gmcAreas: [String] = []
    ) {
        self.id = id; self.title = title; self.kind = kind; self.date = date; self.description = description
        self.reflection = reflection; self.links = links; self.cpdCredits = cpdCredits
        self.confirmation = confirmation; self.attachments = attachments; self.isPrivate = isPrivate
        self.supportingInfo = supportingInfo; self.gmpDomains = gmpDomains; self.gmcAreas = gmcAreas
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, title, kind, date, description, reflection, links, cpdCredits, confirmation, attachments, files
        case isPrivate = "private"
        case supportingInfo, gmpDomains, gmcAreas, importKey, importedToReview, bringForward
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decode(String.self, forKey: .title)
        kind = try c.decode(EvidenceKind.self, forKey: .kind)
        date = try c.decode(CalendarDate.self, forKey: .date)
        description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
        reflection = try c.decodeIfPresent(Reflection.self, forKey: .reflection) ?? Reflection()
        links = try c.decodeIfPresent([String].self, forKey: .links) ?? []
        cpdCredits = try c.decodeIfPresent(Double.self, forKey: .cpdCredits)
        if let credits = cpdCredits, let problem = Evidence.creditsProblem(credits) {
            throw DecodingError.dataCorruptedError(forKey: .cpdCredits, in: c, debugDescription: problem)
        }
        confirmation = try c.decodeIfPresent(Confirmation.self, forKey: .confirmation)
        attachments = try c.decodeIfPresent([String].self, forKey: .attachments) ?? []
        files = try c.decodeIfPresent([AttachedFile].self, forKey: .files) ?? []
        isPrivate = try c.decodeIfPresent(Bool.self, forKey: .isPrivate) ?? false
        supportingInfo = try c.decodeIfPresent([String].self, forKey: .supportingInfo)
        gmpDomains = try c.decodeIfPresent([String].self, forKey: .gmpDomains) ?? []
        gmcAreas = try c.decodeIfPresent([String].self, forKey: .gmcAreas) ?? []
        importKey = try c.decodeIfPresent(String.self, forKey: .importKey)
        importedToReview = try c.decodeIfPresent(Bool.self, forKey: .importedToReview)
        bringForward = try c.decodeIfPresent(String.self, forKey: .bringForward)
        unknownFields = try decoder.unknownFields(besides: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(kind, forKey: .kind)
        try c.encode(date, forKey: .date)
        try c.encode(description, forKey: .description)
        try c.encode(reflection, forKey: .reflection)
        try c.encode(links, forKey: .links)
        try c.encodeIfPresent(cpdCredits, forKey: .cpdCredits)
        try c.encodeIfPresent(confirmation, forKey: .confirmation)
        try c.encode(attachments, forKey: .attachments)
        if !files.isEmpty { try c.encode(files, forKey: .files) }
        try c.encode(isPrivate, forKey: .isPrivate)
        try c.encodeIfPresent(supportingInfo, forKey: .supportingInfo)
        try c.encode(gmpDomains, forKey: .gmpDomains)
        try c.encode(gmcAreas, forKey: .gmcAreas)
        try c.encodeIfPresent(importKey, forKey: .importKey)
        try c.encodeIfPresent(importedToReview, forKey: .importedToReview)
        try c.encodeIfPresent(bringForward, forKey: .bringForward)
        try encoder.encodeUnknownFields(unknownFields)
    }

    /// Credits as people write them (12, 6.5), for any number, without a conversion that can trap.
    public static func creditsText(_ credits: Double) -> String { PlainText.number(credits) }

    /// Why a number of CPD credits cannot be kept (nil when it can): the input rule (`InputRules.creditsProblem`).
    public static func creditsProblem(_ credits: Double) -> String? { InputRules.creditsProblem(credits) }

    /// The GMC supporting-information types this item counts as: the override, else the kind's.
    public func supportingInfoTypes(_ taxonomy: Taxonomy) -> [String] {
        supportingInfo ?? taxonomy.defaultSupportingInfo(for: kind)
    }

    /// Every element (unit) of `framework` this item touches, through a competence or
    /// directly, in link order (as `Framework.unitID(ofLink:)` reads each link).
    public func linkedElements(in framework: Framework) -> [String] {
        var seen = Set<String>()
        return links.compactMap(framework.unitID(ofLink:)).filter { seen.insert($0).inserted }
    }

    /// The text fields the PII guard and search look at, with a name for each (the table's free text).
    public var textFields: [(field: String, text: String)] { Evidence.schema.freeText(of: self) }
}

/// The status of a PDP goal. What each means is code (`isOpen`); what each is called is the
/// taxonomy's `pdpStatuses`.
public enum GoalStatus: String, Codable, CaseIterable, Sendable {
    case planned
    case inProgress = "in-progress"
    case achieved
    case carriedForward = "carried-forward"
    /// Superseded by a different goal in the new plan: reviewed, and not carried (the new
    /// goal stands in its place).
    case replaced
    case dropped
    /// Whether the goal still needs work (so it is carried into the next period).
    public var isOpen: Bool { self == .planned || self == .inProgress || self == .carriedForward }
    /// Whether the review has decided what became of the goal (the appraisal's outcomes).
    public var isReviewed: Bool { self == .achieved || self == .carriedForward || self == .replaced || self == .dropped }
}

/// A personal development plan goal (reference §5).
public struct Goal: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var title: String
    public var why: String
    public var links: [String]
    public var activities: String
    public var measure: String
    public var targetDate: CalendarDate?
    public var status: GoalStatus
    public var reviewNote: String
    /// The id of last year's goal this one continues (a goal carried forward at the
    /// appraisal), so a year's review can follow a goal across periods.
    public var carriedFrom: String?
    /// Keys this version does not know, kept as read and saved back (see `JSONValue`).
    public var unknownFields: [String: JSONValue] = [:]

    public init(
        id: String, title: String, why: String = "", links: [String] = [], activities: String = "",
        measure: String = "", targetDate: CalendarDate? = nil, status: GoalStatus = .planned, reviewNote: String = "",
        carriedFrom: String? = nil
    ) {
        self.id = id; self.title = title; self.why = why; self.links = links; self.activities = activities
        self.measure = measure; self.targetDate = targetDate; self.status = status; self.reviewNote = reviewNote
        self.carriedFrom = carriedFrom
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, title, why, links, activities, measure, targetDate, status, reviewNote, carriedFrom
    }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decode(String.self, forKey: .title)
        why = try c.decodeIfPresent(String.self, forKey: .why) ?? ""
        links = try c.decodeIfPresent([String].self, forKey: .links) ?? []
        activities = try c.decodeIfPresent(String.self, forKey: .activities) ?? ""
        measure = try c.decodeIfPresent(String.self, forKey: .measure) ?? ""
        targetDate = try c.decodeIfPresent(CalendarDate.self, forKey: .targetDate)
        status = try c.decode(GoalStatus.self, forKey: .status)
        reviewNote = try c.decodeIfPresent(String.self, forKey: .reviewNote) ?? ""
        carriedFrom = try c.decodeIfPresent(String.self, forKey: .carriedFrom)
        unknownFields = try decoder.unknownFields(besides: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(why, forKey: .why)
        try c.encode(links, forKey: .links)
        try c.encode(activities, forKey: .activities)
        try c.encode(measure, forKey: .measure)
        try c.encodeIfPresent(targetDate, forKey: .targetDate)
        try c.encode(status, forKey: .status)
        try c.encode(reviewNote, forKey: .reviewNote)
        try c.encodeIfPresent(carriedFrom, forKey: .carriedFrom)
        try encoder.encodeUnknownFields(unknownFields)
    }

    /// The goal's free text, with a name for each (from the table).
    public var textFields: [(field: String, text: String)] { Goal.schema.freeText(of: self) }
}

extension Evidence {
    /// Whether the doctor brought this item into the document of `period`: marked (`b`) and
    /// dated before it. A mark on an item of the period itself, or a later one, means nothing.
    public func isBroughtForward(into period: Period) -> Bool {
        bringForward != nil && date < period.start
    }
}
