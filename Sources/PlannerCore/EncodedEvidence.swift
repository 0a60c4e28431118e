import Foundation

/// Saving a career's portfolio without encoding it again: the encoded bytes of every evidence
/// item, as last read from or written to each file, are kept (the bytes of the file as read,
/// or of the item as encoded), and a save encodes only the items that changed and the small
/// rest of the document, then writes the pieces in order. The output is byte-for-byte what
/// `PortfolioStore.encode` gives (tests check this), so the file never depends on its history.
///
/// Items are matched by position, then by id, and reused only if every field has the same
/// bytes (not merely equal strings: "é" and "e\u{301}" are equal in Swift but encode differently).
final class EncodedEvidence: @unchecked Sendable {
    static let shared = EncodedEvidence()

    /// Where one item's encoded form lives: a byte range of the file it was read from (kept
    /// open), or of the item encoded alone in memory; already indented for its place.
    struct Piece {
        let value: Evidence
        let source: Source
        let sourceID: Int
        let range: Range<Int>
        /// Whether the encoder's separator to the next item follows it in its source.
        let separatorAfter: Bool
    }

    enum Source {
        case memory(Data)
        case file(LoadedFile)
    }

    private let lock = NSLock()
    private var files: [(path: String, pieces: [Piece])] = []
    private var nextSourceID = 0
    /// Files remembered at once; the oldest is forgotten (with the bytes it holds) beyond this.
    private let capacity = 4

    private func newSourceID() -> Int {
        lock.lock(); defer { lock.unlock() }
        nextSourceID += 1
        return nextSourceID
    }

    /// Called after a file was read: where its canonical items' bytes are in it.
    func remember(path: String, file: LoadedFile, evidence: [Evidence], canonical: [Range<Int>?], separators: [Bool]) {
        let id = newSourceID()
        var pieces: [Piece] = []
        pieces.reserveCapacity(evidence.count)
        for index in evidence.indices {
            guard let range = canonical[index] else { continue }
            pieces.append(Piece(value: evidence[index], source: .file(file), sourceID: id, range: range, separatorAfter: separators[index]))
        }
        store(path: path, pieces: pieces)
    }

    func forget(path: String) {
        lock.lock(); defer { lock.unlock() }
        files.removeAll { $0.path == path }
    }

    private func store(path: String, pieces: [Piece]) {
        lock.lock(); defer { lock.unlock() }
        files.removeAll { $0.path == path }
        files.append((path, pieces))
        if files.count > capacity { files.removeFirst() }
    }

    /// Takes the pieces remembered for `path` out of the store (so they can be changed in place).
    private func take(_ path: String) -> [Piece] {
        lock.lock(); defer { lock.unlock() }
        guard let index = files.lastIndex(where: { $0.path == path }) else { return [] }
        return files.remove(at: index).pieces
    }

    // MARK: Encoding

    static let itemIndent = Data("    ".utf8)
    static let separator = Data(",\n    ".utf8)
    /// How the encoder begins a document whose evidence list is empty, and the list when not.
    static let emptyHead = Data("{\n  \"evidence\" : [\n\n  ]".utf8)
    static let head = Data("{\n  \"evidence\" : [\n".utf8)
    static let tail = Data("\n  ]".utf8)

    /// The document as pieces to write one after the other (with the final newline), reusing
    /// what was remembered for `path`; remembers the new pieces for the next save.
    func encode(_ portfolio: Portfolio, path: String) throws -> [AtomicFile.Chunk] {
        var shell = portfolio
        shell.evidence = []
        let rest = try PortfolioStore.encode(shell)
        guard !portfolio.evidence.isEmpty, rest.starts(with: EncodedEvidence.emptyHead) else {
            let whole = try PortfolioStore.encode(portfolio)
            forget(path: path)
            return [.bytes(whole)]
        }
        // Items are copied from a file only while it is as it was read (nobody wrote into it).
        var trusted: [Int: Bool] = [:]
        func usable(_ piece: Piece) -> Bool {
            guard case .file(let file) = piece.source else { return true }
            if let verdict = trusted[piece.sourceID] { return verdict }
            let verdict = file.isUnchanged
            trusted[piece.sourceID] = verdict
            return verdict
        }
        // The pieces of the last save, changed in place where items changed (a save after one
        // edit touches one piece and allocates nothing for the thousands of others).
        var pieces = take(path)
        var byID: [String: Piece]? = nil
        var misses = 0
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let evidence = portfolio.evidence
        let inPlace = pieces.count == evidence.count
        var fresh: [Piece] = []
        if !inPlace { fresh.reserveCapacity(evidence.count) }
        for index in evidence.indices {
            if inPlace, usable(pieces[index]), EncodedEvidence.sameBytes(pieces[index].value, evidence[index]) { continue }
            if !inPlace, index < pieces.count, usable(pieces[index]), EncodedEvidence.sameBytes(pieces[index].value, evidence[index]) {
                fresh.append(pieces[index])
                continue
            }
            // Looking items up by id (after an insertion, a removal, a move) costs a table of them
            // all: not for the one or two items an edit changes in place.
            misses += 1
            if byID == nil && (!inPlace || misses > 16) {
                var table: [String: Piece] = [:]
                for piece in pieces where table[piece.value.id] == nil { table[piece.value.id] = piece }
                byID = table
            }
            let piece: Piece
            if let known = byID?[evidence[index].id], usable(known), EncodedEvidence.sameBytes(known.value, evidence[index]) {
                piece = known
            } else {
                let bytes = EncodedEvidence.indented(try encoder.encode(evidence[index]))
                piece = Piece(value: evidence[index], source: .memory(bytes), sourceID: newSourceID(), range: 0..<bytes.count, separatorAfter: false)
            }
            if inPlace { pieces[index] = piece } else { fresh.append(piece) }
        }
        if !inPlace { pieces = fresh }
        store(path: path, pieces: pieces)

        // Runs of items that follow each other in one file, separators and all, are one chunk.
        func chunk(_ piece: Piece, _ range: Range<Int>) -> AtomicFile.Chunk {
            switch piece.source {
            case .memory(let data): return .bytes(data[range])
            case .file(let file): return .file(file, range)
            }
        }
        var chunks: [AtomicFile.Chunk] = [.bytes(EncodedEvidence.head), .bytes(EncodedEvidence.itemIndent)]
        var run = pieces[0].range
        var runPiece = pieces[0], last = pieces[0]
        for piece in pieces.dropFirst() {
            if piece.sourceID == runPiece.sourceID, last.separatorAfter,
               piece.range.lowerBound == last.range.upperBound + EncodedEvidence.separator.count {
                run = run.lowerBound..<piece.range.upperBound
                last = piece
                continue
            }
            chunks.append(chunk(runPiece, run))
            chunks.append(.bytes(EncodedEvidence.separator))
            run = piece.range
            runPiece = piece
            last = piece
        }
        chunks.append(chunk(runPiece, run))
        chunks.append(.bytes(EncodedEvidence.tail))
        chunks.append(.bytes(rest[EncodedEvidence.emptyHead.count...]))
        return chunks
    }

