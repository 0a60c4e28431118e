import Foundation
import PlannerModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes files so that a crash, kill or full disk at any moment leaves either the old
/// or the new content on disk, never a mix, and only the owner can read them.
public enum AtomicFile {
    /// Writes `data` to `url`: temp file in the same folder (0600), fsync, optional hard-link
    /// backup of the previous version to `<name>.bak`, rename over the target, fsync the folder.
    public static func write(_ data: Data, to url: URL, keepBackup: Bool = false) throws {
        try write(to: url, keepBackup: keepBackup) { output in try data.withUnsafeBytes { try output.write($0) } }
    }

    /// A failure a test makes happen inside a save (`$injectedFault.withValue(…)`), to check
    /// that a save which fails at that point leaves everything as it was.
    enum Fault: Sendable {
        /// The temporary file is written, then the save fails before anything is renamed.
        case beforeRename
    }

    @TaskLocal static var injectedFault: Fault?

    /// The same, for content made while it is written: `produce` hands it over in pieces of
    /// any size (a document of thousands of parts is never joined into one buffer first).
    /// Nothing replaces the file unless `produce` returns normally.
    ///
    /// Nothing is ever written through a link: the temporary file is created new (`O_EXCL`,
    /// which refuses any name that exists, a planted link included), the backup is made by
    /// hard link or as a new file, and `rename` replaces a link at the target or at `.bak`
    /// rather than the file it points to. With `keepBackup` (a portfolio), the target must be
    /// a plain file or absent, and `.bak` a plain file, a link (replaced) or absent.
    static func write(to url: URL, keepBackup: Bool = false, _ produce: (inout Output) throws -> Void) throws {
        _ = try write(to: url, keepBackup: keepBackup, replacing: true, produce)
    }

    /// Returns the stat of the new file once it has its name (to stamp it). `confirm` runs
    /// when the new content is safely on disk, just before anything is backed up or renamed:
    /// if it throws, nothing is replaced (a save checks there that the file is still the one
    /// it loaded, as late as it can).
    static func write(
        to url: URL, keepBackup: Bool, replacing: Bool, _ produce: (inout Output) throws -> Void, confirm: () throws -> Void = {}
    ) throws -> stat {
        let path = url.path
        let folder = url.deletingLastPathComponent().path
        removeLeftovers(of: url.lastPathComponent, in: folder)
        let (temp, fd) = try createTemporary(for: url, folder: folder)
        var cleanUp = true
        defer { if cleanUp { unlink(temp) } }
        defer { close(fd) }
        // Only this file, just created by this program, is ever given a mode.
        guard fchmod(fd, 0o600) == 0 else { throw errnoFailure(path, folder) }
        var output = Output(fd: fd, path: path, folder: folder)
        try produce(&output)
        try output.flush()
        guard fsync(fd) == 0 else { throw errnoFailure(path, folder) }
        if injectedFault == .beforeRename { throw StoreError.writeFailed(path: path, reason: "the save was made to fail here (a test)") }
        try confirm()
        if keepBackup { try backUp(path: path, folder: folder) }
        if replacing {
            guard rename(temp, path) == 0 else { throw errnoFailure(path, folder) }
        } else {
            // A hard link never replaces a name that exists (a rename would).
            if link(temp, path) != 0 {
                if errno == EEXIST { throw StoreError.alreadyExists(path: path) }
                throw errnoFailure(path, folder)
            }
            unlink(temp)
        }
        cleanUp = false
        var info = stat()
        fstat(fd, &info)
        syncFolder(folder)
        return info
    }

    /// A new `.NAME.tmp-PID-N` file beside `url`, created by this call (a name that exists,
    /// a planted link included, is never opened: another random name is tried).
    private static func createTemporary(for url: URL, folder: String) throws -> (String, Int32) {
        for _ in 0..<16 {
            let temp = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 { return (temp, fd) }
            if errno != EEXIST { throw StoreError.writeFailed(path: url.path, reason: describeErrno(errno, folder: folder)) }
        }
        throw StoreError.writeFailed(path: url.path, reason: "no free name for a temporary file in \(folder)")
    }

    /// The temporary file being written. Small pieces are gathered into a buffer of
    /// `bufferSize` bytes and written together; large ones are written directly.
    struct Output {
        fileprivate let fd: Int32
        fileprivate let path: String
        fileprivate let folder: String
        private var buffer: [UInt8] = []
        /// Bytes in the file so far.
        private var written = 0
        static let bufferSize = 1 << 18

        fileprivate init(fd: Int32, path: String, folder: String) {
            self.fd = fd; self.path = path; self.folder = folder
        }

        mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
            if buffer.count + bytes.count <= Output.bufferSize {
                if buffer.isEmpty { buffer.reserveCapacity(Output.bufferSize) }
                buffer.append(contentsOf: bytes)
                return
            }
            try flush()
            if bytes.count >= Output.bufferSize / 2 {
                try AtomicFile.writeAll(fd, bytes, path, folder)
                startWriteback(bytes.count)
            } else {
                buffer.append(contentsOf: bytes)
            }
        }

