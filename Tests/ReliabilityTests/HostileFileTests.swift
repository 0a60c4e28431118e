import Foundation
import PlannerCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 5 §3: a corpus of broken portfolios, generated here, each run through the real
/// `mlcf validate`. None may crash or hang; each gives a clear message naming the file
/// (and where it broke, when that is known); none is written to or even touched.
@Suite(.serialized) struct HostileFileTests {
    /// What `mlcf validate` must do with a case.
    enum Expect {
        /// Exit 2; stderr names the file and contains each phrase.
        case refused([String])
        /// Exit 1 (it loads but is not ready); stdout contains each phrase.
        case findings([String])
        /// Exit 0, 1 or 2 — something that may or may not load, as long as it does not crash.
        case anyClearOutcome
    }

    struct Case {
        let name: String
        let expect: Expect
        let make: (URL) throws -> Void
    }

    static func bytes(_ name: String, _ data: Data, _ expect: Expect) -> Case {
        Case(name: name, expect: expect) { try data.write(to: $0) }
    }

    static func text(_ name: String, _ text: String, _ expect: Expect) -> Case { bytes(name, Data(text.utf8), expect) }

    /// The valid portfolio every structural case starts from, as saved text.
    static let valid: String = String(decoding: try! PortfolioStore.encode(readyContinuingPortfolio()), as: UTF8.self)

    /// The valid portfolio with the first occurrence of `from` replaced.
    static func edited(_ from: String, _ to: String) -> String {
        guard let range = valid.range(of: from) else { preconditionFailure("the corpus generator expects “\(from)” in the valid portfolio") }
        return valid.replacingCharacters(in: range, with: to)
    }

