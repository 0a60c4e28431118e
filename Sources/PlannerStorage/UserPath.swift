import Foundation

/// A path as the doctor typed it, made into the path the program uses. One function for the
/// planner's fields and the CLI's arguments, so `~` means the same everywhere.
///
/// `~` and `~/…` mean `$HOME`, as in the shell the doctor typed them in. Foundation's
/// `expandingTildeInPath` reads the passwd entry's home instead, which is another folder
/// under `sudo -E`, in containers, and wherever HOME was pointed elsewhere on purpose.
public enum UserPath {
    /// Why a typed path cannot be used, in a sentence that says what to type instead.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// `path` with a leading `~` or `~/` replaced by `$HOME` (the passwd entry's home only when
    /// HOME is unset or empty, as a shell does). `~name/…` (another user's home) is refused
    /// rather than looked up: a doctor who typed it can write the folder out in full.
    public static func expand(_ path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        guard path.hasPrefix("~") else { return path }
        let rest = path.dropFirst()
        guard rest.isEmpty || rest.hasPrefix("/") else {
            let user = rest.prefix { $0 != "/" }
            throw Problem(
                description:
                    "“\(path)” starts with ~\(user), another user's home folder, which mlcf does not look up; write that folder out in full, use ~/ for your own home folder, or ./\(path) for a file whose name starts with ~"
            )
        }
        let home = home(environment)
        if rest.isEmpty { return home }
        return (home == "/" ? "" : home) + rest
    }

    /// The expanded path as a file URL (relative paths are taken from the working directory).
    public static func url(_ path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        URL(fileURLWithPath: try expand(path, environment: environment))
    }

    /// `$HOME` without a trailing slash (so `~/x` never becomes `//x`), or the passwd home.
    public static func home(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        var home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        while home.count > 1 && home.hasSuffix("/") { home.removeLast() }
        return home
    }

    /// Why a new portfolio cannot be made at `url`, or nil when its folder is there to hold it.
    /// Nothing is created on the way: a folder that is missing is usually a typing slip, and
    /// making it silently would put the portfolio where the doctor will not look for it.
    public static func creationProblem(at url: URL) -> String? {
        let folder = url.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
            return "the folder \(folder) does not exist; create it first (mkdir -p \(folder)) or choose another place"
        }
        if !isFolder.boolValue { return "\(folder) is a file, not a folder; choose another place" }
        if url.lastPathComponent.isEmpty || url.hasDirectoryPath { return "\(url.path) names a folder; add a file name, e.g. portfolio.json" }
        return nil
    }
}
