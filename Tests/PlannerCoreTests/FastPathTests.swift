import Foundation
import PlannerCore
import Testing

@testable import PlannerModel
@testable import PlannerStorage

/// The fast reader must be invisible: the same portfolios as JSONDecoder and the same errors
/// (it leaves anything unusual to JSONDecoder); and a save is always the encoder's bytes.
@Suite struct FastPathTests {
    static let examples = ["undergraduate", "postgraduate", "continuing-practice"]

    static func exampleData(_ name: String) throws -> Data {
        try Data(contentsOf: repositoryRoot.appendingPathComponent("Resources/examples/\(name).json"))
    }

    static func foundation(_ data: Data) -> Portfolio? {
        try? PortfolioStore.decodeWithFoundation(data, path: "x")
    }

    /// Every file the repository keeps for the loader: examples, the hostile golden file, the
    /// fuzz corpus and its regressions.
    static func corpus() throws -> [(String, Data)] {
        var files: [(String, Data)] = try examples.map { ($0, try exampleData($0)) }
        for folder in ["Tests/golden", "Tests/fuzz/corpus-loader", "Tests/fuzz/regressions/loader"] {
            let url = repositoryRoot.appendingPathComponent(folder)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] {
                if let data = try? Data(contentsOf: url.appendingPathComponent(name)) { files.append((folder + "/" + name, data)) }
            }
        }
        return files
    }

    @Test func fastReaderAgreesWithJSONDecoderOnEveryKeptFile() throws {
        for (name, data) in try FastPathTests.corpus() {
            let fast = FastDecoder.decode(data)
            let slow = FastPathTests.foundation(data)
            if let fast {
                #expect(fast == slow, "\(name): the fast reader read something JSONDecoder reads differently (or refuses)")
            }
        }
        // The examples are plain files: the fast path must take them.
        for name in FastPathTests.examples { #expect(FastDecoder.decode(try FastPathTests.exampleData(name)) != nil, "\(name)") }
    }

    @Test func fastReaderAgreesWithJSONDecoderOnDamagedFiles() throws {
        // Deterministic damage: flip, drop or insert bytes all over the examples.
        var seed: UInt64 = 42
        func next() -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int(seed >> 33) }
        let inserts: [UInt8] = Array("\"\\{}[],:0-.e nul\u{7f}".utf8) + [0x00, 0x0A, 0xC3, 0xFF]
        for name in FastPathTests.examples {
            let original = [UInt8](try FastPathTests.exampleData(name))
            for round in 0..<150 {
                var bytes = original
                for _ in 0..<(1 + round % 3) {
                    let at = next() % bytes.count
                    switch next() % 3 {
                    case 0: bytes[at] = inserts[next() % inserts.count]
                    case 1: bytes.remove(at: at)
                    default: bytes.insert(inserts[next() % inserts.count], at: at)
                    }
                }
                let data = Data(bytes)
                if let fast = FastDecoder.decode(data) {
                    #expect(fast == FastPathTests.foundation(data), "\(name) round \(round)")
                }
            }
        }
    }

    @Test func errorsAndMigrationsStillComeFromTheOldPath() throws {
        let future = Data(#"{"schemaVersion": 99, "profile": {}}"#.utf8)
        #expect(FastDecoder.decode(future) == nil)
        #expect(throws: StoreError.self) { try PortfolioStore.decode(future, path: "f.json") }
        #expect(FastDecoder.decode(Data(#"{"schemaVersion": 1, "schemaVersion": 1}"#.utf8)) == nil)
        #expect(FastDecoder.decode(Data(#"{"schemaVersion": 1.0}"#.utf8)) == nil)
        #expect(FastDecoder.decode(Data()) == nil)
    }

    /// Text that needs every kind of escape the encoder writes, and characters it leaves alone.
    static let awkward =
        "quote \" backslash \\ slash / tab \t line\nbreak cr\r bell \u{07} nul \u{00} esc \u{1B} del \u{7F} "
        + "sep \u{2028} para \u{2029} bom \u{FEFF} é e\u{301} 李 😀 \u{08}\u{0C}\u{1F}"

    @Test func awkwardTextAndNumbersReadBackTheSame() throws {
        var portfolio = try example("continuing-practice")
        portfolio.evidence[0].title = FastPathTests.awkward
        portfolio.evidence[1].reflection.whatNext = FastPathTests.awkward
        portfolio.evidence[1].cpdCredits = 0.1
        portfolio.evidence[2].cpdCredits = 999.25
        portfolio.evidence[2].confirmation = Confirmation(name: "Zoë", role: "", date: nil)
        portfolio.evidence[2].supportingInfo = []
        let data = try PortfolioStore.encode(portfolio)
        let result = try #require(FastDecoder.decode(data))
        #expect(result == portfolio)
        #expect(result == FastPathTests.foundation(data))
    }

    static let itemEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    @Test func itemsWrittenOtherwiseReadTheSame() throws {
        let data = try PortfolioStore.encode(try example("continuing-practice"))
        let text = String(decoding: data, as: UTF8.self)
        // Each variant differs from the encoder's bytes in the first item; the fast reader reads
        // it as JSONDecoder does, or leaves it to JSONDecoder (an unknown key).
        let first = text.range(of: "\"title\" : \"")!.upperBound
        var escapedLetter = text; escapedLetter.insert(contentsOf: "\\u0041", at: first)
        let variants: [(String, String)] = [
            ("escaped letter", escapedLetter),
            ("escaped slash", text.replacingOccurrences(of: "\"kind\" : \"cpd\"", with: "\"kind\" : \"cpd\", \"attachments2\" : \"\\/\"")),
            ("compact", String(decoding: try JSONSerialization.data(withJSONObject: JSONSerialization.jsonObject(with: data)), as: UTF8.self)),
            ("two spaces", text.replacingOccurrences(of: "\"date\" : ", with: "\"date\"  : ")),
            ("null confirmation", text.replacingOccurrences(of: "\"date\" : \"2025-11-20\"", with: "\"confirmation\" : null, \"date\" : \"2025-11-20\"")),
        ]
        for (what, variant) in variants {
            let bytes = Data(variant.utf8)
            guard let result = FastDecoder.decode(bytes) else {
                #expect(what == "escaped slash", "\(what): the fast reader declined")
                continue
            }
            #expect(result == FastPathTests.foundation(bytes), "\(what)")
        }
    }

    // MARK: Saves

    /// Saves through the store and checks the file against a full re-encode.
    static func saveAndCompare(_ portfolio: Portfolio, _ url: URL, _ what: String) throws {
        try PortfolioStore.save(portfolio, to: url)
        let written = try savedContent(url)
        #expect(written == (try PortfolioStore.encode(portfolio.content)), "\(what): the save differs from a full encode")
        #expect(try PortfolioStore.load(from: url).content == portfolio.content, "\(what)")
    }

    @Test func savesAreByteIdenticalToAFullEncodeAfterEdits() throws {
        let folder = TempFolder()
        for name in FastPathTests.examples {
            let url = folder.file("\(name).json")
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Resources/examples/\(name).json"), to: url)
            var portfolio = try PortfolioStore.load(from: url)
            try FastPathTests.saveAndCompare(portfolio, url, "\(name) unchanged")
            portfolio.evidence[portfolio.evidence.count / 2].title += " (revised)"
            try FastPathTests.saveAndCompare(portfolio, url, "\(name) one title")
            portfolio.evidence[0].reflection.whatLearned = FastPathTests.awkward
            portfolio.evidence[0].links.append("mlcf:2.1")
            try FastPathTests.saveAndCompare(portfolio, url, "\(name) awkward text")
            var added = portfolio.evidence[0]
            added.id = "new-1"
            added.cpdCredits = 2.5
            portfolio.evidence.insert(added, at: 1)
            try FastPathTests.saveAndCompare(portfolio, url, "\(name) inserted")
            portfolio.evidence.removeLast()
            try FastPathTests.saveAndCompare(portfolio, url, "\(name) removed")
            portfolio.evidence.reverse()
            try FastPathTests.saveAndCompare(portfolio, url, "\(name) reordered")
            // Equal strings with other bytes: precomposed é replaced by e + combining accent.
            portfolio.evidence[0].title = "Café review"
            try FastPathTests.saveAndCompare(portfolio, url, "\(name) precomposed")
            portfolio.evidence[0].title = "Cafe\u{301} review"
            try FastPathTests.saveAndCompare(portfolio, url, "\(name) decomposed")
            portfolio.ratings["mlcf:1.1"] = Rating(level: 2, note: "changed")
            portfolio.profile.name = "Dr Zoë Changed"
            try FastPathTests.saveAndCompare(portfolio, url, "\(name) profile and ratings")
            portfolio.evidence = []
            try FastPathTests.saveAndCompare(portfolio, url, "\(name) empty")
            portfolio.evidence = [added]
            try FastPathTests.saveAndCompare(portfolio, url, "\(name) one item")
        }
    }

    @Test func savesAfterLoadingAFileWrittenOtherwiseAreTheEncodersBytes() throws {
        let folder = TempFolder()
        let url = folder.file("compact.json")
        let original = try FastPathTests.exampleData("continuing-practice")
        try JSONSerialization.data(withJSONObject: JSONSerialization.jsonObject(with: original)).write(to: url)
        var portfolio = try PortfolioStore.load(from: url)
        try FastPathTests.saveAndCompare(portfolio, url, "compact")
        portfolio.evidence[1].title = "Edited"
        try FastPathTests.saveAndCompare(portfolio, url, "compact, edited")
        // A save to another file is the full encode too.
        try FastPathTests.saveAndCompare(portfolio, folder.file("other.json"), "other file")
    }
}

