import Foundation
import PlannerCore
import Testing

/// Items the doctor brings forward from earlier years (`Evidence.bringForward`), on generated
/// portfolios with random marks: each marked, non-private item dated before the period is
/// printed in full exactly once, numbered on from the period's items; no other item from
/// outside the period is printed in full; no private item is printed; the career table is
/// the same as without the marks.
@Suite struct BringForwardExportTests {
    static let marker = "QZBFWD"

    func render(_ portfolio: Portfolio) throws -> String {
        let report = Validator(framework: .mlcf, catalog: .bundled).validate(portfolio, today: fixedToday)
        return try MarkdownExporter.render(portfolio, report: report, options: ExportOptions(allowFlagged: true), catalog: .bundled)
    }

    /// The numbers of the full entries (headings `E7. Title {#e7}`) of the item with this title.
    static func fullEntryNumbers(of title: String, in lines: [Substring]) -> [Int] {
        lines.compactMap { line in
            guard line.hasPrefix("#"), line.hasSuffix("}"), let space = line.firstIndex(of: " ") else { return nil }
            let rest = line[line.index(after: space)...]
            guard rest.hasPrefix("E"), let dot = rest.firstIndex(of: "."), let number = Int(rest[rest.index(after: rest.startIndex)..<dot]) else {
                return nil
            }
            return rest[dot...] == ". \(title) {#e\(number)}" ? number : nil
        }
    }

    /// The career table's rows: the lines of the table that starts with its "Year" column.
    static func careerTable(_ markdown: String) -> [Substring] {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("| Year |") }) else { return [] }
        return Array(lines[start...].prefix { $0.hasPrefix("|") })
    }

    @Test func markedItemsArePrintedOnceAndNothingElseFromEarlierYears() async {
        await Generated.check(fixedSeed: 1602, count: 120, maxLength: 700) { bytes in
            var choices = Choices(bytes)
            var portfolio = choices.portfolio()
            portfolio.profile.stage = choices.pick([.continuingPractice, .continuingPractice, .postgraduate, .undergraduate])
            portfolio.profile.periodStart = CalendarDate("2025-10-01")!
            portfolio.profile.periodEnd = CalendarDate("2026-09-30")!
            let period = portfolio.period
            portfolio.evidence = (0..<(2 + choices.next(16))).map { index in
                var item = choices.evidence(id: "item-\(index)")
                item.title = "Item \(index) \(Self.marker)"
                item.description = "desc \(index) \(Self.marker)"
                switch choices.next(5) {
                case 0, 1: item.date = period.start.adding(days: -(1 + choices.next(4000)))
                case 2: item.date = period.end.adding(days: 1 + choices.next(300))
                default: item.date = choices.chance(2) ? period.start : period.end
                }
                switch choices.next(3) {
                case 0: item.bringForward = nil
                case 1: item.bringForward = ""
                default: item.bringForward = "reason \(index) \(Self.marker)"
                }
                return item
            }
            let markdown = try render(portfolio)
            let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
            func count(_ text: String) -> Int { markdown.components(separatedBy: text).count - 1 }
            let inPeriod = portfolio.evidence.filter { period.contains($0.date) }.count
            var chosenNumbers: [Int] = []
            for (index, item) in portfolio.evidence.enumerated() {
                let numbers = Self.fullEntryNumbers(of: item.title, in: lines)
                let description = count("desc \(index) \(Self.marker)")
                if period.contains(item.date) { continue }
                if item.isPrivate {
                    #expect(numbers.isEmpty && description == 0, "private item \(index) printed in full")
                    #expect(count("reason \(index) \(Self.marker)") == 0, "private item \(index)'s reason printed")
                } else if item.bringForward != nil && item.date < period.start {
                    #expect(numbers.count == 1 && description == 1, "marked item \(index): \(numbers.count) entries, \(description) descriptions")
                    chosenNumbers += numbers
                    if item.bringForward != "" {
                        #expect(count("**Why it matters this year:** reason \(index) \(Self.marker)") == 1, "marked item \(index)'s reason")
                    }
                } else {
                    #expect(numbers.isEmpty && description == 0, "item \(index) from outside the period printed in full")
                }
            }
            // Numbered on from this period's items, in the order printed.
            #expect(chosenNumbers == Array((inPeriod + 1)..<(inPeriod + 1 + chosenNumbers.count)), "numbers \(chosenNumbers) after \(inPeriod)")
            // The heading when there is something under it: an item in full, or a private one counted.
            let privateMarked = portfolio.evidence.filter { $0.isPrivate && $0.bringForward != nil && $0.date < period.start }.count
            #expect(count("## Brought forward from earlier years {#brought-forward}") == (chosenNumbers.isEmpty && privateMarked == 0 ? 0 : 1))
            #expect(privateMarked == 0 || markdown.contains("chose to bring forward"), "the private marked items are counted")
            // Counted the same with or without the marks.
            var unmarked = portfolio
            for index in unmarked.evidence.indices { unmarked.evidence[index].bringForward = nil }
            #expect(Self.careerTable(markdown) == Self.careerTable(try render(unmarked)))
            #expect(!Self.careerTable(markdown).isEmpty || portfolio.evidence.allSatisfy { period.contains($0.date) })
        }
    }
}
