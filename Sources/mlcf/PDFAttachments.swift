import Foundation
import PlannerCore

/// The attached files a PDF export embeds (weasyprint's `--attachment`), so the appraiser
/// receives one file. Each stored copy is linked (or copied) under its original name into the
/// PDF's private work folder, since the folder beside the portfolio names files by SHA-256.
enum PDFAttachments {
    /// The files of the items the document shows in full: not private ones, unless the
    /// doctor's own copy (`includePrivate`). Each stored file once.
    static func files(of portfolio: Portfolio, includePrivate: Bool) -> [AttachedFile] {
        var seen = Set<String>()
        return portfolio.evidence.filter { includePrivate || !$0.isPrivate }.flatMap(\.files).filter { seen.insert($0.sha256).inserted }
    }

    /// pandoc's arguments embedding `files`, staged in `work`; a file missing from the folder
    /// is left out with a warning (`mlcf validate` names it too).
    static func arguments(_ files: [AttachedFile], portfolio: URL, work: URL) -> [String] {
        guard !files.isEmpty else { return [] }
        let staging = work.appendingPathComponent("attachments")
        try? FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var used = Set<String>()
        var arguments: [String] = []
        for file in files {
            var name = file.name
            var n = 2
            while !used.insert(name).inserted {
                name = "\(n)-\(file.name)"
                n += 1
            }
            let stored = AttachmentFolder.storedURL(of: file, portfolio: portfolio)
            let staged = staging.appendingPathComponent(name)
            if link(stored.path, staged.path) != 0 {
                do { try FileManager.default.copyItem(at: stored, to: staged) } catch {
                    CLI.warn(TerminalSafe.text("note: \(file.name) is not in \(AttachmentFolder.url(for: portfolio).path); the PDF is made without it."))
                    continue
                }
            }
            arguments.append("--pdf-engine-opt=--attachment=" + staged.path)
        }
        return arguments
    }
}
