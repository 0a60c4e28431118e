import Foundation
import PlannerCore
import TestSupport
import Testing

@testable import PlannerStorage

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 13, generative: random sequences of load, edit, save, another program replacing or
/// rewriting the file, planted links, failed and too-large saves and saves killed midway,
/// checked after every step against a plain model of what must be where: no accepted edit
/// and no other program's version is ever lost, the file always parses, and no link's
/// target is ever touched. Fixed seeds in `make test`; a failure prints the steps and its
/// case's seed, shrunk, and `MLCF_SEED=N` replays it; `MLCF_SOAK=N` runs N times more.
@Suite struct StoreModelTests {
    enum Step: CaseIterable { case edit, save, otherReplaces, otherRewritesInPlace, otherRemoves, reload, plantLink, failedSave, tooLargeSave, killedSave }

    /// What must be true, kept without any of the store's code.
    struct Model {
        /// The bytes that must be at the path (nil: no file).
        var disk: Data?
        /// The editor's portfolio and the stamp of what it loaded or saved last.
        var ours: Portfolio
        var stamp: FileStamp?
        /// Another program wrote since: the next save must keep ours beside it.
        var otherWrote = false
        /// Files kept beside, with the bytes each must keep.
        var beside: [URL: Data] = [:]
        /// Link targets, with the bytes and mode each must keep.
        var targets: [URL: (Data, mode_t)] = [:]
    }

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        lstat(path, &info)
        return info.st_mode & 0o7777
    }

    @Test func noEditAndNoOtherWritersVersionIsEverLost() async throws {
        await Generated.check(fixedSeed: 1303, count: 40, maxLength: 400) { bytes in
            try Self.run(bytes)
        }
    }

    static func run(_ bytes: [UInt8]) throws {
        var choices = Choices(bytes)
        let folder = TempFolder()
        let url = folder.file("portfolio.json")
        var first = choices.portfolio()
        first.evidence.append(choices.evidence(id: "ev-first"))
        try PortfolioStore.create(first, at: url)
        let loaded = try PortfolioStore.loadStamped(from: url)
        var model = Model(disk: try Data(contentsOf: url), ours: loaded.portfolio, stamp: loaded.stamp)
        var log: [String] = []
        for _ in 0..<(3 + choices.next(20)) {
            let step = choices.pick(Step.allCases)
            log.append("\(step)")
            try perform(step, &model, &choices, url, folder)
            check(model, url, log)
        }
    }

    static func perform(_ step: Step, _ model: inout Model, _ choices: inout Choices, _ url: URL, _ folder: TempFolder) throws {
        switch step {
        case .edit:
            switch choices.next(3) {
            case 0: model.ours.evidence.append(choices.evidence(id: "ev-new-\(model.ours.evidence.count)-" + choices.text(2)))
            case 1 where !model.ours.evidence.isEmpty: model.ours.evidence[choices.next(model.ours.evidence.count)].title = choices.text()
            default: if !model.ours.evidence.isEmpty { model.ours.evidence.remove(at: choices.next(model.ours.evidence.count)) }
            }
        case .save:
            guard let stamp = model.stamp else { return }
            // A save writes the portfolio with its recorded history (`versions`, issue 18).
            let expected = try PortfolioStore.encode(model.ours.content)
            switch try PortfolioStore.save(model.ours, to: url, expecting: stamp) {
            case .saved(let next):
                #expect(!model.otherWrote, "wrote over another program's version")
                model.disk = try PortfolioStore.encode(VersionLineage.recording(next.lineage ?? [], in: model.ours))
                model.stamp = next
            case .keptBeside(let beside, _):
                #expect(model.otherWrote, "kept beside a file nobody else had touched")
                #expect(model.beside[beside] == nil, "a kept version was written over")
                let written = FileManager.default.contents(atPath: beside.path)
                #expect(written.map(withoutVersions) == expected, "the version kept beside is not ours")
                model.beside[beside] = written
            }
        case .otherReplaces:
            let theirs = try PortfolioStore.encode(choices.portfolio())
            let temp = folder.file("other-\(choices.next(1000)).tmp")
            try theirs.write(to: temp)
            #expect(rename(temp.path, url.path) == 0)
            model.disk = theirs
            model.otherWrote = true
        case .otherRewritesInPlace:
            guard var bytes = model.disk, let at = bytes.firstRange(of: Data("\"id\" : \"".utf8)) else { return }
            // Another valid file of the same size, with the modification time put back.
            let index = at.upperBound
            guard bytes[index] != UInt8(ascii: "\"") && bytes[index] != UInt8(ascii: "\\") && bytes[index] < 0x80 else { return }
            bytes[index] = bytes[index] == UInt8(ascii: "Q") ? UInt8(ascii: "R") : UInt8(ascii: "Q")
            var info = stat()
            lstat(url.path, &info)
            let fd = open(url.path, O_WRONLY)
            _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
            var times = [info.st_atim, info.st_mtim]
            futimens(fd, &times)
            close(fd)
            model.disk = bytes
            model.otherWrote = true
        case .otherRemoves:
            guard model.disk != nil else { return }
            unlink(url.path)
            model.disk = nil
            model.otherWrote = true
        case .reload:
            guard model.disk != nil else {
                #expect(throws: StoreError.notFound(path: url.path)) { _ = try PortfolioStore.loadStamped(from: url) }
                return
            }
            let (portfolio, stamp) = try PortfolioStore.loadStamped(from: url)
            model.ours = portfolio
            model.stamp = stamp
            model.otherWrote = false
        case .plantLink:
            let target = folder.file("target-\(model.targets.count).txt")
            try Data("not the planner's: \(choices.text())".utf8).write(to: target)
            chmod(target.path, 0o644)
            model.targets[target] = (try Data(contentsOf: target), 0o644)
            let lockPath = PortfolioLock.lockPath(for: url)
            switch choices.next(3) {
            case 0:
                #expect(symlink(choices.chance(2) ? url.path : target.path, lockPath) == 0)
                #expect(throws: StoreError.self) { _ = try PortfolioLock(for: url) }
                unlink(lockPath)
            case 1:
                unlink(url.path + ".bak")
                #expect(symlink(target.path, url.path + ".bak") == 0)
            default:
                #expect(symlink(target.path, folder.url.path + "/.portfolio.json.tmp-999999-\(choices.next(100))") == 0)
            }
        case .failedSave, .tooLargeSave:
            guard let stamp = model.stamp else { return }
            #expect(throws: StoreError.self) {
                if step == .failedSave {
                    try AtomicFile.$injectedFault.withValue(.beforeRename) { _ = try PortfolioStore.save(model.ours, to: url, expecting: stamp) }
                } else {
                    try PortfolioStore.$saveLimit.withValue(64) { _ = try PortfolioStore.save(model.ours, to: url, expecting: stamp) }
                }
            }
        case .killedSave:
            // What a save killed midway leaves: a part-written temporary file of a process that is gone.
            let leftover = folder.url.path + "/.portfolio.json.tmp-999998-\(choices.next(1000))"
            try Data((try PortfolioStore.encode(model.ours)).prefix(choices.next(500))).write(to: URL(fileURLWithPath: leftover))
        }
    }

    static func check(_ model: Model, _ url: URL, _ log: [String]) {
        let steps = log.joined(separator: ", ")
        let onDisk = FileManager.default.contents(atPath: url.path)
        #expect(onDisk == model.disk, "the file is not what it must be after: \(steps)")
        if onDisk != nil {
            #expect((try? PortfolioStore.load(from: url)) != nil, "the file does not parse after: \(steps)")
        }
        for (beside, bytes) in model.beside {
            #expect(FileManager.default.contents(atPath: beside.path) == bytes, "a version kept beside was lost after: \(steps)")
            #expect(mode(beside.path) == 0o600)
        }
        for (target, (bytes, mode)) in model.targets {
            #expect(FileManager.default.contents(atPath: target.path) == bytes, "a link's target was written after: \(steps)")
            #expect(Self.mode(target.path) == mode, "a link's target had its mode changed after: \(steps)")
        }
    }
}
