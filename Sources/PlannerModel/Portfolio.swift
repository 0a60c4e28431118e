import Foundation

/// The whole of one doctor's portfolio: the single source of truth that is saved to disk.
/// Derived figures (coverage, findings, indexes) are computed from it, never stored in it.
public struct Portfolio: Codable, Hashable, Sendable {
    /// The format version this build writes. Older files are migrated on load (see
    /// `FormatMigration`); newer are refused.
    public static let currentSchemaVersion = 2

    public var schemaVersion: Int
    public var profile: Profile
    /// Every evidence item once; it may link to many competences ("one item, many lenses").
    public var evidence: [Evidence]
    /// This period's self-ratings, keyed by the rated item's link (`"mlcf:3.2"`, `"hlm:4"`).
    public var ratings: [String: Rating]
    /// The proposed plan: goals for the next period, agreed at this period's appraisal.
    public var pdp: [Goal]
    /// This year's goals (agreed at the last appraisal, with any carried forward), in progress
    /// during the year and reviewed as its appraisal nears.
    public var previousPdp: [Goal]
    /// Earlier periods, oldest first, so the portfolio carries over year to year.
    public var history: [PastPeriod]
    public var walkthrough: Walkthrough?
    /// Fields two copies changed differently, left by `mlcf merge` until resolved; absent when none.
    public var conflicts: [MergeConflict]?
    /// The ids of this portfolio's most recent saved versions, newest first (`VersionLineage`):
    /// written by every save, so a merge of two copies can tell the version they last shared.
    public var versions: [String]?
    /// Keys this version does not know, kept as read and saved back (see `JSONValue`).
    public var unknownFields: [String: JSONValue] = [:]

