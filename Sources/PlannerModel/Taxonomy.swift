import Foundation

/// The vocabularies shown to the user (kinds, GMC types, GMP domains, …), loaded from
/// `Resources/taxonomy.json` so labels can be changed, and kinds added, without touching code.
///
/// There is no default: the validator, the exporter, the planner and the CLI are each given
/// the taxonomy they use, so a test (or a deanery's own file) can use another one.
public struct Taxonomy: Decodable, Sendable {
    public struct StageInfo: Codable, Sendable {
        public let id: String
        public let label: String
        /// What the review period is called at this stage ("academic year").
        public let period: String
        public let context: String
        /// The day the stage's year usually starts, `MM-DD` (academic year 09-01, training
        /// year 08-01, NHS appraisal year 04-01): what a new portfolio's period defaults to.
        public let yearStart: String?
        /// The year is the 12 months up to the doctor's appraisal date when there is one.
        public let yearEndsAtAppraisal: Bool?

        /// `yearStart` as month and day, when it is a real day (29 February is refused: most
        /// years would have to move it).
        public var yearStartMonthDay: (month: Int, day: Int)? {
            guard let yearStart, let date = CalendarDate("2001-" + yearStart) else { return nil }
            return (date.month, date.day)
        }
    }

    /// One kind of evidence: everything the program knows about it is here.
    public struct KindInfo: Codable, Sendable {
        public let id: String
        /// The full name, in the editor's choices and the export ("Colleague feedback (MSF / 360)").
        public let label: String
        /// What the evidence list's kind column shows: at most `shortLabelLimit` characters.
        public let shortLabel: String
        public let hint: String
        /// The GMC supporting-information types an item of this kind counts as by default.
        public let supportingInfo: [String]
        /// The kind is CPD: its items are listed in the export's credits table even before
        /// credits are written.
        public let recordsCPD: Bool
        /// Feedback the GMC expects once in each revalidation cycle: the continuing-practice
        /// export gives it a part of the feedback section (under its first supporting-information
        /// type) and a row of the checklist.
        public let revalidationFeedback: Bool

        public var kind: EvidenceKind { EvidenceKind(id) }

        public init(
            id: String, label: String, shortLabel: String, hint: String = "", supportingInfo: [String] = [], recordsCPD: Bool = false,
            revalidationFeedback: Bool = false
        ) {
            self.id = id; self.label = label; self.shortLabel = shortLabel; self.hint = hint; self.supportingInfo = supportingInfo
            self.recordsCPD = recordsCPD; self.revalidationFeedback = revalidationFeedback
        }

