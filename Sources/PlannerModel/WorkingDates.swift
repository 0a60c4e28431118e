/// What the taxonomy says about the doctor's year beyond the vocabularies: the usual CPD
/// guidance and the dates a doctor works to. Numbers and wording are data (in
/// `Resources/taxonomy.json`), so a change in guidance is an edit to the file, not the code.
extension Taxonomy {
    /// The usual guidance on CPD credits, over a year and over the revalidation cycle.
    public struct CPDGuidance: Codable, Sendable, Equatable {
        /// Who gives the guidance, mid-sentence ("the Academy of Medical Royal Colleges").
        public let source: String
        public let creditsPerYear: Double
        /// The length of the revalidation cycle, in years.
        public let cycleYears: Int
        public let creditsPerCycle: Double
        /// The stages whose views show the figures (trainees' portfolios do not count credits).
        public let stages: [String]

        public init(source: String, creditsPerYear: Double, cycleYears: Int, creditsPerCycle: Double, stages: [String]) {
            self.source = source; self.creditsPerYear = creditsPerYear; self.cycleYears = cycleYears
            self.creditsPerCycle = creditsPerCycle; self.stages = stages
        }

        public func applies(to stage: Stage) -> Bool { stages.contains(stage.rawValue) }
    }

    /// One date of the profile the doctor works to, and what falls due before it.
    public struct DueDateInfo: Codable, Sendable, Equatable {
        /// The profile's key holding the date (`appraisalDate`, `revalidationDate`).
        public let field: String
        /// Its name mid-sentence ("appraisal").
        public let label: String
        /// Its name as a calendar entry's title ("Appraisal meeting").
        public let title: String
        /// How many days before the date something must be done (the calendar's reminder).
        public let leadDays: Int
        /// What is due, after the countdown ("send your documents 2 weeks before").
        public let advice: String
        /// The reminder's words, `leadDays` before the date.
        public let reminder: String

        public init(field: String, label: String, title: String, leadDays: Int, advice: String, reminder: String) {
            self.field = field; self.label = label; self.title = title; self.leadDays = leadDays; self.advice = advice
            self.reminder = reminder
        }
    }

    /// The problems of the CPD guidance and the due dates, for `Taxonomy.problems`.
    var workingDateProblems: [String] {
        var problems: [String] = []
        if let guidance = cpdGuidance {
            if !(guidance.creditsPerYear > 0) || !(guidance.creditsPerCycle > 0) {
                problems.append("cpdGuidance: creditsPerYear and creditsPerCycle must be more than 0")
            }
            if guidance.cycleYears < 1 { problems.append("cpdGuidance: cycleYears must be at least 1") }
            for stage in guidance.stages where Stage(rawValue: stage) == nil {
                problems.append("cpdGuidance: “\(stage)” is not a stage (\(Stage.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }
        var seen = Set<String>()
        for (index, due) in dueDateKinds.enumerated() {
            let place = "dueDates[\(index)] (“\(due.field)”)"
            if !Profile.workingDateFields.contains(due.field) {
                problems.append("\(place): the field must be one of the profile's dates (\(Profile.workingDateFields.joined(separator: ", ")))")
            }
            if !seen.insert(due.field).inserted { problems.append("\(place): the field is listed twice") }
            if due.leadDays < 0 { problems.append("\(place): leadDays cannot be negative") }
            if due.label.allSatisfy(\.isWhitespace) || due.title.allSatisfy(\.isWhitespace) {
                problems.append("\(place): the label and the title must not be empty")
            }
        }
        return problems
    }

    /// The due dates the taxonomy describes, in its order (none when it describes none).
    public var dueDateKinds: [DueDateInfo] { dueDates ?? [] }
}

extension Profile {
    /// The profile's keys that hold a date the doctor works to (as opposed to the period's):
    /// the date rows of the schema's working-dates group.
    public static let workingDateFields = schema.formFields(.workingDates).filter { $0.field.type == .optional(.date) }.map(\.field.key)

    /// The date held under one of `workingDateFields`, if the doctor has set it.
    public func workingDate(_ field: String) -> CalendarDate? {
        guard Self.workingDateFields.contains(field), let access = Self.schema.field(field)?.form else { return nil }
        return CalendarDate(access.text(self))
    }
}
