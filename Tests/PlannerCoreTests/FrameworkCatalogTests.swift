import Foundation
import PlannerCore
import TestSupport
import Testing

@testable import PlannerModel

/// The catalog: the bundled frameworks plus the packs in `$XDG_DATA_HOME/mlcf/frameworks`,
/// each pack offered only when it passes its check and brings an id of its own.
@Suite struct FrameworkCatalogTests {
    static let fixtures = repositoryRoot.appendingPathComponent("Tests/fixtures")

    /// A temporary XDG_DATA_HOME with its (empty) pack folder.
    static func dataHome() throws -> (folder: TempFolder, packs: URL, environment: [String: String]) {
        let folder = TempFolder()
        let environment = ["XDG_DATA_HOME": folder.url.path, "HOME": "/nonexistent-home"]
        let packs = try #require(FrameworkCatalog.packFolder(environment: environment))
        try FileManager.default.createDirectory(at: packs, withIntermediateDirectories: true)
        return (folder, packs, environment)
    }

    @Test func thePackFolderFollowsXDGDataHome() {
        #expect(FrameworkCatalog.packFolder(environment: ["XDG_DATA_HOME": "/data", "HOME": "/h"])?.path == "/data/mlcf/frameworks")
        // Unset or relative: ignored, as the XDG rules say.
        #expect(FrameworkCatalog.packFolder(environment: ["HOME": "/h"])?.path == "/h/.local/share/mlcf/frameworks")
        #expect(FrameworkCatalog.packFolder(environment: ["XDG_DATA_HOME": "rel", "HOME": "/h"])?.path == "/h/.local/share/mlcf/frameworks")
        #expect(FrameworkCatalog.packFolder(environment: [:]) == nil)
    }

    @Test func withoutPacksOnlyTheBundledAreOffered() throws {
        let home = try Self.dataHome()
        let catalog = FrameworkCatalog.forUser(environment: home.environment)
        #expect(catalog.frameworks.map(\.id) == ["mlcf", "slf", "hlm"] && catalog.rejected.isEmpty)
        #expect(catalog.framework("hlm")?.title == "Healthcare Leadership Model" && catalog.framework("nope") == nil)
        let missing = FrameworkCatalog.forUser(environment: ["XDG_DATA_HOME": home.folder.url.path + "/absent"])
        #expect(missing.frameworks.count == 3 && missing.rejected.isEmpty)
    }

    @Test func aGoodPackIsOfferedAndABadOneRejectedWithItsProblems() throws {
        let home = try Self.dataHome()
        try FileManager.default.copyItem(
            at: Self.fixtures.appendingPathComponent("framework-pack-good.json"), to: home.packs.appendingPathComponent("good.json"))
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("framework-pack-bad.json"), to: home.packs.appendingPathComponent("bad.json"))
        try Data("not json, and not named .json".utf8).write(to: home.packs.appendingPathComponent("notes.txt"))
        let catalog = FrameworkCatalog.forUser(environment: home.environment)
        #expect(catalog.frameworks.map(\.id) == ["mlcf", "slf", "hlm", "fy-leadership"])
        let pack = try #require(catalog.framework("fy-leadership"))
        #expect(pack.levelNames == LevelNames(group: "theme", unit: "capability", leaf: nil) && pack.scale.count == 3)
        #expect(pack.elements.map(\.id) == ["T1.1", "T1.2", "T2.1"] && pack.groupID(containing: "T2.1") == "T2")
        #expect(catalog.packPaths["fy-leadership"] == home.packs.appendingPathComponent("good.json").path)
        #expect(catalog.rejected.map(\.path) == [home.packs.appendingPathComponent("bad.json").path])
        let problems = catalog.rejected.first?.problems ?? []
        #expect(problems.count == 6, "\(problems)")
        #expect(problems.contains { $0.hasPrefix(#"items[1].id: "1" is used twice"#) })
        #expect(problems.contains { $0.hasPrefix("scale: has 1 label") })
    }

    @Test func aPackTakingAnIdAlreadyOfferedIsRejected() throws {
        let home = try Self.dataHome()
        let clash = #"{"id": "hlm", "title": "Another HLM", "scale": ["a", "b"], "items": [{"id": "1", "name": "One"}]}"#
        try Data(clash.utf8).write(to: home.packs.appendingPathComponent("a-clash.json"))
        let good = try Data(contentsOf: Self.fixtures.appendingPathComponent("framework-pack-good.json"))
        try good.write(to: home.packs.appendingPathComponent("b-first.json"))
        try good.write(to: home.packs.appendingPathComponent("c-second.json"))
        let catalog = FrameworkCatalog.forUser(environment: home.environment)
        #expect(catalog.frameworks.map(\.id) == ["mlcf", "slf", "hlm", "fy-leadership"])
        #expect(catalog.framework("hlm")?.title == "Healthcare Leadership Model")
        #expect(catalog.rejected.count == 2)
        #expect(catalog.rejected.first?.problems == [#"id: "hlm" is already used by a bundled framework"#])
        #expect(catalog.rejected.last?.problems.first?.contains("already used by the pack \(home.packs.path)/b-first.json") == true)
    }

    /// Only regular files are read: a link to a pipe (which would block a reader) or a folder
    /// is refused at once, and so is a file over the size limit.
    @Test func linksToNonRegularFilesAndOversizedFilesAreRefused() throws {
        let home = try Self.dataHome()
        let fifo = home.folder.file("pipe")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        try FileManager.default.createSymbolicLink(at: home.packs.appendingPathComponent("pipe.json"), withDestinationURL: fifo)
        try FileManager.default.createSymbolicLink(at: home.packs.appendingPathComponent("folder.json"), withDestinationURL: home.folder.url)
        let big = home.packs.appendingPathComponent("big.json")
        try Data(count: Framework.packSizeLimit + 1).write(to: big)
        // A link to a good pack is a regular file, and is offered.
        try FileManager.default.createSymbolicLink(
            at: home.packs.appendingPathComponent("linked.json"), withDestinationURL: Self.fixtures.appendingPathComponent("framework-pack-good.json"))
        let started = Date()
        let catalog = FrameworkCatalog.forUser(environment: home.environment)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(catalog.frameworks.map(\.id) == ["mlcf", "slf", "hlm", "fy-leadership"])
        let reasons = Dictionary(uniqueKeysWithValues: catalog.rejected.map { (URL(fileURLWithPath: $0.path).lastPathComponent, $0.problems.joined()) })
        #expect(reasons.keys.sorted() == ["big.json", "folder.json", "pipe.json"])
        #expect(reasons["pipe.json"]?.contains("named pipe (FIFO), not a regular file") == true)
        #expect(reasons["folder.json"]?.contains("a folder, not a regular file") == true)
        #expect(reasons["big.json"]?.contains("larger than 4 MB") == true)
    }

    @Test func aPackFileThatIsNotJSONSaysWhere() throws {
        let home = try Self.dataHome()
        let file = home.packs.appendingPathComponent("broken.json")
        try Data("{\n  \"id\": \"x\",\n  \"title\": \"T\" \"scale\": []\n}".utf8).write(to: file)
        #expect {
            try Framework(contentsOf: file)
        } throws: { error in
            let text = "\(error)"
            return text.contains("not valid JSON") && text.contains("line 3")
        }
    }
}