    public init(
        profile: Profile, evidence: [Evidence] = [], ratings: [String: Rating] = [:],
        pdp: [Goal] = [], previousPdp: [Goal] = [], history: [PastPeriod] = [],
        walkthrough: Walkthrough? = nil
    ) {
        self.schemaVersion = Portfolio.currentSchemaVersion
        self.profile = profile
        self.evidence = evidence
        self.ratings = ratings
        self.pdp = pdp
        self.previousPdp = previousPdp
        self.history = history
        self.walkthrough = walkthrough
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case schemaVersion, profile, evidence, ratings, pdp, previousPdp, history, walkthrough, conflicts, versions
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // Read the version first so a newer file is refused before anything else is judged.
        schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
        if !FormatMigration.readable.contains(schemaVersion) {
            throw UnsupportedSchemaVersion(found: schemaVersion)
        }
        profile = try c.decode(Profile.self, forKey: .profile)
        evidence = try c.decodeIfPresent([Evidence].self, forKey: .evidence) ?? []
        ratings = try c.decodeIfPresent([String: Rating].self, forKey: .ratings) ?? [:]
        pdp = try c.decodeIfPresent([Goal].self, forKey: .pdp) ?? []
        previousPdp = try c.decodeIfPresent([Goal].self, forKey: .previousPdp) ?? []
        history = try c.decodeIfPresent([PastPeriod].self, forKey: .history) ?? []
        walkthrough = try c.decodeIfPresent(Walkthrough.self, forKey: .walkthrough)
        conflicts = try c.decodeIfPresent([MergeConflict].self, forKey: .conflicts)
        versions = try c.decodeIfPresent([String].self, forKey: .versions)
        unknownFields = try decoder.unknownFields(besides: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(profile, forKey: .profile)
        try c.encode(evidence, forKey: .evidence)
        try c.encode(ratings, forKey: .ratings)
        try c.encode(pdp, forKey: .pdp)
        try c.encode(previousPdp, forKey: .previousPdp)
        try c.encode(history, forKey: .history)
        try c.encodeIfPresent(walkthrough, forKey: .walkthrough)
        try c.encodeIfPresent(conflicts, forKey: .conflicts)
        try c.encodeIfPresent(versions, forKey: .versions)
        try encoder.encodeUnknownFields(unknownFields)
    }

    public var period: Period { Period(start: profile.periodStart, end: profile.periodEnd) }
    public var stage: Stage { profile.stage }

    public func evidence(withID id: String) -> Evidence? { evidence.first { $0.id == id } }
    public func goal(withID id: String) -> Goal? { (pdp + previousPdp).first { $0.id == id } }

    /// A fresh id with a prefix (`ev-0042`, `pdp-0007`) not used anywhere in the portfolio.
    public func nextID(prefix: String) -> String {
        let used = Set(evidence.map(\.id) + pdp.map(\.id) + previousPdp.map(\.id) + history.flatMap { $0.pdp.map(\.id) })
        var highest = 0
        for id in used where id.hasPrefix(prefix + "-") {
            if let n = Int(id.dropFirst(prefix.count + 1)) { highest = max(highest, n) }
        }
        var n = highest + 1
        while used.contains(String(format: "%@-%04d", prefix, n)) { n += 1 }
        return String(format: "%@-%04d", prefix, n)
    }
}

/// Thrown while decoding a file written by a newer (or nonsense) format version.
public struct UnsupportedSchemaVersion: Error, Equatable { public let found: Int }

/// Who the doctor is and which period this portfolio is for.
public struct Profile: Codable, Hashable, Sendable {
    public var name: String
    /// Seven digits when given; optional because students do not have one.
    public var gmcNumber: String?
    public var stage: Stage
    public var grade: String
    public var specialty: String
    public var organisation: String
    public var periodStart: CalendarDate
    public var periodEnd: CalendarDate
    /// Appraiser, educational supervisor or tutor.
    public var appraiser: String
    public var scopeOfWork: [ScopeEntry]
    /// The doctor's own probity declaration (indemnity, conflicts of interest, …).
    public var probityStatement: String
    /// The doctor's own health declaration.
    public var healthStatement: String
    public var achievements: String
    public var challenges: String
    public var aspirations: String
    /// The frameworks this portfolio uses, by id, in the order the doctor chose them
    /// (`["mlcf", "hlm"]`). A version-1 file used the MLCF alone.
    public var frameworks: [String] = []
    /// The dates the doctor works to (see `DueDates`): both may lie in the future, and
    /// revalidation's fixes the five-year CPD cycle (see `CPDFigures`). The review of this
    /// year's goals falls due as the appraisal nears (`Portfolio.reviewDueFrom`).
    public var appraisalDate: CalendarDate?
    public var revalidationDate: CalendarDate?
    /// The organisation that oversees the doctor's revalidation, and its responsible officer.
    public var designatedBody: String?
    public var responsibleOfficer: String?
    /// This period's nil returns, by GMC supporting-information type (see `NoneDeclaration`).
    public var declaredNone: [String: NoneDeclaration] = [:]
    /// The appraisal document last exported for this period (see `ExportedDocument`).
    public var exported: ExportedDocument?
    /// Keys this version does not know, kept as read and saved back (see `JSONValue`).
    public var unknownFields: [String: JSONValue] = [:]