    /// An item encoded on its own, indented for its place in the evidence list: four more
    /// spaces after every line break, except on the empty line of an empty list.
    static func indented(_ data: Data) -> Data {
        var out = Data()
        out.reserveCapacity(data.count + data.count / 16)
        var previous: UInt8 = 0
        for byte in data {
            if previous == 0x0A && byte != 0x0A { out.append(contentsOf: [0x20, 0x20, 0x20, 0x20]) }
            out.append(byte)
            previous = byte
        }
        return out
    }

    // MARK: Same bytes

    static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { pa in
            b.withUTF8 { pb in
                pa.count == pb.count && (pa.baseAddress == pb.baseAddress || pa.count == 0 || memcmp(pa.baseAddress!, pb.baseAddress!, pa.count) == 0)
            }
        }
    }

    static func sameBytes(_ a: [String], _ b: [String]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { sameBytes($0, $1) }
    }

    static func sameBytes(_ a: CalendarDate?, _ b: CalendarDate?) -> Bool { a == b }

    /// True when the two items encode to the same bytes.
    static func sameBytes(_ a: Evidence, _ b: Evidence) -> Bool {
        guard a.kind == b.kind, a.date == b.date, a.isPrivate == b.isPrivate,
              a.cpdCredits?.bitPattern == b.cpdCredits?.bitPattern,
              sameBytes(a.id, b.id), sameBytes(a.title, b.title), sameBytes(a.description, b.description),
              sameBytes(a.reflection.whatHappened, b.reflection.whatHappened),
              sameBytes(a.reflection.whatLearned, b.reflection.whatLearned),
              sameBytes(a.reflection.whatNext, b.reflection.whatNext),
              sameBytes(a.links, b.links), sameBytes(a.attachments, b.attachments),
              sameBytes(a.gmpDomains, b.gmpDomains), sameBytes(a.gmcAreas, b.gmcAreas) else { return false }
        switch (a.supportingInfo, b.supportingInfo) {
        case (nil, nil): break
        case let (x?, y?): guard sameBytes(x, y) else { return false }
        default: return false
        }
        switch (a.confirmation, b.confirmation) {
        case (nil, nil): return true
        case let (x?, y?): return sameBytes(x.name, y.name) && sameBytes(x.role, y.role) && x.date == y.date
        default: return false
        }
    }
}

/// A portfolio file as it was read, kept open so that a save can copy the items that did
/// not change from it — even after that save has replaced the file (the old content stays
/// readable through this descriptor until it is closed).
final class LoadedFile: @unchecked Sendable {
    let fd: Int32
    private let size: Int
    private let modified: timespec
    private let inode: UInt

    init(fd: Int32) {
        self.fd = fd
        var info = stat()
        fstat(fd, &info)
        size = Int(info.st_size)
        modified = info.st_mtim
        inode = UInt(info.st_ino)
    }

    deinit { close(fd) }

    /// Still the bytes that were read: same size, same modification time (a save replaces
    /// the file rather than writing into it, so only another program could have changed it).
    var isUnchanged: Bool {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return false }
        return Int(info.st_size) == size && info.st_mtim.tv_sec == modified.tv_sec && info.st_mtim.tv_nsec == modified.tv_nsec
            && UInt(info.st_ino) == inode
    }
}
