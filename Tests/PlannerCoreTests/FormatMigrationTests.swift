import Foundation
import PlannerCore
import TestSupport
import Testing

/// Format version 2 (issue 14): links and rating keys name their framework. A version-1 file
/// is read, migrated in memory with its meaning unchanged, and written as version 2 only when
/// the doctor next saves; the `.bak` then holds the version-1 bytes.
@Suite struct FormatMigrationTests {
    /// Every version-1 file the repository holds: the examples and the hostile golden as they
    /// were before version 2 (`Tests/fixtures/v1`), and the loader's corpus and regressions.
    static func versionOneFiles() throws -> [URL] {
        let folders = ["Tests/fixtures/v1", "Tests/fuzz/corpus-loader", "Tests/fuzz/regressions/loader"]
        var files: [URL] = []
        for folder in folders {
            let url = repositoryRoot.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() {
                let file = url.appendingPathComponent(name)
                guard let data = try? Data(contentsOf: file),
                    let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
                    object["schemaVersion"] as? Int == 1
                else { continue }
                files.append(file)
            }
        }
        return files
    }

    /// The portfolio as version 1 meant it: MLCF links without their prefix.
    static func asVersionOne(_ portfolio: Portfolio) -> Portfolio {
        func bare(_ link: String) -> String {
            FrameworkLink.frameworkID(link) == FrameworkLink.bareFramework ? String(FrameworkLink.localID(link)) : link
        }
        func bare(_ goals: [Goal]) -> [Goal] {
            goals.map {
                var goal = $0; goal.links = goal.links.map(bare); return goal
            }
        }
        func bare(_ ratings: [String: Rating]) -> [String: Rating] { Dictionary(uniqueKeysWithValues: ratings.map { (bare($0.key), $0.value) }) }
        var old = portfolio
        old.schemaVersion = 1
        old.profile.frameworks = []
        old.evidence = old.evidence.map {
            var item = $0; item.links = item.links.map(bare); return item
        }
        old.pdp = bare(old.pdp)
        old.previousPdp = bare(old.previousPdp)
        old.ratings = bare(old.ratings)
        old.history = old.history.map {
            var past = $0; past.pdp = bare(past.pdp); past.ratings = bare(past.ratings); return past
        }
        if let current = old.walkthrough?.currentElement { old.walkthrough?.currentElement = bare(current) }
        return old
    }

    @Test func everyVersionOneFileMigratesWithItsMeaningUnchanged() throws {
        let files = try Self.versionOneFiles()
        #expect(files.count >= 10, "the version-1 files were not found")
        for file in files {
            let data = try Data(contentsOf: file)
            // What the file says, read as it is (JSONDecoder does not migrate).
            guard let asWritten = try? JSONDecoder().decode(Portfolio.self, from: data) else { continue }
            let loaded = try PortfolioStore.load(from: file)
            #expect(loaded.schemaVersion == 2, "\(file.lastPathComponent)")
            #expect(loaded.profile.frameworks == ["mlcf"], "\(file.lastPathComponent)")
            let everyLink = loaded.evidence.flatMap(\.links) + (loaded.pdp + loaded.previousPdp).flatMap(\.links) + loaded.ratings.keys
            #expect(everyLink.allSatisfy(FrameworkLink.isQualified), "\(file.lastPathComponent): a link was left bare")
            #expect(Self.asVersionOne(loaded) == asWritten, "\(file.lastPathComponent): the migration changed more than the links")
        }
    }

    @Test func theExamplesAreTheirVersionOneFilesMigrated() throws {
        for name in ["undergraduate", "postgraduate", "continuing-practice", "gp-not-ready"] {
            let old = try PortfolioStore.load(from: repositoryRoot.appendingPathComponent("Tests/fixtures/v1/\(name).json"))
            // `bringForward` came after version 1; the continuing-practice example shows it on one item.
            var current = try example(name)
            for index in current.evidence.indices { current.evidence[index].bringForward = nil }
            #expect(old == current, "\(name)")
        }
        let hostile = try PortfolioStore.load(from: repositoryRoot.appendingPathComponent("Tests/fixtures/v1/hostile.json"))
        #expect(hostile == (try PortfolioStore.load(from: repositoryRoot.appendingPathComponent("Tests/golden/hostile.json"))))
    }

    @Test func loadingNeverWritesAndTheFirstSaveKeepsVersionOneInTheBak() throws {
        let folder = TempFolder()
        let url = folder.file("portfolio.json")
        let original = try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/fixtures/v1/postgraduate.json"))
        try original.write(to: url)
        let (portfolio, stamp) = try PortfolioStore.loadStamped(from: url)
        #expect(try Data(contentsOf: url) == original, "loading a version-1 file changed it")
        guard case .saved = try PortfolioStore.save(portfolio, to: url, expecting: stamp) else {
            Issue.record("the save did not go to the file")
            return
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: url.path + ".bak")) == original, "the .bak does not hold the version-1 bytes")
        let saved = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        #expect(saved["schemaVersion"] as? Int == 2)
        #expect(try PortfolioStore.load(from: url).content == portfolio)
    }

    @Test func aBareLinkInAVersionTwoFileMeansTheMLCF() throws {
        var text = String(decoding: try Data(contentsOf: repositoryRoot.appendingPathComponent("Resources/examples/postgraduate.json")), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"mlcf:3.2.b\"", with: "\"3.2.b\"")
        let portfolio = try PortfolioStore.decode(Data(text.utf8), path: "hand-edited.json")
        #expect(portfolio == (try example("postgraduate")))
    }

    @Test func aRatingKeyedBothWaysKeepsBothNotes() throws {
        var portfolio = Portfolio(profile: readyContinuingPortfolio().profile)
        portfolio.ratings = ["1.1": Rating(level: 2, note: "from the old key"), "mlcf:1.1": Rating(level: 3, note: "from the new key")]
        FormatMigration.upgrade(&portfolio)
        #expect(portfolio.ratings.count == 1)
        #expect(portfolio.ratings["mlcf:1.1"]?.level == 3)
        #expect(portfolio.ratings["mlcf:1.1"]?.note == "from the new key\n\nfrom the old key")
    }

    /// Generative: any portfolio, written as version 1 would have written it, loads as itself.
    @Test func generatedVersionOneFilesLoadAsTheirVersionTwoSelves() async throws {
        await Generated.check(fixedSeed: 1401, count: 200, maxLength: 700) { bytes in
            var choices = Choices(bytes)
            var portfolio = choices.portfolio()
            portfolio.profile.frameworks = ["mlcf"]
            // Version 1 could only hold MLCF links.
            portfolio.evidence = portfolio.evidence.map {
                var item = $0; item.links = item.links.filter { FrameworkLink.frameworkID($0) == "mlcf" }; return item
            }
            for index in portfolio.pdp.indices { portfolio.pdp[index].links.removeAll { FrameworkLink.frameworkID($0) != "mlcf" } }
            for index in portfolio.previousPdp.indices { portfolio.previousPdp[index].links.removeAll { FrameworkLink.frameworkID($0) != "mlcf" } }
            portfolio.history = []
            portfolio.ratings = portfolio.ratings.filter { FrameworkLink.frameworkID($0.key) == "mlcf" }
            if let current = portfolio.walkthrough?.currentElement, FrameworkLink.frameworkID(current) != "mlcf" { portfolio.walkthrough = nil }
            let versionOne = try PortfolioStore.encode(Self.asVersionOne(portfolio))
            #expect(try PortfolioStore.decode(versionOne, path: "generated-v1") == portfolio)
        }
    }
}
