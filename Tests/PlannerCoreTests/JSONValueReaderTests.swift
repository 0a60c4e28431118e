import Foundation
import PlannerCore
import Testing

@testable import PlannerModel

/// The merge's quick reader of the saver's bytes (`JSONValueReader`) builds the tree
/// `JSONDecoder` builds, or declines; it never builds another.
@Suite struct JSONValueReaderTests {
    static func decoded(_ data: Data) -> JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: data) }

    @Test func savedPortfoliosReadAsJSONDecoderReadsThem() async {
        await Generated.check(fixedSeed: 1806, count: 200, maxLength: 900) { bytes in
            var choices = Choices(bytes)
            let data = SchemaEncoder.encode(choices.portfolio())
            // Declined only for a number it leaves to the decoder (an unknown field's 1e+300).
            if let quick = JSONValueReader.read(data) { #expect(quick == Self.decoded(data)) }
        }
    }

    @Test func theExamplesAreReadWithoutTheDecoder() throws {
        for name in ["undergraduate", "postgraduate", "continuing-practice", "gp-not-ready"] {
            let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Resources/examples/\(name).json"))
            let saved = SchemaEncoder.encode(try JSONDecoder().decode(Portfolio.self, from: data))
            let quick = JSONValueReader.read(saved)
            #expect(quick != nil && quick == Self.decoded(saved), "\(name)")
        }
    }

    @Test func valuesOfEveryKindAgreeOrAreDeclined() async {
        await Generated.check(fixedSeed: 1807, count: 300, maxLength: 300) { bytes in
            var choices = Choices(bytes)
            let data = try JSONEncoder().encode(choices.jsonValue(depth: 3))
            if let quick = JSONValueReader.read(data) { #expect(quick == Self.decoded(data)) }
        }
    }

    @Test func numbersAndOddTextsAsTheDecoderHasThem() {
        for text in [
            "2.0", "-0", "1.25", "-17", "9223372036854775807", "18446744073709551616", "0.1", "[1, 2.5, true, null]", "{\"a\\u00e9\": \"x\\ny\"}", " [ ] ",
        ] {
            let data = Data(text.utf8)
            #expect(JSONValueReader.read(data) == Self.decoded(data), "\(text)")
        }
        for text in ["1e3", "[1,]", "{\"a\" 1}", "01", "[1] 2", "\"\u{01}\""] {
            #expect(JSONValueReader.read(Data(text.utf8)) == nil, "\(text)")
        }
    }
}
