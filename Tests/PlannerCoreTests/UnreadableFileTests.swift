import Foundation
import PlannerCore
import Testing

/// Each kind of unreadable file gives a clear error naming the file (and where it broke),
/// and the file is left exactly as it was.
@Suite struct UnreadableFileTests {
    func loadError(_ bytes: Data, name: String = "broken.json") throws -> (StoreError, URL, Data) {
        let folder = TempFolder()
        let url = folder.file(name)
        try bytes.write(to: url)
        do {
            _ = try PortfolioStore.load(from: url)
            Issue.record("expected \(name) to be refused")
            throw CancellationError()
        } catch let error as StoreError {
            #expect(try Data(contentsOf: url) == bytes, "the file must not be changed")
            #expect(error.description.contains(url.path), "the message names the file: \(error)")
            return (error, url, bytes)
        }
    }

    func valid() throws -> Data { try PortfolioStore.encode(readyContinuingPortfolio()) }

    @Test func empty() throws {
        let (error, _, _) = try loadError(Data())
        guard case .empty = error else { Issue.record("\(error)"); return }
    }

    @Test func notJSON() throws {
        let (error, _, _) = try loadError(Data("hello, appraiser".utf8))
        guard case .invalidJSON = error else { Issue.record("\(error)"); return }
    }

    @Test func truncatedAtManyOffsets() throws {
        let data = try valid()
        for cut in stride(from: 1, to: data.count - 2, by: max(1, data.count / 25)) {
            let (error, _, _) = try loadError(data.prefix(cut))
            switch error {
            case .invalidJSON, .invalidContent: break
            default: Issue.record("cut at \(cut): \(error)")
            }
        }
    }

    @Test func wrongTypesNameThePath() throws {
        var text = String(decoding: try valid(), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"title\" : \"Evidence for 1.2\"", with: "\"title\" : 42")
        let (error, _, _) = try loadError(Data(text.utf8))
        guard case .invalidContent(_, let location, let detail) = error else { Issue.record("\(error)"); return }
        #expect(location == "evidence[1].title")
        #expect(detail.contains("text"))
    }

    @Test func impossibleDateNamesThePath() throws {
        let text = String(decoding: try valid(), as: UTF8.self).replacingOccurrences(
            of: "\"periodStart\" : \"2025-10-01\"", with: "\"periodStart\" : \"2025-02-30\"")
        let (error, _, _) = try loadError(Data(text.utf8))
        guard case .invalidContent(_, let location, let detail) = error else { Issue.record("\(error)"); return }
        #expect(location == "profile.periodStart")
        #expect(detail.contains("2025-02-30"))
    }

    @Test func missingRequiredField() throws {
        let text = String(decoding: try valid(), as: UTF8.self).replacingOccurrences(of: "\"name\" : \"Dr Test Person\",", with: "")
        let (error, _, _) = try loadError(Data(text.utf8))
        guard case .invalidContent(_, let location, let detail) = error else { Issue.record("\(error)"); return }
        #expect(location == "profile")
        #expect(detail.contains("“name”"))
    }

    @Test func futureSchemaVersion() throws {
        let text = String(decoding: try valid(), as: UTF8.self).replacingOccurrences(
            of: "\"schemaVersion\" : \(Portfolio.currentSchemaVersion)", with: "\"schemaVersion\" : 7")
        let (error, _, _) = try loadError(Data(text.utf8))
        #expect(error == .futureVersion(path: error.pathForTest, found: 7, supported: Portfolio.currentSchemaVersion))
    }

    @Test func notUTF8() throws {
        var data = try valid()
        let marker = data.firstRange(of: Data("Dr Test Person".utf8))!
        data[marker.lowerBound + 3] = 0xFF
        let (error, _, _) = try loadError(data)
        #expect(error == .notUTF8(path: error.pathForTest, offset: marker.lowerBound + 3))
    }

    @Test func deepNesting() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let (error, _, _) = try loadError(Data(deep.utf8))
        switch error {
        case .invalidJSON, .invalidContent: break;
        default: Issue.record("\(error)")
        }
    }

    @Test func symlinkAndFifoAreRefusedUnopened() throws {
        let folder = TempFolder()
        let target = folder.file("real.json")
        try valid().write(to: target)
        let link = folder.file("link.json")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(throws: StoreError.notARegularFile(path: link.path, what: "a symbolic link to \(target.path) (open the real file instead)")) {
            try PortfolioStore.load(from: link)
        }
        let fifo = folder.file("pipe.json")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        #expect(throws: StoreError.notARegularFile(path: fifo.path, what: "a named pipe (FIFO)")) { try PortfolioStore.load(from: fifo) }
        #expect(throws: StoreError.notFound(path: folder.file("nope.json").path)) { try PortfolioStore.load(from: folder.file("nope.json")) }
    }
}

extension StoreError {
    var pathForTest: String { path }
}
