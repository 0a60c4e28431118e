import Foundation

extension CLI {
    /// The program `name` as the shell would find it on PATH: pandoc, weasyprint and git are
    /// the doctor's own tools, never bundled, so each verb that needs one looks it up here.
    static func executable(named name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
