import Foundation
import PlannerCore

/// Editing one evidence item: every field, the structured reflection, and its links.
public struct EvidenceEditorState: Equatable, Sendable {
    public var form: Form
    /// The item being edited; nil for a new one.
    public let originalID: String?
    /// Fields the form does not show but the item keeps.
    let supportingInfo: [String]?

    static func form(for item: Evidence?, defaultDate: CalendarDate, links: [String], limits: StageRules.Limits, taxonomy: Taxonomy) -> Form {
        let e = item
        var kinds = taxonomy.evidenceKinds.map { FormField.Option($0.id, $0.label) }
        // A kind the taxonomy does not know stays chosen, so saving the item does not change it.
        if let kind = e?.kind, !taxonomy.isKnown(kind) { kinds.append(FormField.Option(kind.rawValue, "\(kind.rawValue) (not a known kind)")) }
        var fields = [
            // The limit is the record table's (`Evidence.schema`), the one the validator holds a file to.
            FormField("title", "Title", .text, value: e?.title ?? "", limit: Evidence.schema.field("title")?.limit?.characters(in: limits)),
            FormField("kind", "Kind", .choice(kinds), value: (e?.kind ?? taxonomy.firstKind)?.rawValue ?? ""),
            FormField("date", "Date", .date(required: true), value: (e?.date ?? defaultDate).description),
            FormField("description", "Description", .multiline(lines: 3), value: e?.description ?? ""),
            FormField("whatHappened", "What happened", .multiline(lines: 3), value: e?.reflection.whatHappened ?? ""),
            FormField("whatLearned", "What I learned", .multiline(lines: 3), value: e?.reflection.whatLearned ?? ""),
            FormField("whatNext", "What I will do next", .multiline(lines: 3), value: e?.reflection.whatNext ?? ""),
            FormField("links", "Competences", .links),
            FormField("cpdCredits", "CPD credits (hours)", .number, value: e?.cpdCredits.map(EvidenceEditorState.number) ?? ""),
            FormField("private", "Private", .toggle, value: (e?.isPrivate ?? false) ? "yes" : "no"),
            FormField("confirmedBy", "Confirmed by", .text, value: e?.confirmation?.name ?? ""),
            FormField("confirmerRole", "Their role", .text, value: e?.confirmation?.role ?? ""),
            FormField("confirmedOn", "Confirmed on", .date(required: false), value: e?.confirmation?.date?.description ?? ""),
            FormField("attachments", "Attachments (; )", .text, value: e?.attachments.joined(separator: "; ") ?? ""),
            FormField(
                "gmpDomains", "GMP domains", .tags(taxonomy.gmpDomains.map { FormField.Option($0.id, $0.name2024) }),
                value: e?.gmpDomains.joined(separator: ", ") ?? ""),
            FormField(
                "gmcAreas", "GMC areas", .tags(taxonomy.gmcAreas.map { FormField.Option($0.id, $0.label) }), value: e?.gmcAreas.joined(separator: ", ") ?? ""),
        ]
        // The links are set before the form keeps its opening state, so they are not an edit.
        if let index = fields.firstIndex(where: { $0.key == "links" }) { fields[index].links = e?.links ?? links }
        return Form(title: item == nil ? "New evidence" : "Edit evidence", fields: fields)
    }

    /// A stored number as the field shows it; `Int(exactly:)` never traps on a huge value.
    static func number(_ value: Double) -> String {
        Int(exactly: value).map(String.init) ?? String(value)
    }

