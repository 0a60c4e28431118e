import Foundation
import PlannerCore
import Testing

@testable import PlannerExport
@testable import PlannerModel
@testable import PlannerRules
@testable import PlannerStorage

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 13: a file changed by another program is never written over (2), links are never
/// followed (3), unknown fields are kept (4), duplicate keys are refused (5), numbers never
/// trap (6), a save is never a copy of unverified bytes and never larger than the reader
/// takes, and every message names the file, the place and the fix (11).
@Suite struct StoreSafetyTests {
    static func mode(_ path: String) -> mode_t {
        var info = stat()
        lstat(path, &info)
        return info.st_mode & 0o7777
    }

    static func bytes(_ url: URL) -> Data? { FileManager.default.contents(atPath: url.path) }

    // MARK: 2 — another writer

    @Test func aFileReplacedByAnotherProgramIsKeptAndOursGoesBeside() throws {
        let folder = TempFolder()
        let url = folder.file("portfolio.json")
        try PortfolioStore.create(readyContinuingPortfolio(), at: url)
        var (mine, stamp) = try PortfolioStore.loadStamped(from: url)
        mine.profile.grade = "Mine"
        guard case .saved(let next) = try PortfolioStore.save(mine, to: url, expecting: stamp) else {
            Issue.record("an unchanged file was not saved"); return
        }
        stamp = next
        let backupAfterFirstSave = Self.bytes(URL(fileURLWithPath: url.path + ".bak"))
        // Another program replaces the file (atomic rename of its own version).
        var theirs = readyContinuingPortfolio()
        theirs.profile.grade = "Theirs"
        try PortfolioStore.encode(theirs).write(to: folder.file("other.tmp"))
        #expect(rename(folder.file("other.tmp").path, url.path) == 0)
        let theirBytes = Self.bytes(url)
        mine.profile.grade = "Mine, again"
        let outcome = try PortfolioStore.save(mine, to: url, expecting: stamp)
        guard case .keptBeside(let beside, let current) = outcome else { Issue.record("wrote over another program's file: \(outcome)"); return }
        #expect(Self.bytes(url) == theirBytes, "the other program's file must be left exactly as it is")
        #expect(Self.bytes(URL(fileURLWithPath: url.path + ".bak")) == backupAfterFirstSave, "its .bak must not move on")
        #expect(try PortfolioStore.load(from: beside).content == mine.content)
        #expect(beside.deletingLastPathComponent().path == folder.url.path)
        #expect(beside.lastPathComponent.hasPrefix("portfolio.mine-") && beside.lastPathComponent.hasSuffix(".json"), "\(beside.lastPathComponent)")
        #expect(Self.mode(beside.path) == 0o600)
        #expect(current == (try PortfolioStore.loadStamped(from: url).stamp))
        // A second refusal picks another name; the first sibling stays.
        guard case .keptBeside(let second, _) = try PortfolioStore.save(mine, to: url, expecting: stamp) else { Issue.record("overwrote"); return }
        #expect(second != beside && FileManager.default.fileExists(atPath: beside.path))
    }

    @Test func aRewriteInPlaceWithTheSameSizeAndTimeIsNoticed() throws {
        let folder = TempFolder()
        let url = folder.file("p.json")
        try PortfolioStore.create(readyContinuingPortfolio(), at: url)
        let (mine, stamp) = try PortfolioStore.loadStamped(from: url)
        var text = try #require(Self.bytes(url))
        let at = try #require(text.firstRange(of: Data("Dr Test Person".utf8)))
        text[at.lowerBound + 3] = UInt8(ascii: "B")  // same size
        var info = stat()
        lstat(url.path, &info)
        let fd = open(url.path, O_WRONLY)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        var times = [info.st_atim, info.st_mtim]
        futimens(fd, &times)  // the modification time put back
        close(fd)
        let rewritten = Self.bytes(url)
        guard case .keptBeside = try PortfolioStore.save(mine, to: url, expecting: stamp) else { Issue.record("wrote over a rewritten file"); return }
        #expect(Self.bytes(url) == rewritten)
    }

