import Foundation
import PlannerModel

#if canImport(Glibc)
    import Glibc
#endif

/// Which file a portfolio was loaded from (or saved to), to tell before the next save
/// whether another program has replaced or rewritten it since.
///
/// `PortfolioStore.loadStamped(from:)` gives one; pass it to `PortfolioStore.save(_:to:expecting:)`,
/// and keep the one that save returns for the save after it. Two stamps of one file are
/// equal when nothing has touched it; a file whose stat changed but whose bytes did not
/// (a `touch`, a copy of the same bytes) still counts as the one expected.
public struct FileStamp: Hashable, Sendable, CustomStringConvertible {
    public let device: UInt64
    public let inode: UInt64
    public let size: Int64
    /// Modification and status-change times, nanoseconds since 1970.
    public let modifiedNanoseconds: Int64
    public let changedNanoseconds: Int64
    /// A 64-bit hash of the file's bytes (`FileStamp.hash`); not cryptographic, only to tell
    /// the same bytes from different ones.
    public let contentHash: UInt64
    /// The file's recorded history (`Portfolio.versions`, newest first) when it was loaded or
    /// written here: the next save records its new version in front of it, so saves chain
    /// without the portfolio in memory learning each id. Nil when not known.
    public internal(set) var lineage: [String]?

    public init(device: UInt64, inode: UInt64, size: Int64, modifiedNanoseconds: Int64, changedNanoseconds: Int64, contentHash: UInt64) {
        self.device = device; self.inode = inode; self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds; self.changedNanoseconds = changedNanoseconds
        self.contentHash = contentHash
    }

    init(_ info: stat, contentHash: UInt64, lineage: [String]? = nil) {
        self.init(
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
            modifiedNanoseconds: FileStamp.nanoseconds(info.st_mtim), changedNanoseconds: FileStamp.nanoseconds(info.st_ctim),
            contentHash: contentHash)
        self.lineage = lineage
    }

    /// Whether `info` describes this very file, untouched (same file, size and times).
    func sameStat(_ info: stat) -> Bool {
        UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode && Int64(info.st_size) == size
            && FileStamp.nanoseconds(info.st_mtim) == modifiedNanoseconds && FileStamp.nanoseconds(info.st_ctim) == changedNanoseconds
    }

    /// Whether `info` describes this very file with the content it had: a rename (which
    /// moves the status-change time) is no change, but a write in place moves the modification time.
    func sameContent(_ info: stat) -> Bool {
        UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode && Int64(info.st_size) == size
            && FileStamp.nanoseconds(info.st_mtim) == modifiedNanoseconds
    }

    private static func nanoseconds(_ time: timespec) -> Int64 {
        Int64(time.tv_sec).multipliedReportingOverflow(by: 1_000_000_000).partialValue &+ Int64(time.tv_nsec)
    }

    public var description: String {
        "inode \(inode) on device \(device), \(size) bytes, hash \(String(contentHash, radix: 16))"
    }

    /// FNV-1a over 64-bit words (then the remaining bytes), with the length and a final mix:
    /// fast enough for a career's 50 MB at every save, and any changed byte changes it (with
    /// near certainty). The same as `Hasher` fed the bytes in pieces of any sizes.
    public static func hash(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { hash(UnsafeRawBufferPointer($0)) }
    }

    static func hash(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = Hasher()
        hasher.add(raw)
        return hasher.value
    }

    /// `hash` of bytes that arrive in pieces (a save hashes what it writes as it writes it,
    /// a check what it reads), without holding them all: the length is mixed in at the end,
    /// and a word cut between two pieces is put together before it is mixed.
    struct Hasher {
        private static let prime: UInt64 = 0x0000_0100_0000_01B3
        private var h: UInt64 = 0xCBF2_9CE4_8422_2325
        /// The bytes of an unfinished word (little-endian), and how many.
        private var pending: UInt64 = 0
        private var pendingCount = 0
        private(set) var count = 0

