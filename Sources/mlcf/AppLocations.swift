import Foundation
import PlannerCore

/// Where the planner keeps its own small files (XDG base directories), never portfolio text.
enum AppLocations {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }
    /// `$HOME`, as `~` means in every path the doctor types (`UserPath`).
    static var home: String { UserPath.home(environment) }

    static var stateFolder: URL {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/state"
        return URL(fileURLWithPath: base).appendingPathComponent("mlcf")
    }

    static var dataFolder: URL {
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/share"
        return URL(fileURLWithPath: base).appendingPathComponent("mlcf")
    }

    /// The file that remembers which portfolio was opened last (its path only).
    static var lastUsedFile: URL { stateFolder.appendingPathComponent("last-portfolio") }

    static func lastUsed() -> String? {
        guard let text = try? String(contentsOf: lastUsedFile, encoding: .utf8) else { return nil }
        let path = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return path.isEmpty || !FileManager.default.fileExists(atPath: path) ? nil : path
    }

    static func remember(_ path: String) {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        try? FileManager.default.createDirectory(at: stateFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try? AtomicFile.write(Data((absolute + "\n").utf8), to: lastUsedFile)
    }

    /// The unsaved draft of an interrupted session, kept beside the portfolio (0600).
    static func recoveryFile(for portfolio: URL) -> URL {
        portfolio.deletingLastPathComponent().appendingPathComponent("." + portfolio.lastPathComponent + ".recovery.json")
    }

    /// A private copy of the bundled example, so looking around never touches anything else.
    static func exampleCopy() throws -> URL {
        let url = dataFolder.appendingPathComponent("example-continuing-practice.json")
        if !FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.createDirectory(at: dataFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try AtomicFile.write(Data(BundledExamples.continuingPractice), to: url)
        }
        return url
    }

    static var defaultNewPortfolioPath: String { "~/mlcf-portfolio.json" }
}