    public init(
        name: String, stage: Stage, periodStart: CalendarDate, periodEnd: CalendarDate,
        gmcNumber: String? = nil, grade: String = "", specialty: String = "", organisation: String = "",
        appraiser: String = "", scopeOfWork: [ScopeEntry] = [], probityStatement: String = "",
        healthStatement: String = "", achievements: String = "", challenges: String = "", aspirations: String = "",
        frameworks: [String] = [FrameworkLink.bareFramework]
    ) {
        self.name = name; self.gmcNumber = gmcNumber; self.stage = stage; self.grade = grade
        self.specialty = specialty; self.organisation = organisation
        self.periodStart = periodStart; self.periodEnd = periodEnd; self.appraiser = appraiser
        self.scopeOfWork = scopeOfWork; self.probityStatement = probityStatement
        self.healthStatement = healthStatement; self.achievements = achievements
        self.challenges = challenges; self.aspirations = aspirations
        self.frameworks = frameworks
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, gmcNumber, stage, grade, specialty, organisation, periodStart, periodEnd, appraiser
        case scopeOfWork, probityStatement, healthStatement, achievements, challenges, aspirations, frameworks
        case appraisalDate, revalidationDate, designatedBody, responsibleOfficer
        case declaredNone, exported
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        gmcNumber = try c.decodeIfPresent(String.self, forKey: .gmcNumber)
        stage = try c.decode(Stage.self, forKey: .stage)
        grade = try c.decodeIfPresent(String.self, forKey: .grade) ?? ""
        specialty = try c.decodeIfPresent(String.self, forKey: .specialty) ?? ""
        organisation = try c.decodeIfPresent(String.self, forKey: .organisation) ?? ""
        periodStart = try c.decode(CalendarDate.self, forKey: .periodStart)
        periodEnd = try c.decode(CalendarDate.self, forKey: .periodEnd)
        appraiser = try c.decodeIfPresent(String.self, forKey: .appraiser) ?? ""
        scopeOfWork = try c.decodeIfPresent([ScopeEntry].self, forKey: .scopeOfWork) ?? []
        probityStatement = try c.decodeIfPresent(String.self, forKey: .probityStatement) ?? ""
        healthStatement = try c.decodeIfPresent(String.self, forKey: .healthStatement) ?? ""
        achievements = try c.decodeIfPresent(String.self, forKey: .achievements) ?? ""
        challenges = try c.decodeIfPresent(String.self, forKey: .challenges) ?? ""
        aspirations = try c.decodeIfPresent(String.self, forKey: .aspirations) ?? ""
        frameworks = try c.decodeIfPresent([String].self, forKey: .frameworks) ?? []
        appraisalDate = try c.decodeIfPresent(CalendarDate.self, forKey: .appraisalDate)
        revalidationDate = try c.decodeIfPresent(CalendarDate.self, forKey: .revalidationDate)
        designatedBody = try c.decodeIfPresent(String.self, forKey: .designatedBody)
        responsibleOfficer = try c.decodeIfPresent(String.self, forKey: .responsibleOfficer)
        declaredNone = try c.decodeIfPresent([String: NoneDeclaration].self, forKey: .declaredNone) ?? [:]
        exported = try c.decodeIfPresent(ExportedDocument.self, forKey: .exported)
        unknownFields = try decoder.unknownFields(besides: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(gmcNumber, forKey: .gmcNumber)
        try c.encode(stage, forKey: .stage)
        try c.encode(grade, forKey: .grade)
        try c.encode(specialty, forKey: .specialty)
        try c.encode(organisation, forKey: .organisation)
        try c.encode(periodStart, forKey: .periodStart)
        try c.encode(periodEnd, forKey: .periodEnd)
        try c.encode(appraiser, forKey: .appraiser)
        try c.encode(scopeOfWork, forKey: .scopeOfWork)
        try c.encode(probityStatement, forKey: .probityStatement)
        try c.encode(healthStatement, forKey: .healthStatement)
        try c.encode(achievements, forKey: .achievements)
        try c.encode(challenges, forKey: .challenges)
        try c.encode(aspirations, forKey: .aspirations)
        try c.encode(frameworks, forKey: .frameworks)
        try c.encodeIfPresent(appraisalDate, forKey: .appraisalDate)
        try c.encodeIfPresent(revalidationDate, forKey: .revalidationDate)
        try c.encodeIfPresent(designatedBody, forKey: .designatedBody)
        try c.encodeIfPresent(responsibleOfficer, forKey: .responsibleOfficer)
        try c.encode(declaredNone, forKey: .declaredNone)
        try c.encodeIfPresent(exported, forKey: .exported)
        try encoder.encodeUnknownFields(unknownFields)
    }
}

/// A role held in the period, and where (appraisal form section 4).
public struct ScopeEntry: Codable, Hashable, Sendable {
    public var role: String
    public var organisation: String
    public var place: String
    /// Keys this version does not know, kept as read and saved back (see `JSONValue`).
    public var unknownFields: [String: JSONValue] = [:]
    public init(role: String, organisation: String = "", place: String = "") {
        self.role = role; self.organisation = organisation; self.place = place
    }
    enum CodingKeys: String, CodingKey, CaseIterable { case role, organisation, place }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        role = try c.decode(String.self, forKey: .role)
        organisation = try c.decode(String.self, forKey: .organisation)
        place = try c.decode(String.self, forKey: .place)
        unknownFields = try decoder.unknownFields(besides: CodingKeys.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(role, forKey: .role)
        try c.encode(organisation, forKey: .organisation)
        try c.encode(place, forKey: .place)
        try encoder.encodeUnknownFields(unknownFields)
    }
}

/// A self-rating of one element (0 not yet rated … 4 beyond my stage) with the doctor's note.
public struct Rating: Codable, Hashable, Sendable {
    public var level: Int
    public var note: String
    /// Keys this version does not know, kept as read and saved back (see `JSONValue`).
    public var unknownFields: [String: JSONValue] = [:]
    public init(level: Int, note: String = "") { self.level = level; self.note = note }

