import ArgumentParser
import Foundation

/// What every bench checks before it measures: the `mlcf` binary it times and the folder
/// its generated files go in. One place, so each bench refuses a missing binary alike.
enum BenchSetup {
    /// The binary's absolute path; a clear refusal (how to build it) when it is not there.
    static func binary(_ mlcf: String) throws -> String {
        let binary = URL(fileURLWithPath: mlcf).standardizedFileURL.path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw ValidationError("No mlcf binary at \(binary): build it with `swift build -c release --product mlcf` (or run `make bench`).")
        }
        return binary
    }

    /// The work folder, made if it is missing.
    static func folder(_ workDir: String) throws -> URL {
        let folder = URL(fileURLWithPath: workDir).standardizedFileURL
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
