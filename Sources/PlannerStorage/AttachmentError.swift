import Foundation
import PlannerModel

/// Why a file could not be attached; each says what was wrong and that nothing changed.
public enum AttachmentError: Error, Equatable, CustomStringConvertible {
    case missing(path: String)
    /// A folder, named pipe, device or socket: `what` says which.
    case notAFile(path: String, what: String)
    case tooLarge(path: String, bytes: Int, limit: Int)
    /// A name a reader could be misled by, or that could not be shown as written.
    case oddName(path: String, why: String)
    case unreadable(path: String, reason: String)
    /// The folder beside the portfolio could not take the copy (full disk, read-only, …).
    case notStored(folder: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let path):
            return "\(path) does not exist; nothing was attached or changed."
        case .notAFile(let path, let what):
            return "\(path) is \(what), not a file; only files can be attached. Nothing was changed."
        case .tooLarge(let path, let bytes, let limit):
            return
                "\(path) is \(AttachedFile.sizeText(bytes)), more than the \(limit >> 20) MB an attachment may be (certificates, slides and feedback reports are far smaller; a video or an archive is best kept elsewhere and named in the description). Nothing was changed."
        case .oddName(let path, let why):
            return "the name of \(path) \(why); rename the file and attach it again. Nothing was changed."
        case .unreadable(let path, let reason):
            return "\(path) cannot be read (\(reason)); nothing was attached or changed."
        case .notStored(let folder, let reason):
            return "could not copy the file into \(folder): \(reason). Nothing was attached; the portfolio is unchanged."
        }
    }
}