    static func corpus(outside: Scratch) -> [Case] {
        var cases: [Case] = []
        let valid = Data(Self.valid.utf8)
        cases.append(bytes("control-valid.json", valid, .anyClearOutcome))
        cases.append(bytes("empty.json", Data(), .refused(["empty (0 bytes)"])))
        cases.append(text("whitespace-only.json", " \n\t\n", .refused(["not valid JSON", "only blank space"])))
        for cut in stride(from: 1, to: valid.count - 3, by: valid.count / 40) + [valid.count - 3] {
            cases.append(bytes("truncated-at-\(cut).json", valid.prefix(cut), .refused([])))
        }
        var generator = SplitMix64(seed: testSeed)
        for size in [1, 2, 7, 64, 1_000, 4_096, 65_536] {
            let garbage = Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) })
            cases.append(bytes("garbage-\(size).bin", garbage, .refused([])))
        }
        let printable = String((0..<5_000).map { _ in Character(UnicodeScalar(UInt8.random(in: 32...126, using: &generator))) })
        cases.append(text("garbage-printable.txt", printable, .refused([])))
        cases.append(text("not-json-prose.txt", "Dear appraiser, please find my portfolio attached.", .refused(["not valid JSON"])))

        // Invalid UTF-8 at a known offset, inside an otherwise valid portfolio.
        let marker = "Dr Test Person"
        let offset = valid.range(of: Data(marker.utf8))!.lowerBound + 8
        var badUTF8 = valid
        badUTF8.replaceSubrange(offset..<(offset + 1), with: [0xFF, 0xFE])
        cases.append(bytes("invalid-utf8.json", badUTF8, .refused(["not valid UTF-8", "offset \(offset)"])))
        var latin1 = Data(edited("Dr Test Person", "Dr Sian Person").utf8)
        latin1[latin1.range(of: Data("Sian".utf8))!.lowerBound + 2] = 0xE2  // "Siân" saved as Latin-1
        cases.append(bytes("latin1.json", latin1, .refused(["not valid UTF-8"])))
        var nul = valid
        nul.insert(0, at: valid.count / 2)
        cases.append(bytes("nul-byte.json", nul, .refused([])))
        cases.append(
            text(
                "raw-control-character.json", edited("\"Dr Test Person\"", "\"Dr Test\u{07}\tPerson\""),
                .refused(["control character at line ", "column "])))
        cases.append(text("lone-surrogate.json", edited("\"Dr Test Person\"", "\"Dr Test \\ud800Person\""), .refused(["unpaired surrogate"])))
        cases.append(text("misspelt-literal.json", edited("\"private\" : false", "\"private\" : flase"), .refused(["invalid value at line "])))
        cases.append(text("clipped-literal.json", "{\"schemaVersion\":tru}", .refused(["misspelt true, false or null"])))

        // Nesting far beyond any parser's comfort.
        let depth = 100_000
        cases.append(text("deep-arrays.json", String(repeating: "[", count: depth) + String(repeating: "]", count: depth), .refused([])))
        cases.append(text("deep-objects.json", String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth), .refused([])))
        cases.append(text("deep-unclosed.json", String(repeating: "[", count: depth), .refused([])))
        cases.append(
            text(
                "deep-inside-evidence.json",
                edited("\"evidence\" : [", "\"evidence\" : [" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + ","),
                .refused([])))

        // A 50 MB string inside a valid portfolio: it loads; the validator flags the length.
        cases.append(
            Case(name: "fifty-megabyte-string.json", expect: .findings(["structure.text", "characters long"])) { url in
                let sentence = "Ward round reflection, one more time. "
                let huge = String(repeating: sentence, count: 50 * 1_048_576 / sentence.utf8.count)
                try Data(edited("\"whatHappened\" : \"It happened.\"", "\"whatHappened\" : \"\(huge)\"").utf8).write(to: url)
            })

        // Structure the validator must report.
        cases.append(text("duplicate-ids.json", edited("\"id\" : \"ev-0002\"", "\"id\" : \"ev-0001\""), .findings(["structure.duplicate-id", "ev-0001"])))
        cases.append(
            text(
                "unknown-links.json", edited("\"mlcf:1.2.a\"", "\"mlcf:9.9.z\"").replacingOccurrences(of: "\"mlcf:1.3.a\"", with: "\"1.3.q\""),
                .findings(["structure.unknown-link", "9.9.z", "1.3.q"])))
        cases.append(text("duplicate-keys.json", edited("\"schemaVersion\" : 2", "\"schemaVersion\" : 2, \"schemaVersion\" : 2"), .anyClearOutcome))

        // Wrong types: the message says where.
        cases.append(
            text(
                "number-for-title.json", edited("\"title\" : \"Evidence for 1.2\"", "\"title\" : 42"),
                .refused(["evidence[1].title", "text"])))
        cases.append(text("number-for-name.json", edited("\"name\" : \"Dr Test Person\"", "\"name\" : 3.14"), .refused(["profile.name"])))
        cases.append(text("null-for-name.json", edited("\"name\" : \"Dr Test Person\"", "\"name\" : null"), .refused(["profile.name"])))
        cases.append(
            text("object-for-links.json", edited("\"links\" : [\n        \"mlcf:1.2.a\"\n      ]", "\"links\" : {\"a\": 1}"), .refused(["evidence[1].links"])))
        cases.append(text("string-for-version.json", edited("\"schemaVersion\" : 2", "\"schemaVersion\" : \"1\""), .refused(["schemaVersion"])))
        cases.append(
            text(
                "huge-version.json", edited("\"schemaVersion\" : 2", "\"schemaVersion\" : 123456789012345678901234567890"),
                .refused(["at schemaVersion", "expected a whole number"])))
        cases.append(
            text("fractional-rating.json", edited("\"level\" : 3", "\"level\" : 2.5"), .refused(["ratings.", ".level", "whole number here, found 2.5"])))
        cases.append(text("huge-credits.json", edited("\"cpdCredits\" : 20", "\"cpdCredits\" : 1e400"), .refused(["number 1e400 is too large", "at line "])))
        cases.append(
            text("impossible-date.json", edited("\"date\" : \"2026-01-15\"", "\"date\" : \"2026-02-30\""), .refused(["evidence[0].date", "2026-02-30"])))
        // An unknown kind loads (nothing the doctor wrote is lost) and the validator names it.
        cases.append(
            text(
                "unknown-kind.json", edited("\"kind\" : \"cpd\"", "\"kind\" : \"blog-post\""),
                .findings(["structure.unknown-kind", "blog-post", "reflective-note, cpd"])))
        cases.append(text("top-level-array.json", "[]", .refused([])))
        cases.append(text("top-level-string.json", "\"portfolio\"", .refused([])))
        cases.append(text("top-level-null.json", "null", .refused([])))
        cases.append(text("missing-profile.json", "{\"schemaVersion\": 1}", .refused(["profile"])))

        // Versions from the future or the past.
        cases.append(text("future-version.json", edited("\"schemaVersion\" : 2", "\"schemaVersion\" : 99"), .refused(["newer version of mlcf", "99"])))
        cases.append(text("version-zero.json", edited("\"schemaVersion\" : 2", "\"schemaVersion\" : 0"), .refused(["format version 0"])))
        cases.append(text("version-negative.json", edited("\"schemaVersion\" : 2", "\"schemaVersion\" : -3"), .refused(["format version -3"])))

        // Things that are not plain files.
        let elsewhere = outside.file("real-portfolio.json")
        try! valid.write(to: elsewhere)
        cases.append(
            Case(name: "symlink.json", expect: .refused(["symbolic link"])) { url in
                try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: elsewhere.path)
            })
        cases.append(
            Case(name: "dangling-symlink.json", expect: .refused(["symbolic link"])) { url in
                try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: outside.file("gone.json").path)
            })
        cases.append(
            Case(name: "fifo.json", expect: .refused(["named pipe"])) { url in
                guard mkfifo(url.path, 0o600) == 0 else { throw POSIXError(.EIO) }
            })
        cases.append(
            Case(name: "folder.json", expect: .refused(["a folder"])) { url in
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
            })
        cases.append(
            Case(name: "sparse-two-gigabytes.json", expect: .refused(["larger than any real portfolio"])) { url in
                let fd = open(url.path, O_WRONLY | O_CREAT, 0o600)
                defer { close(fd) }
                guard fd >= 0, ftruncate(fd, 2 << 30) == 0 else { throw POSIXError(.EIO) }
            })
        return cases
    }

    @Test func validateNeverCrashesNeverWritesAndNamesTheFile() throws {
        let began = Date()
        let folder = Scratch("hostile")
        let outside = Scratch("hostile-target")
        let cases = Self.corpus(outside: outside)
        #expect(cases.count >= 60)
        var slowest = (name: "", seconds: 0.0)
        for item in cases {
            let url = folder.file(item.name)
            try item.make(url)
            let big = item.name.hasPrefix("sparse")
            let before = Fingerprint(url.path, readBytes: !big)
            let targetBefore = Fingerprint(outside.file("real-portfolio.json").path)
            let namesBefore = listing(folder.path)

            let result = try MLCF.run(["validate", url.path], timeout: 60)

            #expect(Fingerprint(url.path, readBytes: !big) == before, "\(item.name): the file was changed or touched")
            #expect(Fingerprint(outside.file("real-portfolio.json").path) == targetBefore, "\(item.name): the link target was touched")
            #expect(listing(folder.path) == namesBefore, "\(item.name): validate created or removed files")
            if result.seconds > slowest.seconds { slowest = (item.name, result.seconds) }
            guard let code = result.code else {
                Issue.record("\(item.name): \(result.termination) — must never crash or hang\n\(result.stderr)")
                continue
            }
            #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"), "\(item.name): \(result.stderr)")
            switch item.expect {
            case .refused(let phrases):
                #expect(code == 2, "\(item.name): expected exit 2, got \(result)")
                #expect(result.stderr.contains(url.path), "\(item.name): the message must name the file: \(result.stderr)")
                #expect(result.stderr.split(separator: "\n").count == 1, "\(item.name): one clear sentence, not \(result.stderr)")
                for phrase in phrases {
                    #expect(result.stderr.contains(phrase), "\(item.name): expected “\(phrase)” in: \(result.stderr)")
                }
            case .findings(let phrases):
                #expect(code == 1, "\(item.name): expected exit 1 (loads, not ready), got \(result)")
                for phrase in phrases {
                    #expect(result.stdout.contains(phrase), "\(item.name): expected “\(phrase)” in the report")
                }
            case .anyClearOutcome:
                #expect((0...2).contains(code), "\(item.name): \(result)")
                if code == 2 { #expect(result.stderr.contains(url.path), "\(item.name): \(result.stderr)") }
            }
        }
        print(
            "hostile files: \(cases.count) cases in \(String(format: "%.1f", Date().timeIntervalSince(began))) s; slowest \(slowest.name) \(String(format: "%.2f", slowest.seconds)) s"
        )
    }

    /// Truncation errors say where the file stops, so a doctor knows it was cut off.
    @Test func truncationSaysWhere() throws {
        let folder = Scratch("truncated")
        let url = folder.file("p.json")
        let valid = Data(Self.valid.utf8)
        try valid.prefix(valid.count / 2).write(to: url)
        let result = try MLCF.run(["validate", url.path])
        #expect(result.code == 2)
        #expect(result.stderr.contains("cut off") || result.stderr.contains("line "), "\(result.stderr)")
    }
}
