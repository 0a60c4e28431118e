import Foundation
import PlannerCore
import Testing

@testable import PlannerModel
@testable import PlannerStorage

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 14: a save streams the document (a buffer of `savePieceSize` at a time, written and
/// hashed as it fills), yet writes exactly `encode(portfolio)` and stamps it with exactly the
/// hash a load computes. Generative with printed seeds (`MLCF_SEED=N` replays a case).
@Suite struct StreamingSaveTests {
    /// A portfolio of `items` evidence items with reflections of a few hundred bytes.
    static func portfolio(items: Int) -> Portfolio {
        var portfolio = readyContinuingPortfolio()
        let start = portfolio.profile.periodStart
        for index in 0..<items {
            let text = String(repeating: "Handover at night, what went well; ", count: 8 + index % 5) + "é😀\n"
            portfolio.evidence.append(
                Evidence(
                    id: "stream-\(index)", title: "Item \(index) \"quoted\"\t/", kind: .cpd, date: start,
                    reflection: Reflection(whatHappened: text)))
        }
        return portfolio
    }

    @Test func piecesJoinToTheBytesEncodeGivesForAnyPieceSize() async {
        await Generated.check(fixedSeed: 1451, count: 300, maxLength: 700) { bytes in
            var choices = Choices(bytes, hostile: true)
            let portfolio = choices.portfolio()
            let pieceSize = 64 + choices.next(600)
            var joined = Data()
            SchemaEncoder.encode(portfolio, pieceSize: pieceSize) { joined.append(contentsOf: $0) }
            #expect(joined == SchemaEncoder.encode(portfolio), "piece size \(pieceSize)")
        }
    }

    @Test func noPieceIsLargerThanTheBufferWhenNoStringIs() {
        let portfolio = Self.portfolio(items: 400)
        var sizes: [Int] = []
        var joined = Data()
        SchemaEncoder.encode(portfolio, pieceSize: 4096) { piece in
            sizes.append(piece.count)
            joined.append(contentsOf: piece)
        }
        #expect(joined == SchemaEncoder.encode(portfolio))
        #expect(sizes.count > joined.count / 4096, "\(sizes.count) pieces for \(joined.count) bytes")
        #expect(sizes.allSatisfy { $0 > 0 && $0 <= 4096 }, "\(sizes.max() ?? 0)")
    }

    @Test func aStringLongerThanTheBufferStillComesWhole() {
        var portfolio = readyContinuingPortfolio()
        portfolio.profile.achievements = String(repeating: "a\"b\\c\n", count: 3_000)
        var joined = Data()
        SchemaEncoder.encode(portfolio, pieceSize: 256) { joined.append(contentsOf: $0) }
        #expect(joined == SchemaEncoder.encode(portfolio))
    }

    @Test func theHashOfPiecesIsTheHashOfTheWhole() async {
        await Generated.check(fixedSeed: 1452, count: 300, maxLength: 400) { bytes in
            var random = SeededRandom(seed: UInt64(bytes.count) &* 0x9E37 ^ UInt64(bytes.first ?? 7))
            var hasher = FileStamp.Hasher()
            var at = 0
            while at < bytes.count {
                let end = min(bytes.count, at + Int.random(in: 0...19, using: &random))
                bytes[at..<end].withUnsafeBytes { hasher.add($0) }
                at = end
            }
            #expect(hasher.value == FileStamp.hash(Data(bytes)), "\(bytes.count) bytes")
            #expect(hasher.count == bytes.count)
            if let last = bytes.indices.last {
                var changed = bytes
                changed[last] ^= 1
                #expect(FileStamp.hash(Data(changed)) != FileStamp.hash(Data(bytes)), "one changed byte keeps the hash")
            }
        }
    }

    @Test func lengthAndOrderChangeTheHash() {
        #expect(FileStamp.hash(Data()) != FileStamp.hash(Data([0])))
        #expect(FileStamp.hash(Data([0])) != FileStamp.hash(Data([0, 0])))
        #expect(FileStamp.hash(Data(Array(repeating: 0, count: 8))) != FileStamp.hash(Data(Array(repeating: 0, count: 16))))
        #expect(FileStamp.hash(Data([1, 2, 3, 4, 5, 6, 7, 8, 9])) != FileStamp.hash(Data([2, 1, 3, 4, 5, 6, 7, 8, 9])))
    }

    /// Several megabytes, so the save goes to the file in many pieces: the file holds exactly
    /// `encode`'s bytes, and the stamp the save returns is the one a load of the file gives.
    @Test func aSaveOfManyPiecesWritesEncodesBytesAndStampsThem() throws {
        let folder = TempFolder()
        let url = folder.file("p.json")
        try PortfolioStore.create(readyContinuingPortfolio(), at: url)
        let stamp = try PortfolioStore.loadStamped(from: url).stamp
        let big = Self.portfolio(items: 6_000)
        let expected = try PortfolioStore.encode(big)
        #expect(expected.count > 3 * PortfolioStore.savePieceSize, "\(expected.count) bytes")
        guard case .saved(let saved) = try PortfolioStore.save(big, to: url, expecting: stamp) else {
            Issue.record("the save did not replace the file it expected")
            return
        }
        #expect(try savedContent(url) == expected)
        #expect(try PortfolioStore.loadStamped(from: url).stamp == saved)
        #expect(try PortfolioStore.stamp(of: url).recording(saved.lineage) == saved)
        // The next save over it is expected too, and the one before is the backup.
        var next = big
        next.evidence.removeLast()
        guard case .saved = try PortfolioStore.save(next, to: url, expecting: saved) else {
            Issue.record("the second save did not replace the file it saved")
            return
        }
        #expect(try savedContent(URL(fileURLWithPath: url.path + ".bak")) == expected)
    }

    /// A file others may read is backed up as a private copy, made a megabyte at a time:
    /// the `.bak` holds exactly the old bytes, owner-only.
    @Test func aFileOthersMayReadIsCopiedToTheBackupWhole() throws {
        let folder = TempFolder()
        let url = folder.file("p.json")
        let old = Self.portfolio(items: 5_000)
        try PortfolioStore.create(old, at: url)
        chmod(url.path, 0o644)
        let before = try Data(contentsOf: url)
        #expect(before.count > 2 * PortfolioStore.savePieceSize, "\(before.count) bytes")
        let stamp = try PortfolioStore.loadStamped(from: url).stamp
        var next = old
        next.evidence.removeFirst()
        guard case .saved = try PortfolioStore.save(next, to: url, expecting: stamp) else {
            Issue.record("the save did not replace the file it expected")
            return
        }
        let backup = url.path + ".bak"
        #expect(try Data(contentsOf: URL(fileURLWithPath: backup)) == before)
        var info = stat()
        #expect(lstat(backup, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(try savedContent(url) == (try PortfolioStore.encode(next)))
    }

    /// A file rewritten by another program is found out at the end of the save, however long
    /// the encoding took: it stays as it is and the portfolio is kept beside it, whole.
    @Test func aFileChangedBeforeTheSaveIsKeptAndTheLargePortfolioWrittenBeside() throws {
        let folder = TempFolder()
        let url = folder.file("p.json")
        try PortfolioStore.create(readyContinuingPortfolio(), at: url)
        let stamp = try PortfolioStore.loadStamped(from: url).stamp
        var theirs = readyContinuingPortfolio()
        theirs.profile.name = "Dr Other Program"
        try PortfolioStore.save(theirs, to: url)
        let before = try Data(contentsOf: url)
        let big = Self.portfolio(items: 3_000)
        guard case .keptBeside(let beside, let current) = try PortfolioStore.save(big, to: url, expecting: stamp) else {
            Issue.record("a changed file was replaced")
            return
        }
        #expect(try Data(contentsOf: url) == before)
        #expect(current == (try PortfolioStore.stamp(of: url)))
        #expect(try savedContent(beside) == (try PortfolioStore.encode(big)))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
        #expect(!names.contains { $0.contains(".tmp-") }, "\(names)")
    }
}
