import Foundation
import PlannerCore
import Testing

/// `mlcf add-evidence`: what it stores, and the clear refusals that change nothing.
@Suite struct AddEvidenceTests {
    /// A portfolio in a fresh folder, and a way to run add-evidence on it.
    final class Fixture {
        let folder = Scratch("add")
        let inputs = Scratch("add-inputs")
        let url: URL
        init() throws {
            url = folder.file("portfolio.json")
            try PortfolioStore.create(readyContinuingPortfolio(), at: url)
        }
        func add(_ options: [String], env: [String: String] = [:], stdin: String = "/dev/null") throws -> RunResult {
            try MLCF.run(["add-evidence", url.path] + options, env: env, stdin: stdin)
        }
        func input(_ name: String, _ text: String) throws -> String {
            let path = inputs.file(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        func load() throws -> Portfolio { try PortfolioStore.load(from: url) }
    }

    static let base = ["--title", "Audit of handover", "--kind", "quality-improvement", "--date", "2026-02-14"]

    @Test func addsOneItemWithTheNextIDAndAllFields() throws {
        let f = try Fixture()
        let reflection = try f.input(
            "r.md",
            """
            A first line before any heading.
            ## What happened
            The audit showed gaps.

            ## What I learned:
            Data persuades.
            ## WHAT I WILL DO NEXT
            Re-audit in June.
            """)
        let result = try f.add(
            Self.base + [
                "--link", "4.2.A", "--link", "4.2.a", "--link", "1.1", "--reflection-file", reflection,
                "--description", "  Ward audit  ", "--credits", "3.5", "--private",
            ])
        #expect(result.code == 0, "\(result)")
        #expect(result.stdout.contains("Added ev-0021"), "\(result.stdout)")
        let item = try #require(try f.load().evidence.last)
        #expect(item.id == "ev-0021")
        #expect(item.title == "Audit of handover")
        #expect(item.kind == .qualityImprovement)
        #expect(item.date == date("2026-02-14"))
        #expect(item.links == ["mlcf:4.2.a", "mlcf:1.1"])
        #expect(item.description == "Ward audit")
        #expect(item.cpdCredits == 3.5)
        #expect(item.isPrivate)
        #expect(
            item.reflection
                == Reflection(
                    whatHappened: "A first line before any heading.\nThe audit showed gaps.",
                    whatLearned: "Data persuades.", whatNext: "Re-audit in June."))
        #expect(try f.load().evidence.count == 21)
    }

    @Test func reflectionWithoutHeadingsIsWhatHappened() throws {
        let f = try Fixture()
        let path = try f.input("plain.txt", "\u{FEFF}Line one.\r\nLine two — with café and 李.\r\n")
        #expect(try f.add(Self.base + ["--reflection-file", path]).code == 0)
        #expect(try f.load().evidence.last?.reflection == Reflection(whatHappened: "Line one.\nLine two — with café and 李."))
    }

    @Test func reflectionFromStandardInput() throws {
        let f = try Fixture()
        let path = try f.input("stdin.md", "## What I will do next\nShadow the medical director.\n")
        #expect(try f.add(Self.base + ["--reflection-file", "-"], stdin: path).code == 0)
        #expect(try f.load().evidence.last?.reflection == Reflection(whatNext: "Shadow the medical director."))
    }

