import ArgumentParser
import Foundation
import PlannerCore

/// Turns the exported Markdown into a PDF (pandoc with the weasyprint engine, tagged PDF/UA
/// with bookmarks) or a Word document (pandoc with the planner's reference styles). Either is
/// made in a private folder, then moved into place atomically and owner-only like every file
/// the planner writes; stderr says what is happening while pandoc works.
enum DocumentMaker {
    enum Kind {
        case pdf, docx

        var name: String { self == .pdf ? "PDF" : "Word document" }
        var fileExtension: String { self == .pdf ? "pdf" : "docx" }
        /// python3 puts the running head into the Word styles (`WordStyles.headerScript`).
        var tools: [String] { self == .pdf ? ["pandoc", "weasyprint"] : ["pandoc", "python3"] }
        var packages: String { self == .pdf ? "pandoc weasyprint fonts-droid-fallback" : "pandoc python3" }
    }

    /// `files` (with the portfolio they belong to) are embedded in a PDF as file attachments,
    /// so the appraiser receives one file; a Word document has no such place and lists them only.
    /// `pageHeader` is the Word document's running head (`WordStyles.pageHeader`).
    static func make(
        _ kind: Kind, from markdown: URL, attaching files: [AttachedFile] = [], of portfolio: URL? = nil, pageHeader: String = ""
    ) throws {
        let target = markdown.deletingPathExtension().appendingPathExtension(kind.fileExtension)
        let missing = kind.tools.filter { CLI.executable(named: $0) == nil }
        guard missing.isEmpty, let pandoc = CLI.executable(named: "pandoc") else {
            CLI.warn(
                "--\(kind.fileExtension) needs \(kind.tools.joined(separator: " and ")); not installed: \(missing.joined(separator: ", ")). "
                    + "On Debian or Ubuntu: sudo apt-get install --no-install-recommends \(kind.packages). "
                    + "The Markdown is written: \(TerminalSafe.text(markdown.path))")
            throw ExitCode(3)
        }
        // pandoc and weasyprint write intermediate files into the working folder: give them a
        // private one, then move the finished file into place atomically and owner-only.
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("mlcf-\(kind.fileExtension)-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch { throw CLI.fail(error) }
        defer { try? FileManager.default.removeItem(at: work) }
        let draft = work.appendingPathComponent("out." + kind.fileExtension)
        // Raw HTML and TeX are switched off as a second line of defence: the exporter already
        // escapes every `<` and `\` the doctor typed, and its own stylesheet is a {=html} block.
        var arguments = [markdown.path, "--from=markdown-raw_html-raw_tex", "-o", draft.path]
        switch kind {
        case .pdf:
            // Tagged for screen readers (PDF/UA-1) where this weasyprint knows the variant.
            arguments += ["--pdf-engine=weasyprint"]
            arguments += portfolio.map { PDFAttachments.arguments(files, portfolio: $0, work: work) } ?? []
            arguments += ["--pdf-engine-opt=--pdf-variant=pdf/ua-1"]
        case .docx:
            arguments += ["--reference-doc=" + (try referenceWithHeader(pageHeader, in: work)).path]
        }
        CLI.warn("making the \(kind.name) with pandoc…")
        var (status, messages) = run(pandoc, arguments, in: work, kind: kind)
        if status != 0, kind == .pdf, messages.contains("pdf-variant") {
            // An older weasyprint without the option: an untagged PDF rather than none.
            arguments.removeLast()
            (status, messages) = run(pandoc, arguments, in: work, kind: kind)
        }
        guard status == 0 else {
            let detail = messages.split(separator: "\n").suffix(5).joined(separator: "\n")
            CLI.warn("pandoc could not make the \(kind.name) (exit \(status)):\n\(detail)")
            throw ExitCode(3)
        }
        do { try AtomicFile.write(try Data(contentsOf: draft), to: target) } catch { throw CLI.fail(error) }
        CLI.say("Wrote \(TerminalSafe.text(target.path))")
    }

    /// A private copy of the Word styles whose page header is this doctor's running head, made
    /// by `docx-header.py` in the private folder: the text reaches it in a file there, never on
    /// a command line another user could read.
    private static func referenceWithHeader(_ head: String, in work: URL) throws -> URL {
        let base = work.appendingPathComponent("styles.docx"), script = work.appendingPathComponent("docx-header.py")
        let text = work.appendingPathComponent("head.txt"), reference = work.appendingPathComponent("reference.docx")
        do {
            try AtomicFile.write(WordStyles.referenceDocument, to: base)
            try AtomicFile.write(WordStyles.headerScript, to: script)
            try AtomicFile.write(Data(head.utf8), to: text)
        } catch { throw CLI.fail(error) }
        guard let python = CLI.executable(named: "python3") else {
            CLI.warn("--docx needs python3 to put your name on every page; install it (Debian or Ubuntu: sudo apt-get install python3).")
            throw ExitCode(3)
        }
        let (status, messages) = run(python, ["-I", script.path, base.path, text.path, reference.path], in: work, kind: .docx)
        guard status == 0 else {
            CLI.warn("python3 could not put the running head into the Word styles (exit \(status)):\n\(messages.suffix(400))")
            throw ExitCode(3)
        }
        return reference
    }

    /// Runs pandoc, its messages going to a file in the private folder (a pipe could fill and
    /// stall it), and says every few seconds that it is still working.
    private static func run(_ pandoc: URL, _ arguments: [String], in work: URL, kind: Kind) -> (Int32, String) {
        let log = work.appendingPathComponent("pandoc.log")
        try? AtomicFile.write(Data(), to: log)
        let process = Process()
        process.executableURL = pandoc
        process.currentDirectoryURL = work
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: log.path)
        let started = Date()
        do { try process.run() } catch { return (127, "\(error)") }
        var told = 0
        while process.isRunning {
            Thread.sleep(forTimeInterval: 0.1)
            let seconds = Int(Date().timeIntervalSince(started))
            if seconds >= told + 5 {
                told = seconds
                CLI.warn("still making the \(kind.name) (\(seconds) s)…")
            }
        }
        process.waitUntilExit()
        let messages = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return (process.terminationStatus, messages)
    }
}
