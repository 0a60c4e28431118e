import Foundation
import PlannerModel

/// The copies `mlcf merge` reads. At career size each read is most of what `mlcf validate`
/// costs, and a merge of BASE OURS THEIRS has three: read whole, one after the other, they
/// alone would break issue 18's bound (a merge within twice one validate). So OURS is decoded
/// on one thread while another finds the evidence items BASE and THEIRS hold byte for byte as
/// OURS does, and decodes only the rest of them (`EvidenceSetAside`). Two copies edited apart
/// share almost every item, so that is a small part of each.
public enum MergeCopies {
    /// Three copies read for a merge.
    public struct Three: Sendable {
        /// Slim when `setAside` is set: without the items set aside.
        public let base: Portfolio
        public let ours: Portfolio
        /// The stamp of the bytes of OURS that were read (a merge saved into OURS expects it).
        public let stamp: FileStamp
        /// Slim when `setAside` is set.
        public let theirs: Portfolio
        /// Nil when the files were read whole (an unusual layout; see `EvidenceListBytes`).
        public let setAside: EvidenceSetAside?

        /// Their merge: what the merge of the whole copies gives.
        public func merge() throws -> PortfolioMerge.Outcome {
            guard let setAside else { return try PortfolioMerge.merge(base: base, ours: ours, theirs: theirs) }
            return try PortfolioMerge.merge(base: base, ours: ours, theirs: theirs, setAside: setAside)
        }
    }

    /// Throws the error of the first copy, in BASE, OURS, THEIRS order, that could not be read.
    public static func read(base: URL, ours: URL, theirs: URL) throws -> Three {
        do {
            return try quickRead(base: base, ours: ours, theirs: theirs)
        } catch {
            // Read whole, one by one, the first copy that fails is named as reading it alone
            // names it (an item set aside in BASE was never decoded there, and the threads'
            // errors come in no set order).
            for url in [base, ours, theirs] { _ = try PortfolioStore.load(from: url) }
            throw error
        }
    }

    private static func quickRead(base: URL, ours: URL, theirs: URL) throws -> Three {
        // OURS is read first and decoded on this thread; a second reads BASE and THEIRS
        // meanwhile and waits for OURS's bytes only to compare them. (Its own thread, not a
        // queue's: on one core a queue could run the waiting half first, and wait forever.)
        let oursRead = Slots<FileBytes>(count: 1), oursReady = DispatchSemaphore(value: 0), screened = DispatchSemaphore(value: 0)
        let results = Slots<(Portfolio, Screened?)>(count: 2)
        let screener = Thread {
            results.set(
                1,
                Result {
                    let (b, t) = (Result { try FileBytes(base) }, Result { try FileBytes(theirs) })
                    oursReady.wait()
                    return try screen(base: try b.get(), ours: try oursRead.get(0), theirs: try t.get())
                })
            screened.signal()
        }
        // As deep as the main thread's: the decoders read what the files nest.
        screener.stackSize = 8 << 20
        screener.start()
        let file = Result { try FileBytes(ours) }
        oursRead.set(0, file)
        oursReady.signal()
        results.set(0, Result { (try file.get().decode(), nil) })
        screened.wait()
        let (screenBase, screening) = try results.get(1)
        let (oursPortfolio, _) = try results.get(0)
        let o = try oursRead.get(0)
        // Hashed only now, and only OURS: its stamp guards a merge saved into it.
        let stamp = FileStamp(o.info, contentHash: FileStamp.hash(o.data)).recording(oursPortfolio.versions)
        guard let screening, oursPortfolio.evidence.count == screening.ours.count else {
            // Read whole: the decoders' own reading stands (and names any error).
            let wholeBase = screening == nil ? screenBase : try FileBytes(base).decode()
            return Three(base: wholeBase, ours: oursPortfolio, stamp: stamp, theirs: try FileBytes(theirs).decode(), setAside: nil)
        }
        let setAside = EvidenceSetAside(items: oursPortfolio.evidence, base: screening.base, ours: screening.ours, theirs: screening.theirs)
        return Three(base: screenBase, ours: oursPortfolio, stamp: stamp, theirs: screening.slimTheirs, setAside: setAside)
    }

    /// Two copies (OURS THEIRS, whose histories find their base), each decoded whole, at once.
    public static func read(ours: URL, theirs: URL) throws -> (ours: Portfolio, stamp: FileStamp, theirs: Portfolio, theirsStamp: FileStamp) {
        let results = Slots<(Portfolio, FileStamp)>(count: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            results.set(index, Result { try PortfolioStore.loadStamped(from: index == 0 ? ours : theirs) })
        }
        let (o, t) = (try results.get(0), try results.get(1))
        return (o.0, o.1, t.0, t.1)
    }

    /// Each copy's entries (`EvidenceSetAside`: items set aside point into OURS's list by
    /// place, which its decoder keeps), and THEIRS slim.
    private struct Screened {
        let base: [EvidenceSetAside.Entry], ours: [EvidenceSetAside.Entry], theirs: [EvidenceSetAside.Entry]
        let slimTheirs: Portfolio
    }

