import ArgumentParser
import Foundation
import PlannerCore

/// `mlcf attach PATH ITEM FILE…`: copies files into the folder beside the portfolio and
/// records them on an evidence item; `mlcf attach --adopt PATH` does so for the files the
/// item's text-only attachments name.
struct Attach: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Attach files (certificates, slides, feedback reports) to an evidence item.",
        discussion: """
            Each file is copied into the folder beside the portfolio (NAME.files/ for NAME.json, \
            readable by you alone), stored once however many items share it, and recorded on the \
            item with its name, size, media type and SHA-256. Move and back up the portfolio and \
            its folder together; `mlcf validate` says when a recorded file is missing or changed.

            Refused, with nothing changed: a missing file, a folder, a named pipe, a device, a \
            file over \(AttachmentFolder.maximumBytes >> 20) MB, a name with control characters. \
            A symbolic link is followed after saying where it points.

            --adopt copies the files that text-only attachments (paths typed in earlier \
            versions) name, where they exist; the text entries are kept. With --dry-run it \
            only says what it would bring in.

            Exit status: 0 attached; 2 a file was refused or the portfolio could not be read, \
            locked or saved (the portfolio is unchanged); 64 a mistake in the arguments.
            """)

    @Argument(help: "The portfolio file.") var path: String
    @Argument(help: "The evidence item's id (ev-0003); not with --adopt.") var item: String?
    @Argument(help: "The files to attach.") var files: [String] = []
    @Flag(help: "Bring in the files the text-only attachments name, on every item.") var adopt = false
    @Flag(help: "With --adopt: say what would be brought in, change nothing.") var dryRun = false

    func validate() throws {
        if adopt {
            guard item == nil, files.isEmpty else { throw ValidationError("--adopt takes the portfolio only: mlcf attach --adopt PATH") }
        } else {
            guard item != nil, !files.isEmpty else { throw ValidationError("name the item and at least one file: mlcf attach PATH ITEM FILE…") }
            if dryRun { throw ValidationError("--dry-run goes with --adopt") }
        }
    }

    func run() throws {
        let portfolioURL = try CLI.url(path)
        if adopt { return try Adopt.run(path: path, url: portfolioURL, dryRun: dryRun) }
        let safe = TerminalSafe.text
        // Every file is checked before anything is copied, so one refusal changes nothing.
        var sources: [AttachmentFolder.Source] = []
        for file in files {
            do { sources.append(try AttachmentFolder.inspect(try CLI.url(file))) } catch let error as AttachmentError {
                CLI.warn(safe(error.description))
                throw ExitCode(2)
            }
        }
        var added: [AttachedFile] = []
        let itemID = item!
        try CLI.edit(path, kept: { (_: Void) in "the portfolio with the files attached" }, notDone: "nothing was attached") {
            (portfolio: inout Portfolio) -> Void? in
            let index = try CLI.evidenceIndex(of: itemID, in: portfolio)
            for source in sources {
                if let target = source.linkTarget {
                    CLI.warn(safe("note: \(source.path) is a symbolic link to \(target); attaching the file it points to."))
                }
                // Copied in (synced, renamed) before it is recorded: killed here, nothing names it.
                let file: AttachedFile
                do { file = try AttachmentFolder.store(source, beside: portfolioURL) } catch {
                    throw CLI.refuse("\(error)")
                }
                if portfolio.evidence[index].files.contains(where: { $0.sha256 == file.sha256 && $0.name == file.name }) {
                    CLI.warn(safe("note: \(file.name) is already attached to \(itemID)."))
                    continue
                }
                portfolio.evidence[index].files.append(file)
                added.append(file)
            }
            return ()
        }
        for file in added {
            CLI.say(
                "Attached \(safe(file.name)) (\(AttachedFile.sizeText(file.bytes)), \(file.mediaType), SHA-256 \(file.sha256.prefix(12))…) to \(safe(itemID)).")
        }
    }
}

/// `mlcf attach --adopt`: text-only attachments that name files on this machine become copies.
enum Adopt {
    static func run(path: String, url: URL, dryRun: Bool) throws {
        let safe = TerminalSafe.text
        let folder = url.deletingLastPathComponent()
        /// A text entry's file: `~` as the shell means it, a relative path from the portfolio's folder.
        func location(_ entry: String) -> URL? {
            let text = entry.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.contains("://") { return nil }
            guard let expanded = try? UserPath.expand(text) else { return nil }
            return expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : folder.appendingPathComponent(expanded)
        }
        var lines: [String] = []
        func adopt(_ portfolio: inout Portfolio, storing: Bool) {
            for index in portfolio.evidence.indices {
                let id = portfolio.evidence[index].id
                for entry in portfolio.evidence[index].attachments {
                    guard let file = location(entry) else {
                        lines.append("\(id): “\(entry)” is not a file path (left as text).")
                        continue
                    }
                    do {
                        let source = try AttachmentFolder.inspect(file)
                        guard storing else {
                            lines.append("\(id): would bring in \(source.path) (\(AttachedFile.sizeText(source.bytes))).")
                            continue
                        }
                        let record = try AttachmentFolder.store(source, beside: url)
                        if portfolio.evidence[index].files.contains(where: { $0.sha256 == record.sha256 }) {
                            lines.append("\(id): \(source.path) is already attached.")
                            continue
                        }
                        portfolio.evidence[index].files.append(record)
                        lines.append("\(id): brought in \(source.path) as \(record.name) (\(AttachedFile.sizeText(record.bytes))).")
                    } catch {
                        lines.append("\(id): “\(entry)” left as text: \(error)")
                    }
                }
            }
        }
        if dryRun {
            var portfolio = try CLI.load(path)
            adopt(&portfolio, storing: false)
        } else {
            try CLI.edit(path, kept: { (_: Void) in "the portfolio with the files brought in" }, notDone: "nothing was brought in") {
                (portfolio: inout Portfolio) -> Void? in
                adopt(&portfolio, storing: true)
                return ()
            }
        }
        CLI.say(lines.isEmpty ? "No item has text-only attachments; nothing to bring in." : lines.map(safe).joined(separator: "\n"))
    }
}
