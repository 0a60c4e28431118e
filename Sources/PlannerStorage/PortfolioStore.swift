import Foundation
import PlannerModel

#if canImport(Glibc)
    import Glibc
#endif

/// Loading and saving portfolios in a way a user can trust with years of work.
public enum PortfolioStore {
    /// Files bigger than this are refused outright (a career of evidence is ~50 MB).
    public static let maximumFileSize = 512 << 20

    /// Reads, checks and decodes a portfolio. Never writes to the file, whatever is wrong with it.
    /// Nothing is hashed: a reader that never saves has no use for the stamp.
    public static func load(from url: URL) throws -> Portfolio {
        try read(from: url, stamped: false).portfolio
    }

    /// `load(from:)`, with the stamp of the very bytes that were decoded: pass it to
    /// `save(_:to:expecting:)`, so that a save never writes over a file another program has
    /// changed since.
    public static func loadStamped(from url: URL) throws -> (portfolio: Portfolio, stamp: FileStamp) {
        try read(from: url, stamped: true)
    }

    /// Reads and decodes; hashes the bytes only when the caller will save (`stamped`), since
    /// hashing a career's file is a cost a read-only verb would pay for nothing.
    private static func read(from url: URL, stamped: Bool) throws -> (portfolio: Portfolio, stamp: FileStamp) {
        let (fd, info) = try openRegularFile(url)
        defer { close(fd) }
        let size = Int(info.st_size)
        // The fast reader works in a buffer whose pages go back to the system as it reads (a
        // career's file and its portfolio are never in memory at once in full).
        if size > 0, let buffer = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), buffer != MAP_FAILED {
            defer { munmap(buffer, size) }
            let bytes = buffer.assumingMemoryBound(to: UInt8.self)
            if (try? readFully(fd, into: bytes, count: size)) == size {
                let stamp = FileStamp(info, contentHash: stamped ? FileStamp.hash(UnsafeRawBufferPointer(start: buffer, count: size)) : 0)
                if let portfolio = FastDecoder.decode(UnsafePointer(bytes), count: size, releasing: true) {
                    return (portfolio, stamp.recording(portfolio.versions))
                }
            }
        }
        let data = try readAll(fd, size: size, path: url.path)
        let portfolio = try decodeWithFoundation(data, path: url.path)
        return (portfolio, FileStamp(info, contentHash: stamped ? FileStamp.hash(data) : 0, lineage: portfolio.versions))
    }

    /// Decodes portfolio bytes, naming `path` in any error.
    public static func decode(_ data: Data, path: String) throws -> Portfolio {
        if let portfolio = FastDecoder.decode(data) { return portfolio }
        return try decodeWithFoundation(data, path: path)
    }

    /// A decoded portfolio in the current format, whichever format its file was in.
    private static func upgraded(_ portfolio: Portfolio) -> Portfolio {
        var portfolio = portfolio
        FormatMigration.upgrade(&portfolio)
        return portfolio
    }

    /// JSONDecoder: what the fast reader leaves alone (other versions, errors, unusual forms).
    static func decodeWithFoundation(_ data: Data, path: String) throws -> Portfolio {
        if data.isEmpty { throw StoreError.empty(path: path) }
        if let problem = JSONScan.problem(in: data) { throw describe(problem, data: data, path: path) }
        do {
            return upgraded(try JSONDecoder().decode(Portfolio.self, from: data))
        } catch let unsupported as UnsupportedSchemaVersion {
            if unsupported.found > Portfolio.currentSchemaVersion {
                throw StoreError.futureVersion(path: path, found: unsupported.found, supported: Portfolio.currentSchemaVersion)
            }
            throw StoreError.invalidContent(
                path: path, location: "schemaVersion",
                detail:
                    "format version \(unsupported.found) is not one this program can read (it reads \(FormatMigration.readable.lowerBound) to \(FormatMigration.readable.upperBound))"
            )
        } catch {
            throw classify(error, data: data, path: path)
        }
    }

    static func describe(_ problem: JSONScan.Problem, data: Data, path: String) -> StoreError {
        switch problem {
        case .duplicateKey(let key, let offset):
            let (line, column) = JSONScan.lineAndColumn(data, offset: offset)
            return .duplicateKey(path: path, key: key, line: line, column: column)
        case .halfCharacter(let location, let escape, let offset):
            let (line, column) = JSONScan.lineAndColumn(data, offset: offset)
            return .invalidContent(
                path: path, location: location,
                detail:
                    "the escape \(escape) (line \(line), column \(column)) holds only half of a character (an unpaired surrogate); remove it, or write the whole character"
            )
        case .levelNotWhole(let location, let literal, let offset):
            let (line, column) = JSONScan.lineAndColumn(data, offset: offset)
            return .invalidContent(
                path: path, location: location,
                detail:
                    "expected a whole number here, found \(literal) (line \(line), column \(column)); a rating level is a whole number from \(Rating.levels.lowerBound) to \(Rating.levels.upperBound), written without a point or exponent"
            )
        }
    }

    private static func classify(_ error: any Error, data: Data, path: String) -> StoreError {
        if let offset = firstInvalidUTF8Offset(data) { return .notUTF8(path: path, offset: offset) }
        if let problem = JSONScan.problem(in: data) { return describe(problem, data: data, path: path) }
        var (location, detail) = JSONErrorDescription.split(error)
        if let location {
            if let offset = JSONScan.offset(of: location, in: data) {
                let (line, column) = JSONScan.lineAndColumn(data, offset: offset)
                detail += " (line \(line), column \(column))"
            }
            return .invalidContent(path: path, location: location, detail: detail)
        }
        if let syntax = JSONErrorDescription.syntaxDetail(data) { return .invalidJSON(path: path, detail: syntax) }
        // Valid JSON the decoder still refused without saying where: a number that is not a
        // whole number (or is too large) where a whole number belongs.
        if let (location, number) = misfitWholeNumber(data) {
            return .invalidContent(path: path, location: location, detail: "expected a whole number here, found \(number)")
        }
        return .invalidJSON(path: path, detail: detail.trimmingCharacters(in: CharacterSet(charactersIn: ".")))
    }

    /// The first `schemaVersion` or rating `level` holding a number that is not an `Int`.
    static func misfitWholeNumber(_ data: Data) -> (location: String, number: String)? {
        guard let root = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return nil }
        func walk(_ value: Any, _ location: String) -> (String, String)? {
            if let object = value as? [String: Any] {
                for key in object.keys.sorted() {
                    let inner = location.isEmpty ? key : location + "." + key
                    if key == "schemaVersion" || key == "level", let number = object[key] as? NSNumber,
                        !(object[key] is Bool), Int(exactly: number.doubleValue) == nil || abs(number.doubleValue) >= 9.2e18
                    {
                        return (inner, number.description)
                    }
                    if let found = walk(object[key]!, inner) { return found }
                }
            } else if let array = value as? [Any] {
                for (index, element) in array.enumerated() {
                    if let found = walk(element, location + "[\(index)]") { return found }
                }
            }
            return nil
        }
        return walk(root, "")
    }

    /// The byte offset of the first byte that is not valid UTF-8, or nil if all is valid.
    public static func firstInvalidUTF8Offset(_ data: Data) -> Int? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int? in
            var iterator = raw.makeIterator()
            var parser = Unicode.UTF8.ForwardParser()
            var offset = 0
            while true {
                switch parser.parseScalar(from: &iterator) {
                case .valid(let encoded): offset += encoded.count
                case .emptyInput: return nil
                case .error(let length): _ = length; return offset
                }
            }
        }
    }

    /// Opens a file for reading only if it is a plain file and not too large: symlinks, FIFOs,
    /// devices and folders are refused without being opened for reading (a FIFO would block
    /// forever). The stat is of the file opened.
    static func openRegularFile(_ url: URL) throws -> (fd: Int32, info: stat) {
        let path = url.path
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { throw StoreError.notFound(path: path) }
            throw StoreError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFLNK:
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "somewhere else"
            throw StoreError.notARegularFile(path: path, what: "a symbolic link to \(target) (open the real file instead)")
        case S_IFDIR: throw StoreError.notARegularFile(path: path, what: "a folder")
        case S_IFIFO: throw StoreError.notARegularFile(path: path, what: "a named pipe (FIFO)")
        default: throw StoreError.notARegularFile(path: path, what: "a device or socket")
        }
        if Int(info.st_size) > maximumFileSize { throw StoreError.tooLarge(path: path, bytes: Int(info.st_size)) }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw StoreError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        var opened = stat()
        guard fstat(fd, &opened) == 0, opened.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw StoreError.notARegularFile(path: path, what: "no longer a plain file (it changed while being opened)")
        }
        if Int(opened.st_size) > maximumFileSize {
            close(fd)
            throw StoreError.tooLarge(path: path, bytes: Int(opened.st_size))
        }
        return (fd, opened)
    }

    /// The first `size` bytes of an open file (fewer if it is shorter now), from its start.
    static func readAll(_ fd: Int32, size: Int, path: String) throws -> Data {
        var data = Data(count: size)
        var total = 0
        do {
            try data.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) in
                guard let base = raw.baseAddress else { return }
                total = try readFully(fd, into: base.assumingMemoryBound(to: UInt8.self), count: raw.count)
            }
        } catch {
            throw StoreError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        if total < data.count { data.removeSubrange(total...) }
        return data
    }

    struct ReadFailed: Error {}

    /// Reads from offset 0 until `count` bytes or the end of the file; returns how many.
    static func readFully(_ fd: Int32, into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
        var total = 0
        while total < count {
            let n = pread(fd, buffer + total, count - total, off_t(total))
            if n < 0 { if errno == EINTR { continue }; throw ReadFailed() }
            if n == 0 { break }
            total += n
        }
        return total
    }

    /// The exact bytes a portfolio is saved as: pretty-printed, sorted keys, ISO dates,
    /// final newline. The same portfolio always gives the same bytes: those `JSONEncoder`
    /// gives (`encodeWithFoundation`), written from the record tables (`SchemaEncoder`).
    public static func encode(_ portfolio: Portfolio) throws -> Data {
        SchemaEncoder.encode(portfolio)
    }

    /// The same bytes by `JSONEncoder`: the reference the tables' saver is tested against.
    static func encodeWithFoundation(_ portfolio: Portfolio) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(portfolio)
        data.append(0x0A)
        return data
    }

    /// The largest file a save writes; a test lowers it (`$saveLimit.withValue`) to check
    /// that a save over it is refused. Always `maximumFileSize` otherwise.
    @TaskLocal static var saveLimit = maximumFileSize

    /// How much of the document a save holds at once: it is written to the file and hashed
    /// a piece at a time, so a career's 50 MB never sits in memory whole.
    static let savePieceSize = 1 << 20

    /// Writes `encode(portfolio)` into `output` as it is encoded, refused (`tooLargeToSave`,
    /// with the whole size) when the reader would refuse it; returns the bytes' `FileStamp.hash`.
    /// A failed write (a full disk) is thrown once the encoding is over; nothing after it is written.
    static func write(_ portfolio: Portfolio, into output: inout AtomicFile.Output, path: String) throws -> UInt64 {
        var hasher = FileStamp.Hasher()
        var size = 0
        var failure: (any Error)?
        let limit = saveLimit
        SchemaEncoder.encode(portfolio, pieceSize: savePieceSize) { piece in
            size += piece.count
            guard failure == nil, size <= limit else { return }
            hasher.add(piece)
            do { try output.write(piece) } catch { failure = error }
        }
        if size > limit { throw StoreError.tooLargeToSave(path: path, bytes: size, limit: limit) }
        if let failure { throw failure }
        return hasher.value
    }

    /// Saves atomically with a `.bak` of the previous version, owner-only permissions: the
    /// bytes are exactly `encode(portfolio)`. It writes over whatever file is at `url`; a
    /// caller that loaded the file should use `save(_:to:expecting:)` instead.
    public static func save(_ portfolio: Portfolio, to url: URL) throws {
        let portfolio = VersionLineage.recording(VersionLineage.next(after: nil, carried: portfolio.versions), in: portfolio)
        try AtomicFile.write(to: url, keepBackup: true) { output in _ = try write(portfolio, into: &output, path: url.path) }
        AttachmentFolder.tidy(after: portfolio, savedTo: url)
    }

    /// Saves as `save(_:to:)` does, but only over the file `expected` describes. If the file
    /// at `url` is not that one any more — replaced, rewritten with other bytes, removed, or
    /// turned into a link — it is left exactly as it is (and its `.bak` too), and the
    /// portfolio is written beside it as a new file, `NAME.mine-YYYY-MM-DD-HHMM.json` in the
    /// same folder (with `-2`, `-3`… if that name is taken), owner-only:
    /// `.keptBeside(thatURL, stampOfTheFileAtURL)`. Otherwise `.saved(newStamp)`.
    ///
    /// A file whose stat changed but whose bytes are those expected is still the one expected.
    /// The check is made once the new version is on disk, just before it replaces the file.
    /// Another program writing in the moment between the check and the rename is not detected:
    /// the lock keeps other `mlcf`s out, and the check catches everything slower.
    public static func save(_ portfolio: Portfolio, to url: URL, expecting expected: FileStamp) throws -> SaveOutcome {
        // The version written gets a fresh id in front of the history of the one it replaces.
        let lineage = VersionLineage.next(after: expected.history, carried: portfolio.versions)
        let portfolio = VersionLineage.recording(lineage, in: portfolio)
        var hash: UInt64 = 0
        var verdict = Verdict.expected
        do {
            let info = try AtomicFile.write(
                to: url, keepBackup: true, replacing: true, { output in hash = try write(portfolio, into: &output, path: url.path) },
                confirm: {
                    verdict = try check(url, expected: expected)
                    if case .changed = verdict { throw NotTheFileExpected() }
                })
            // Files no version on disk names any more go now (`AttachmentFolder.tidy`).
            AttachmentFolder.tidy(after: portfolio, savedTo: url)
            return .saved(FileStamp(info, contentHash: hash, lineage: lineage))
        } catch is NotTheFileExpected {
            guard case .changed(let current) = verdict else { preconditionFailure("a file not expected has a verdict") }
            return .keptBeside(try keepBeside(portfolio, of: url), current)
        }
    }

    /// Thrown inside a save to leave the file alone: it is not the one loaded.
    private struct NotTheFileExpected: Error {}

    /// Whether the file at `url` is still the one `stamp` describes (by stat, or else by its
    /// bytes). Reads the file only when its stat changed.
    public static func hasChanged(_ url: URL, since stamp: FileStamp) -> Bool {
        guard let verdict = try? check(url, expected: stamp) else { return true }
        if case .expected = verdict { return false }
        return true
    }

    /// The stamp of the plain file at `url` as it is now (for a file this program just wrote
    /// elsewhere, such as the version a save kept beside a changed file).
    public static func stamp(of url: URL) throws -> FileStamp {
        let (fd, info) = try openRegularFile(url)
        defer { close(fd) }
        return FileStamp(info, contentHash: try hashFile(fd, size: Int(info.st_size), path: url.path).hash)
    }

    enum Verdict {
        case expected
        /// With the stamp of what is there now, if it is a plain file.
        case changed(FileStamp?)
    }

    static func check(_ url: URL, expected: FileStamp) throws -> Verdict {
        var info = stat()
        guard lstat(url.path, &info) == 0 else {
            if errno == ENOENT { return .changed(nil) }
            throw StoreError.unreadable(path: url.path, reason: String(cString: strerror(errno)))
        }
        guard info.st_mode & S_IFMT == S_IFREG else { return .changed(nil) }
        if expected.sameStat(info) { return .expected }
        let (fd, opened) = try openRegularFile(url)
        defer { close(fd) }
        let (hash, count) = try hashFile(fd, size: Int(opened.st_size), path: url.path)
        if Int64(count) == expected.size && hash == expected.contentHash { return .expected }
        return .changed(FileStamp(opened, contentHash: hash))
    }

    /// `FileStamp.hash(ofFile:size:)`, with the reader's error.
    static func hashFile(_ fd: Int32, size: Int, path: String) throws -> (hash: UInt64, count: Int) {
        do { return try FileStamp.hash(ofFile: fd, size: size) } catch {
            throw StoreError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Writes the portfolio as a new file beside `url`, named for the doctor to find: `NAME.mine-DATE-TIME.json`.
    static func keepBeside(_ portfolio: Portfolio, of url: URL) throws -> URL {
        let folder = url.deletingLastPathComponent()
        var base = url.lastPathComponent
        if base.lowercased().hasSuffix(".json") { base.removeLast(5) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd-HHmm"
        let when = formatter.string(from: Date())
        for n in 1...1000 {
            let candidate = folder.appendingPathComponent("\(base).mine-\(when)\(n == 1 ? "" : "-\(n)").json")
            do {
                _ = try AtomicFile.write(to: candidate, keepBackup: false, replacing: false) { output in
                    _ = try write(portfolio, into: &output, path: url.path)
                }
                return candidate
            } catch StoreError.alreadyExists {
                continue
            } catch StoreError.writeFailed(_, let reason) {
                throw StoreError.writeFailed(
                    path: url.path,
                    reason: "it was changed or removed by another program since it was opened, and your version could not be kept beside it either (\(reason))")
            }
        }
        throw StoreError.writeFailed(path: url.path, reason: "no free name beside it for your version")
    }

    /// Creates a new portfolio file; refuses to replace one that exists.
    public static func create(_ portfolio: Portfolio, at url: URL) throws {
        if FileManager.default.fileExists(atPath: url.path) { throw StoreError.alreadyExists(path: url.path) }
        let folder = url.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let portfolio = VersionLineage.recording(VersionLineage.next(after: nil, carried: portfolio.versions), in: portfolio)
        try AtomicFile.write(to: url) { output in _ = try write(portfolio, into: &output, path: url.path) }
    }
}
