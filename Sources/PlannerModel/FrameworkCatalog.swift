import Foundation

extension Framework {
    /// The largest pack file read: far above any real framework (the MLCF is about 40 KB), low
    /// enough that a wrong file cannot make the program read for long.
    public static let packSizeLimit = 4 * 1_048_576

    /// Loads and checks a pack file. Only a regular file (a symbolic link to one is fine) of at
    /// most `packSizeLimit` bytes is read; opening never blocks on a pipe or device.
    public init(contentsOf url: URL) throws {
        self = try Framework(data: Framework.readPack(url))
    }

    static func readPack(_ url: URL) throws -> Data {
        let path = url.path
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw FrameworkError(problems: ["cannot open \(path): \(String(cString: strerror(errno)))"]) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FrameworkError(problems: ["cannot read \(path): \(String(cString: strerror(errno)))"]) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw FrameworkError(problems: ["\(path) is \(describeKind(info.st_mode, path: path)), not a regular file"])
        }
        let tooLarge = FrameworkError(problems: [
            "\(path) is larger than \(packSizeLimit / 1_048_576) MB, the most a framework pack may be; is it the right file?"
        ])
        guard Int(info.st_size) <= packSizeLimit else { throw tooLarge }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: false)
        // One byte past the limit: a file that grew since fstat is still refused.
        let data: Data
        do { data = try handle.read(upToCount: packSizeLimit + 1) ?? Data() } catch {
            throw FrameworkError(problems: ["cannot read \(path): \(error.localizedDescription)"])
        }
        guard data.count <= packSizeLimit else { throw tooLarge }
        return data
    }
}

/// The frameworks a doctor may use: the bundled ones, then the packs placed in
/// `$XDG_DATA_HOME/mlcf/frameworks/*.json`. A pack that fails its check, or takes an id already
/// offered, is kept aside with its problems so the planner and the CLI can say why it is not offered.
public struct FrameworkCatalog: Sendable {
    /// A pack file that is not offered, and why.
    public struct Rejected: Sendable, Equatable {
        public let path: String
        public let problems: [String]
    }

    /// Every framework offered, bundled first, then packs by file name.
    public let frameworks: [Framework]
    /// Where each offered pack came from (bundled frameworks have none).
    public let packPaths: [String: String]
    public let rejected: [Rejected]

    /// The catalog for this user: the bundled frameworks plus the packs in `folder`.
    public init(bundled: [Framework], packsIn folder: URL?) {
        var frameworks = bundled
        var paths: [String: String] = [:]
        var rejected: [Rejected] = []
        for file in FrameworkCatalog.packFiles(in: folder) {
            do {
                let pack = try Framework(contentsOf: file)
                if let clash = frameworks.first(where: { $0.id == pack.id }) {
                    let owner = paths[clash.id].map { "the pack \($0)" } ?? "a bundled framework"
                    rejected.append(Rejected(path: file.path, problems: ["id: \"\(pack.id)\" is already used by \(owner)"]))
                    continue
                }
                frameworks.append(pack)
                paths[pack.id] = file.path
            } catch let error as FrameworkError {
                rejected.append(Rejected(path: file.path, problems: error.problems))
            } catch {
                rejected.append(Rejected(path: file.path, problems: ["\(error)"]))
            }
        }
        self.frameworks = frameworks
        self.packPaths = paths
        self.rejected = rejected
    }

    /// The catalog for the environment given (the process's when `environment` is its).
    public static func forUser(environment: [String: String]) -> FrameworkCatalog {
        FrameworkCatalog(bundled: Framework.bundled, packsIn: packFolder(environment: environment))
    }

    public func framework(_ id: String) -> Framework? { frameworks.first { $0.id == id } }

    /// `$XDG_DATA_HOME/mlcf/frameworks`, or `~/.local/share/mlcf/frameworks` when XDG_DATA_HOME
    /// is unset or not absolute (as the XDG base directory rules say to treat it).
    public static func packFolder(environment: [String: String]) -> URL? {
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return URL(fileURLWithPath: data).appendingPathComponent("mlcf/frameworks", isDirectory: true)
        }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/mlcf/frameworks", isDirectory: true)
    }

    /// The `*.json` names in the folder, sorted so the catalog's order does not depend on the disk.
    static func packFiles(in folder: URL?) -> [URL] {
        guard let folder, let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
    }
}
