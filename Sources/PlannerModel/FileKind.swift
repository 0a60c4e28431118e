import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// "a symbolic link to X", "a folder", … for messages about a path that is not a plain file:
/// the store's and the framework catalog's.
package func describeKind(_ mode: mode_t, path: String) -> String {
    switch mode & S_IFMT {
    case S_IFREG: return "a file"
    case S_IFLNK:
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "somewhere else"
        return "a symbolic link to \(target)"
    case S_IFDIR: return "a folder"
    case S_IFIFO: return "a named pipe (FIFO)"
    default: return "a device or socket"
    }
}
