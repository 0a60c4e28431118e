import Foundation
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
    public init(for url: URL) throws {
        lockPath = PortfolioLock.lockPath(for: url)
        fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StoreError.lockFailed(path: url.path, reason: AtomicFile.describeErrno(errno, folder: url.deletingLastPathComponent().path))
        }
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
        fchmod(fd, 0o600)
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, 255)
        let started = ISO8601DateFormatter().string(from: Date())
        let program = CommandLine.arguments.first.map { ($0 as NSString).lastPathComponent } ?? "mlcf"
        let hostName = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let record = "pid \(getpid()) · \(program) · host \(hostName) · since \(started)\n"
        ftruncate(fd, 0)
        _ = record.withCString { pwrite(fd, $0, strlen($0), 0) }
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
