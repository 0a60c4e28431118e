import Foundation

/// The rules for what a doctor types, written once: the planner's forms, the CLI's options
/// and the validator all ask here, so they cannot disagree on what is accepted or on the
/// words that say why not. Each answer is a phrase naming the thing and what is wrong with
/// it (no field label, no full stop); each caller puts its own place in front ("--credits: ",
/// "Evidence “Audit”: ") and a full stop after. Where the record schema holds the limit (a
/// title's length), the rule reads it from there.
public enum InputRules {
    /// A phrase as a sentence on its own (a form's error line): first letter capitalised, full stop.
    public static func sentence(_ phrase: String) -> String {
        (phrase.first.map { $0.uppercased() + phrase.dropFirst() } ?? "") + "."
    }

    /// Why `text` is not a GMC reference number (exactly 7 digits, 0–9), or nil if it is one.
    /// Empty text is no number at all, which is allowed.
    public static func gmcNumberProblem(_ text: String) -> String? {
        if text.isEmpty || (text.count == 7 && text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }) { return nil }
        return "the GMC reference number “\(text)” should be exactly 7 digits (0–9)"
    }

    /// Why an evidence date cannot be used, or nil: evidence records something that has happened.
    public static func evidenceDateProblem(_ date: CalendarDate, today: CalendarDate) -> String? {
        date > today ? "\(date) is in the future (today is \(today)); evidence records something that has happened" : nil
    }

    /// The most characters an evidence title may have: the evidence table's limit for its title field.
    public static func titleLimit(_ limits: StageRules.Limits) -> Int {
        (Evidence.schema.field("title")?.limit ?? .title).characters(in: limits)
    }

    /// Why an evidence title (as it will be kept: trimmed) cannot be used, or nil: it must say
    /// something, and fit the limit.
    public static func titleProblem(_ title: String, limits: StageRules.Limits) -> String? {
        titleProblem(title, limit: titleLimit(limits), of: "the evidence")
    }

    /// Why a goal's title (trimmed) cannot be used, or nil: the evidence title's rule, with
    /// the goal table's limit.
    public static func goalTitleProblem(_ title: String, limits: StageRules.Limits) -> String? {
        titleProblem(title, limit: (Goal.schema.field("title")?.limit ?? .title).characters(in: limits), of: "the goal")
    }

    static func titleProblem(_ title: String, limit: Int, of thing: String) -> String? {
        if PlainText.isBlank(title) { return "the title is empty; give \(thing) a title" }
        // A character is at least one byte: only a text with more bytes than the limit is counted.
        if title.utf8.count > limit, title.count > limit {
            return "the title is \(title.count) characters long; the limit is \(limit)"
        }
        return nil
    }

    /// The most CPD credits one item may hold (1 credit = 1 hour): far beyond any real
    /// activity, and small enough that totals stay exact.
    public static let maximumCPDCredits: Double = 1_000

    /// Why a number of CPD credits cannot be kept (nil when it can): it must be finite,
    /// 0 or more, and at most `maximumCPDCredits`. The file's reader applies it too, so
    /// nothing can be saved that could not be read back.
    public static func creditsProblem(_ credits: Double) -> String? {
        if credits.isNaN || credits.isInfinite { return "CPD credits must be a number of hours, found \(credits)" }
        if credits < 0 { return "CPD credits cannot be negative (found \(PlainText.number(credits))); 1 credit is 1 hour, 0 or more" }
        if credits > maximumCPDCredits {
            return
                "CPD credits of \(credits) are more than the \(PlainText.number(maximumCPDCredits)) any one item may hold (1 credit is 1 hour); check the number"
        }
        return nil
    }

    /// CPD credits as typed: empty is none; otherwise a number the credits rule accepts.
    public static func credits(fromText text: String) -> Result<Double?, InputProblem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .success(nil) }
        guard let value = Double(trimmed) else { return .failure(InputProblem("CPD credits: “\(trimmed)” is not a number of hours")) }
        if let problem = creditsProblem(value) { return .failure(InputProblem(problem)) }
        return .success(value)
    }
}

/// A rule's refusal, in the words of `InputRules`.
public struct InputProblem: Error, Equatable, Sendable {
    public let phrase: String
    public init(_ phrase: String) { self.phrase = phrase }
}
