import Foundation
import PlannerCore
import Testing

@testable import PlannerExport

/// Issue 17: the export lists each item's attached files by name, size and SHA-256, and keeps
/// a private item's file names out of a copy for someone else, as it keeps its text.
@Suite struct ExportAttachmentTests {
    func render(_ portfolio: Portfolio) throws -> String {
        try MarkdownExporter.render(
            portfolio, report: Validator(framework: .mlcf, catalog: .bundled).validate(portfolio, today: fixedToday), catalog: .bundled)
    }

    @Test func eachFileIsListedByNameSizeAndHashAndAPrivateItemsAreNot() throws {
        var portfolio = try example("continuing-practice")
        let hash = String(repeating: "9f", count: 32)
        portfolio.evidence[0].files = [
            AttachedFile(name: "BLS *certificate*.pdf", bytes: 412_330, mediaType: "application/pdf", sha256: hash),
            AttachedFile(name: "slides.pptx", bytes: 900, mediaType: "application/octet-stream", sha256: String(repeating: "0", count: 64)),
        ]
        portfolio.evidence[1].files = [AttachedFile(name: "secret-feedback.pdf", bytes: 10, mediaType: "application/pdf", sha256: hash)]
        portfolio.evidence[1].isPrivate = true
        let text = try render(portfolio)
        #expect(
            text.contains(
                "**Attached files:** BLS \\*certificate\\*.pdf (403 KB, SHA-256 `\(hash)`); slides.pptx (900 bytes, SHA-256 `\(String(repeating: "0", count: 64))`)"
            ), "the line is missing or its name is not escaped")
        #expect(!text.contains("secret-feedback.pdf"))
        #expect(ExportContext.attachedFilesLine([]) == nil)
    }

    /// A file named after a patient's record is caught like the text: the name is exported.
    @Test func theGuardReadsAttachedFileNames() throws {
        var portfolio = try example("continuing-practice")
        portfolio.evidence[0].files = [
            AttachedFile(name: "discharge 943 476 5919.pdf", bytes: 1, mediaType: "application/pdf", sha256: String(repeating: "1", count: 64))
        ]
        let report = Validator(framework: .mlcf, catalog: .bundled).validate(portfolio, today: fixedToday)
        let finding = try #require(report.piiFindings.first { $0.location.evidenceID == portfolio.evidence[0].id && $0.location.field == "files" })
        #expect(finding.message.contains("attached file: “943 476 5919”"), "\(finding.message)")
        #expect(throws: (any Error).self) { try render(portfolio) }
    }
}
