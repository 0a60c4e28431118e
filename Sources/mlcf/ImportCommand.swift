import ArgumentParser
import Foundation
import PlannerCore
import PlannerImport

/// `mlcf import PATH FILE.csv`: a CPD spreadsheet's rows as evidence items, all or nothing.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add the rows of a spreadsheet (saved as CSV) to a portfolio as evidence items.",
        discussion: """
            The first row names the columns, in any order and any case: \(Import.columnList). \
            Any other column is listed and kept in the description under its header; --map "Header=field" \
            says what a column holds (or --map "Header=ignore" to leave it out).

            Dates: 2025-03-14, 14/03/2025, 14 Mar 2025. The order of 03/04/25 is decided for the whole \
            column: a value that can only be month first (03/14/25) makes it month first, one that can only be \
            day first (14/03/25) makes it day first; when every value fits both, day first (UK) is assumed and said. \
            Credits: 1.5, 1,5, 90 min, 1h30. Kinds: the kind ids (\(CLI.taxonomy.kindList)) or words such as \
            course, audit, SEA, MSF, teaching. Links: competence or element ids (1.2.a, 3.2), separated by spaces, \
            commas or semicolons. The file may be UTF-8 (with or without a BOM) or Windows-1252, separated by , or ; \
            and the import says which it read.

            Try it first with --dry-run: it prints what would be added and changes nothing. A real import is all \
            or nothing: one bad row and nothing is added (--skip-bad adds the good rows and lists the others). \
            A row already in the portfolio is not added again, so importing a file twice adds nothing the second \
            time. Text that looks patient-identifiable stops the import, as it stops an export, unless \
            --allow-flagged is given. Imported items are marked "imported, to review" in the planner until opened.

            Exit status: 0 imported (or nothing new to add, or a dry run); 1 stopped because text looks \
            patient-identifiable; 2 the portfolio or the CSV could not be read, locked or saved; 65 rows with \
            problems (nothing was added); 64 a mistake in the options.
            """)

    @Argument(help: "The portfolio file (it must exist; `mlcf new` creates one).") var path: String
    @Argument(help: "The spreadsheet, saved as CSV.") var file: String
    @Flag(help: "Print what would be added, and change nothing.") var dryRun = false
    @Flag(help: "Add the good rows and list the ones left out, instead of adding nothing.") var skipBad = false
    @Flag(help: "Import even though some text looks patient-identifiable.") var allowFlagged = false
    @Option(
        help: ArgumentHelp(
            "What a column holds: \"Header=field\" (title, date, kind, credits, description, reflection, links, private, or ignore); repeat for several.",
            valueName: "Header=field"))
    var map: [String] = []

    static var columnList: String {
        CLI.taxonomy.spreadsheet.columns.map { "\($0.field.rawValue) (\($0.headers.joined(separator: ", ")))" }.joined(separator: "; ")
    }

    func run() throws {
        // A portfolio path that cannot be one is refused before the spreadsheet is read.
        _ = try CLI.url(path)
        let csvURL = try CLI.url(file)
        let shown = TerminalSafe.text(file)
        let data: Data
        do { data = try CSVInput.read(csvURL, shown: shown) } catch let error as CSVInput.Problem {
            CLI.warn(error.message)
            throw ExitCode(2)
        }
        let table: CSVTable
        do { table = try CSVTable.read(data, file: file) } catch {
            CLI.warn("\(error) Nothing was imported.")
            throw ExitCode(2)
        }
        if dryRun {
            let portfolio = try CLI.load(path)
            let plan = try makePlan(table, portfolio)
            ImportReport.describe(plan, items: plan.items.map(\.evidence), dryRun: true)
            if !plan.problems.isEmpty {
                ImportReport.problems(plan)
                if !skipBad { throw ExitCode(65) }
            }
            return
        }
        var held = 0
        var report: (plan: SpreadsheetImport.Plan, added: [Evidence])?
        let edit = try CLI.edit(
            path, kept: { (added: [Evidence]) in "the portfolio with the \(added.count) imported items" }, notDone: "nothing was imported"
        ) { (portfolio: inout Portfolio) -> [Evidence]? in
            let plan = try makePlan(table, portfolio)
            if !plan.problems.isEmpty {
                ImportReport.problems(plan)
                if !skipBad {
                    CLI.warn("nothing was imported: fix the rows above (or use --skip-bad to import the good rows only).")
                    throw ExitCode(65)
                }
            }
            if !plan.flags.isEmpty && !allowFlagged {
                for flag in plan.flags.prefix(20) { CLI.warn(TerminalSafe.text(flag.description)) }
                CLI.warn(
                    "nothing was imported: \(PIIGuard.why). Edit those cells, or import anyway with --allow-flagged (the planner and the export will still flag them)."
                )
                throw ExitCode(1)
            }
            let added = SpreadsheetImport.apply(plan, to: &portfolio)
            held = portfolio.evidence.count
            report = (plan, added)
            return added.isEmpty ? nil : added
        }
        // Told once the save has succeeded: a refused or failed save has said so already.
        if let report { ImportReport.describe(report.plan, items: report.added, dryRun: false) }
        let added = edit?.result.count ?? 0
        CLI.say("Imported \(added) item\(added == 1 ? "" : "s") into \(TerminalSafe.text(path)); it now holds \(held).")
    }

    func makePlan(_ table: CSVTable, _ portfolio: Portfolio) throws -> SpreadsheetImport.Plan {
        do { return try SpreadsheetImport.plan(table, file: file, into: portfolio, catalog: CLI.catalog, maps: map, today: CLI.today) } catch {
            CLI.warn(TerminalSafe.lines("\(error)") + " Nothing was imported.")
            throw ExitCode(65)
        }
    }
}

/// Reads the CSV file: a regular file (a FIFO or device is refused before it is opened, and
/// it is opened without blocking), no larger than the import's limit.
enum CSVInput {
    struct Problem: Error { let message: String }

    static func read(_ url: URL, shown: String) throws -> Data {
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            let reason = errno
            if reason == ENOENT || reason == ENOTDIR { throw Problem(message: "\(shown) does not exist; nothing was imported.") }
            throw Problem(message: "\(shown) cannot be read (\(String(cString: strerror(reason)))); nothing was imported.")
        }
        try check(info, shown: shown)
        let fd = open(url.path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw Problem(message: "\(shown) cannot be read (\(String(cString: strerror(errno)))); nothing was imported.") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        guard fstat(fd, &info) == 0 else { throw Problem(message: "\(shown) cannot be read; nothing was imported.") }
        try check(info, shown: shown)
        var data = Data()
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                data.append(chunk)
                if data.count > CSVTable.maximumBytes { break }
            }
        } catch { throw Problem(message: "\(shown) cannot be read (\((error as NSError).localizedDescription)); nothing was imported.") }
        return data
    }

    static func check(_ info: stat, shown: String) throws {
        guard info.st_mode & S_IFMT == S_IFREG else {
            let what = info.st_mode & S_IFMT == S_IFDIR ? "a folder" : "not a regular file (a pipe, a device or a socket)"
            throw Problem(message: "\(shown) is \(what), not a CSV file; nothing was imported.")
        }
    }
}
