import Foundation
import PlannerModel

#if canImport(Glibc)
    import Glibc
#endif

/// An advisory lock that stops two `mlcf` processes editing one portfolio at once.
///
/// It is an `flock` on a hidden `.NAME.lock` file beside the portfolio. The kernel drops
/// it when the holder exits, even by SIGKILL, so a stale lock never blocks anyone. The
/// file records who holds it, so the refusal can name the other process.
public final class PortfolioLock: @unchecked Sendable {
    public let lockPath: String
    private var fd: Int32

    public static func lockPath(for url: URL) -> String {
        url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".lock"
    }

    /// Takes the lock or throws `.lockedByAnotherProcess` naming the holder.
    ///
    /// The lock file is never reached through a link: it is opened with `O_NOFOLLOW`, and one
    /// that already exists is used only if it is a plain file of this user's with no other
    /// name (a hard link to the portfolio would otherwise be emptied) and the size of a holder
    /// record; anything else is refused with `.unsafeFile`, untouched. A new one is created
    /// with `O_EXCL`, mode 0600. Its mode is never changed.
    public init(for url: URL) throws {
        lockPath = PortfolioLock.lockPath(for: url)
        fd = try PortfolioLock.open(lockPath, portfolio: url)
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            let holder = PortfolioLock.readHolder(fd)
            close(fd)
            fd = -1
            if code == EWOULDBLOCK {
                throw StoreError.lockedByAnotherProcess(path: url.path, holder: holder)
            }
            throw StoreError.lockFailed(path: url.path, reason: String(cString: strerror(code)))
        }
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, 255)
        let started = ISO8601DateFormatter().string(from: Date())
        let program = CommandLine.arguments.first.map { ($0 as NSString).lastPathComponent } ?? "mlcf"
        let hostName = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let record = "pid \(getpid()) · \(program) · host \(hostName) · since \(started)\n"
        let written = record.withCString { pwrite(fd, $0, strlen($0), 0) }
        if written >= 0 { ftruncate(fd, off_t(written)) }
    }

    /// The largest lock file taken as one: a holder record is one short line.
    static let maximumLockFileSize = 4096

    /// Opens the lock file for `portfolio`: the existing one if it is safe to write to, else a
    /// new one (see `init(for:)`).
    private static func open(_ lockPath: String, portfolio url: URL) throws -> Int32 {
        let folder = url.deletingLastPathComponent().path
        for _ in 0..<8 {
            // A device or pipe is refused without being opened (opening one can have effects).
            var before = stat()
            if lstat(lockPath, &before) == 0 && before.st_mode & S_IFMT != S_IFREG {
                throw StoreError.unsafeFile(path: lockPath, what: describeKind(before.st_mode, path: lockPath))
            }
            let existing = Glibc.open(lockPath, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            if existing >= 0 {
                var info = stat()
                guard fstat(existing, &info) == 0 else {
                    close(existing)
                    throw StoreError.lockFailed(path: url.path, reason: String(cString: strerror(errno)))
                }
                var problem: String?
                if info.st_mode & S_IFMT != S_IFREG {
                    problem = describeKind(info.st_mode, path: lockPath)
                } else if info.st_uid != geteuid() {
                    problem = "a file owned by another user (uid \(info.st_uid))"
                } else if info.st_nlink != 1 {
                    problem = "a file with another name too (a hard link, perhaps to the portfolio)"
                } else if info.st_size > maximumLockFileSize {
                    problem = "a file of \(info.st_size) bytes, too large to be a lock file"
                }
                if let problem {
                    close(existing)
                    throw StoreError.unsafeFile(path: lockPath, what: problem)
                }
                return existing
            }
            switch errno {
            case ELOOP, EMLINK:
                throw StoreError.unsafeFile(path: lockPath, what: describeKind(S_IFLNK, path: lockPath))
            case ENOENT:
                let created = Glibc.open(lockPath, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
                if created >= 0 { return created }
                if errno == EEXIST { continue }  // made by another process meanwhile (or a link planted): look again
                throw StoreError.lockFailed(path: url.path, reason: AtomicFile.describeErrno(errno, folder: folder))
            case ENXIO, EISDIR:
                var info = stat()
                lstat(lockPath, &info)
                throw StoreError.unsafeFile(path: lockPath, what: describeKind(info.st_mode, path: lockPath))
            default:
                throw StoreError.lockFailed(path: url.path, reason: AtomicFile.describeErrno(errno, folder: folder))
            }
        }
        throw StoreError.lockFailed(path: url.path, reason: "the lock file \(lockPath) keeps changing")
    }

    private static func readHolder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 512)
        let n = pread(fd, &buffer, 511, 0)
        let text = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
        return text.isEmpty ? "process unknown" : text
    }

    /// Releases the lock; also done on deinit and, by the kernel, on exit.
    public func release() {
        guard fd >= 0 else { return }
        ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
