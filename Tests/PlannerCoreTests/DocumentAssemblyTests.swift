import Foundation
import Testing
@testable import PlannerCore

/// The document is put together from parts made on all cores while it is written: the bytes
/// must be those of writing it in one go, whatever order the parts are made in, and a
/// failed write must stop it cleanly.
@Suite struct DocumentAssemblyTests {
    /// Sections that defer entries that defer lines, around text written at once: the text
    /// each part writes says where it sits, so any part out of place shows.
    static func nested(sections: Int, entries: Int) -> (writer: MarkdownWriter, expected: String) {
        var md = MarkdownWriter()
        var expected: [String] = []
        md.heading(1, "Top")
        expected.append("# Top")
        for s in 0..<sections {
            md.deferred { inner in
                inner.heading(2, "S\(s)")
                for e in 0..<entries {
                    inner.deferred { entry in
                        entry.paragraph("S\(s) E\(e)")
                        entry.table(["a"], widths: [100])
                        for piece in 0..<3 {
                            entry.deferredText { out in out.append(utf8: "\n| S\(s) E\(e) P\(piece) |") }
                        }
                    }
                }
                inner.paragraph("end of S\(s)")
            }
            expected.append("## S\(s)")
            for e in 0..<entries {
                expected.append("S\(s) E\(e)")
                expected.append("| a |\n|" + String(repeating: "-", count: 100) + "|" + (0..<3).map { "\n| S\(s) E\(e) P\($0) |" }.joined())
            }
            expected.append("end of S\(s)")
        }
        md.paragraph("Bottom")
        expected.append("Bottom")
        return (md, expected.joined(separator: "\n\n") + "\n")
    }

    @Test(arguments: [(0, 0), (1, 1), (3, 0), (7, 40), (40, 7)])
    func partsLandWhereTheyWereDeferred(_ shape: (Int, Int)) {
        let (writer, expected) = Self.nested(sections: shape.0, entries: shape.1)
        #expect(String(decoding: writer.finished(), as: UTF8.self) == expected)
    }

    @Test func handedOnInPiecesTheSameBytes() {
        let (writer, expected) = Self.nested(sections: 12, entries: 30)
        var pieces = 0
        var bytes: [UInt8] = []
        writer.finished { piece in
            pieces += 1
            bytes.append(contentsOf: piece)
        }
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
        #expect(pieces > 12 * 30, "written part by part, never joined first")
    }

    struct Full: Error {}

    /// A write that fails half-way (a full disk) ends the document there: the error comes
    /// back, nothing more is written, and no part is left being made.
    @Test func aFailedWriteStopsTheDocument() {
        let (writer, _) = Self.nested(sections: 20, entries: 50)
        var written = 0
        #expect(throws: Full.self) {
            try writer.finished { piece in
                if written > 2_000 { throw Full() }
                written += piece.count
            }
        }
        #expect(written <= 2_000 + 200)
    }
}