    /// The levels a file may hold: 0 (not yet rated) up to the longest scale a framework may
    /// have. Each rating is held to its own framework's scale by the validator, which can say
    /// which framework and scale; a file is never refused for a level a pack could define.
    public static let levels: ClosedRange<Int> = 0...FrameworkPack.scaleSizes.upperBound

    enum CodingKeys: String, CodingKey, CaseIterable { case level, note }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        level = try c.decode(Int.self, forKey: .level)
        guard Rating.levels.contains(level) else {
            throw DecodingError.dataCorruptedError(
                forKey: .level, in: c,
                debugDescription:
                    "a rating level must be a whole number from \(Rating.levels.lowerBound) to \(Rating.levels.upperBound); found \(level)")
        }
        note = try c.decodeIfPresent(String.self, forKey: .note) ?? ""
        unknownFields = try decoder.unknownFields(besides: CodingKeys.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(level, forKey: .level)
        try c.encode(note, forKey: .note)
        try encoder.encodeUnknownFields(unknownFields)
    }
}

/// Where the guided walk-through stopped, so the doctor resumes there next time.
public struct Walkthrough: Codable, Hashable, Sendable {
    public var currentElement: String
    /// Keys this version does not know, kept as read and saved back (see `JSONValue`).
    public var unknownFields: [String: JSONValue] = [:]
    public init(currentElement: String) { self.currentElement = currentElement }
    enum CodingKeys: String, CodingKey, CaseIterable { case currentElement }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        currentElement = try c.decode(String.self, forKey: .currentElement)
        unknownFields = try decoder.unknownFields(besides: CodingKeys.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(currentElement, forKey: .currentElement)
        try encoder.encodeUnknownFields(unknownFields)
    }
}

/// An earlier review period kept for year-on-year comparison.
public struct PastPeriod: Codable, Hashable, Sendable {
    public var periodStart: CalendarDate
    public var periodEnd: CalendarDate
    public var stage: Stage?
    public var grade: String?
    public var appraisalDate: CalendarDate?
    public var appraiser: String?
    public var ratings: [String: Rating]
    public var pdp: [Goal]
    // The period's own texts, as they stood when it closed (nil: archived before they were kept).
    public var probityStatement: String?
    public var healthStatement: String?
    public var achievements: String?
    public var challenges: String?
    public var aspirations: String?
    /// The period's nil returns, as declared when it closed (nil: none kept).
    public var declaredNone: [String: NoneDeclaration]?
    /// The document last exported for the period before it closed (nil: none recorded).
    public var exported: ExportedDocument?
    /// The earlier items brought into the period's document, with why (nil: none kept).
    public var broughtForward: [BroughtForwardMark]?
    /// Keys this version does not know, kept as read and saved back (see `JSONValue`).
    public var unknownFields: [String: JSONValue] = [:]

