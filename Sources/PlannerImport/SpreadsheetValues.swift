import Foundation
import PlannerModel

/// Cells as people type them into a CPD spreadsheet, read into the portfolio's values.
/// Each reader returns nil (or a reason) rather than guessing.
public enum SpreadsheetValues {
    /// `1.5`, `1,5`, `2 hours`, `90 min`, `1h30`, `1h 30m`, `1:30`: hours as a number
    /// (1 credit = 1 hour); minutes are rounded to the hundredth of an hour, a number is kept
    /// as written. Nil for anything else.
    public static func credits(_ raw: String) -> Double? {
        var text = SpreadsheetVocabulary.folded(raw).replacingOccurrences(of: " ", with: "")
        if text.isEmpty { return nil }
        func number(_ s: Substring) -> Double? {
            guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }),
                s.filter({ $0 == "." || $0 == "," }).count <= 1, s.first != ".", s.first != ","
            else { return nil }
            return Double(s.replacingOccurrences(of: ",", with: "."))
        }
        func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
        for suffix in ["minutes", "minute", "mins", "min", "m"] where text.hasSuffix(suffix) && !text.contains("h") {
            return number(text.dropLast(suffix.count)).map { rounded($0 / 60) }
        }
        // 1h30, 1h30m, 1hr30min, 1:30
        for mark in ["hours", "hour", "hrs", "hr", "h", ":"] {
            guard let range = text.range(of: mark) else { continue }
            let hours = text[..<range.lowerBound]
            var minutes = text[range.upperBound...]
            for suffix in ["minutes", "mins", "min", "m"] where minutes.hasSuffix(suffix) {
                minutes = minutes.dropLast(suffix.count)
                break
            }
            guard let h = number(hours), h == h.rounded(.towardZero) || minutes.isEmpty else { return nil }
            if minutes.isEmpty { return mark == ":" ? nil : rounded(h) }
            guard minutes.count <= 2, minutes.allSatisfy(\.isNumber), let m = Int(minutes), m < 60 else { return nil }
            return rounded(h + Double(m) / 60)
        }
        for suffix in ["credits", "credit", "points", "point", "cpd"] where text.hasSuffix(suffix) {
            text = String(text.dropLast(suffix.count))
            break
        }
        return number(Substring(text))
    }

    /// `yes`, `y`, `true`, `1`, `x`, `private` → true; `no`, `n`, `false`, `0` and blank → false.
    public static func isPrivate(_ raw: String) -> Bool? {
        switch SpreadsheetVocabulary.folded(raw) {
        case "yes", "y", "true", "1", "x", "private", "✓", "✔": return true
        case "no", "n", "false", "0", "", "-": return false
        default: return nil
        }
    }

    /// Links split at spaces, commas and semicolons, each checked against the frameworks:
    /// a bare id is the primary framework's (`1.2.a`), a qualified one names its own
    /// (`hlm:3`). Ids are matched without regard to case and kept as the framework spells them.
    public static func links(_ raw: String, catalog: FrameworkCatalog, primary: Framework) -> (links: [String], unknown: [String]) {
        var links: [String] = [], unknown: [String] = []
        for piece in raw.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }) {
            let text = String(piece)
            let framework: Framework?
            let local: String
            if FrameworkLink.isQualified(text) {
                framework = catalog.framework(String(FrameworkLink.frameworkID(text)).lowercased())
                local = String(FrameworkLink.localID(text))
            } else {
                framework = primary
                local = text
            }
            guard let framework else { unknown.append(text); continue }
            let wanted = local.lowercased()
            let spelled = (framework.elements.map(\.id) + framework.competences.map(\.id)).first { $0.lowercased() == wanted }
            let link = framework.link(spelled ?? local)
            guard framework.acceptsLink(link) else { unknown.append(text); continue }
            if !links.contains(link) { links.append(link) }
        }
        return (links, unknown)
    }
}
