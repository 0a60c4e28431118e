import Foundation

/// The evidence item's table, and those of the two records inside it.
extension Evidence: SchemaRecord {
    public static let schema = RecordSchema<Evidence>(
        "Evidence",
        blank: Evidence(id: "", title: "", kind: EvidenceKind(""), date: CalendarDate(year: 2000, month: 1, day: 1)!),
        [
            .value("id", \.id, "id", .required),
            .freeText("title", \.title, "title", .required, limit: .title),
            .value("kind", \.kind, "kind", .required),
            .value("date", \.date, "date", .required),
            .freeText("description", \.description, "description"),
            .nested("reflection", \.reflection, "reflection"),
            .value("links", \.links, "links"),
            .optional("cpdCredits", \.cpdCredits, "CPD credits", accepts: { Evidence.creditsProblem($0) == nil }),
            .optional("confirmation", \.confirmation, "confirmation"),
            .value("attachments", \.attachments, "attachments"),
            .nonEmptyList("files", \.files, "attached files"),
            .value("private", \.isPrivate, "private"),
            .optional("supportingInfo", \.supportingInfo, "supporting information"),
            .value("gmpDomains", \.gmpDomains, "GMP domains"),
            .value("gmcAreas", \.gmcAreas, "GMC areas"),
            .optional("importKey", \.importKey, "import key"),
            .optional("importedToReview", \.importedToReview, "imported, to review"),
            .optionalFreeText("bringForward", \.bringForward, "why it is brought forward") { $0.bringForward ?? "" },
        ])
}

extension Reflection: SchemaRecord {
    public static let schema = RecordSchema<Reflection>(
        "Reflection", blank: Reflection(),
        [
            .freeText("whatHappened", \.whatHappened, "what happened"),
            .freeText("whatLearned", \.whatLearned, "what I learned"),
            .freeText("whatNext", \.whatNext, "what I will do next"),
        ])
}

extension Confirmation: SchemaRecord {
    public static let schema = RecordSchema<Confirmation>(
        "Confirmation", blank: Confirmation(name: ""),
        [
            .value("name", \.name, "name", limit: .shortText),
            .value("role", \.role, "role", limit: .shortText),
            .optional("date", \.date, "date"),
        ])
}

extension Goal: SchemaRecord {
    public static let schema = RecordSchema<Goal>(
        "Goal", blank: Goal(id: "", title: ""),
        [
            .value("id", \.id, "id", .required),
            .freeText("title", \.title, "title", .required, limit: .title),
            .freeText("why", \.why, "why"),
            .value("links", \.links, "links"),
            .freeText("activities", \.activities, "activities"),
            .freeText("measure", \.measure, "measure"),
            .optional("targetDate", \.targetDate, "target date"),
            .value("status", \.status, "status", .required),
            .freeText("reviewNote", \.reviewNote, "review note"),
            .optional("carriedFrom", \.carriedFrom, "carried from", refersTo: "Goal"),
        ])
}