    @Test func aTouchedButIdenticalFileIsStillTheOneExpected() throws {
        let folder = TempFolder()
        let url = folder.file("p.json")
        try PortfolioStore.create(readyContinuingPortfolio(), at: url)
        var (mine, stamp) = try PortfolioStore.loadStamped(from: url)
        // Copied over with the same bytes: another inode, other times, same content.
        try #require(Self.bytes(url)).write(to: folder.file("copy"))
        #expect(rename(folder.file("copy").path, url.path) == 0)
        mine.profile.grade = "Changed"
        guard case .saved = try PortfolioStore.save(mine, to: url, expecting: stamp) else { Issue.record("same bytes taken as another file"); return }
        #expect(try PortfolioStore.load(from: url).content == mine.content)
        _ = stamp
        stamp = try PortfolioStore.loadStamped(from: url).stamp
        #expect(!PortfolioStore.hasChanged(url, since: stamp))
    }

    @Test func aVanishedFileIsNotRecreated() throws {
        let folder = TempFolder()
        let url = folder.file("p.json")
        try PortfolioStore.create(readyContinuingPortfolio(), at: url)
        let (mine, stamp) = try PortfolioStore.loadStamped(from: url)
        #expect(unlink(url.path) == 0)
        guard case .keptBeside(let beside, nil) = try PortfolioStore.save(mine, to: url, expecting: stamp) else { Issue.record("recreated"); return }
        #expect(!FileManager.default.fileExists(atPath: url.path))
        #expect(try PortfolioStore.load(from: beside).content == mine.content)
    }

    // MARK: 3 — links are never followed

