import ArgumentParser
import Foundation
import PlannerCore

#if canImport(Glibc)
    import Glibc
#endif

/// Which document was exported for the period, kept in the portfolio (`Profile.exported`) by
/// the planner's `e`, so the archived year names the one that was sent. `mlcf export` only
/// reads the portfolio: a script or `make pdf-check` exporting a file must not change it.
enum ExportRecord {
    /// The document just written, as the portfolio records it.
    static func document(at url: URL) -> ExportedDocument {
        // stat(2), not FileManager's attributes: those look up the owner's name, which asks the
        // name service over a socket, and no verb of this program opens one (NoNetworkTests).
        var info = stat()
        let size = stat(url.path, &info) == 0 ? Int(info.st_size) : 0
        return ExportedDocument(file: url.lastPathComponent, date: CLI.today, bytes: size)
    }
}
