import Foundation
import PlannerCore
import TestSupport
import Testing

@testable import PlannerStorage

/// `PortfolioStore.edit`, the read-change-save every editing verb (`declare`, `new-period`,
/// `add-evidence`) goes through: the other writer's version is kept, a missing file is not
/// created, and nothing to do writes nothing.
@Suite struct PortfolioEditTests {
    static func bytes(_ url: URL) -> Data? { FileManager.default.contents(atPath: url.path) }

    /// Another program writes the file between the read and the save (here, inside the
    /// change, so the moment is certain): its version stays, and ours goes beside it.
    @Test func aConcurrentWritersVersionIsKeptAndOursGoesBeside() throws {
        let folder = TempFolder()
        let url = folder.file("year.json")
        try PortfolioStore.create(readyContinuingPortfolio(), at: url)
        var theirs = readyContinuingPortfolio()
        theirs.profile.grade = "Theirs"
        let edit = try PortfolioStore.edit(at: url) { portfolio -> Period? in
            try PortfolioStore.encode(theirs).write(to: folder.file("other.tmp"))
            #expect(rename(folder.file("other.tmp").path, url.path) == 0)
            return try portfolio.startNewPeriod(today: date("2027-12-01"))
        }
        let theirBytes = try PortfolioStore.encode(theirs)
        #expect(Self.bytes(url) == theirBytes, "the other program's version was written over")
        let beside = try #require(edit?.keptBeside, "no version kept beside")
        #expect(try PortfolioStore.load(from: beside).content == edit?.portfolio.content, "ours, in its new period, is beside it")
        #expect(edit?.portfolio.history.count == readyContinuingPortfolio().history.count + 1)
        #expect(!FileManager.default.fileExists(atPath: PortfolioLock.lockPath(for: url)) || (try? PortfolioLock(for: url)) != nil, "the lock was kept")
    }

    @Test func anUndisturbedEditIsSavedInPlace() throws {
        let folder = TempFolder()
        let url = folder.file("year.json")
        try PortfolioStore.create(readyContinuingPortfolio(), at: url)
        let edit = try PortfolioStore.edit(at: url) { portfolio -> String? in
            portfolio.declareNone("significant-events", note: "none")
            return "declared"
        }
        #expect(edit?.keptBeside == nil && edit?.result == "declared")
        #expect(try PortfolioStore.load(from: url).content == edit?.portfolio.content)
    }

    @Test func aMissingFileIsRefusedBeforeTheLockFileIsMade() throws {
        let folder = TempFolder()
        let url = folder.file("missing.json")
        #expect(throws: StoreError.notFound(path: url.path)) { try PortfolioStore.edit(at: url) { _ in () } }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty, "something was created beside it")
    }

    @Test func nothingToDoWritesNothing() throws {
        let folder = TempFolder()
        let url = folder.file("year.json")
        try PortfolioStore.create(readyContinuingPortfolio(), at: url)
        let before = Self.bytes(url)
        let edit = try PortfolioStore.edit(at: url) { portfolio -> Void? in
            portfolio.profile.grade = "changed but not wanted"
            return nil
        }
        #expect(edit == nil)
        #expect(Self.bytes(url) == before)
        #expect(!FileManager.default.fileExists(atPath: url.path + ".bak"), "a save happened")
    }
}