    /// BASE slim (or whole, with nil when the lists could not be matched) and the rest.
    private static func screen(base: FileBytes, ours: FileBytes, theirs: FileBytes) throws -> (Portfolio, Screened?) {
        let lists = [base, ours, theirs].map { file in file.data.withUnsafeBytes { EvidenceListBytes.find(in: $0) } }
        guard let b = lists[0], let o = lists[1], let t = lists[2] else { return (try base.decode(), nil) }
        var matcher = ItemMatcher(ours: ours.data, o)
        guard let inBase = matcher.places(of: base.data, b), let inTheirs = matcher.places(of: theirs.data, t) else {
            return (try base.decode(), nil)
        }
        let common = Set(inBase.compactMap { $0 }).intersection(inTheirs.compactMap { $0 })
        let (baseEntries, slimBase) = slim(base, b, inBase, common)
        let (theirsEntries, slimTheirs) = slim(theirs, t, inTheirs, common)
        var own = 0
        let oursEntries = o.items.indices.map { index -> EvidenceSetAside.Entry in
            if common.contains(index) { return .setAside(index) }
            defer { own += 1 }
            return .own(own)
        }
        guard let slimBase, let slimTheirs else { return (try base.decode(), nil) }
        return (slimBase, Screened(base: baseEntries, ours: oursEntries, theirs: theirsEntries, slimTheirs: slimTheirs))
    }

    /// A copy's entries, and the copy decoded without the items set aside: nil when that
    /// decoding fails or does not hold the items kept (the caller then reads it whole, so an
    /// error names the real file's places).
    private static func slim(_ file: FileBytes, _ list: EvidenceListBytes, _ places: [Int?], _ common: Set<Int>) -> (
        [EvidenceSetAside.Entry], Portfolio?
    ) {
        var entries: [EvidenceSetAside.Entry] = [], dropped = Set<Int>(), own = 0
        for (index, place) in places.enumerated() {
            if let place, common.contains(place) {
                entries.append(.setAside(place))
                dropped.insert(index)
            } else {
                entries.append(.own(own))
                own += 1
            }
        }
        let bytes = file.data.withUnsafeBytes { list.bytes(of: $0, dropping: dropped) }
        guard let portfolio = try? PortfolioStore.decode(bytes, path: file.url.path), portfolio.evidence.count == own else { return (entries, nil) }
        return (entries, portfolio)
    }

    /// Finds each item of a copy's list among OURS's by its bytes: at the place after the last
    /// one found (copies edited apart mostly keep their order), else by a hash of the bytes
    /// (built once, when first needed), and always compared byte for byte.
    private struct ItemMatcher {
        let ours: Data
        let list: EvidenceListBytes
        var byHash: [UInt64: [Int]]?

        init(ours: Data, _ list: EvidenceListBytes) {
            self.ours = ours
            self.list = list
        }

        /// For each item, its place in OURS's list, or nil. Nil when two items match one of
        /// OURS's (a list repeating an item is merged whole).
        mutating func places(of data: Data, _ other: EvidenceListBytes) -> [Int?]? {
            let list = list, ours = ours
            var byHash = self.byHash
            defer { self.byHash = byHash }
            return data.withUnsafeBytes { raw -> [Int?]? in
                ours.withUnsafeBytes { mine -> [Int?]? in
                    func same(_ range: Range<Int>, _ place: Int) -> Bool {
                        let theirs = list.items[place]
                        return range.count == theirs.count
                            && memcmp(raw.baseAddress! + range.lowerBound, mine.baseAddress! + theirs.lowerBound, range.count) == 0
                    }
                    var used = [Bool](repeating: false, count: list.items.count)
                    var out: [Int?] = []
                    out.reserveCapacity(other.items.count)
                    var next = 0
                    for range in other.items {
                        var found: Int?
                        if next < list.items.count, same(range, next) {
                            found = next
                        } else {
                            if byHash == nil {
                                var index: [UInt64: [Int]] = [:]
                                index.reserveCapacity(list.items.count)
                                for (place, item) in list.items.enumerated() {
                                    index[FileStamp.hash(UnsafeRawBufferPointer(rebasing: mine[item])), default: []].append(place)
                                }
                                byHash = index
                            }
                            found = byHash![FileStamp.hash(UnsafeRawBufferPointer(rebasing: raw[range]))]?.first { same(range, $0) }
                        }
                        if let found {
                            if used[found] { return nil }
                            used[found] = true
                            next = found + 1
                        }
                        out.append(found)
                    }
                    return out
                }
            }
        }
    }

    /// A copy's bytes as read, with the file's details when they were read.
    private struct FileBytes: @unchecked Sendable {
        let url: URL
        let data: Data
        let info: stat

        init(_ url: URL) throws {
            let (fd, info) = try PortfolioStore.openRegularFile(url)
            defer { close(fd) }
            data = try PortfolioStore.readAll(fd, size: Int(info.st_size), path: url.path)
            (self.url, self.info) = (url, info)
        }

        func decode() throws -> Portfolio { try PortfolioStore.decode(data, path: url.path) }
    }

    /// Results filled from several threads.
    private final class Slots<Value>: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [Result<Value, any Error>?]
        init(count: Int) { results = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ result: Result<Value, any Error>) { lock.withLock { results[index] = result } }
        func get(_ index: Int) throws -> Value { try lock.withLock { results[index]! }.get() }
    }
}
