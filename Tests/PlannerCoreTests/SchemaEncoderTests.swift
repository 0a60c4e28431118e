import Foundation
import PlannerCore
import Testing

@testable import PlannerModel
@testable import PlannerStorage

/// Issue 14: the record tables' saver writes exactly the bytes `JSONEncoder` writes, so no
/// stored file, example or golden changes. Generative, with hostile text, edge numbers and
/// unknown fields of every JSON type sorted among the known keys; fixed seed in `make test`,
/// `MLCF_SEED=N` replays a printed case (`Generated.check`).
@Suite struct SchemaEncoderTests {
    static func expectSameBytes(_ portfolio: Portfolio, _ what: String) throws {
        expectSame(SchemaEncoder.encode(portfolio), try PortfolioStore.encodeWithFoundation(portfolio), what)
    }

    static func expectSame(_ table: Data, _ foundation: Data, _ what: String) {
        guard table != foundation else { return }
        let shorter = min(table.count, foundation.count)
        let at = (0..<shorter).first { table[$0] != foundation[$0] } ?? shorter
        func around(_ data: Data) -> String { String(decoding: data[max(0, at - 60)..<min(data.count, at + 60)], as: UTF8.self) }
        Issue.record(
            "\(what): the tables' bytes differ from JSONEncoder's at byte \(at):\n--- tables\n\(around(table))\n--- JSONEncoder\n\(around(foundation))")
    }

    @Test func randomPortfoliosEncodeAsJSONEncoderDoes() async throws {
        await Generated.check(fixedSeed: 1401, count: 400, maxLength: 900) { bytes in
            var choices = Choices(bytes, hostile: true)
            try Self.expectSameBytes(choices.portfolio(), "generated")
        }
    }

    /// The same on the valid portfolios the other generated tests use (plain unknown keys);
    /// and the quick reader, driven by the same tables, reads back every one it takes (those
    /// without unknown fields, keys it needs no escapes for) as the portfolio saved.
    @Test func plainRandomPortfoliosEncodeAsJSONEncoderDoesAndReadBack() async throws {
        var taken = 0
        await Generated.check(fixedSeed: 1402, count: 200, maxLength: 700) { bytes in
            var choices = Choices(bytes)
            let portfolio = choices.portfolio()
            try Self.expectSameBytes(portfolio, "generated")
            if let fast = FastDecoder.decode(SchemaEncoder.encode(portfolio)) {
                #expect(fast == portfolio, "the quick reader read back another portfolio")
                taken += 1
            }
        }
        print("generated: the quick reader took \(taken) of the saved portfolios")
        #expect(ProcessInfo.processInfo.environment["MLCF_SEED"] != nil || taken >= 20, "the quick reader took only \(taken) of 200")
    }

    @Test func everyEdgeDoubleAndControlCharacterIsWrittenAsJSONEncoderWritesIt() throws {
        var portfolio = Portfolio(
            profile: Profile(
                name: "", stage: .undergraduate, periodStart: CalendarDate(year: 2025, month: 1, day: 1)!,
                periodEnd: CalendarDate(year: 2025, month: 12, day: 31)!))
        var fields: [String: JSONValue] = [:]
        for (index, value) in Choices.edgeDoubles.enumerated() {
            fields["d\(index)"] = .double(value)
            fields["n\(index)"] = .double(-value)
        }
        for byte in 0..<0x80 { fields["s\(byte)"] = .string(String(UnicodeScalar(UInt8(byte))) + "/é😀") }
        fields["empty list"] = .array([])
        fields["empty object"] = .object([:])
        fields["nested"] = .array([.array([]), .object(["": .object([:])]), .int(.min), .int(.max), .null, .bool(false)])
        portfolio.unknownFields = fields
        portfolio.evidence = [Evidence(id: "e", title: "t", kind: .cpd, date: portfolio.profile.periodStart, cpdCredits: 0.1)]
        // Dates at the ends of the four digits and beyond them (written the slow way).
        for (year, month, day) in [(1, 1, 1), (999, 12, 31), (9999, 2, 28), (10000, 6, 15), (2024, 2, 29)] {
            if let date = CalendarDate(year: year, month: month, day: day) {
                portfolio.evidence.append(Evidence(id: "e\(year)", title: "", kind: .other, date: date))
            }
        }
        try Self.expectSameBytes(portfolio, "edge values")
    }

    /// Every example, the hostile golden and the fuzz corpus, read and saved, as JSONEncoder saves them.
    @Test func storedFilesAreSavedAsJSONEncoderSavesThem() throws {
        var files = [repositoryRoot.appendingPathComponent("Tests/golden/hostile.json")]
        for folder in ["Resources/examples", "Tests/fuzz/corpus-loader"] {
            let url = repositoryRoot.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) { files.append(url.appendingPathComponent(name)) }
        }
        var saved = 0
        for file in files {
            guard let portfolio = try? PortfolioStore.load(from: file) else { continue }
            try Self.expectSameBytes(portfolio, file.lastPathComponent)
            saved += 1
        }
        #expect(saved >= 5)
    }
}