    @Test(arguments: ["other", "portfolio"])
    func aLockFileThatIsALinkIsRefusedAndItsTargetUntouched(_ pointsAt: String) throws {
        let folder = TempFolder()
        let url = folder.file("p.json")
        try PortfolioStore.create(readyContinuingPortfolio(), at: url)
        let target = pointsAt == "portfolio" ? url : folder.file("other.txt")
        if pointsAt == "other" { try Data("precious".utf8).write(to: target); chmod(target.path, 0o644) }
        let before = Self.bytes(target), modeBefore = Self.mode(target.path)
        let lockPath = PortfolioLock.lockPath(for: url)
        #expect(symlink(target.path, lockPath) == 0)
        #expect {
            _ = try PortfolioLock(for: url)
        } throws: { error in
            let text = "\(error)"
            return text.contains(lockPath) && text.contains("symbolic link") && text.contains("nothing was changed")
        }
        #expect(Self.bytes(target) == before, "the link's target was written")
        #expect(Self.mode(target.path) == modeBefore, "the link's target had its mode changed")
    }

    @Test func aLockFileThatIsAHardLinkToThePortfolioIsRefused() throws {
        let folder = TempFolder()
        let url = folder.file("p.json")
        try PortfolioStore.create(readyContinuingPortfolio(), at: url)
        let before = Self.bytes(url)
        #expect(link(url.path, PortfolioLock.lockPath(for: url)) == 0)
        #expect(throws: StoreError.self) { _ = try PortfolioLock(for: url) }
        #expect(Self.bytes(url) == before)
    }

    @Test func aLockIsCreatedOwnerOnlyAndReused() throws {
        let folder = TempFolder()
        let url = folder.file("p.json")
        do { let lock = try PortfolioLock(for: url); lock.release() }
        #expect(Self.mode(PortfolioLock.lockPath(for: url)) == 0o600)
        let lock = try PortfolioLock(for: url)
        #expect(throws: StoreError.self) { _ = try PortfolioLock(for: url) }
        lock.release()
    }

    @Test func plantedLinksAtTheTemporaryAndBackupNamesAreNeverFollowed() throws {
        let folder = TempFolder()
        let url = folder.file("p.json")
        try PortfolioStore.create(readyContinuingPortfolio(), at: url)
        let target = folder.file("target.txt")
        try Data("do not touch".utf8).write(to: target)
        chmod(target.path, 0o644)
        // A leftover-looking temporary name of a process that is gone, and the backup name.
        #expect(symlink(target.path, folder.url.path + "/.p.json.tmp-999999-1") == 0)
        #expect(symlink(target.path, url.path + ".bak") == 0)
        var portfolio = readyContinuingPortfolio()
        portfolio.profile.grade = "New"
        try PortfolioStore.save(portfolio, to: url)
        #expect(Self.bytes(target) == Data("do not touch".utf8))
        #expect(Self.mode(target.path) == 0o644)
        // The rename replaced the link at `.bak` itself, with the previous version.
        var info = stat()
        lstat(url.path + ".bak", &info)
        #expect(info.st_mode & S_IFMT == S_IFREG)
        #expect(try PortfolioStore.load(from: URL(fileURLWithPath: url.path + ".bak")).profile.grade == "Consultant")
    }

    @Test func aFolderAtTheBackupNameIsRefusedClearly() throws {
        let folder = TempFolder()
        let url = folder.file("p.json")
        try PortfolioStore.create(readyContinuingPortfolio(), at: url)
        try FileManager.default.createDirectory(atPath: url.path + ".bak", withIntermediateDirectories: false)
        let before = Self.bytes(url)
        #expect(throws: StoreError.unsafeFile(path: url.path + ".bak", what: "a folder")) { try PortfolioStore.save(readyContinuingPortfolio(), to: url) }
        #expect(Self.bytes(url) == before)
    }

    @Test func aBackupOfAFileOthersMayReadIsAPrivateCopyAndTheFileKeepsItsMode() throws {
        let folder = TempFolder()
        let url = folder.file("p.json")
        try PortfolioStore.encode(readyContinuingPortfolio()).write(to: url)
        chmod(url.path, 0o644)
        let second = folder.file("elsewhere.json")
        #expect(link(url.path, second.path) == 0)
        try PortfolioStore.save(readyContinuingPortfolio(), to: url)
        #expect(Self.mode(second.path) == 0o644, "a file this program did not create had its mode changed")
        #expect(Self.mode(url.path + ".bak") == 0o600)
    }

    @Test func privateFileReadRefusesLinksPipesOthersAndLargeFiles() throws {
        let folder = TempFolder()
        let plain = folder.file("draft.json")
        try Data("{}".utf8).write(to: plain)
        #expect(try PrivateFile.read(plain, limit: 10) == Data("{}".utf8))
        #expect(throws: StoreError.tooLarge(path: plain.path, bytes: 2)) { try PrivateFile.read(plain, limit: 1) }
        let link = folder.file("link.json")
        #expect(symlink(plain.path, link.path) == 0)
        #expect { try PrivateFile.read(link, limit: 100) } throws: { "\($0)".contains("symbolic link") && "\($0)".contains(link.path) }
        let fifo = folder.file("fifo")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        #expect { try PrivateFile.read(fifo, limit: 100) } throws: { "\($0)".contains("named pipe") }
        #expect(throws: StoreError.notFound(path: folder.file("none").path)) { try PrivateFile.read(folder.file("none"), limit: 1) }
        if geteuid() == 0 {
            chown(plain.path, 12345, 12345)
            #expect { try PrivateFile.read(plain, limit: 100) } throws: { "\($0)".contains("another user") }
        }
    }

    // MARK: 4 — unknown fields

    static let unknownEverywhere: String = {
        var text = String(decoding: try! PortfolioStore.encode(readyContinuingPortfolio()), as: UTF8.self)
        func after(_ marker: String, _ insert: String) {
            let range = text.range(of: marker)!
            text.insert(contentsOf: insert, at: range.upperBound)
        }
        after("{\n", "\"future\" : {\"nested\" : [1, 2.5, -9007199254740993, true, null, \"é\\\"\"]},\n")
        after("\"profile\" : {", "\"pronouns\" : \"they\",")
        after("\"evidence\" : [\n    {", "\"mood\" : 9223372036854775807,")
        after("\"reflection\" : {", "\"audio\" : [],")
        after("\"confirmation\" : {", "\"signature\" : {},")
        after("\"scopeOfWork\" : [\n      {", "\"hours\" : 0.1,")
        after("\"mlcf:1.1\" : {", "\"confidence\" : false,")
        after("\"pdp\" : [\n    {", "\"colour\" : \"blue\",")
        after("\"previousPdp\" : [\n    {", "\"colour\" : null,")
        return text
    }()

    @Test func unknownFieldsAtEveryLevelSurviveASave() throws {
        let data = Data(Self.unknownEverywhere.utf8)
        #expect(FastDecoder.decode(data) == nil, "the fast reader must leave unknown fields to JSONDecoder")
        let portfolio = try PortfolioStore.decode(data, path: "p.json")
        #expect(
            portfolio.unknownFields["future"]
                == .object(["nested": .array([.int(1), .double(2.5), .int(-9007199254740993), .bool(true), .null, .string("é\"")])]))
        #expect(portfolio.evidence[0].unknownFields["mood"] == .int(Int64.max))
        #expect(
            portfolio.unknownFieldPlaces == [
                "future", "profile.pronouns", "profile.scopeOfWork[0].hours", "evidence[0].mood",
                "evidence[0].reflection.audio", "evidence[0].confirmation.signature",
                "ratings.mlcf:1.1.confidence", "pdp[0].colour", "previousPdp[0].colour",
            ])
        let folder = TempFolder()
        let url = folder.file("p.json")
        try data.write(to: url)
        try PortfolioStore.save(try PortfolioStore.load(from: url), to: url)
        let again = try PortfolioStore.load(from: url)
        #expect(again.content == portfolio)
        let saved = try #require(Self.bytes(url))
        let object = try #require(try JSONSerialization.jsonObject(with: saved) as? [String: Any])
        #expect((object["profile"] as? [String: Any])?["pronouns"] as? String == "they")
        var without = portfolio
        without.evidence[0].unknownFields = [:]
        #expect(without != portfolio, "equality must include unknown fields")
    }

    @Test func validateListsUnknownFieldsAsInformation() throws {
        let portfolio = try PortfolioStore.decode(Data(Self.unknownEverywhere.utf8), path: "p.json")
        let report = Validator(framework: .mlcf, catalog: .bundled).validate(portfolio, today: fixedToday)
        let unknown = report.findings.filter { $0.code == "unknown-field" }
        #expect(unknown.count == 9)
        #expect(unknown.allSatisfy { $0.severity == .info })
        #expect(unknown.contains { $0.message.contains("evidence[0].mood") })
    }

    // MARK: 5 — duplicate keys

    @Test func duplicateKeysAreRefusedWithLineAndColumn() throws {
        let text = String(decoding: try PortfolioStore.encode(readyContinuingPortfolio()), as: UTF8.self)
        let doubled = text.replacingOccurrences(of: "\"pdp\" : [", with: "\"evidence\" : [],\n  \"pdp\" : [")
        let folder = TempFolder()
        let url = folder.file("p.json")
        try Data(doubled.utf8).write(to: url)
        let line = doubled.prefix(upTo: doubled.range(of: "\"evidence\" : [],")!.lowerBound).filter { $0 == "\n" }.count + 1
        #expect(throws: StoreError.duplicateKey(path: url.path, key: "evidence", line: line, column: 3)) { try PortfolioStore.load(from: url) }
        #expect(Self.bytes(url) == Data(doubled.utf8))
        let message = "\(StoreError.duplicateKey(path: url.path, key: "evidence", line: line, column: 3))"
        #expect(message.contains("the key \"evidence\" appears twice (line \(line), column 3)"))
        // Deep inside, and written with an escape: the same key.
        let deep = text.replacingOccurrences(of: "\"title\" : \"Evidence for 1.1\"", with: "\"title\" : \"Evidence for 1.1\", \"t\\u0069tle\" : \"x\"")
        #expect(FastDecoder.decode(Data(deep.utf8)) == nil)
        #expect { try PortfolioStore.decode(Data(deep.utf8), path: "p") } throws: {
            ($0 as? StoreError).map { if case .duplicateKey(_, "title", _, _) = $0 { true } else { false } } ?? false
        }
    }

    // MARK: 6 — numbers

    @Test(arguments: ["1e19", "-1e19", "-0.5", "1000.5", "1e308"])
    func absurdCreditsAreRefusedWithThePlace(_ literal: String) throws {
        let text = String(decoding: try PortfolioStore.encode(readyContinuingPortfolio()), as: UTF8.self)
            .replacingOccurrences(of: "\"cpdCredits\" : 20", with: "\"cpdCredits\" : \(literal)")
        #expect(FastDecoder.decode(Data(text.utf8)) == nil)
        #expect {
            try PortfolioStore.decode(Data(text.utf8), path: "p.json")
        } throws: { error in
            guard case .invalidContent(_, let location, let detail) = error as? StoreError else { return false }
            return location == "evidence[0].cpdCredits" && detail.contains("CPD credits") && detail.contains("line ")
        }
    }

    @Test(arguments: ["1e-400", "2.0", "3e0", "10", "-1", "99999999999999999999"])
    func ratingLevelsMustBeWholeAndOnTheScale(_ literal: String) throws {
        let text = String(decoding: try PortfolioStore.encode(readyContinuingPortfolio()), as: UTF8.self)
        let range = try #require(text.range(of: "\"level\" : 3"))
        let edited = text.replacingCharacters(in: range, with: "\"level\" : \(literal)")
        #expect(FastDecoder.decode(Data(edited.utf8)) == nil)
        #expect {
            try PortfolioStore.decode(Data(edited.utf8), path: "p.json")
        } throws: { error in
            guard case .invalidContent(_, let location, _) = error as? StoreError else { return false }
            return location == "ratings.mlcf:1.1.level"
        }
    }

    @Test func numbersAreFormattedWithoutTrapping() {
        #expect(PlainText.number(1e19) == "10000000000000000000")
        #expect(PlainText.number(-1e19) == "-10000000000000000000")
        #expect(PlainText.number(6.5) == "6.5")
        #expect(PlainText.number(12) == "12")
        #expect(PlainText.number(1.25) == "1.25" && PlainText.number(0.25) == "0.25" && PlainText.number(20.004) == "20")
        #expect(PlainText.number(.infinity) == "inf")
        #expect(CheckContext.whole(1e300) == Int.max)
        // Neither the validator nor the export traps on a portfolio built in memory with huge credits.
        var portfolio = readyContinuingPortfolio()
        portfolio.evidence[0].cpdCredits = 1e19
        portfolio.evidence[1].cpdCredits = -1e19
        _ = Validator(framework: .mlcf, catalog: .bundled).validate(portfolio, today: fixedToday)
        _ = ExportContext.number(1e300)
    }

    @Test func aSaveLargerThanTheReaderTakesIsRefusedAndTheOldFileKept() throws {
        let folder = TempFolder()
        let url = folder.file("p.json")
        try PortfolioStore.create(readyContinuingPortfolio(), at: url)
        let before = Self.bytes(url)
        let stamp = try PortfolioStore.loadStamped(from: url).stamp
        var big = readyContinuingPortfolio()
        big.profile.achievements = String(repeating: "x", count: 20_000)
        // A save records one new version id (16 characters) in `versions`.
        let size = try PortfolioStore.encode(VersionLineage.recording([VersionLineage.freshID()], in: big)).count
        try PortfolioStore.$saveLimit.withValue(16_000) {
            #expect(throws: StoreError.tooLargeToSave(path: url.path, bytes: size, limit: 16_000)) {
                try PortfolioStore.save(big, to: url)
            }
            #expect(throws: StoreError.self) { _ = try PortfolioStore.save(big, to: url, expecting: stamp) }
        }
        #expect(Self.bytes(url) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["p.json"])
    }

    // MARK: 11 — nothing copied; messages with a place

    @Test func aRewriteInPlaceCanNeverMakeASaveWriteInvalidJSON() throws {
        // The reproduction of issue 13: load, another program rewrites the file in place with
        // the same size and puts its modification time back, then the planner saves.
        let folder = TempFolder()
        let url = folder.file("p.json")
        try PortfolioStore.create(readyContinuingPortfolio(), at: url)
        var portfolio = try PortfolioStore.load(from: url)
        var info = stat()
        lstat(url.path, &info)
        var garbage = try #require(Self.bytes(url))
        for index in stride(from: 200, to: garbage.count - 200, by: 7) { garbage[index] = UInt8(ascii: "{") }
        let fd = open(url.path, O_WRONLY)
        _ = garbage.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        var times = [info.st_atim, info.st_mtim]
        futimens(fd, &times)
        close(fd)
        portfolio.evidence[3].title = "Edited after the rewrite"
        try PortfolioStore.save(portfolio, to: url)
        #expect(try PortfolioStore.load(from: url).content == portfolio.content)
        #expect(Self.bytes(url).map(withoutVersions) == (try PortfolioStore.encode(portfolio.content)))
    }

    @Test func aHalfCharacterEscapeNamesThePlaceAndTheFix() throws {
        let text = String(decoding: try PortfolioStore.encode(readyContinuingPortfolio()), as: UTF8.self)
            .replacingOccurrences(of: "\"title\" : \"Evidence for 1.3\"", with: "\"title\" : \"Evidence \\udc00 for 1.3\"")
        #expect {
            try PortfolioStore.decode(Data(text.utf8), path: "p.json")
        } throws: { error in
            let message = "\(error)"
            return message.contains("p.json") && message.contains("evidence[2].title") && message.contains("\\udc00")
                && message.contains("line ") && message.contains("remove it")
        }
    }
}

