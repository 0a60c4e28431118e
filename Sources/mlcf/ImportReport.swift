import Foundation
import PlannerCore
import PlannerImport

/// What `mlcf import` prints: how the file was read, the columns, the rows as a table.
enum ImportReport {
    static func describe(_ plan: SpreadsheetImport.Plan, items: [Evidence], dryRun: Bool) {
        let safe = TerminalSafe.text
        var lines: [String] = []
        lines.append("Read \(safe(plan.file)) as \(plan.encoding.rawValue), separated by \(plan.separatorName).")
        let columns = plan.columns
        let used = columns.columnOf.sorted { $0.value < $1.value }.map { "\(safe(columns.name($0.value))) → \($0.key.rawValue)" }
        lines.append("Columns: " + used.joined(separator: ", ") + ".")
        if !columns.extra.isEmpty {
            lines.append(
                "Not a field, kept in the description under its header: " + columns.extra.map { "“\(safe(columns.name($0)))”" }.joined(separator: ", ")
                    + " (--map \"Header=field\" to say what one holds, or \"Header=ignore\").")
        }
        if !columns.ignored.isEmpty {
            lines.append("Left out (--map …=ignore): " + columns.ignored.map { "“\(safe(columns.name($0)))”" }.joined(separator: ", ") + ".")
        }
        if plan.dates.assumed {
            lines.append(
                "Dates: every numeric date fits both orders, so they were read day first (DD/MM/YYYY, as in the UK). If they are month first (US), the table below shows the wrong dates: write one as 2025-03-14 or fix the column, and import again."
            )
        } else {
            lines.append("Dates: read \(plan.dates.order.rawValue).")
        }
        if let kind = plan.defaultKind { lines.append("No kind column: every row is \(kind.rawValue).") }
        for (row, why) in plan.alreadyThere.prefix(20) { lines.append("Row \(row): not added, \(why).") }
        if plan.alreadyThere.count > 20 { lines.append("… and \(plan.alreadyThere.count - 20) more rows not added for the same reasons.") }
        if !items.isEmpty {
            // The dry run shows every row (it is for checking); the import itself the first few.
            let shown = dryRun ? items.count : min(items.count, 20)
            lines.append(dryRun ? "Would add \(items.count) item\(items.count == 1 ? "" : "s") (nothing is changed by --dry-run):" : "Added:")
            lines.append(table(zip(plan.items.map(\.row), items.prefix(shown)).map { ($0, $1) }))
            if shown < items.count { lines.append("… and \(items.count - shown) more (--dry-run lists them all).") }
        } else {
            lines.append("Nothing new to add.")
        }
        CLI.say(lines.joined(separator: "\n"))
    }

    static func problems(_ plan: SpreadsheetImport.Plan) {
        for problem in plan.problems.prefix(50) { CLI.warn(TerminalSafe.text(problem.description)) }
        if plan.problems.count > 50 { CLI.warn("… and \(plan.problems.count - 50) more problems.") }
        let rows = plan.badRows
        CLI.warn(
            "\(rows.count) row\(rows.count == 1 ? "" : "s") with problems: \(rows.prefix(30).map(String.init).joined(separator: ", "))\(rows.count > 30 ? ", …" : "")."
        )
    }

    /// row, date, kind, title, credits, links.
    static func table(_ rows: [(row: Int, item: Evidence)]) -> String {
        func cut(_ text: String, _ width: Int) -> String {
            let clean = TerminalSafe.text(text)
            return clean.count > width ? String(clean.prefix(width - 1)) + "…" : clean
        }
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        var out = [pad("row", 5) + pad("date", 11) + pad("kind", 21) + pad("title", 41) + pad("credits", 8) + "links"]
        for (row, item) in rows {
            let credits = item.cpdCredits.map(Evidence.creditsText) ?? ""
            let links = item.links.map(FrameworkLink.display).joined(separator: " ")
            out.append(
                pad(String(row), 5) + pad(item.date.description, 11) + pad(cut(item.kind.rawValue, 20), 21) + pad(cut(item.title, 40), 41)
                    + pad(credits, 8) + cut(links, 40))
        }
        return out.joined(separator: "\n")
    }
}