extension FastPathTests {
    @Test func aFileChangedInPlaceAfterLoadingIsNotCopiedFrom() throws {
        let folder = TempFolder()
        let url = folder.file("p.json")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Resources/examples/continuing-practice.json"), to: url)
        var portfolio = try PortfolioStore.load(from: url)
        // Another program writes into the same file (same inode, other bytes at the same places).
        let original = try Data(contentsOf: url)
        var scrambled = original
        for i in stride(from: 200, to: scrambled.count - 200, by: 97) where scrambled[i] >= 0x61 && scrambled[i] <= 0x7A { scrambled[i] = 0x71 }
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: scrambled)
        try handle.close()
        portfolio.evidence[0].title = "Changed"
        try FastPathTests.saveAndCompare(portfolio, url, "after the file changed under us")
    }

    @Test func repeatedSavesOfAReplacedFileAreTheEncodersBytes() throws {
        let folder = TempFolder()
        let url = folder.file("p.json")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Resources/examples/postgraduate.json"), to: url)
        var portfolio = try PortfolioStore.load(from: url)
        for round in 0..<4 {
            portfolio.evidence[round % portfolio.evidence.count].title += " \(round)"
            try FastPathTests.saveAndCompare(portfolio, url, "save \(round)")
        }
        // Loading the saved file again and saving it unchanged gives the same bytes.
        let saved = try savedContent(url)
        let again = try PortfolioStore.load(from: url)
        try PortfolioStore.save(again, to: url)
        #expect(try savedContent(url) == saved)
    }
}

