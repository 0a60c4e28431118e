import Foundation
import PlannerModel

/// What the appraiser's document can say of one GMC supporting-information type this year.
/// The validator counts a private item and a nil return as complete; the document must also
/// be honest about what the reader can see, so a type shown only through private items is
/// "held privately" rather than "present".
enum SupportingInfoStatus: Equatable {
    /// At least one item of the type is printed for the reader.
    case present
    /// Every item of the type is private (and this is not the doctor's own copy).
    case heldPrivately
    /// No item, and the doctor declared there was none; the note may be empty.
    case declaredNone(note: String)
    case missing

    static let heldPrivatelyWords = "held privately: to be discussed at the meeting"

    init(_ c: ExportContext, type: String) {
        let entries = c.plan.entriesInPeriod(ofType: type)
        if entries.contains(where: { c.showsInFull($0.evidence) }) {
            self = .present
        } else if !entries.isEmpty {
            self = .heldPrivately
        } else if let declaration = c.profile.declaredNone[type] {
            self = .declaredNone(note: declaration.note)
        } else {
            self = .missing
        }
    }
}

extension ExportContext {
    /// The words of a type's nil return, then the doctor's note as they wrote it.
    func writeDeclaredNone(type: String, note: String, into md: inout MarkdownWriter) {
        let words = taxonomy.supportingInfoType(type)?.none ?? "None this period"
        md.paragraph("**Declared none:** " + MarkdownEscaping.inline(words) + ".")
        let escaped = MarkdownEscaping.block(note)
        if !escaped.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { md.paragraph("The doctor's note: " + escaped) }
    }

    /// A declaration that sits beside items of its type: shown, never silently dropped.
    func writeContradictedDeclaration(type: String, into md: inout MarkdownWriter) {
        guard profile.declaredNone[type] != nil else { return }
        let words = taxonomy.supportingInfoType(type)?.none ?? "None this period"
        md.paragraph(
            "\(ExportContext.gapMark) *The doctor also declared “\(MarkdownEscaping.inline(words))”, but the items below are of this type: "
                + "the declaration and the items disagree.*")
    }
}