    public init(
        periodStart: CalendarDate, periodEnd: CalendarDate, stage: Stage? = nil, grade: String? = nil,
        appraisalDate: CalendarDate? = nil, appraiser: String? = nil,
        ratings: [String: Rating] = [:], pdp: [Goal] = []
    ) {
        self.periodStart = periodStart; self.periodEnd = periodEnd; self.stage = stage; self.grade = grade
        self.appraisalDate = appraisalDate; self.appraiser = appraiser; self.ratings = ratings; self.pdp = pdp
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case periodStart, periodEnd, stage, grade, appraisalDate, appraiser, ratings, pdp
        case probityStatement, healthStatement, achievements, challenges, aspirations, declaredNone, exported, broughtForward
    }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        periodStart = try c.decode(CalendarDate.self, forKey: .periodStart)
        periodEnd = try c.decode(CalendarDate.self, forKey: .periodEnd)
        stage = try c.decodeIfPresent(Stage.self, forKey: .stage)
        grade = try c.decodeIfPresent(String.self, forKey: .grade)
        appraisalDate = try c.decodeIfPresent(CalendarDate.self, forKey: .appraisalDate)
        appraiser = try c.decodeIfPresent(String.self, forKey: .appraiser)
        ratings = try c.decodeIfPresent([String: Rating].self, forKey: .ratings) ?? [:]
        pdp = try c.decodeIfPresent([Goal].self, forKey: .pdp) ?? []
        probityStatement = try c.decodeIfPresent(String.self, forKey: .probityStatement)
        healthStatement = try c.decodeIfPresent(String.self, forKey: .healthStatement)
        achievements = try c.decodeIfPresent(String.self, forKey: .achievements)
        challenges = try c.decodeIfPresent(String.self, forKey: .challenges)
        aspirations = try c.decodeIfPresent(String.self, forKey: .aspirations)
        declaredNone = try c.decodeIfPresent([String: NoneDeclaration].self, forKey: .declaredNone)
        exported = try c.decodeIfPresent(ExportedDocument.self, forKey: .exported)
        broughtForward = try c.decodeIfPresent([BroughtForwardMark].self, forKey: .broughtForward)
        unknownFields = try decoder.unknownFields(besides: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(periodStart, forKey: .periodStart)
        try c.encode(periodEnd, forKey: .periodEnd)
        try c.encodeIfPresent(stage, forKey: .stage)
        try c.encodeIfPresent(grade, forKey: .grade)
        try c.encodeIfPresent(appraisalDate, forKey: .appraisalDate)
        try c.encodeIfPresent(appraiser, forKey: .appraiser)
        try c.encode(ratings, forKey: .ratings)
        try c.encode(pdp, forKey: .pdp)
        try c.encodeIfPresent(probityStatement, forKey: .probityStatement)
        try c.encodeIfPresent(healthStatement, forKey: .healthStatement)
        try c.encodeIfPresent(achievements, forKey: .achievements)
        try c.encodeIfPresent(challenges, forKey: .challenges)
        try c.encodeIfPresent(aspirations, forKey: .aspirations)
        try c.encodeIfPresent(declaredNone, forKey: .declaredNone)
        try c.encodeIfPresent(exported, forKey: .exported)
        try c.encodeIfPresent(broughtForward, forKey: .broughtForward)
        try encoder.encodeUnknownFields(unknownFields)
    }

    public var period: Period { Period(start: periodStart, end: periodEnd) }

    /// One of the profile's texts that belong to a period, and where an archive keeps it.
    public struct PerPeriodText: Sendable {
        public let key: String
        public let profile: WritableKeyPath<Profile, String> & Sendable
        public let archived: WritableKeyPath<PastPeriod, String?> & Sendable
    }

    /// The profile's texts that belong to one period: each new period starts them empty.
    public static let perPeriodTexts: [PerPeriodText] = [
        PerPeriodText(key: "probityStatement", profile: \.probityStatement, archived: \.probityStatement),
        PerPeriodText(key: "healthStatement", profile: \.healthStatement, archived: \.healthStatement),
        PerPeriodText(key: "achievements", profile: \.achievements, archived: \.achievements),
        PerPeriodText(key: "challenges", profile: \.challenges, archived: \.challenges),
        PerPeriodText(key: "aspirations", profile: \.aspirations, archived: \.aspirations),
    ]

    /// This period's text for a profile field key, if it is a per-period one and was kept.
    public func text(for key: String) -> String? {
        PastPeriod.perPeriodTexts.first { $0.key == key }.flatMap { self[keyPath: $0.archived] }
    }
}
