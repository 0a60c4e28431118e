import Foundation
import PlannerModel

#if canImport(Glibc)
    import Glibc
#endif

/// The folder of attached files beside a portfolio: `NAME.files/` for `NAME.json`, owner-only
/// (0700), each file 0600 and named by the SHA-256 of its content, so the same content is
/// stored once whichever items share it.
///
/// A file goes in first (copied to a temporary name, synced, renamed) and only then is it
/// recorded on an item and the portfolio saved: a process killed at any moment leaves at
/// worst a file no item names, which the next save removes (`tidy`). Nothing is recorded for
/// a file that is not wholly in the folder.
public enum AttachmentFolder {
    /// The largest file attached: 25 MB. Certificates, slides and feedback reports are a few
    /// MB at most; 25 MB is also what common mail services take, so a portfolio's files can
    /// still be sent. A larger file is almost always a video or an archive attached by mistake.
    public static let maximumBytes = 25 << 20

    /// `NAME.files` beside `NAME.json` (or beside `NAME` for a file without the extension).
    public static func url(for portfolio: URL) -> URL {
        var base = portfolio.lastPathComponent
        if base.lowercased().hasSuffix(".json") && base.count > 5 { base.removeLast(5) }
        return portfolio.deletingLastPathComponent().appendingPathComponent(base + ".files")
    }

    /// Where a recorded file's content is kept.
    public static func storedURL(of file: AttachedFile, portfolio: URL) -> URL {
        url(for: portfolio).appendingPathComponent(file.sha256)
    }

    /// A file checked for attaching: its path, and where a link at that path points (the
    /// caller says so before `store` follows it).
    public struct Source: Sendable, Equatable {
        public let path: String
        /// The name recorded: the last part of the path as given.
        public let name: String
        public let bytes: Int
        /// The link's target when `path` is a symbolic link.
        public let linkTarget: String?
    }

    /// Checks a file before anything is copied: it must exist, be a plain file (after a link),
    /// be at most `maximumBytes`, and have a name that can be shown as it is.
    public static func inspect(_ url: URL) throws(AttachmentError) -> Source {
        let path = url.path
        let name = url.lastPathComponent
        if let why = nameProblem(name) { throw .oddName(path: path, why: why) }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { throw .missing(path: path) }
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        var target: String?
        if info.st_mode & S_IFMT == S_IFLNK {
            target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "somewhere"
            guard stat(path, &info) == 0 else {
                throw .missing(path: "\(path) (a symbolic link to \(target!), which does not exist)")
            }
        }
        try checkKind(info, path: path)
        return Source(path: path, name: name, bytes: Int(info.st_size), linkTarget: target)
    }

