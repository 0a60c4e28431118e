import Foundation
import PlannerCore
import Testing

@testable import PlannerModel
@testable import PlannerStorage
@testable import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 17, attachments: files copied beside the portfolio by content, the refusals that
/// change nothing, the records that round-trip, and the tidying that keeps the folder equal to
/// what the portfolio and its `.bak` name.
@Suite struct AttachmentFolderTests {
    /// A folder holding a saved portfolio (`portfolio.json`) and a file to attach.
    struct Setup {
        let temp = TempFolder()
        var portfolio: URL { temp.file("portfolio.json") }
        var files: URL { AttachmentFolder.url(for: portfolio) }
        init() throws { try PortfolioStore.create(readyContinuingPortfolio(), at: temp.file("portfolio.json")) }
        func write(_ name: String, _ text: String) throws -> URL {
            let url = temp.file(name)
            try Data(text.utf8).write(to: url)
            return url
        }
        func stored() -> Set<String> { Set((try? FileManager.default.contentsOfDirectory(atPath: files.path)) ?? []) }
    }

    @Test func theFolderIsNamedAfterThePortfolio() {
        #expect(AttachmentFolder.url(for: URL(fileURLWithPath: "/a/portfolio.json")).path == "/a/portfolio.files")
        #expect(AttachmentFolder.url(for: URL(fileURLWithPath: "/a/career")).path == "/a/career.files")
        #expect(AttachmentFolder.url(for: URL(fileURLWithPath: "/a/.json")).path == "/a/.json.files")
    }

    @Test func aFileIsCopiedByContentOwnerOnlyAndRecordedWithNameSizeTypeAndHash() throws {
        let setup = try Setup()
        let certificate = try setup.write("BLS certificate.pdf", "%PDF-1.4 certificate")
        let record = try AttachmentFolder.store(try AttachmentFolder.inspect(certificate), beside: setup.portfolio)
        #expect(record.name == "BLS certificate.pdf")
        #expect(record.bytes == 20)
        #expect(record.mediaType == "application/pdf")
        #expect(record.sha256 == SHA256.hex(Data("%PDF-1.4 certificate".utf8)))
        let stored = setup.files.appendingPathComponent(record.sha256)
        #expect(try Data(contentsOf: stored) == Data("%PDF-1.4 certificate".utf8))
        var info = stat()
        lstat(setup.files.path, &info)
        #expect(info.st_mode & 0o777 == 0o700)
        lstat(stored.path, &info)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(setup.stored() == [record.sha256], "no temporary copy is left")
    }

    @Test func theSameContentIsStoredOnceForTwoItemsAndTwoNames() throws {
        let setup = try Setup()
        let a = try setup.write("a.pdf", "same bytes"), b = try setup.write("b.txt", "same bytes")
        let first = try AttachmentFolder.store(try AttachmentFolder.inspect(a), beside: setup.portfolio)
        let second = try AttachmentFolder.store(try AttachmentFolder.inspect(b), beside: setup.portfolio)
        #expect(first.sha256 == second.sha256 && first.name != second.name)
        #expect(setup.stored() == [first.sha256])
        // Two items share it; detaching from one keeps it for the other through every save.
        var portfolio = try PortfolioStore.load(from: setup.portfolio)
        portfolio.evidence[0].files = [first]
        portfolio.evidence[1].files = [second]
        try PortfolioStore.save(portfolio, to: setup.portfolio)
        portfolio.evidence[0].files = []
        try PortfolioStore.save(portfolio, to: setup.portfolio)
        try PortfolioStore.save(portfolio, to: setup.portfolio)
        #expect(setup.stored() == [first.sha256])
        #expect(AttachmentFolder.check(portfolio, at: setup.portfolio).isEmpty)
    }

    // MARK: refusals (each changes nothing)