/// Both readers take strings from one tokenizer (`JSONCursor`): the fast reader strictly, the
/// scan before JSONDecoder leniently. Each keeps its own judgement of what it reads.
extension StoreSafetyTests {
    static let plain = String(decoding: (try? PortfolioStore.encode(readyContinuingPortfolio())) ?? Data(), as: UTF8.self)

    /// The text with the first item's title written as `title` (JSON, between the quotes).
    static func titled(_ title: String) -> Data {
        Data(plain.replacingOccurrences(of: "\"title\" : \"Evidence for 1.1\"", with: "\"title\" : \"\(title)\"").utf8)
    }

    @Test(arguments: ["x\\ud83d", "\\ud83dx", "\\ud83d\\u0041", "\\ude00", "\\uD83D\\uD83D"])
    func everyHalfCharacterIsFoundWhereItIs(_ title: String) throws {
        let data = Self.titled(title)
        #expect(FastDecoder.decode(data) == nil)
        let problem = try #require(JSONScan.problem(in: data))
        guard case .halfCharacter(let location, let escape, let offset) = problem else {
            Issue.record("\(problem)"); return
        }
        #expect(location.hasPrefix("evidence[") && location.hasSuffix("].title"))
        #expect(escape.lowercased() == (title.contains("ude00") ? "\\ude00" : "\\ud83d"))
        #expect(data[offset] == UInt8(ascii: "\\"))
    }

