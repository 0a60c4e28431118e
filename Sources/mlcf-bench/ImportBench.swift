import ArgumentParser
import Foundation
import PlannerCore
import PlannerImport

/// `mlcf-bench import`: a 10,000-row CPD spreadsheet (issue 17) imported by the release
/// `mlcf import` (the whole command: read, parse, map, check, save) against a plain CPython
/// `csv` read of the same file, as a ratio with a bound. Python only parses; mlcf does
/// everything an import does, so the ratio is the price of all of it over parsing alone.
struct ImportBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Time `mlcf import` of a generated spreadsheet against python3's csv module on the same file.")

    @Option(help: "Rows in the generated CSV.") var rows: Int = 10_000
    @Option(help: "Runs per measurement; the median is reported.") var runs: Int = 5
    @Option(help: "The mlcf binary to measure.") var mlcf: String = ".build/release/mlcf"
    @Option(help: "Folder for the generated files.") var workDir: String = ".build-bench-data"
    @Option(help: "Fail when mlcf takes more than this many times python3's csv read (0: report only).") var maxRatio: Double = 0
    @Option(help: "Fail when the import takes longer than this, in ms (0: report only).") var maxMS: Double = 0

    func run() throws {
        let folder = try BenchSetup.folder(workDir)
        let csv = folder.appendingPathComponent("import-\(rows).csv")
        try Data(Self.spreadsheet(rows: rows).utf8).write(to: csv)
        let binary = try BenchSetup.binary(mlcf)
        var environment = ProcessInfo.processInfo.environment
        environment["MLCF_TODAY"] = benchToday.description
        var imports: [Double] = [], pythons: [Double] = [], parses: [Double] = [], plans: [Double] = []
        for run in 0..<max(runs, 1) {
            let portfolio = folder.appendingPathComponent("import-target-\(run).json")
            for stale in [portfolio.path, portfolio.path + ".bak", portfolio.path + ".lock"] { try? FileManager.default.removeItem(atPath: stale) }
            let made = try ProcessRun.run(
                [binary, "new", portfolio.path, "--name", "Dr Bench", "--stage", "continuing-practice", "--period-start", "2025-04-01"],
                environment: environment)
            guard made.status == 0 else { throw BenchError("mlcf new failed (exit \(made.status))") }
            let empty = try PortfolioStore.load(from: portfolio)
            let imported = try ProcessRun.run([binary, "import", portfolio.path, csv.path], environment: environment)
            guard imported.status == 0 else { throw BenchError("mlcf import failed on the generated file (exit \(imported.status))") }
            imports.append(imported.ms)
            let python = try ProcessRun.run(
                ["python3", "-c", "import csv,sys; rows=list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8-sig')))", csv.path])
            guard python.status == 0 else { throw BenchError("python3 csv failed (exit \(python.status))") }
            pythons.append(python.ms)
            var table: CSVTable?
            parses.append(try Clock.time { table = try CSVTable.read(try Data(contentsOf: csv), file: csv.lastPathComponent) })
            plans.append(
                try Clock.time {
                    _ = try SpreadsheetImport.plan(table!, file: csv.lastPathComponent, into: empty, catalog: benchValidator.catalog, today: benchToday)
                })
        }
        let ratio = median(imports) / median(pythons)
        print(
            String(
                format:
                    "import of %d rows (%.1f MB): mlcf import %.0f ms (whole command), python3 csv read %.0f ms: %.1fx; in process, read and parse %.0f ms, plan %.0f ms (medians of %d)",
                rows, Double((try? Data(contentsOf: csv).count) ?? 0) / 1_048_576, median(imports), median(pythons), ratio, median(parses), median(plans),
                imports.count))
        if maxRatio > 0 && ratio > maxRatio {
            throw BenchError(String(format: "mlcf import took %.1fx python3's csv read; the bound is %.0fx", ratio, maxRatio))
        }
        if maxMS > 0 && median(imports) > maxMS {
            throw BenchError(String(format: "mlcf import took %.0f ms; the bound is %.0f ms", median(imports), maxMS))
        }
    }

    /// A CPD log as people keep one: UK dates, kind words, credits written several ways, notes
    /// with commas and quotes, links, and a column the import keeps in the description.
    static func spreadsheet(rows: Int) -> String {
        var random = SeededRandom(seed: 17)
        let kinds = ["course", "conference", "e-learning", "audit", "QI", "SEA", "MSF", "teaching", "compliment", "research"]
        let credits = ["1", "1.5", "2,5", "90 min", "1h30", "6", "", "3 hours"]
        let links = ["1.1", "1.2.a 2.2", "4.2; 4.3.b", "", "3.1,3.2", "5.4"]
        let venues = ["Leeds", "London", "online", "Trust HQ", ""]
        var out = "Date,Activity,Type,CPD hours,Notes,What I learned,MLCF,Venue\r\n"
        out.reserveCapacity(rows * 160)
        for row in 0..<rows {
            let day = 1 + Int(random.next() % 28), month = 1 + Int(random.next() % 12), year = 2015 + Int(random.next() % 10)
            let note = random.next() % 3 == 0 ? "\"Talks on sepsis, fluids and \"\"the lactate question\"\"\"" : "Regional study day"
            out += String(format: "%02d/%02d/%d", day, month, year) + ",Activity \(Self.words(row))," + kinds[Int(random.next() % UInt64(kinds.count))] + ","
            out += "\"" + credits[Int(random.next() % UInt64(credits.count))] + "\"," + note + ",Earlier escalation works,"
            out += "\"" + links[Int(random.next() % UInt64(links.count))] + "\"," + venues[Int(random.next() % UInt64(venues.count))] + "\r\n"
        }
        return out
    }

    /// A row's title without long runs of digits, which the PII guard would rightly question.
    static func words(_ n: Int) -> String {
        let syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "we", "zu"]
        var n = n, word = ""
        repeat {
            word += syllables[n % 10]
            n /= 10
        } while n > 0
        return word
    }
}