    /// Builds the item from the form, or says which field is wrong.
    /// The title, date and credits are held to the core's input rules (`InputRules`), the ones
    /// `mlcf add-evidence` and the validator apply, in the same words.
    func evidence(id: String, today: CalendarDate, taxonomy: Taxonomy, limits: StageRules.Limits) -> Result<Evidence, FormError> {
        let v = form.values
        let title = v["title", default: ""].trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = InputRules.titleProblem(title, limits: limits) {
            return .failure(FormError(field: "title", message: InputRules.sentence(problem)))
        }
        guard let date = CalendarDate(v["date", default: ""].trimmingCharacters(in: .whitespaces)) else {
            return .failure(FormError(field: "date", message: "Date: “\(v["date", default: ""])” is not a real date — use YYYY-MM-DD."))
        }
        if let problem = InputRules.evidenceDateProblem(date, today: today) {
            return .failure(FormError(field: "date", message: InputRules.sentence("the date " + problem)))
        }
        // The same rule the file's reader applies: a form may never save what cannot be read back.
        let credits: Double?
        switch InputRules.credits(fromText: v["cpdCredits", default: ""]) {
        case .success(let value): credits = value
        case .failure(let problem): return .failure(FormError(field: "cpdCredits", message: InputRules.sentence(problem.phrase)))
        }
        let confirmedOnText = v["confirmedOn", default: ""].trimmingCharacters(in: .whitespaces)
        let confirmedOn = CalendarDate(confirmedOnText)
        if !confirmedOnText.isEmpty && confirmedOn == nil {
            return .failure(FormError(field: "confirmedOn", message: "Confirmed on: “\(confirmedOnText)” is not a real date — use YYYY-MM-DD."))
        }
        func list(_ key: String, separator: Character) -> [String] {
            v[key, default: ""].split(separator: separator).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        for tag in list("gmpDomains", separator: ",") where !taxonomy.gmpDomains.contains(where: { $0.id == tag }) {
            return .failure(
                FormError(field: "gmpDomains", message: "GMP domains: “\(tag)” is not one of \(taxonomy.gmpDomains.map(\.id).joined(separator: ", "))."))
        }
        for tag in list("gmcAreas", separator: ",") where !taxonomy.gmcAreas.contains(where: { $0.id == tag }) {
            return .failure(FormError(field: "gmcAreas", message: "GMC areas: “\(tag)” is not one of \(taxonomy.gmcAreas.map(\.id).joined(separator: ", "))."))
        }
        let name = v["confirmedBy", default: ""].trimmingCharacters(in: .whitespaces)
        let confirmation =
            name.isEmpty ? nil : Confirmation(name: name, role: v["confirmerRole", default: ""].trimmingCharacters(in: .whitespaces), date: confirmedOn)
        let trim = { (key: String) in v[key, default: ""].trimmingCharacters(in: .whitespacesAndNewlines) }
        return .success(
            Evidence(
                id: id, title: title, kind: EvidenceKind(v["kind", default: ""]), date: date,
                description: trim("description"),
                reflection: Reflection(whatHappened: trim("whatHappened"), whatLearned: trim("whatLearned"), whatNext: trim("whatNext")),
                links: form.fields[form.index(of: "links")!].links, cpdCredits: credits, confirmation: confirmation,
                attachments: list("attachments", separator: ";"), isPrivate: v["private"] == "yes",
                supportingInfo: supportingInfo, gmpDomains: list("gmpDomains", separator: ","), gmcAreas: list("gmcAreas", separator: ",")))
    }
}

public struct FormError: Error, Equatable, Sendable {
    public let field: String
    public let message: String
}

extension AppState {
    /// Opens the form; an imported item still marked "to review" loses the mark here, since
    /// opening it is the review the mark asked for (the change is saved like any other).
    @discardableResult
    mutating func openEvidenceEditor(_ item: Evidence?, links: [String] = []) -> [Effect] {
        var effects: [Effect] = []
        if let item, item.importedToReview != nil, let index = portfolio.evidence.firstIndex(where: { $0.id == item.id }) {
            effects = commit(evidence: .changed(index)) { $0.evidence[index].importedToReview = nil }
        }
        let defaultDate = min(today, portfolio.profile.periodEnd)
        editor = EvidenceEditorState(
            form: EvidenceEditorState.form(for: item, defaultDate: defaultDate, links: links, limits: validator.rules.limits, taxonomy: taxonomy),
            originalID: item?.id, supportingInfo: item?.supportingInfo)
        go(.evidenceEditor)
        return effects
    }

    mutating func evidenceEditorKey(_ key: Key) -> [Effect] {
        guard var state = editor else { back(); return [] }
        let outcome = state.form.handle(key, command: command(for: key), width: width)
        editor = state
        switch outcome {
        case .submit: return saveEvidenceEditor()
        case .cancel:
            if state.form.isChanged { modal = .confirmDiscard } else { closeEditor() }
        case .openPicker(let field):
            modal = .picker(picker(for: state.form.fields[field]))
        case .handled, .ignored: break
        }
        return []
    }

    mutating func saveEvidenceEditor() -> [Effect] {
        guard var state = editor else { return [] }
        let id = state.originalID ?? portfolio.nextID(prefix: "ev")
        let draft = state
        let today = self.today, taxonomy = self.taxonomy, limits = validator.rules.limits
        let edited = validated(&state.form) { _ in draft.evidence(id: id, today: today, taxonomy: taxonomy, limits: limits) }
        editor = state
        guard var item = edited else { return [] }
        let isNew = state.originalID == nil
        closeEditor()
        let existing = portfolio.evidence.firstIndex { $0.id == item.id }
        // The form does not show where an item came from: an imported one keeps its key, so
        // importing the same spreadsheet again still adds nothing.
        if let existing { item.importKey = portfolio.evidence[existing].importKey }
        let change: EvidenceChange = existing.map { .changed($0) } ?? .inserted(portfolio.evidence.count)
        let effects = commit(isNew ? "Added “\(item.title)”." : "Saved “\(item.title)”.", evidence: change) { p in
            if let i = existing {
                // What the form does not show stays as it was: the attached files, the bring-forward mark, unknown keys.
                var kept = item
                kept.files = p.evidence[i].files
                kept.unknownFields = p.evidence[i].unknownFields
                kept.bringForward = p.evidence[i].bringForward
                p.evidence[i] = kept
            } else {
                p.evidence.append(item)
            }
        }
        if let index = list.visible.firstIndex(where: { portfolio.evidence[$0].id == item.id }) { list.selection = index }
        if let pii = report.piiFindings.first(where: { $0.location.evidenceID == item.id }) {
            say("Saved, but: \(pii.message)", error: true)
        }
        return effects
    }

    mutating func closeEditor() {
        editor = nil
        back()
    }

    mutating func drawEvidenceEditor(_ screen: inout Screen, y: Int, height: Int) {
        guard var state = editor else { return }
        let files = state.originalID.flatMap { portfolio.evidence(withID: $0)?.files } ?? []
        drawFormScreen(&state.form, &screen, y: y, height: height, note: files.isEmpty ? "" : "  · " + EvidenceAttachments.summary(files))
        editor = state
    }
}