    @Test func aHalfCharacterInAKeyIsPlacedInItsObject() throws {
        let data = Data(Self.plain.replacingOccurrences(of: "\"profile\" : {", with: "\"profile\" : {\"a\\udc00\" : 1,").utf8)
        #expect(FastDecoder.decode(data) == nil)
        guard case .halfCharacter(let location, _, _) = try #require(JSONScan.problem(in: data)) else {
            Issue.record("not a half character"); return
        }
        #expect(location.hasPrefix("a key in profile"))
    }

    @Test func wholeCharactersWrittenAsEscapesReadTheSameByBothReaders() throws {
        let data = Self.titled("\\ud83d\\ude00 \\u00e9\\u00E9 \\/ \\b\\f\\n\\r\\t \\\" \\\\")
        #expect(JSONScan.problem(in: data) == nil)
        let fast = try #require(FastDecoder.decode(data))
        #expect(fast.evidence.contains { $0.title == "😀 éé / \u{08}\u{0C}\n\r\t \" \\" })
        #expect(fast == (try? PortfolioStore.decodeWithFoundation(data, path: "x")))
    }

    @Test func aControlCharacterInAStringIsTheDecodersToJudgeNotTheScans() throws {
        // The fast reader refuses it; the scan reads past it and still finds a later duplicate key.
        let data = Data(
            Self.plain.replacingOccurrences(
                of: "\"title\" : \"Evidence for 1.1\"",
                with: "\"title\" : \"Evidence\tfor 1.1\", \"title\" : \"again\""
            ).utf8)
        #expect(FastDecoder.decode(data) == nil)
        guard case .duplicateKey(let key, _) = try #require(JSONScan.problem(in: data)) else {
            Issue.record("not a duplicate key"); return
        }
        #expect(key == "title")
    }
}
