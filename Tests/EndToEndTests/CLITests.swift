import Foundation
import PlannerCore
import Testing

/// Runs the real binary without a terminal.
enum CLIRun {
    struct Output { let code: Int32; let stdout: String; let stderr: String }

    static func run(_ arguments: [String], stdinTTY: Bool = false, environment: [String: String] = [:], program: String? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program ?? TmuxSession.binaryPath)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["MLCF_TODAY"] = "2026-11-23"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(code: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}

@Suite struct CLITests {
    static let verdicts: [(String, Int32, String)] = [
        ("undergraduate", 0, "READY"), ("postgraduate", 1, "NOT READY"),
        ("continuing-practice", 0, "READY"), ("gp-not-ready", 1, "NOT READY"),
    ]

    @Test(arguments: 0..<verdicts.count)
    func validateGivesTheExpectedVerdict(_ index: Int) throws {
        let (name, code, verdict) = Self.verdicts[index]
        let path = repositoryRoot.appendingPathComponent("Resources/examples/\(name).json").path
        let result = try CLIRun.run(["validate", path])
        #expect(result.code == code, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.split(separator: "\n")[1].hasPrefix(verdict))
        let json = try CLIRun.run(["validate", path, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(object["ready"] as? Bool == (code == 0))
        #expect((object["coverage"] as? [String: Any])?.count == 105)  // 5 domains + 20 elements + 80 competences
    }

    @Test func postgraduateFindingsNameTheirPlaces() throws {
        let path = repositoryRoot.appendingPathComponent("Resources/examples/postgraduate.json").path
        let result = try CLIRun.run(["validate", path])
        #expect(result.stdout.contains("coverage.element — element 3.2"))
        #expect(result.stdout.contains("coverage.element — element 5.4"))
        #expect(result.stdout.contains("evidence.reflection — evidence pg-07"))
        #expect(result.stdout.contains("feedback.colleague"))
    }

    @Test func unreadableFileExitsTwoNamingIt() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID().uuidString).json")
        try Data("{\"schemaVersion\": 1, \"profile\": ".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CLIRun.run(["validate", file.path])
        #expect(result.code == 2)
        #expect(result.stderr.contains(file.path) && result.stderr.contains("cut off"))
    }

    @Test func newSummaryAndFramework() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("p.json").path
        let made = try CLIRun.run([
            "new", file, "--name", "Dr Siân Test", "--stage", "postgraduate", "--period-start", "2025-08-06", "--period-end", "2026-08-04",
        ])
        #expect(made.code == 0, "\(made.stderr)")
        let again = try CLIRun.run(["new", file, "--name", "X", "--stage", "postgraduate", "--period-start", "2025-08-06", "--period-end", "2026-08-04"])
        #expect(again.code == 2 && again.stderr.contains("already exists"))
        let bad = try CLIRun.run(["new", file + "2", "--name", "X", "--stage", "postgraduate", "--period-start", "2025-02-30", "--period-end", "2026-08-04"])
        #expect(bad.code != 0 && bad.stderr.contains("period-start"))
        let summary = try CLIRun.run(["summary", file])
        #expect(summary.stdout.contains("Dr Siân Test") && summary.stdout.contains("✗ 3.2 Managing resources"))
        let framework = try CLIRun.run(["framework"])
        #expect(framework.stdout.contains("5.4.d") && framework.stdout.contains("1 Demonstrating Personal Qualities"))
        let validate = try CLIRun.run(["validate", file])
        #expect(validate.code == 1)
    }

    @Test func plannerWithoutATerminalPointsAtTheVerbs() throws {
        let result = try CLIRun.run([repositoryRoot.appendingPathComponent("Resources/examples/undergraduate.json").path])
        #expect(result.code == 2)
        #expect(result.stderr.contains("needs a terminal") && result.stderr.contains("mlcf validate PATH"))
    }

    @Test func dumbTerminalIsRefusedClearly() throws {
        let tmux = TmuxSession(name: "dumb")
        try tmux.start("--help >/dev/null; TERM=dumb '\(tmux.binary)' '\(repositoryRoot.path)/Resources/examples/undergraduate.json'")
        tmux.waitFor("cannot show a full-screen program")
        tmux.waitFor("EXITED 2")
    }
}
