import Foundation

/// The document's table and those of the records only it holds.
extension Portfolio: SchemaRecord {
    public static let schema = RecordSchema<Portfolio>(
        "Portfolio", blank: Portfolio(profile: Profile.schema.blank),
        [
            // Versions this build reads; `FormatMigration` brings an older one up to date after reading.
            .value("schemaVersion", \.schemaVersion, "format version", .required, accepts: { FormatMigration.readable.contains($0) }),
            .nested("profile", \.profile, "profile", .required),
            evidenceList,
            .value("ratings", \.ratings, "self-ratings"),
            .value("pdp", \.pdp, "development plan"),
            .value("previousPdp", \.previousPdp, "previous development plan"),
            .value("history", \.history, "earlier periods"),
            .optional("walkthrough", \.walkthrough, "walk-through"),
            // Left by a merge of two copies until the doctor picks a version (`MergeConflict`).
            .optional("conflicts", \.conflicts, "merge conflicts"),
            // Written by every save, newest first; a merge finds the version two copies share by it.
            .optional("versions", \.versions, "version history"),
        ])

    /// The evidence list, the bulk of a career's file: as it is read, the pages of the items
    /// already read may be given back (see `FastDecoder.decode(_:count:releasing:)`).
    private static var evidenceList: SchemaField<Portfolio> {
        let plain = SchemaField<Portfolio>.value("evidence", \.evidence, "evidence")
        return SchemaField(
            key: plain.key, label: plain.label, type: plain.type, presence: plain.presence, write: plain.write,
            read: { reader, portfolio in
                // Nothing before the list is given back: the document's keys read so far lie there.
                reader.released = reader.c.i
                reader.releasingElements = true
                defer { reader.releasingElements = false }
                try plain.read(&reader, &portfolio)
            })
    }
}

extension Profile: SchemaRecord {
    public static let schema = RecordSchema<Profile>(
        "Profile",
        blank: Profile(
            name: "", stage: Stage.allCases[0], periodStart: CalendarDate(year: 2000, month: 1, day: 1)!,
            periodEnd: CalendarDate(year: 2000, month: 1, day: 1)!),
        [
            .value("name", \.name, "name", .required, limit: .shortText),
            .optional("gmcNumber", \.gmcNumber, "GMC number"),
            .value("stage", \.stage, "stage", .required),
            .value("grade", \.grade, "grade", limit: .shortText),
            .value("specialty", \.specialty, "specialty", limit: .shortText),
            .value("organisation", \.organisation, "organisation", limit: .shortText),
            .value("periodStart", \.periodStart, "period start", .required),
            .value("periodEnd", \.periodEnd, "period end", .required),
            .value("appraiser", \.appraiser, "appraiser", limit: .shortText),
            .value("scopeOfWork", \.scopeOfWork, "scope of work"),
            // The doctor's own declarations: long text, but not scanned for patients' details.
            .value("probityStatement", \.probityStatement, "probity statement", type: .text, limit: .text),
            .value("healthStatement", \.healthStatement, "health statement", type: .text, limit: .text),
            .freeText("achievements", \.achievements, "achievements"),
            .freeText("challenges", \.challenges, "challenges"),
            .freeText("aspirations", \.aspirations, "aspirations"),
            .value("frameworks", \.frameworks, "frameworks used"),
            // The dates the doctor works to: either may be in the future (they are plans, not records).
            // The profile's form shows every row of the group (`AppState.workingDateFields`).
            .optional("appraisalDate", \.appraisalDate, "appraisal date", form: .workingDates),
            .optional("revalidationDate", \.revalidationDate, "revalidation date", form: .workingDates),
            .optional("designatedBody", \.designatedBody, "designated body", form: .workingDates),
            .optional("responsibleOfficer", \.responsibleOfficer, "responsible officer", form: .workingDates),
            .value("declaredNone", \.declaredNone, "nil returns"),
            .optional("exported", \.exported, "document exported"),
        ])
}

extension ScopeEntry: SchemaRecord {
    public static let schema = RecordSchema<ScopeEntry>(
        "ScopeEntry", blank: ScopeEntry(role: ""),
        [
            .value("role", \.role, "role", .required),
            .value("organisation", \.organisation, "organisation", .required),
            .value("place", \.place, "place", .required),
        ])
}

extension Rating: SchemaRecord {
    public static let schema = RecordSchema<Rating>(
        "Rating", blank: Rating(level: 0),
        [
            .value("level", \.level, "level", .required, accepts: { Rating.levels.contains($0) }),
            .freeText("note", \.note, "rating note"),
        ])
}

extension ExportedDocument: SchemaRecord {
    public static let schema = RecordSchema<ExportedDocument>(
        "ExportedDocument", blank: ExportedDocument(file: "", date: CalendarDate(year: 2000, month: 1, day: 1)!, bytes: 0),
        [
            .value("file", \.file, "file", .required),
            .value("date", \.date, "date", .required),
            .value("bytes", \.bytes, "size in bytes"),
        ])
}

extension NoneDeclaration: SchemaRecord {
    public static let schema = RecordSchema<NoneDeclaration>(
        "NoneDeclaration", blank: NoneDeclaration(), [.freeText("note", \.note, "note")])
}

extension Walkthrough: SchemaRecord {
    public static let schema = RecordSchema<Walkthrough>(
        "Walkthrough", blank: Walkthrough(currentElement: ""),
        [.value("currentElement", \.currentElement, "current element", .required)])
}

extension PastPeriod: SchemaRecord {
    public static let schema = RecordSchema<PastPeriod>(
        "PastPeriod",
        blank: PastPeriod(periodStart: CalendarDate(year: 2000, month: 1, day: 1)!, periodEnd: CalendarDate(year: 2000, month: 1, day: 1)!),
        [
            .value("periodStart", \.periodStart, "period start", .required),
            .value("periodEnd", \.periodEnd, "period end", .required),
            .optional("stage", \.stage, "stage"),
            .optional("grade", \.grade, "grade"),
            .optional("appraisalDate", \.appraisalDate, "appraisal date"),
            .optional("appraiser", \.appraiser, "appraiser"),
            .value("ratings", \.ratings, "self-ratings"),
            .value("pdp", \.pdp, "development plan"),
            // The period's own texts (kept from when per-period texts were archived).
            .optional("probityStatement", \.probityStatement, "probity statement"),
            .optional("healthStatement", \.healthStatement, "health statement"),
            .optional("achievements", \.achievements, "achievements"),
            .optional("challenges", \.challenges, "challenges"),
            .optional("aspirations", \.aspirations, "aspirations"),
            .optional("declaredNone", \.declaredNone, "nil returns"),
            .optional("exported", \.exported, "document exported"),
            .optional("broughtForward", \.broughtForward, "items brought forward"),
        ])
}

extension BroughtForwardMark: SchemaRecord {
    public static let schema = RecordSchema<BroughtForwardMark>(
        "BroughtForwardMark", blank: BroughtForwardMark(evidence: "", reason: ""),
        [
            .value("evidence", \.evidence, "evidence item", .required, refersTo: "Evidence"),
            .freeText("reason", \.reason, "why it was brought forward"),
        ])
}
