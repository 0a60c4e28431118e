import Foundation
import PlannerModel

#if canImport(Glibc)
    import Glibc
#endif

/// Finding the copies of a portfolio that sync tools leave beside it, and putting one aside
/// once it has been merged in (issue 18).
extension PortfolioStore {
    /// The plain files beside `url` that `SyncCopyName` takes for copies of it, oldest name
    /// first: one listing of the folder, no recursion, and no link followed (a link is not
    /// offered, as nothing is read through one).
    public static func syncCopies(of url: URL) -> [(url: URL, tool: SyncCopyName.Tool)] {
        let folder = url.deletingLastPathComponent()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return names.sorted().compactMap { name in
            guard let tool = SyncCopyName.tool(of: name, portfolio: url.lastPathComponent) else { return nil }
            let copy = folder.appendingPathComponent(name)
            var info = stat()
            guard lstat(copy.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            return (copy, tool)
        }
    }

    /// Renames a merged copy to `NAME.merged` (`NAME.merged-2`, … when taken), never over
    /// another file and never deleting it: the doctor can still look at what was merged.
    public static func moveAside(_ copy: URL) throws -> URL {
        for n in 1...100 {
            let target = URL(fileURLWithPath: copy.path + ".merged" + (n == 1 ? "" : "-\(n)"))
            // link then unlink: the new name is created only if it is free (rename would replace).
            if link(copy.path, target.path) == 0 {
                guard unlink(copy.path) == 0 else {
                    let reason = String(cString: strerror(errno))
                    _ = unlink(target.path)
                    throw StoreError.writeFailed(path: copy.path, reason: "it could not be renamed (\(reason))")
                }
                return target
            }
            if errno == EEXIST { continue }
            throw StoreError.writeFailed(
                path: copy.path, reason: "it could not be renamed to \(target.lastPathComponent) (\(String(cString: strerror(errno))))")
        }
        throw StoreError.writeFailed(path: copy.path, reason: "no free name to move it aside")
    }
}
