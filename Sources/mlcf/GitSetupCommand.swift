import ArgumentParser
import Foundation
import PlannerCore

/// `mlcf git-setup [DIR]`: makes git merge and diff portfolios by meaning in the repository
/// at DIR. git stays the carrier (clones, pulls, history); mlcf only merges and shows.
struct GitSetup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "git-setup",
        abstract: "Set up a git repository so git pull and git merge merge portfolios by meaning, and git diff shows items.",
        discussion: """
            Adds "PATTERN merge=mlcf diff=mlcf" to DIR/.gitattributes and sets, in the repository's own \
            config, merge.mlcf.driver to "MLCF merge %O %A %B -o %A" and diff.mlcf.textconv to \
            "MLCF show --diff", where MLCF is the absolute path of this mlcf (so it works from .build or \
            make run too; run git-setup again if you move it). Running it again changes nothing. \
            It also adds *.bak, *.lock and *.versions/ to DIR/.gitignore (what stays on this machine). \
            By hand, the same two lines: \
            git config merge.mlcf.driver "mlcf merge %O %A %B -o %A" and echo "*.json merge=mlcf diff=mlcf" >> .gitattributes

            Exit status: 0 set up, 2 DIR is not in a git repository or a file could not be written.
            """)

    @Argument(help: "A folder in the repository (default: the current one).") var dir: String = "."
    @Option(help: "Which files are portfolios, as a .gitattributes pattern.") var pattern = "*.json"

    func run() throws {
        let folder = try CLI.url(dir)
        guard (try? git(["rev-parse", "--git-dir"], in: folder))?.code == 0 else {
            throw CLI.fail(ValidationError("\(dir) is not in a git repository (git init, or clone one, first)."))
        }
        let binary = Self.runningBinary()
        try Self.ensure(["\(pattern) merge=mlcf diff=mlcf"], in: folder.appendingPathComponent(".gitattributes"))
        // What stays on this machine: the previous version, the lock, the snapshots a
        // two-copy merge finds its base in (git holds its own history).
        try Self.ensure(Self.ignored, in: folder.appendingPathComponent(".gitignore"))
        let quoted = "'" + binary.replacingOccurrences(of: "'", with: "'\\''") + "'"
        for (key, value) in [
            ("merge.mlcf.name", "mlcf: merge portfolios by meaning"), ("merge.mlcf.driver", "\(quoted) merge %O %A %B -o %A"),
            ("diff.mlcf.textconv", "\(quoted) show --diff"),
        ] {
            let current = try? git(["config", "--local", "--get", key], in: folder)
            if current?.code == 0, current?.output.trimmingCharacters(in: .newlines) == value {
                CLI.say("git config \(key): already \(value)")
                continue
            }
            guard (try? git(["config", "--local", key, value], in: folder))?.code == 0 else {
                throw CLI.fail(ValidationError("git config \(key) could not be set in \(dir)."))
            }
            CLI.say("git config \(key) = \(value)")
        }
        CLI.say("The driver runs this mlcf by its absolute path (\(binary)); run git-setup again if you move it.")
    }

    /// The lines `git-setup` keeps in `.gitignore`.
    static let ignored = ["*.bak", "*.lock", "*.versions/"]

    /// Adds each of `lines` to `file` unless it is there already, and says which.
    static func ensure(_ lines: [String], in file: URL) throws {
        let existing = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        let present = Set(existing.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        let missing = lines.filter { !present.contains($0) }
        for line in lines where present.contains(line) { CLI.say("\(file.path): already has \(line)") }
        guard !missing.isEmpty else { return }
        let text = existing + (existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n") + missing.map { $0 + "\n" }.joined()
        do { try AtomicFile.write(Data(text.utf8), to: file) } catch { throw CLI.fail(error) }
        for line in missing { CLI.say("\(file.path): added \(line)") }
    }

    /// The absolute path of the running program, as the kernel knows it (not `argv[0]`,
    /// which may be a relative path or a name found on PATH).
    static func runningBinary() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.resolvingSymlinksInPath().path
    }

    private func git(_ arguments: [String], in folder: URL) throws -> (code: Int32, output: String) {
        guard let program = CLI.executable(named: "git") else { throw ValidationError("git is not installed (not on PATH).") }
        let process = Process()
        process.executableURL = program
        process.arguments = ["-C", folder.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
