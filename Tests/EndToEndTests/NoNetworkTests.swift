import Foundation
import Testing

/// README "Your data": `mlcf` never opens a network connection. Checked twice: no source file
/// of the program holds a way to open one, and the real verbs, traced by strace, make no
/// network system call at all.
@Suite struct NoNetworkTests {
    /// What a Swift or C file would need to reach a network.
    static let networkAPIs = ["URLSession", "URLRequest", "NWConnection", "socket(", "connect(", "getaddrinfo", "gethostbyname", "URL(string"]

    @Test func noSourceOfTheProgramCanOpenAConnection() throws {
        let folders = [
            "mlcf", "PlannerCore", "PlannerModel", "PlannerStorage", "PlannerRules", "PlannerExport", "PlannerUI", "CursesTerminal", "CNcurses",
        ]
        var found: [String] = []
        var files = 0
        for folder in folders {
            let root = repositoryRoot.appendingPathComponent("Sources/\(folder)")
            let walker = FileManager.default.enumerator(atPath: root.path)
            while let name = walker?.nextObject() as? String {
                guard name.hasSuffix(".swift") || name.hasSuffix(".c") || name.hasSuffix(".h") else { continue }
                files += 1
                let text = try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
                for api in Self.networkAPIs where text.contains(api) { found.append("\(folder)/\(name): \(api)") }
            }
        }
        #expect(files > 40, "the source folders were not found")
        #expect(found.isEmpty, "network code in the program: \(found)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/strace"), "needs strace"))
    func theVerbsMakeNoNetworkCall() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mlcf-nonet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("p.json")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Resources/examples/continuing-practice.json"), to: file)
        let trace = folder.appendingPathComponent("trace.txt")
        let certificate = folder.appendingPathComponent("certificate.pdf")
        try Data("%PDF certificate".utf8).write(to: certificate)
        for verb in [
            ["validate", file.path], ["summary", file.path], ["export", file.path, "-o", folder.appendingPathComponent("x.md").path],
            ["add-evidence", file.path, "--title", "Traced", "--kind", "cpd", "--date", "2026-01-02", "--link", "1.1"],
            ["export", file.path, "--csv", "-o", folder.appendingPathComponent("x.csv").path],
            ["import", file.path, repositoryRoot.appendingPathComponent("Tests/fixtures/csv/uk-windows1252-semicolon.csv").path],
            ["attach", file.path, "cp-01", certificate.path], ["validate", file.path], ["detach", file.path, "cp-01", "certificate.pdf"],
            ["attach", "--adopt", file.path],
            ["merge", file.path, file.path, file.path, "-o", folder.appendingPathComponent("merged.json").path],
            ["show", "--diff", file.path],
        ] {
            let result = try CLIRun.run(["-f", "-e", "trace=%network", "-o", trace.path, TmuxSession.binaryPath] + verb, program: "/usr/bin/strace")
            #expect(result.code <= 1, "\(verb): \(result.stderr)")
            let calls = try String(contentsOf: trace, encoding: .utf8).split(separator: "\n").filter { !$0.contains("+++ exited") }
            #expect(calls.isEmpty, "mlcf \(verb[0]) made network calls: \(calls.prefix(5))")
        }
    }
}
