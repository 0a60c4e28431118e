import Foundation
import PlannerModel

/// Cells as people type them into a CPD spreadsheet, read into the portfolio's values.
/// Each reader returns nil (or a reason) rather than guessing.
public enum SpreadsheetValues {
    /// `1.5`, `1,5`, `2 hours`, `90 min`, `1h30`, `1h 30m`, `1:30`: hours as a number
    /// (1 credit = 1 hour); minutes are rounded to the hundredth of an hour, a number is kept
    /// as written. Nil for anything else. Read byte by byte: a 10,000-row import reads 10,000.
    public static func credits(_ raw: String) -> Double? {
        var bytes: [UInt8] = []
        for byte in raw.utf8 where byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
            guard byte < 0x80 else { return nil }
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte)
        }
        var index = 0
        func run(_ accepts: (UInt8) -> Bool) -> String {
            let start = index
            while index < bytes.count && accepts(bytes[index]) { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
        let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        let first = run { isDigit($0) || $0 == 0x2E || $0 == 0x2C }
        let unit = run { ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x3A }
        let minutesText = run(isDigit)
        let minutesUnit = run { $0 >= 0x61 && $0 <= 0x7A }
        guard index == bytes.count, let value = number(first) else { return nil }
        func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
        let hourWords: Set<String> = ["h", "hr", "hrs", "hour", "hours"]
        let minuteWords: Set<String> = ["m", "min", "mins", "minute", "minutes"]
        if minutesText.isEmpty {
            guard minutesUnit.isEmpty else { return nil }
            if unit.isEmpty || ["credit", "credits", "point", "points", "cpd"].contains(unit) { return value }
            if hourWords.contains(unit) { return value }
            if minuteWords.contains(unit) { return rounded(value / 60) }
            return nil
        }
        // 1h30, 1h30m, 1hr30min, 1:30: whole hours, then minutes below 60.
        guard hourWords.contains(unit) || unit == ":", value == value.rounded(.towardZero), minutesText.count <= 2,
            minutesUnit.isEmpty || minuteWords.contains(minutesUnit), let minutes = Int(minutesText), minutes < 60
        else { return nil }
        return rounded(value + Double(minutes) / 60)
    }

    /// `1.5` or `1,5` (one decimal mark, digits before it).
    static func number(_ text: String) -> Double? {
        guard let first = text.utf8.first, first != 0x2E, first != 0x2C, text.utf8.filter({ $0 == 0x2E || $0 == 0x2C }).count <= 1 else { return nil }
        return text.utf8.contains(0x2C) ? Double(text.replacingOccurrences(of: ",", with: ".")) : Double(text)
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
        LinkReader(catalog: catalog, primary: primary).links(raw)
    }

    /// The frameworks' ids by their lower-case spelling, looked up once for a whole import.
    public struct LinkReader {
        let catalog: FrameworkCatalog
        let primary: Framework
        /// Framework id → (lower-cased item id → the id as the framework spells it).
        let spellings: [String: [String: String]]

        public init(catalog: FrameworkCatalog, primary: Framework) {
            self.catalog = catalog
            self.primary = primary
            var spellings: [String: [String: String]] = [:]
            for framework in catalog.frameworks + [primary] {
                var ids: [String: String] = [:]
                for id in framework.elements.map(\.id) + framework.competences.map(\.id) where ids[id.lowercased()] == nil { ids[id.lowercased()] = id }
                spellings[framework.id] = ids
            }
            self.spellings = spellings
        }

        public func links(_ raw: String) -> (links: [String], unknown: [String]) {
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
                let link = framework.link(spellings[framework.id]?[local.lowercased()] ?? local)
                guard framework.acceptsLink(link) else { unknown.append(text); continue }
                if !links.contains(link) { links.append(link) }
            }
            return (links, unknown)
        }
    }
}
