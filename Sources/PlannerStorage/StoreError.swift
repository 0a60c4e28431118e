import Foundation
import PlannerModel

/// Everything that can go wrong reading or writing a portfolio, each with the file it
/// concerns, turned into one plain sentence at the edge (CLI or UI).
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case notARegularFile(path: String, what: String)
    case unreadable(path: String, reason: String)
    case tooLarge(path: String, bytes: Int)
    case empty(path: String)
    case notUTF8(path: String, offset: Int)
    case invalidJSON(path: String, detail: String)
    case invalidContent(path: String, location: String, detail: String)
    case futureVersion(path: String, found: Int, supported: Int)
    case lockedByAnotherProcess(path: String, holder: String)
    case lockFailed(path: String, reason: String)
    case alreadyExists(path: String)
    case writeFailed(path: String, reason: String)
    /// A file mlcf would write (lock, temporary, backup) or read privately (a draft) is a link,
    /// a device, someone else's, or otherwise not a plain file of this user's: never used.
    case unsafeFile(path: String, what: String)
    /// An object holds the same key twice (`line`, `column` of the second, 1-based).
    case duplicateKey(path: String, key: String, line: Int, column: Int)
    /// The encoded portfolio would be larger than `PortfolioStore.maximumFileSize`.
    case tooLargeToSave(path: String, bytes: Int, limit: Int)

    /// The file the error concerns.
    public var path: String {
        switch self {
        case .notFound(let p), .notARegularFile(let p, _), .unreadable(let p, _), .tooLarge(let p, _), .empty(let p),
            .notUTF8(let p, _), .invalidJSON(let p, _), .invalidContent(let p, _, _), .futureVersion(let p, _, _),
            .lockedByAnotherProcess(let p, _), .lockFailed(let p, _), .alreadyExists(let p), .writeFailed(let p, _),
            .unsafeFile(let p, _), .duplicateKey(let p, _, _, _), .tooLargeToSave(let p, _, _):
            return p
        }
    }

    public var description: String {
        switch self {
        case .notFound(let path):
            return "\(path): no such file."
        case .notARegularFile(let path, let what):
            return "\(path) is \(what), not a portfolio file; it was not opened or changed."
        case .unreadable(let path, let reason):
            return "\(path) cannot be read: \(reason)."
        case .tooLarge(let path, let bytes):
            return "\(path) is \(bytes / 1_048_576) MB, larger than any real portfolio; it was not opened or changed."
        case .empty(let path):
            return "\(path) is empty (0 bytes) — it is not a portfolio. It was not changed; if a save was interrupted, the previous version is in \(path).bak."
        case .notUTF8(let path, let offset):
            return "\(path) is not valid UTF-8 text (first bad byte at offset \(offset)); it was not changed."
        case .invalidJSON(let path, let detail):
            return "\(path) is not valid JSON: \(detail). It was not changed."
        case .invalidContent(let path, let location, let detail):
            return "\(path) does not fit the portfolio format at \(location): \(detail). It was not changed."
        case .futureVersion(let path, let found, let supported):
            return
                "\(path) was written by a newer version of mlcf (format version \(found); this one understands up to \(supported)). Update mlcf; the file was not changed."
        case .lockedByAnotherProcess(let path, let holder):
            return "\(path) is already open in another mlcf (\(holder)). Close that one first, so the two do not overwrite each other."
        case .lockFailed(let path, let reason):
            return "Could not lock \(path) for editing: \(reason)."
        case .alreadyExists(let path):
            return "\(path) already exists; choose another name (nothing was overwritten)."
        case .writeFailed(let path, let reason):
            return "Could not save \(path): \(reason). The file on disk is unchanged and your changes are still open."
        case .unsafeFile(let path, let what):
            return "\(path) is \(what), not a file mlcf made; mlcf never writes or reads through it. Remove it and try again; nothing was changed."
        case .duplicateKey(let path, let key, let line, let column):
            return
                "\(path): the key \"\(key)\" appears twice (line \(line), column \(column)); a merge may have left two copies — keep one and open it again. It was not changed."
        case .tooLargeToSave(let path, let bytes, let limit):
            return
                "Could not save \(path): the portfolio would be \(bytes / 1_048_576) MB, more than the \(limit / 1_048_576) MB this program can open again. The file on disk is unchanged and your changes are still open."
        }
    }
}