        mutating func add(_ raw: UnsafeRawBufferPointer) {
            guard let base = raw.baseAddress else { return }
            count += raw.count
            var offset = 0
            while pendingCount > 0 && pendingCount < 8 && offset < raw.count {
                pending |= UInt64(raw[offset]) << (8 * UInt64(pendingCount))
                pendingCount += 1
                offset += 1
            }
            if pendingCount == 8 {
                mix(pending)
                pending = 0
                pendingCount = 0
            }
            while offset + 8 <= raw.count {
                mix(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                offset += 8
            }
            while offset < raw.count {
                pending |= UInt64(raw[offset]) << (8 * UInt64(pendingCount))
                pendingCount += 1
                offset += 1
            }
        }

        private mutating func mix(_ word: UInt64) {
            h = (h ^ word) &* Hasher.prime
            h ^= h >> 29
        }

        /// The hash of all the bytes added so far.
        var value: UInt64 {
            var h = self.h
            for index in 0..<pendingCount {
                h = (h ^ (pending >> (8 * UInt64(index)) & 0xFF)) &* Hasher.prime
            }
            h = (h ^ UInt64(count)) &* Hasher.prime
            h ^= h >> 33
            h = h &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 33
            return h
        }
    }

    /// The hash of the first `size` bytes of an open file and how many there were (fewer if
    /// it is shorter now), read a megabyte at a time rather than all at once.
    static func hash(ofFile fd: Int32, size: Int) throws -> (hash: UInt64, count: Int) {
        var hasher = Hasher()
        let chunk = 1 << 20
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk)
        defer { buffer.deallocate() }
        while hasher.count < size {
            let n = pread(fd, buffer, min(chunk, size - hasher.count), off_t(hasher.count))
            if n < 0 {
                if errno == EINTR { continue }
                throw PortfolioStore.ReadFailed()
            }
            if n == 0 { break }
            hasher.add(UnsafeRawBufferPointer(start: buffer, count: n))
        }
        return (hasher.value, hasher.count)
    }
}

/// What `PortfolioStore.save(_:to:expecting:)` did.
public enum SaveOutcome: Hashable, Sendable {
    /// The portfolio was saved at the path (the previous version is in `.bak`). The stamp is
    /// the new file's: pass it to the next save.
    case saved(FileStamp)
    /// The file at the path was no longer the one expected (another program replaced,
    /// rewrote or removed it), so it was left exactly as it is, `.bak` included, and this
    /// portfolio was written beside it instead, to the URL given (`NAME.mine-2026-12-02-1015.json`,
    /// owner-only). The stamp is that of the file now at the path, nil if there is none (or it
    /// is not a plain file); loading the path again gives the other version.
    case keptBeside(URL, FileStamp?)
}

/// Reading a small private file (a draft, a journal) that only this user should have made.
public enum PrivateFile {
    /// The bytes of `url`, refusing (`StoreError`) a symbolic link (never followed), a pipe, a
    /// device, a folder, a file owned by another user and a file larger than `limit` bytes.
    /// A missing file is `StoreError.notFound`. Opening never blocks (`O_NONBLOCK`).
    public static func read(_ url: URL, limit: Int) throws -> Data {
        let path = url.path
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            switch code {
            case ENOENT: throw StoreError.notFound(path: path)
            case ELOOP, EMLINK: throw StoreError.unsafeFile(path: path, what: describeKind(S_IFLNK, path: path))
            default: throw StoreError.unreadable(path: path, reason: String(cString: strerror(code)))
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw StoreError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw StoreError.unsafeFile(path: path, what: describeKind(info.st_mode, path: path)) }
        guard info.st_uid == geteuid() else { throw StoreError.unsafeFile(path: path, what: "a file owned by another user (uid \(info.st_uid))") }
        guard Int(info.st_size) <= limit else { throw StoreError.tooLarge(path: path, bytes: Int(info.st_size)) }
        // Read past the size fstat gave, in case it grew meanwhile (but never past the limit).
        let data = try PortfolioStore.readAll(fd, size: min(limit + 1, Int(info.st_size) + 65_536), path: path)
        guard data.count <= limit else { throw StoreError.tooLarge(path: path, bytes: data.count) }
        return data
    }
}

extension FileStamp {
    /// This stamp with the history of the file it describes.
    /// The file's history as a merge and the next save see it: the recorded one, or, for a
    /// file no save of this kind wrote (an older version's, or one written by hand), its
    /// content's hash as the id of the one version known, so the first save records what it
    /// replaced and two copies of one old file still find it as their shared version.
    public var history: [String]? {
        if let lineage { return lineage }
        return contentHash == 0 ? nil : [VersionLineage.id(ofContent: contentHash)]
    }

    func recording(_ lineage: [String]?) -> FileStamp {
        var copy = self
        copy.lineage = lineage
        return copy
    }
}