    /// Every refusal: the folder beside the portfolio is not even made.
    func expectRefused(_ url: URL, _ setup: Setup, _ matches: (AttachmentError) -> Bool) {
        do {
            let source = try AttachmentFolder.inspect(url)
            _ = try AttachmentFolder.store(source, beside: setup.portfolio)
            Issue.record("\(url.path) was attached")
        } catch {
            #expect(matches(error), "\(error)")
            #expect(error.description.contains("Nothing was") || error.description.contains("nothing was"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: setup.files.path), "the folder was made for a refused file")
    }

    @Test func aMissingFileAFolderAFIFOADeviceAndASocketAreRefused() throws {
        let setup = try Setup()
        expectRefused(setup.temp.file("nope.pdf"), setup) { if case .missing = $0 { true } else { false } }
        let folder = setup.temp.file("slides")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        expectRefused(folder, setup) { $0 == .notAFile(path: folder.path, what: "a folder") }
        let fifo = setup.temp.file("pipe")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        expectRefused(fifo, setup) { $0 == .notAFile(path: fifo.path, what: "a named pipe (FIFO)") }
        expectRefused(URL(fileURLWithPath: "/dev/null"), setup) { $0 == .notAFile(path: "/dev/null", what: "a device") }
        let link = setup.temp.file("dangling.pdf")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: setup.temp.file("gone").path)
        expectRefused(link, setup) { if case .missing = $0 { true } else { false } }
        let linkToFolder = setup.temp.file("folder-link")
        try FileManager.default.createSymbolicLink(atPath: linkToFolder.path, withDestinationPath: folder.path)
        expectRefused(linkToFolder, setup) { if case .notAFile = $0 { true } else { false } }
    }

    @Test func aFileOverTheLimitIsRefusedWithItsSizeAndTheReason() throws {
        let setup = try Setup()
        let big = setup.temp.file("video.mp4")
        #expect(FileManager.default.createFile(atPath: big.path, contents: nil))
        #expect(truncate(big.path, off_t(AttachmentFolder.maximumBytes + 1)) == 0)
        expectRefused(big, setup) {
            if case .tooLarge(_, let bytes, 25 << 20) = $0 { return bytes == AttachmentFolder.maximumBytes + 1 }
            return false
        }
        // Exactly at the limit is taken.
        #expect(truncate(big.path, off_t(AttachmentFolder.maximumBytes)) == 0)
        let record = try AttachmentFolder.store(try AttachmentFolder.inspect(big), beside: setup.portfolio)
        #expect(record.bytes == AttachmentFolder.maximumBytes)
    }

    @Test func oddNamesAreRefused() throws {
        let setup = try Setup()
        for name in ["line\nbreak.pdf", "tab\there.pdf", "invoice\u{202E}fdp.exe", " leading.pdf", "bell\u{07}.pdf", "c1\u{85}.pdf"] {
            let url = setup.temp.file(name)
            try Data("x".utf8).write(to: url)
            expectRefused(url, setup) { if case .oddName = $0 { true } else { false } }
        }
        #expect(AttachmentFolder.nameProblem("Résumé – 2025 (final).pdf") == nil)
        #expect(AttachmentFolder.nameProblem("证书.pdf") == nil)
        #expect(AttachmentFolder.nameProblem(String(repeating: "a", count: 256)) != nil)
    }