        enum CodingKeys: String, CodingKey { case id, label, shortLabel, hint, supportingInfo, recordsCPD, revalidationFeedback }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            label = try c.decode(String.self, forKey: .label)
            shortLabel = try c.decode(String.self, forKey: .shortLabel)
            hint = try c.decodeIfPresent(String.self, forKey: .hint) ?? ""
            supportingInfo = try c.decodeIfPresent([String].self, forKey: .supportingInfo) ?? []
            recordsCPD = try c.decodeIfPresent(Bool.self, forKey: .recordsCPD) ?? false
            revalidationFeedback = try c.decodeIfPresent(Bool.self, forKey: .revalidationFeedback) ?? false
        }
    }
    public struct Labelled: Codable, Sendable {
        public let id: String; public let label: String
        public init(id: String, label: String) { self.id = id; self.label = label }
    }
    /// A GMC supporting-information type, with the words of its nil return
    /// ("No significant events this period"), which the doctor may declare instead of evidence.
    public struct SupportingInfoType: Codable, Sendable {
        public let id: String
        public let label: String
        public let none: String
        public init(id: String, label: String, none: String) { self.id = id; self.label = label; self.none = none }
        enum CodingKeys: String, CodingKey { case id, label, none }
        /// A taxonomy written before nil returns existed still loads, with plain words.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            label = try c.decode(String.self, forKey: .label)
            none = try c.decodeIfPresent(String.self, forKey: .none) ?? "None this period"
        }
    }
    public struct GMPDomain: Codable, Sendable { public let id: String; public let name2013: String; public let name2024: String }

    public let stages: [StageInfo]
    /// In the order the editor offers them; the first is the choice for a new item.
    public let evidenceKinds: [KindInfo]
    public let supportingInfoTypes: [SupportingInfoType]
    public let gmpDomains: [GMPDomain]
    public let gmcAreas: [Labelled]
    public let pdpStatuses: [Labelled]
    /// The usual CPD guidance (see `WorkingDates.swift`); none in a taxonomy that gives none.
    public let cpdGuidance: CPDGuidance?
    /// The dates of the profile the doctor works to, with what is due before each.
    let dueDates: [DueDateInfo]?
    /// Header names and kind words for `mlcf import` (absent: only the field names and kind ids are read).
    public let spreadsheetImport: SpreadsheetVocabulary?

    /// The widest short label: the evidence list's kind column.
    public static let shortLabelLimit = 12

    /// Reads and checks a taxonomy file; every problem in it is reported at once.
    public init(data: Data) throws {
        let decoded: Taxonomy
        do { decoded = try JSONDecoder().decode(Taxonomy.self, from: data) } catch {
            throw TaxonomyError(problems: ["the taxonomy file does not fit the expected shape " + JSONErrorDescription.describe(error)])
        }
        let problems = decoded.problems
        if !problems.isEmpty { throw TaxonomyError(problems: problems) }
        self = decoded
    }

    /// The taxonomy built into the binary: what the CLI and the planner hand to the parts that need one.
    public static let bundled: Taxonomy = {
        do { return try Taxonomy(data: Data(PackageResources.taxonomy_json)) } catch {
            fatalError("The built-in taxonomy.json is damaged — a build problem, not your data: \(error)")
        }
    }()

    // MARK: Kinds

    /// Every kind, in the taxonomy's order.
    public var kinds: [EvidenceKind] { evidenceKinds.map(\.kind) }
    public func info(_ kind: EvidenceKind) -> KindInfo? { evidenceKinds.first { $0.id == kind.rawValue } }
    public func isKnown(_ kind: EvidenceKind) -> Bool { info(kind) != nil }
    /// The kind's place in the taxonomy's order, for tables indexed by kind.
    public func position(of kind: EvidenceKind) -> Int? { evidenceKinds.firstIndex { $0.id == kind.rawValue } }
    /// A kind the taxonomy does not know is shown by its id, so nothing disappears from view.
    public func label(of kind: EvidenceKind) -> String { info(kind)?.label ?? kind.rawValue }
    public func shortLabel(of kind: EvidenceKind) -> String { info(kind)?.shortLabel ?? kind.rawValue }
    /// The kind a new item starts as: the first in the file.
    public var firstKind: EvidenceKind? { evidenceKinds.first?.kind }
    /// "reflective-note, cpd, …": the ids, for messages that say what is allowed.
    public var kindList: String { evidenceKinds.map(\.id).joined(separator: ", ") }
    /// The GMC supporting-information types a kind counts as when the item does not say otherwise.
    public func defaultSupportingInfo(for kind: EvidenceKind) -> [String] { info(kind)?.supportingInfo ?? [] }

    // MARK: Other vocabularies

    public func label(ofSupportingInfo id: String) -> String { supportingInfoTypes.first { $0.id == id }?.label ?? id }
    public func supportingInfoType(_ id: String) -> SupportingInfoType? { supportingInfoTypes.first { $0.id == id } }
    public func label(ofArea id: String) -> String { gmcAreas.first { $0.id == id }?.label ?? id }
    public func label(of status: GoalStatus) -> String { pdpStatuses.first { $0.id == status.rawValue }?.label ?? status.rawValue }
    public func stage(_ stage: Stage) -> StageInfo? { stages.first { $0.id == stage.rawValue } }
}

/// What is wrong with a taxonomy file: every problem found, each naming where.
public struct TaxonomyError: Error, CustomStringConvertible, Equatable {
    public let problems: [String]
    public var description: String {
        problems.count == 1 ? "taxonomy: " + problems[0] : "taxonomy: \(problems.count) problems:\n" + problems.map { "- " + $0 }.joined(separator: "\n")
    }
}