        mutating func flush() throws {
            guard !buffer.isEmpty else { return }
            try buffer.withUnsafeBytes { try AtomicFile.writeAll(fd, $0, path, folder) }
            startWriteback(buffer.count)
            buffer.removeAll(keepingCapacity: true)
        }

        /// Counts `count` bytes just written. A large piece means content made piece by piece
        /// (a save, an export): it starts going to the disk now, without waiting (Linux starts
        /// the writeback of a range it is advised to drop), so the fsync at the end has less
        /// left to wait for.
        private mutating func startWriteback(_ count: Int) {
            if count >= Output.bufferSize / 2 {
                _ = posix_fadvise(fd, off_t(written), off_t(count), POSIX_FADV_DONTNEED)
            }
            written += count
        }
    }

    fileprivate static func writeAll(_ fd: Int32, _ raw: UnsafeRawBufferPointer, _ path: String, _ folder: String) throws {
        var offset = 0
        while offset < raw.count {
            let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw errnoFailure(path, folder)
            }
            offset += n
        }
    }

    /// `<file>.bak` becomes the current file's content, atomically: by hard link (no copy)
    /// when the file is this user's and private, else as a new owner-only copy. Nothing is
    /// ever chmod-ed: the file's mode is not this program's to change.
    private static func backUp(path: String, folder: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }  // nothing to back up yet
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw StoreError.notARegularFile(path: path, what: describeKind(info.st_mode, path: path))
        }
        let backup = path + ".bak"
        var old = stat()
        if lstat(backup, &old) == 0 {
            // A link at `.bak` is replaced by the rename below (its target is left alone); a
            // folder, pipe or device there is not this program's to replace.
            let kind = old.st_mode & S_IFMT
            guard kind == S_IFREG || kind == S_IFLNK else {
                throw StoreError.unsafeFile(path: backup, what: describeKind(old.st_mode, path: backup))
            }
        }
        if info.st_uid == geteuid() && info.st_mode & 0o077 == 0 {
            let tempLink = folder + "/.bak-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            if link(path, tempLink) == 0 {
                guard rename(tempLink, backup) == 0 else {
                    let failure = errnoFailure(path, folder)
                    unlink(tempLink)
                    throw failure
                }
                return
            }
        }
        // Someone else's file, one others may read, or a file system without hard links:
        // a private copy, through the same atomic path, a megabyte at a time (the old file
        // and the save's pieces are never in memory whole).
        let (fd, opened) = try PortfolioStore.openRegularFile(URL(fileURLWithPath: path))
        defer { close(fd) }
        try write(to: URL(fileURLWithPath: backup), keepBackup: false) { output in
            try copy(fd, size: Int(opened.st_size), path: path, into: &output)
        }
    }

    /// The first `size` bytes of an open file (fewer if it is shorter now) into `output`.
    private static func copy(_ fd: Int32, size: Int, path: String, into output: inout Output) throws {
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var copied = 0
        while copied < size {
            let n = pread(fd, buffer, min(chunk, size - copied), off_t(copied))
            if n < 0 {
                if errno == EINTR { continue }
                throw StoreError.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            try output.write(UnsafeRawBufferPointer(start: buffer, count: n))
            copied += n
        }
    }

    /// Removes what earlier saves left when their process was killed mid-way: the
    /// `.NAME.tmp-PID-N` copies of this file and `.bak-PID-N` links in its folder. Only those
    /// of processes that no longer exist, so a save still running elsewhere is not disturbed.
    /// A leftover never holds the saved portfolio: the rename that would have made it the
    /// file (or the backup) never happened.
    static func removeLeftovers(of name: String, in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let tempPrefix = "." + name + ".tmp-", linkPrefix = ".bak-"
        for entry in names {
            let rest: Substring
            if entry.hasPrefix(tempPrefix) {
                rest = entry.dropFirst(tempPrefix.count)
            } else if entry.hasPrefix(linkPrefix) {
                rest = entry.dropFirst(linkPrefix.count)
            } else {
                continue
            }
            let parts = rest.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                let pid = Int32(parts[0]), pid > 0, pid != getpid()
            else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder + "/" + entry) }
        }
    }

    static func syncFolder(_ folder: String) {
        let dfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }

    private static func errnoFailure(_ path: String, _ folder: String) -> StoreError {
        .writeFailed(path: path, reason: describeErrno(errno, folder: folder))
    }

    static func describeErrno(_ code: Int32, folder: String) -> String {
        switch code {
        case ENOSPC: return "the disk is full"
        case EDQUOT: return "the disk quota is used up"
        case EROFS: return "the folder \(folder) is on a read-only file system"
        case EACCES, EPERM: return "no permission to write in \(folder)"
        case ENOENT: return "the folder \(folder) no longer exists"
        case ENOTDIR: return "\(folder) is not a folder"
        default: return String(cString: strerror(code))
        }
    }
}