    @Test func aSymlinkIsReportedBeforeItIsFollowed() throws {
        let setup = try Setup()
        let real = try setup.write("real.pdf", "real content")
        let link = setup.temp.file("shortcut.pdf")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: real.path)
        let source = try AttachmentFolder.inspect(link)
        #expect(source.linkTarget == real.path)
        let record = try AttachmentFolder.store(source, beside: setup.portfolio)
        #expect(record.sha256 == SHA256.hex(Data("real content".utf8)) && record.name == "shortcut.pdf")
        // A plain file's source has no target, and is opened only as itself.
        #expect(try AttachmentFolder.inspect(real).linkTarget == nil)
    }

    @Test func aFullDiskLeavesTheFolderAsItWas() throws {
        let setup = try Setup()
        let kept = try AttachmentFolder.store(try AttachmentFolder.inspect(try setup.write("kept.pdf", "kept")), beside: setup.portfolio)
        let source = try AttachmentFolder.inspect(try setup.write("more.pdf", String(repeating: "x", count: 3 << 20)))
        AttachmentFolder.$injectedFault.withValue(.diskFull) {
            #expect(throws: AttachmentError.notStored(folder: setup.files.path, reason: "the disk is full")) {
                try AttachmentFolder.store(source, beside: setup.portfolio)
            }
        }
        #expect(setup.stored() == [kept.sha256], "the partial copy was removed")
    }

    @Test func aReadOnlyFolderRefusesWithAReasonAndChangesNothing() throws {
        let setup = try Setup()
        try FileManager.default.createDirectory(at: setup.files, withIntermediateDirectories: false)
        chmod(setup.files.path, 0o500)
        defer { chmod(setup.files.path, 0o700) }
        guard access(setup.files.path, W_OK) != 0 else { return }  // root writes anywhere: nothing to test
        let source = try AttachmentFolder.inspect(try setup.write("a.pdf", "a"))
        #expect(throws: AttachmentError.notStored(folder: setup.files.path, reason: "no permission to write in \(setup.files.path)")) {
            try AttachmentFolder.store(source, beside: setup.portfolio)
        }
        #expect(setup.stored().isEmpty)
    }

    // MARK: records

    @Test func recordsRoundTripByteForByteAndPortfoliosWithoutThemKeepTheirBytes() throws {
        var portfolio = readyContinuingPortfolio()
        let before = try PortfolioStore.encode(portfolio)
        #expect(!String(decoding: before, as: UTF8.self).contains("\"files\""))
        portfolio.evidence[0].attachments = ["~/old/slides.pdf"]
        var file = AttachedFile(name: "slides.pdf", bytes: 12, mediaType: "application/pdf", sha256: String(repeating: "ab", count: 32))
        file.unknownFields = ["pages": .int(3)]
        portfolio.evidence[0].files = [file, AttachedFile(name: "b", bytes: 0, mediaType: "text/plain", sha256: String(repeating: "0", count: 64))]
        let bytes = try PortfolioStore.encode(portfolio)
        #expect(bytes == (try PortfolioStore.encodeWithFoundation(portfolio)))
        #expect(FastDecoder.decode(bytes) == nil || FastDecoder.decode(bytes) == portfolio)
        let loaded = try PortfolioStore.decode(bytes, path: "test")
        #expect(loaded == portfolio)
        #expect(loaded.evidence[0].attachments == ["~/old/slides.pdf"], "text-only entries are kept")
        #expect(try PortfolioStore.encode(loaded) == bytes)
        // Without unknown keys the quick reader takes them.
        portfolio.evidence[0].files[0].unknownFields = [:]
        #expect(FastDecoder.decode(try PortfolioStore.encode(portfolio)) == portfolio)
    }

    @Test func sizesReadAsPeopleSayThem() {
        #expect(AttachedFile.sizeText(1) == "1 byte")
        #expect(AttachedFile.sizeText(820) == "820 bytes")
        #expect(AttachedFile.sizeText(412_330) == "403 KB")
        #expect(AttachedFile.sizeText(3_250_000) == "3.1 MB")
    }

    // MARK: checking

    @Test func aMissingOrChangedFileIsAWarningNamingItemAndFileAndLoadingStillWorks() throws {
        let setup = try Setup()
        let a = try AttachmentFolder.store(try AttachmentFolder.inspect(try setup.write("a.pdf", "aaa")), beside: setup.portfolio)
        let b = try AttachmentFolder.store(try AttachmentFolder.inspect(try setup.write("b.pdf", "bbb")), beside: setup.portfolio)
        var portfolio = try PortfolioStore.load(from: setup.portfolio)
        portfolio.evidence[0].files = [a]
        portfolio.evidence[1].files = [a, b]
        try PortfolioStore.save(portfolio, to: setup.portfolio)
        #expect(AttachmentFolder.check(portfolio, at: setup.portfolio).isEmpty)
        try FileManager.default.removeItem(at: AttachmentFolder.storedURL(of: a, portfolio: setup.portfolio))
        let stored = AttachmentFolder.storedURL(of: b, portfolio: setup.portfolio)
        chmod(stored.path, 0o600)
        try Data("tampered".utf8).write(to: stored)
        let loaded = try PortfolioStore.load(from: setup.portfolio)
        let problems = AttachmentFolder.check(loaded, at: setup.portfolio)
        #expect(problems.map(\.description).count == 3)
        #expect(problems[0].description.hasPrefix("\(portfolio.evidence[0].id): the attached file “a.pdf” is missing"))
        #expect(problems[2].description.hasPrefix("\(portfolio.evidence[1].id): the attached file “b.pdf” has changed"))
    }

    // MARK: tidying

    @Test func anUnusedFileStaysWhileTheBakNamesItAndGoesAtTheNextSave() throws {
        let setup = try Setup()
        let a = try AttachmentFolder.store(try AttachmentFolder.inspect(try setup.write("a.pdf", "aaa")), beside: setup.portfolio)
        var portfolio = try PortfolioStore.load(from: setup.portfolio)
        portfolio.evidence[0].files = [a]
        try PortfolioStore.save(portfolio, to: setup.portfolio)
        portfolio.evidence[0].files = []
        try PortfolioStore.save(portfolio, to: setup.portfolio)
        #expect(setup.stored() == [a.sha256], "the .bak still names it")
        let bak = try PortfolioStore.load(from: URL(fileURLWithPath: setup.portfolio.path + ".bak"))
        #expect(AttachmentFolder.check(bak, at: setup.portfolio).isEmpty, "going back to the .bak finds its files")
        try PortfolioStore.save(portfolio, to: setup.portfolio)
        #expect(setup.stored().isEmpty)
    }

    @Test func aBakThatCannotBeReadKeepsEveryFile() throws {
        let setup = try Setup()
        let a = try AttachmentFolder.store(try AttachmentFolder.inspect(try setup.write("a.pdf", "aaa")), beside: setup.portfolio)
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: setup.portfolio.path + ".bak"))
        #expect(AttachmentFolder.tidy(after: try PortfolioStore.load(from: setup.portfolio), savedTo: setup.portfolio).isEmpty)
        #expect(setup.stored() == [a.sha256])
    }

    @Test func tidyingLeavesOtherFilesAndLiveProcessesCopiesAlone() throws {
        let setup = try Setup()
        _ = try AttachmentFolder.store(try AttachmentFolder.inspect(try setup.write("a.pdf", "aaa")), beside: setup.portfolio)
        let mine = setup.files.appendingPathComponent(".incoming-\(getpid())-1")
        let dead = setup.files.appendingPathComponent(".incoming-999999999-1")
        let notes = setup.files.appendingPathComponent("README.txt")
        for url in [mine, dead, notes] { try Data("x".utf8).write(to: url) }
        let removed = AttachmentFolder.tidy(after: try PortfolioStore.load(from: setup.portfolio), savedTo: setup.portfolio)
        #expect(Set(removed) == [dead.lastPathComponent, SHA256.hex(Data("aaa".utf8))])
        #expect(setup.stored() == [mine.lastPathComponent, notes.lastPathComponent])
    }

    /// Random attach / detach / delete-item / kill-before-record sequences, each followed by a
    /// save: the folder always holds exactly the files the portfolio and its `.bak` name, and
    /// each holds its recorded content. Replay with MLCF_SEED=N.
    @Test func randomSequencesKeepTheFolderEqualToWhatThePortfolioAndBakName() throws {
        let seed = ProcessInfo.processInfo.environment["MLCF_SEED"].flatMap { UInt64($0) } ?? 1717
        print("generated: attachment sequences from seed \(seed) (MLCF_SEED=N replays another)")
        var random = SeededRandom(seed: seed)
        let setup = try Setup()
        var portfolio = try PortfolioStore.load(from: setup.portfolio)
        var stamp = try PortfolioStore.stamp(of: setup.portfolio)
        var previous = portfolio
        let contents = (0..<6).map { "content \($0)" }
        for step in 0..<120 {
            let choice = Int.random(in: 0..<10, using: &random)
            if choice < 4, !portfolio.evidence.isEmpty {
                let text = contents.randomElement(using: &random)!
                let file = try AttachmentFolder.store(
                    try AttachmentFolder.inspect(try setup.write("f\(step).pdf", text)), beside: setup.portfolio)
                portfolio.evidence[Int.random(in: 0..<portfolio.evidence.count, using: &random)].files.append(file)
            } else if choice < 7 {
                let withFiles = portfolio.evidence.indices.filter { !portfolio.evidence[$0].files.isEmpty }
                if let index = withFiles.randomElement(using: &random) {
                    portfolio.evidence[index].files.remove(at: Int.random(in: 0..<portfolio.evidence[index].files.count, using: &random))
                }
            } else if choice < 8, !portfolio.evidence.isEmpty {
                portfolio.evidence.remove(at: Int.random(in: 0..<portfolio.evidence.count, using: &random))
            } else if choice < 9 {
                // Copied in, then killed before it was recorded.
                _ = try AttachmentFolder.store(
                    try AttachmentFolder.inspect(try setup.write("lost\(step).pdf", contents.randomElement(using: &random)!)),
                    beside: setup.portfolio)
            } else {
                portfolio.evidence.append(Evidence(id: "ev-new-\(step)", title: "New", kind: .cpd, date: date("2026-01-01")))
            }
            guard case .saved(let next) = try PortfolioStore.save(portfolio, to: setup.portfolio, expecting: stamp) else {
                Issue.record("step \(step): the save was kept beside")
                return
            }
            stamp = next
            let expected = portfolio.attachedContent.union(previous.attachedContent)
            try #require(setup.stored() == expected, "step \(step), seed \(seed): folder \(setup.stored().sorted()) expected \(expected.sorted())")
            #expect(AttachmentFolder.check(portfolio, at: setup.portfolio).isEmpty, "step \(step), seed \(seed)")
            previous = portfolio
        }
    }
}
