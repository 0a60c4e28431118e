import Foundation
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
        try write(chunks: [.bytes(data)], to: url, keepBackup: keepBackup)
    }

    /// A piece of the content: bytes in memory, or a byte range of a file still open.
    enum Chunk {
        case bytes(Data)
        case file(LoadedFile, Range<Int>)
    }

    /// The same, for content given as pieces written one after the other (a save that reuses
    /// the encoded bytes of unchanged items copies them from the file they were read from,
    /// in the kernel, and never joins them into one buffer).
    static func write(chunks: [Chunk], to url: URL, keepBackup: Bool = false) throws {
        try write(to: url, keepBackup: keepBackup) { output in
            for chunk in chunks {
                switch chunk {
                case .bytes(let data): try data.withUnsafeBytes { try output.write($0) }
                case .file(let source, let range): try output.copy(range, of: source.fd)
                }
            }
        }
    }

    /// The same, for content made while it is written: `produce` hands it over in pieces of
    /// any size (a document of thousands of parts is never joined into one buffer first).
    /// Nothing replaces the file unless `produce` returns normally.
    static func write(to url: URL, keepBackup: Bool = false, _ produce: (inout Output) throws -> Void) throws {
        let path = url.path
        let folder = url.deletingLastPathComponent().path
        removeLeftovers(of: url.lastPathComponent, in: folder)
        let temp = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError.writeFailed(path: path, reason: describeErrno(errno, folder: folder)) }
        var cleanUp = true
        defer { if cleanUp { unlink(temp) } }
        do {
            guard fchmod(fd, 0o600) == 0 else { throw errnoFailure(path, folder) }
            var output = Output(fd: fd, path: path, folder: folder)
            try produce(&output)
            try output.flush()
            guard fsync(fd) == 0 else { throw errnoFailure(path, folder) }
        } catch {
            close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw errnoFailure(path, folder) }
        if keepBackup { try backUp(path: path, folder: folder) }
        guard rename(temp, path) == 0 else { throw errnoFailure(path, folder) }
        cleanUp = false
        syncFolder(folder)
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
                written += bytes.count
            } else {
                buffer.append(contentsOf: bytes)
            }
        }

        /// Bytes of another open file, copied in the kernel where it can.
        mutating func copy(_ range: Range<Int>, of source: Int32) throws {
            try flush()
            try AtomicFile.copy(range, of: source, to: fd, path, folder)
            written += range.count
        }

        mutating func flush() throws {
            guard !buffer.isEmpty else { return }
            try buffer.withUnsafeBytes { try AtomicFile.writeAll(fd, $0, path, folder) }
            // A full buffer means content made piece by piece (an export): start writing it
            // to the disk now, without waiting (Linux starts the writeback of a range it is
            // advised to drop), so the fsync at the end has less left to wait for.
            if buffer.count >= Output.bufferSize / 2 {
                _ = posix_fadvise(fd, off_t(written), off_t(buffer.count), POSIX_FADV_DONTNEED)
            }
            written += buffer.count
            buffer.removeAll(keepingCapacity: true)
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

    /// Copies bytes of an open file to the end of another: `sendfile` (no copy through this
    /// process), else reading and writing a megabyte at a time.
    fileprivate static func copy(_ range: Range<Int>, of source: Int32, to fd: Int32, _ path: String, _ folder: String) throws {
        var offset = off_t(range.lowerBound)
        let end = off_t(range.upperBound)
        while offset < end {
            let n = sendfile(fd, source, &offset, Int(end - offset))
            if n > 0 { continue }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && errno != EINVAL && errno != ENOSYS { throw errnoFailure(path, folder) }
            break  // not supported here, or the file is shorter than expected: copy by hand
        }
        guard offset < end else { return }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while offset < end {
            let n = pread(source, buffer.baseAddress!, min(buffer.count, Int(end - offset)), offset)
            if n < 0 { if errno == EINTR { continue }; throw errnoFailure(path, folder) }
            if n == 0 { throw StoreError.writeFailed(path: path, reason: "the file it was opened from changed size") }
            try writeAll(fd, UnsafeRawBufferPointer(rebasing: buffer[0..<n]), path, folder)
            offset += off_t(n)
        }
    }

    /// `<file>.bak` becomes the current file's content, atomically, by hard link (no copy).
    private static func backUp(path: String, folder: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }  // nothing to back up yet
        let backup = path + ".bak"
        let tempLink = folder + "/.bak-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        if link(path, tempLink) == 0 {
            chmod(tempLink, 0o600)
            guard rename(tempLink, backup) == 0 else {
                let failure = errnoFailure(path, folder)
                unlink(tempLink)
                throw failure
            }
        } else {
            // File systems without hard links: copy through the same atomic path.
            guard let old = FileManager.default.contents(atPath: path) else { throw errnoFailure(path, folder) }
            try write(old, to: URL(fileURLWithPath: backup), keepBackup: false)
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
            if entry.hasPrefix(tempPrefix) { rest = entry.dropFirst(tempPrefix.count) }
            else if entry.hasPrefix(linkPrefix) { rest = entry.dropFirst(linkPrefix.count) }
            else { continue }
            let parts = rest.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                  let pid = Int32(parts[0]), pid > 0, pid != getpid() else { continue }
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