    /// Each mistake: exit 64 (or 2 for files), a sentence that says what is wrong, nothing written.
    @Test(arguments: [
        (["--kind", "blog"], "is not a kind of evidence", "reflective-note, cpd, quality-improvement"),
        (["--kind", ""], "is not a kind of evidence", "workplace-assessment"),
        (["--date", "2025-02-29"], "not a real date", "February 2025 has 28 days"),
        (["--date", "2026-04-31"], "not a real date", "April 2026 has 30 days"),
        (["--date", "2026-13-01"], "not a real date", "no month 13"),
        (["--date", "14/02/2026"], "not a date in the form YYYY-MM-DD", "14/02/2026"),
        (["--date", "2026-11-24"], "in the future", "today is 2026-11-23"),
        (["--link", "1.2.z"], "not a competence or element", "1.2.a, 1.2.b, 1.2.c, 1.2.d"),
        (["--link", "9.9"], "not a competence or element", "mlcf framework"),
        (["--link", "6.1"], "not a competence or element", "1.1.a"),
        (["--link", "hlm:10"], "not a dimension of the Healthcare Leadership Model", "`mlcf framework hlm`"),
        (["--link", "nope:1"], "names the framework “nope”", "mlcf, slf, hlm"),
        (["--title", "   "], "--title: the title is empty", "Usage: mlcf add-evidence"),
        (["--credits=-2"], "--credits: CPD credits cannot be negative", "found -2"),
        (["--credits", "nan"], "--credits: CPD credits must be a number of hours", "found nan"),
        (["--credits", "1e19"], "more than the 1000 any one item may hold", "1e+19"),
    ])
    func mistakesAreRefusedClearly(_ options: [String], _ what: String, _ detail: String) throws {
        let f = try Fixture()
        let before = Fingerprint(f.url.path)
        let names = listing(f.folder.path)
        var arguments = Self.base
        if options.count == 2, let index = arguments.firstIndex(of: options[0]) {
            arguments[index + 1] = options[1]
        } else {
            arguments += options
        }
        let result = try f.add(arguments)
        #expect(result.code == 64, "\(result)")
        #expect(result.stderr.contains(what), "\(result.stderr)")
        #expect(result.stderr.contains(detail), "\(result.stderr)")
        #expect(Fingerprint(f.url.path) == before)
        #expect(listing(f.folder.path) == names, "a refused command creates no lock or backup")
    }

    @Test func badReflectionFilesAreRefusedClearly() throws {
        let f = try Fixture()
        let before = Fingerprint(f.url.path)
        let missing = try f.add(Self.base + ["--reflection-file", f.inputs.file("nope.md").path])
        #expect(missing.code == 2 && missing.stderr.contains("does not exist"), "\(missing)")
        let folder = try f.add(Self.base + ["--reflection-file", f.inputs.path])
        #expect(folder.code == 2 && folder.stderr.contains("is a folder"), "\(folder)")
        let latin1 = f.inputs.file("latin1.txt")
        try Data([0x53, 0x69, 0xE2, 0x6E]).write(to: latin1)  // "Siân" in Latin-1
        let notUTF8 = try f.add(Self.base + ["--reflection-file", latin1.path])
        #expect(notUTF8.code == 2 && notUTF8.stderr.contains("not UTF-8") && notUTF8.stderr.contains("offset 2"), "\(notUTF8)")
        #expect(Fingerprint(f.url.path) == before)
    }

    @Test func unreadablePortfolioIsNotTouched() throws {
        let f = try Fixture()
        try Data("{\"schemaVersion\": 99}".utf8).write(to: f.url)
        let before = Fingerprint(f.url.path)
        let result = try f.add(Self.base)
        #expect(result.code == 2, "\(result)")
        #expect(result.stderr.contains("newer version of mlcf") && result.stderr.contains(f.url.path), "\(result.stderr)")
        #expect(Fingerprint(f.url.path) == before)
        #expect(!FileManager.default.fileExists(atPath: f.url.path + ".bak"))
    }

    @Test func notesDoNotStopTheSave() throws {
        let f = try Fixture()
        let path = try f.input("pii.md", "## What happened\nSeen at home, postcode SW1A 1AA, NHS 943 476 5919.\n")
        let result = try f.add(["--title", "Old course", "--kind", "cpd", "--date", "2024-05-01", "--reflection-file", path])
        #expect(result.code == 0, "\(result)")
        #expect(result.stderr.contains("outside this portfolio's review period"), "\(result.stderr)")
        #expect(result.stderr.contains("links to no competence"), "\(result.stderr)")
        #expect(result.stderr.contains("a UK postcode") && result.stderr.contains("an NHS number"), "\(result.stderr)")
        #expect(!result.stderr.contains("943 476 5919"), "the note names the kind of detail, without repeating it")
    }

    @Test func helpDocumentsTheReflectionFormat() throws {
        let result = try MLCF.run(["add-evidence", "--help"])
        #expect(result.code == 0)
        for heading in ["## What happened", "## What I learned", "## What I will do next", "quality-improvement", ".bak", "0600"] {
            #expect(result.stdout.contains(heading), "--help should mention \(heading)")
        }
    }
}