extension FastPathTests {
    /// A file of many megabytes, read as the planner reads it (in a buffer whose pages go back
    /// to the system as they are read): the result must still be JSONDecoder's, and a save exact.
    @Test func largeFilesAreReadTheSame() throws {
        let base = try example("continuing-practice")
        var portfolio = base
        let copies = (12 << 20) / (try PortfolioStore.encode(base)).count + 1
        for copy in 1...copies {
            for var item in base.evidence {
                item.id += "-\(copy)"
                item.reflection.whatNext += " Copy \(copy) — café, 李, \"quoted\"\n\tand a tab."
                portfolio.evidence.append(item)
            }
        }
        let folder = TempFolder()
        let url = folder.file("large.json")
        try PortfolioStore.encode(portfolio).write(to: url)
        let data = try Data(contentsOf: url)
        #expect(data.count >= 8 << 20, "large enough for pages to be given back")
        let fast = try #require(FastDecoder.decode(data))
        #expect(fast == FastPathTests.foundation(data))
        // The planner's way in: a buffer whose pages go back as they are read, then saves.
        var loaded = try PortfolioStore.load(from: url)
        #expect(loaded == portfolio)
        loaded.evidence[loaded.evidence.count / 3].title = "Changed in the middle"
        loaded.evidence.removeLast()
        try FastPathTests.saveAndCompare(loaded, url, "large file")
    }
}