    /// Why a file name is refused (nil when it is fine): names whose characters would hide
    /// what the file is, or could not be shown or typed back.
    public static func nameProblem(_ name: String) -> String? {
        if name.isEmpty || name == "." || name == ".." { return "is empty" }
        if name.utf8.count > 255 { return "is longer than 255 bytes" }
        for scalar in name.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) {
                return "contains a control character (such as a line break or tab)"
            }
            if scalar == "\u{FFFD}" { return "is not valid UTF-8 text" }
            if (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value) || scalar.value == 0x200E
                || scalar.value == 0x200F
            {
                return "contains a right-to-left or direction mark, which can disguise its extension"
            }
        }
        if name.trimmingCharacters(in: .whitespaces) != name { return "starts or ends with a space" }
        return nil
    }

    private static func checkKind(_ info: stat, path: String) throws(AttachmentError) {
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .notAFile(path: path, what: "a folder")
        case S_IFIFO: throw .notAFile(path: path, what: "a named pipe (FIFO)")
        case S_IFCHR, S_IFBLK: throw .notAFile(path: path, what: "a device")
        case S_IFSOCK: throw .notAFile(path: path, what: "a socket")
        default: throw .notAFile(path: path, what: "not a plain file")
        }
        if Int(info.st_size) > maximumBytes { throw .tooLarge(path: path, bytes: Int(info.st_size), limit: maximumBytes) }
    }

    /// A failure a test makes happen while a file is copied in (`$injectedFault.withValue`).
    public enum Fault: Sendable {
        /// Every write into the folder fails as on a full disk.
        case diskFull
    }

    @TaskLocal public static var injectedFault: Fault?

    /// Copies the file into the folder beside `portfolio` (made if needed) and returns its
    /// record. The copy is written to a temporary name, synced, then renamed to its SHA-256;
    /// content already there is not written twice. Any failure leaves the folder as it was.
    public static func store(_ source: Source, beside portfolio: URL) throws(AttachmentError) -> AttachedFile {
        let folder = url(for: portfolio).path
        // A link was announced by the caller; anything else is opened only as itself.
        let flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | (source.linkTarget == nil ? O_NOFOLLOW : 0)
        let input = open(source.path, flags)
        guard input >= 0 else {
            if errno == ENOENT { throw .missing(path: source.path) }
            throw .unreadable(path: source.path, reason: String(cString: strerror(errno)))
        }
        defer { close(input) }
        var info = stat()
        guard fstat(input, &info) == 0 else { throw .unreadable(path: source.path, reason: String(cString: strerror(errno))) }
        // What was opened is what counts: the name may have been replaced since `inspect`.
        try checkKind(info, path: source.path)
        let madeFolder = try makeFolder(folder)
        var stored = false
        // A folder made for a copy that failed goes again (it is empty): a refusal changes nothing.
        defer { if madeFolder && !stored { rmdir(folder) } }
        let temp = folder + "/.incoming-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let output = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard output >= 0 else { throw .notStored(folder: folder, reason: AtomicFile.describeErrno(errno, folder: folder)) }
        var keep = false
        defer {
            close(output)
            if !keep { unlink(temp) }
        }
        guard fchmod(output, 0o600) == 0 else { throw .notStored(folder: folder, reason: AtomicFile.describeErrno(errno, folder: folder)) }
        let (hex, count) = try copy(from: input, to: output, source: source.path, folder: folder)
        guard fsync(output) == 0 else { throw .notStored(folder: folder, reason: AtomicFile.describeErrno(errno, folder: folder)) }
        let final = folder + "/" + hex
        var existing = stat()
        if lstat(final, &existing) == 0 && existing.st_mode & S_IFMT == S_IFREG && Int(existing.st_size) == count {
            // The same content is already stored (its name is its hash): the copy is dropped.
        } else {
            guard rename(temp, final) == 0 else {
                throw .notStored(folder: folder, reason: AtomicFile.describeErrno(errno, folder: folder))
            }
            keep = true
            AtomicFile.syncFolder(folder)
        }
        stored = true
        return AttachedFile(name: source.name, bytes: count, mediaType: MediaType.of(name: source.name), sha256: hex)
    }

    /// Copies and hashes; refuses a file that grew past the limit while it was read.
    private static func copy(from input: Int32, to output: Int32, source: String, folder: String) throws(AttachmentError) -> (String, Int) {
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var hasher = SHA256()
        var total = 0
        while true {
            let n = read(input, buffer, chunk)
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw .unreadable(path: source, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            total += n
            if total > maximumBytes { throw .tooLarge(path: source, bytes: total, limit: maximumBytes) }
            hasher.update(UnsafeRawBufferPointer(start: buffer, count: n))
            if injectedFault == .diskFull { throw .notStored(folder: folder, reason: AtomicFile.describeErrno(ENOSPC, folder: folder)) }
            var offset = 0
            while offset < n {
                let w = write(output, buffer + offset, n - offset)
                if w < 0 {
                    if errno == EINTR { continue }
                    throw .notStored(folder: folder, reason: AtomicFile.describeErrno(errno, folder: folder))
                }
                offset += w
            }
        }
        return (hasher.finishHex(), total)
    }

    /// The folder, made owner-only if it is not there; an existing one must be a real folder
    /// (not a link) of this user's.
    private static func makeFolder(_ folder: String) throws(AttachmentError) -> Bool {
        if mkdir(folder, 0o700) == 0 {
            AtomicFile.syncFolder((folder as NSString).deletingLastPathComponent)
            return true
        }
        guard errno == EEXIST else { throw .notStored(folder: folder, reason: AtomicFile.describeErrno(errno, folder: folder)) }
        var info = stat()
        guard lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw .notStored(folder: folder, reason: "\(folder) is not a folder (a file or a link is in its place)")
        }
        guard info.st_uid == geteuid() else { throw .notStored(folder: folder, reason: "\(folder) belongs to another user") }
        return false
    }

    // MARK: Tidying

    /// Removes from the folder what nothing refers to any more: stored files neither
    /// `portfolio` (just saved to `url`) nor the previous version (`url.bak`) names, and the
    /// temporary copies of attaches that were killed. The `.bak` is read only when there is
    /// something to remove, and if it cannot be read, nothing is removed. Returns the names
    /// removed. Never fails: a file left is only space, tried again at the next save.
    @discardableResult
    public static func tidy(after portfolio: Portfolio, savedTo url: URL) -> [String] {
        let folder = self.url(for: url).path
        var info = stat()
        guard lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR,
            let entries = try? FileManager.default.contentsOfDirectory(atPath: folder)
        else { return [] }
        var removed: [String] = []
        for entry in entries where entry.hasPrefix(".incoming-") {
            let pid = entry.dropFirst(".incoming-".count).prefix { $0 != "-" }
            if let pid = Int32(pid), pid > 0, pid != getpid(), kill(pid, 0) != 0 && errno == ESRCH {
                if unlink(folder + "/" + entry) == 0 { removed.append(entry) }
            }
        }
        let wanted = portfolio.attachedContent
        let unused = entries.filter { AttachedFile.isContentName($0) && !wanted.contains($0) }
        guard !unused.isEmpty else { return removed }
        let backup = URL(fileURLWithPath: url.path + ".bak")
        var backed = Set<String>()
        if lstat(backup.path, &info) == 0 {
            guard let previous = try? PortfolioStore.load(from: backup) else { return removed }
            backed = previous.attachedContent
        }
        for name in unused where !backed.contains(name) {
            if unlink(folder + "/" + name) == 0 { removed.append(name) }
        }
        if !removed.isEmpty { AtomicFile.syncFolder(folder) }
        return removed
    }

    // MARK: Checking

    /// A recorded attachment that is missing from the folder or whose content changed.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public let evidenceID: String
        public let file: AttachedFile
        public let isMissing: Bool
        /// What is wrong, without the item's id (a finding names its item already).
        public var message: String {
            let what = "the attached file “\(file.name)”"
            if isMissing { return "\(what) is missing from the folder beside the portfolio (it was stored as \(file.sha256))" }
            return "\(what) has changed since it was attached (its content no longer has the SHA-256 recorded)"
        }
        public var description: String { "\(evidenceID): \(message)" }
        /// As `mlcf validate` reports it: a warning (a missing file never stops the portfolio loading).
        public var finding: Finding {
            Finding(
                .warning, isMissing ? "attachments.missing" : "attachments.changed", message,
                at: FindingLocation(evidenceID: evidenceID, field: "files"))
        }
    }

    /// Every recorded file of `portfolio` (saved at `url`) that is not in its folder as
    /// recorded. Each stored file is read once, however many items share it.
    public static func check(_ portfolio: Portfolio, at url: URL) -> [Problem] {
        let folder = self.url(for: url)
        var verdicts: [String: Verdict] = [:]
        var problems: [Problem] = []
        for item in portfolio.evidence {
            for file in item.files {
                let found = verdicts[file.sha256] ?? verdict(folder.appendingPathComponent(file.sha256).path, file)
                verdicts[file.sha256] = found
                if found != .fine { problems.append(Problem(evidenceID: item.id, file: file, isMissing: found == .missing)) }
            }
        }
        return problems
    }

    private enum Verdict { case fine, missing, changed }

    private static func verdict(_ path: String, _ file: AttachedFile) -> Verdict {
        guard AttachedFile.isContentName(file.sha256) else { return .missing }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .missing }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return .missing }
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var hasher = SHA256()
        while true {
            let n = read(fd, buffer, chunk)
            if n < 0 { if errno == EINTR { continue }; return .changed }
            if n == 0 { break }
            hasher.update(UnsafeRawBufferPointer(start: buffer, count: n))
        }
        return hasher.finishHex() == file.sha256 ? .fine : .changed
    }
}
