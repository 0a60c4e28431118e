import Foundation
import PlannerCore
import Testing

@testable import PlannerStorage

@Suite struct StoreTests {
    @Test func roundTripIsByteIdentical() throws {
        let folder = TempFolder()
        for name in ["undergraduate", "postgraduate", "continuing-practice"] {
            let original = try Data(contentsOf: repositoryRoot.appendingPathComponent("Resources/examples/\(name).json"))
            let portfolio = try PortfolioStore.decode(original, path: name)
            let url = folder.file("\(name).json")
            try PortfolioStore.save(portfolio, to: url)
            let first = try savedContent(url)
            let reloaded = try PortfolioStore.load(from: url)
            #expect(reloaded.content == portfolio)
            try PortfolioStore.save(reloaded, to: url)
            #expect(try savedContent(url) == first, "\(name): save → load → save changed bytes")
            #expect(first.last == 0x0A)
        }
    }

    @Test func savedFilesAreOwnerOnlyAndBackedUp() throws {
        let folder = TempFolder()
        let url = folder.file("p.json")
        var portfolio = readyContinuingPortfolio()
        try PortfolioStore.create(portfolio, at: url)
        #expect(try mode(url) == 0o600)
        let firstBytes = try Data(contentsOf: url)
        portfolio.profile.grade = "Medical director"
        try PortfolioStore.save(portfolio, to: url)
        #expect(try mode(url) == 0o600)
        let backup = URL(fileURLWithPath: url.path + ".bak")
        #expect(try Data(contentsOf: backup) == firstBytes)
        #expect(try mode(backup) == 0o600)
        #expect(try PortfolioStore.load(from: url).profile.grade == "Medical director")
        // No temporary files are left behind.
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
        #expect(names == ["p.json", "p.json.bak"])
    }

    @Test func createRefusesToReplace() throws {
        let folder = TempFolder()
        let url = folder.file("p.json")
        try Data("keep me".utf8).write(to: url)
        #expect(throws: StoreError.alreadyExists(path: url.path)) { try PortfolioStore.create(readyContinuingPortfolio(), at: url) }
        #expect(try String(contentsOf: url, encoding: .utf8) == "keep me")
    }

    @Test func saveIntoMissingFolderFailsClearly() throws {
        let folder = TempFolder()
        let url = folder.file("gone/p.json")
        #expect {
            try PortfolioStore.save(readyContinuingPortfolio(), to: url)
        } throws: { error in
            "\(error)".contains("no longer exists") && "\(error)".contains(url.path)
        }
    }

    @Test func saveIntoReadOnlyFolderLeavesOldFile() throws {
        guard getuid() != 0 else { return }  // root ignores folder permissions; covered by the reliability suite
        let folder = TempFolder()
        let url = folder.file("p.json")
        try PortfolioStore.create(readyContinuingPortfolio(), at: url)
        let before = try Data(contentsOf: url)
        chmod(folder.url.path, 0o500)
        defer { chmod(folder.url.path, 0o700) }
        #expect(throws: StoreError.self) { try PortfolioStore.save(readyContinuingPortfolio(), to: url) }
        #expect(try Data(contentsOf: url) == before)
    }

    struct Interrupted: Error {}

    /// Content made while it is written (an export) replaces the file only once all of it
    /// is written: a producer that fails part-way leaves the old file as it was and no
    /// temporary file; one that succeeds gets its pieces, small and large, in order.
    @Test func contentMadeWhileWrittenReplacesTheFileOnlyWhenComplete() throws {
        let folder = TempFolder()
        let url = folder.file("doc.md")
        try AtomicFile.write(Data("old\n".utf8), to: url)
        let large = [UInt8](repeating: 0x61, count: AtomicFile.Output.bufferSize)
        #expect(throws: Interrupted.self) {
            try AtomicFile.write(to: url) { output in
                try large.withUnsafeBytes { try output.write($0) }
                throw Interrupted()
            }
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["doc.md"])

        var expected: [UInt8] = []
        try AtomicFile.write(to: url) { output in
            for k in 0..<2_000 {
                let piece = k % 500 == 0 ? large : Array("piece \(k)\n".utf8)
                expected += piece
                try piece.withUnsafeBytes { try output.write($0) }
            }
        }
        #expect(try Data(contentsOf: url) == Data(expected))
        #expect(try mode(url) == 0o600)
    }

    private func mode(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as! NSNumber).intValue & 0o777
    }
}
