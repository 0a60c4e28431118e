import Foundation
import Testing

extension CLIRun {
    /// Like `run`, but gives up after `timeout` seconds (killing the program, exit code -1),
    /// so a hang fails the test instead of stopping the suite; runs in `workingDirectory`.
    static func bounded(_ arguments: [String], workingDirectory: URL? = nil, timeout: TimeInterval = 30) throws -> Output {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TmuxSession.binaryPath)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["MLCF_TODAY"] = "2026-11-23"
        env["HOME"] = folder.path
        env["XDG_STATE_HOME"] = folder.appendingPathComponent("state").path
        process.environment = env
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        var code = Int32(-1)
        if process.isRunning { kill(process.processIdentifier, SIGKILL) } else { code = process.terminationStatus }
        process.waitUntilExit()
        return Output(
            code: code, stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// Issue 13, item 11: what the verbs print never carries a terminal control sequence from a
/// stored value, a path or an argument; a reflection file that is not a plain file is refused
/// at once; a misspelt verb is named as such; `--version` works.
@Suite struct CLIHostileInputTests {
    /// Everything a terminal would act on: CSI clear screen, an 8-bit CSI, OSC title, BEL,
    /// DEL, NEL, DCS, a carriage return and a newline inside one value.
    static let evil = "A\u{1B}[2J\u{9B}31m\u{1B}]0;owned\u{07}\u{7F}\u{85}\u{90}\r\nB"

    /// No control character at all in `text`, except the newlines between lines of output.
    static func controls(in text: String) -> [String] {
        text.unicodeScalars.filter { s in
            s != "\n" && (s.value < 0x20 || (0x7F...0x9F).contains(s.value))
        }.map { String(format: "U+%04X", $0.value) }
    }

    static func expectClean(_ result: CLIRun.Output, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(
            controls(in: result.stdout).isEmpty, "\(what) stdout: \(controls(in: result.stdout)) in \(result.stdout.debugDescription)",
            sourceLocation: sourceLocation)
        #expect(
            controls(in: result.stderr).isEmpty, "\(what) stderr: \(controls(in: result.stderr)) in \(result.stderr.debugDescription)",
            sourceLocation: sourceLocation)
    }

    /// The postgraduate example with the hostile text in the name, titles and ids, saved under
    /// a name that itself holds an escape sequence.
    static func hostilePortfolio(in folder: TempFolder, kind: String? = nil) throws -> URL {
        let source = repositoryRoot.appendingPathComponent("Resources/examples/postgraduate.json")
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: source)) as! [String: Any]
        var profile = object["profile"] as! [String: Any]
        profile["name"] = "Dr " + evil
        object["profile"] = profile
        var evidence = object["evidence"] as! [[String: Any]]
        for index in evidence.indices {
            evidence[index]["title"] = evil + " \(index)"
            evidence[index]["id"] = "ev-\(index)\u{1B}[2J\u{9B}"
        }
        if let kind { evidence[0]["kind"] = kind }
        object["evidence"] = evidence
        let url = folder.file("port\u{1B}[2J\u{9B}\u{07}.json")
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: url)
        return url
    }

    @Test func everyVerbPrintsStoredTextWithoutControls() throws {
        let folder = TempFolder()
        let url = try Self.hostilePortfolio(in: folder)

        let validate = try CLIRun.bounded(["validate", url.path])
        #expect(validate.code == 1, "\(validate)")
        Self.expectClean(validate, "validate")
        #expect(validate.stdout.contains("Dr A\u{FFFD}[2J"), "the name is still shown: \(validate.stdout)")

        let json = try CLIRun.bounded(["validate", "--json", url.path])
        Self.expectClean(json, "validate --json")
        // The JSON still says exactly what is stored: controls are escaped, not lost.
        let decoded = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(decoded["file"] as? String == url.path)
        let findings = decoded["findings"] as? [[String: Any]] ?? []
        #expect(findings.contains { ($0["location"] as? [String: Any])?["evidenceID"] as? String == "ev-7\u{1B}[2J\u{9B}" }, "\(json.stdout)")

        let summary = try CLIRun.bounded(["summary", url.path])
        #expect(summary.code == 0, "\(summary)")
        Self.expectClean(summary, "summary")
        #expect(summary.stdout.contains("Dr A\u{FFFD}[2J"))
        // A newline inside the name does not start a new line of output.
        #expect(summary.stdout.split(separator: "\n")[0].contains("B — "), "\(summary.stdout)")

        let added = try CLIRun.bounded([
            "add-evidence", url.path, "--title", Self.evil, "--kind", "cpd", "--date", "2026-01-05",
            "--link", "1.1.a",
        ])
        #expect(added.code == 0, "\(added)")
        Self.expectClean(added, "add-evidence")
        #expect(added.stdout.hasPrefix("Added "), "\(added.stdout)")

        let framework = try CLIRun.bounded(["framework", "--senior", "--stage", "postgraduate"])
        #expect(framework.code == 0)
        Self.expectClean(framework, "framework")
    }

    @Test func errorsNamingStoredTextOrPathsCarryNoControls() throws {
        let folder = TempFolder()
        // A stored kind the program does not know: the file loads (nothing is lost) and the
        // validator's finding quotes the kind; the export names it.
        let badKind = try Self.hostilePortfolio(in: folder, kind: "cpd\u{1B}[2J\u{9B}\u{07}")
        for (verb, code) in [("validate", 1), ("summary", 0), ("export", 0)] {
            let result = try CLIRun.bounded([verb, badKind.path])
            #expect(result.code == code, "\(verb): \(result)")
            if verb == "validate" { #expect(result.stdout.contains("structure.unknown-kind"), "\(result.stdout)") }
            Self.expectClean(result, "\(verb) of an unknown kind")
        }
        // A missing file whose name holds the escape.
        let missing = folder.file("gone\u{1B}[2J\u{07}.json").path
        for verb in ["validate", "summary"] {
            let result = try CLIRun.bounded([verb, missing])
            #expect(result.code == 2, "\(verb): \(result)")
            Self.expectClean(result, "\(verb) of a missing file")
            #expect(result.stderr.contains("gone\u{FFFD}[2J\u{FFFD}.json"), "\(result.stderr)")
        }
        // Arguments echoed by add-evidence's checks and by the argument parser.
        let good = folder.file("good.json")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Resources/examples/postgraduate.json"), to: good)
        let base = ["add-evidence", good.path, "--title", "T", "--date", "2026-01-05"]
        for arguments in [
            base + ["--kind", Self.evil], base + ["--kind", "cpd", "--link", Self.evil],
            base + ["--kind", "cpd", "--reflection-file", folder.file("r\u{1B}[2J\u{9B}.md").path],
            [
                "new", folder.file("n.json").path, "--name", "X", "--stage", Self.evil,
                "--period-start", "2025-08-06", "--period-end", "2026-08-04",
            ],
            ["validate", "--\u{1B}[2J"], [folder.file("nope\u{1B}[2J.json").path],
        ] {
            let result = try CLIRun.bounded(arguments)
            #expect(result.code != 0, "\(arguments.debugDescription): \(result)")
            Self.expectClean(result, arguments.debugDescription)
        }
    }

    @Test func aReflectionFileThatIsAPipeIsRefusedAtOnce() throws {
        let folder = TempFolder()
        let good = folder.file("p.json")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Resources/examples/postgraduate.json"), to: good)
        let before = try Data(contentsOf: good)
        let fifo = folder.file("reflection.fifo")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let started = Date()
        let result = try CLIRun.bounded([
            "add-evidence", good.path, "--title", "T", "--kind", "cpd", "--date", "2026-01-05",
            "--reflection-file", fifo.path,
        ])
        #expect(Date().timeIntervalSince(started) < 3, "add-evidence waited on the pipe")
        #expect(result.code == 2, "\(result)")
        #expect(result.stderr.contains(fifo.path) && result.stderr.contains("a named pipe (FIFO)"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one sentence: \(result.stderr)")
        #expect(try Data(contentsOf: good) == before, "the portfolio is unchanged")

        // A device is refused the same way, and so is a file far too long to be a reflection.
        let device = try CLIRun.bounded([
            "add-evidence", good.path, "--title", "T", "--kind", "cpd", "--date", "2026-01-05",
            "--reflection-file", "/dev/zero",
        ])
        #expect(device.code == 2 && device.stderr.contains("/dev/zero") && device.stderr.contains("device"), "\(device)")
        let huge = folder.file("huge.md")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: nil))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 64 << 20)  // sparse: costs no disk
        try handle.close()
        let tooLong = try CLIRun.bounded([
            "add-evidence", good.path, "--title", "T", "--kind", "cpd", "--date", "2026-01-05",
            "--reflection-file", huge.path,
        ])
        #expect(tooLong.code == 2 && tooLong.stderr.contains(huge.path) && tooLong.stderr.contains("MB"), "\(tooLong)")
        #expect(try Data(contentsOf: good) == before)
    }

    @Test func aMisspeltVerbIsAnUnknownCommandWithTheNearestVerb() throws {
        let folder = TempFolder()
        let summry = try CLIRun.bounded(["summry"], workingDirectory: folder.url)
        #expect(summry.code != 0)
        #expect(summry.stderr.contains("unknown command \"summry\" — did you mean \"summary\"?"), "\(summry)")
        #expect(!summry.stderr.contains("no such file") && !summry.stderr.contains("does not exist"), "\(summry)")
        let validat = try CLIRun.bounded(["valdate", "x.json"], workingDirectory: folder.url)
        #expect(validat.code != 0 && validat.stderr.contains("did you mean \"validate\"?"), "\(validat)")
        let addEvidence = try CLIRun.bounded(["add-evidnce"], workingDirectory: folder.url)
        #expect(addEvidence.stderr.contains("did you mean \"add-evidence\"?"), "\(addEvidence)")

        // Something that looks like a path is still a missing file.
        for path in ["summry.json", "work/summry", folder.file("summry.json").path] {
            let result = try CLIRun.bounded([path], workingDirectory: folder.url)
            #expect(result.code == 2, "\(path): \(result)")
            #expect(!result.stderr.contains("unknown command"), "\(path): \(result)")
            #expect(
                result.stderr.contains("summry")
                    && (result.stderr.contains("no such file") || result.stderr.contains("does not exist")
                        || result.stderr.contains("not found")),
                "\(path): \(result)")
        }
        // An existing file with a verb-like name is opened, not taken for a verb (here: the
        // planner then says it needs a terminal).
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("Resources/examples/postgraduate.json"),
            to: folder.file("summry"))
        let existing = try CLIRun.bounded(["summry"], workingDirectory: folder.url)
        #expect(existing.code == 2 && existing.stderr.contains("needs a terminal"), "\(existing)")
    }

    @Test func versionPrintsTheVersion() throws {
        let result = try CLIRun.bounded(["--version"])
        #expect(result.code == 0, "\(result)")
        let line = result.stdout.trimmingCharacters(in: .newlines)
        #expect(line.hasPrefix("mlcf ") && line.split(separator: " ").count == 2 && line.last?.isNumber == true, "\(result.stdout)")
        #expect(result.stderr.isEmpty)
    }
}