extension Taxonomy {
    /// Everything that would make the file mislead the program or the doctor: ids that clash
    /// or are empty, labels left empty, short labels too wide or not the kind's (`shortLabelProblems`),
    /// types that do not exist.
    var problems: [String] {
        var problems: [String] = []
        if evidenceKinds.isEmpty { problems.append("evidenceKinds is empty: there must be at least one kind of evidence") }
        let typeIDs = Set(supportingInfoTypes.map(\.id))
        problems += Self.idProblems(evidenceKinds.map(\.id), list: "evidenceKinds")
        for (index, kind) in evidenceKinds.enumerated() {
            let place = "evidenceKinds[\(index)] (“\(kind.id)”)"
            if kind.id.contains(where: \.isWhitespace) { problems.append("\(place): an id has no spaces") }
            if Self.isBlank(kind.label) { problems.append("\(place): the label is empty") }
            if Self.isBlank(kind.shortLabel) { problems.append("\(place): the short label is empty") }
            if kind.shortLabel.count > Taxonomy.shortLabelLimit {
                problems.append("\(place): the short label “\(kind.shortLabel)” is over \(Taxonomy.shortLabelLimit) characters")
            }
            for type in kind.supportingInfo where !typeIDs.contains(type) {
                problems.append(
                    "\(place): supportingInfo names “\(type)”, which is not one of the supportingInfoTypes (\(supportingInfoTypes.map(\.id).joined(separator: ", ")))"
                )
            }
            if kind.revalidationFeedback && kind.supportingInfo.isEmpty {
                problems.append("\(place): revalidation feedback needs a supporting-information type to be filed under")
            }
        }
        problems += shortLabelProblems
        problems += Self.idProblems(supportingInfoTypes.map(\.id), list: "supportingInfoTypes")
        problems += Self.labelProblems(supportingInfoTypes.map { Labelled(id: $0.id, label: $0.label) }, list: "supportingInfoTypes")
        for (index, type) in supportingInfoTypes.enumerated() where Self.isBlank(type.none) {
            problems.append("supportingInfoTypes[\(index)] (“\(type.id)”): the words of its nil return (none) are empty")
        }
        problems += Self.idProblems(gmcAreas.map(\.id), list: "gmcAreas")
        problems += Self.labelProblems(gmcAreas, list: "gmcAreas")
        problems += Self.idProblems(pdpStatuses.map(\.id), list: "pdpStatuses")
        problems += Self.labelProblems(pdpStatuses, list: "pdpStatuses")
        // The statuses are the program's (each changes what a goal means); the file names them all.
        for status in GoalStatus.allCases where !pdpStatuses.contains(where: { $0.id == status.rawValue }) {
            problems.append("pdpStatuses: the status “\(status.rawValue)” has no label")
        }
        problems += Self.idProblems(gmpDomains.map(\.id), list: "gmpDomains")
        problems += Self.idProblems(stages.map(\.id), list: "stages")
        for (index, stage) in stages.enumerated() where stage.yearStart != nil && stage.yearStartMonthDay == nil {
            problems.append("stages[\(index)] (“\(stage.id)”): yearStart “\(stage.yearStart!)” is not a day of the year written MM-DD, e.g. 09-01")
        }
        problems += workingDateProblems
        problems += spreadsheetImport?.problems(kinds: evidenceKinds.map(\.id)) ?? []
        return problems
    }

    private static func isBlank(_ text: String) -> Bool { text.allSatisfy(\.isWhitespace) }

    /// Empty and repeated ids in one list.
    private static func idProblems(_ ids: [String], list: String) -> [String] {
        var seen = Set<String>(), problems: [String] = []
        for (index, id) in ids.enumerated() {
            if isBlank(id) { problems.append("\(list)[\(index)]: the id is empty") }
            if !seen.insert(id).inserted { problems.append("\(list)[\(index)]: the id “\(id)” is used twice") }
        }
        return problems
    }

    private static func labelProblems(_ items: [Labelled], list: String) -> [String] {
        items.enumerated().compactMap { index, item in isBlank(item.label) ? "\(list)[\(index)] (“\(item.id)”): the label is empty" : nil }
    }
}
