import Foundation
import PlannerModel

/// `mlcf export --csv`: the evidence in the import's own columns (the first header name the
/// taxonomy gives each field), so the file goes back in with `mlcf import` unchanged.
/// RFC 4180: comma-separated, every cell quoted, CRLF line ends, UTF-8 with a BOM (so Excel
/// reads the accents). A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`)
/// is written after an apostrophe, which the import takes off again.
public enum CSVExport {
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// The columns, in the order written.
    public static let fields: [SpreadsheetField] = [
        .date, .title, .kind, .credits, .description, .whatHappened, .reflection, .whatNext, .links, .isPrivate,
    ]

    public static func render(_ evidence: [Evidence], taxonomy: Taxonomy, includePrivate: Bool = true) -> String {
        let vocabulary = taxonomy.spreadsheet
        var out = "\u{FEFF}"
        out += fields.map { quoted(vocabulary.header(of: $0)) }.joined(separator: ",") + "\r\n"
        for item in evidence where includePrivate || !item.isPrivate {
            let cells: [String] = fields.map { field in
                switch field {
                case .date: return item.date.description
                case .title: return item.title
                case .kind: return item.kind.rawValue
                case .credits: return item.cpdCredits.map(Self.number) ?? ""
                case .description: return item.description
                case .whatHappened: return item.reflection.whatHappened
                case .reflection: return item.reflection.whatLearned
                case .whatNext: return item.reflection.whatNext
                case .links: return item.links.joined(separator: " ")
                case .isPrivate: return item.isPrivate ? "yes" : "no"
                }
            }
            out += cells.map { quoted(guarded($0)) }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// 12 → "12", 1.25 → "1.25": every digit, so the import reads back the same number.
    static func number(_ value: Double) -> String {
        if let whole = Int(exactly: value) { return String(whole) }
        return "\(value)"
    }

    static func guarded(_ cell: String) -> String {
        guard let first = cell.first, formulaStarts.contains(first) else {
            // An apostrophe already there is doubled up by one more, so the import's stripping gives it back.
            if cell.hasPrefix("'"), let second = cell.dropFirst().first, formulaStarts.contains(second) { return "'" + cell }
            return cell
        }
        return "'" + cell
    }

    static func quoted(_ cell: String) -> String { "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
