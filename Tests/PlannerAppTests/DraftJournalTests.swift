import Foundation
import PlannerUI
import TestSupport
import Testing

@testable import PlannerApp

/// The draft journal's rules, with the clock in the test's hands.
@Suite struct DraftJournalTests {
    static let start = Date(timeIntervalSince1970: 2_000_000_000)
    static func draft(_ title: String) -> Draft { Draft(kind: .evidence, targetID: nil, values: ["title": title]) }
    static func onDisk(_ url: URL) -> String? {
        (try? JSONDecoder().decode(Draft.self, from: Data(contentsOf: url)))?.values["title"]
    }

    @Test func writesAtOnceThenAtMostOnceASecondAndAlwaysOnTheWayOut() {
        let folder = TempFolder()
        let url = folder.file(".p.json.recovery.json")
        let journal = DraftJournal(url: url, mayExist: false)
        journal.note(isOpen: true, keepFile: false, draft: { Self.draft("a") }, now: Self.start)
        journal.flushAndWait(nil)
        #expect(Self.onDisk(url) == "a", "the first draft waits for nothing")
        journal.note(isOpen: true, keepFile: false, draft: { Self.draft("ab") }, now: Self.start + 0.5)
        journal.flushAndWait(nil)
        #expect(Self.onDisk(url) == "a", "a second write within the second")
        journal.tick(draft: { Self.draft("ab") }, now: Self.start + 1.0)
        journal.flushAndWait(nil)
        #expect(Self.onDisk(url) == "ab", "the held-back draft was not written once its second was up")
        journal.note(isOpen: true, keepFile: false, draft: { Self.draft("abc") }, now: Self.start + 1.2)
        // The terminal goes away inside the second: what is on screen is written all the same.
        journal.flushAndWait(Self.draft("abc"))
        #expect(Self.onDisk(url) == "abc")
        let mode = (try? FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode.map { $0 & 0o777 } == 0o600)
    }

    @Test func theFileGoesOnlyWhenNothingNeedsIt() {
        let folder = TempFolder()
        let url = folder.file(".p.json.recovery.json")
        let journal = DraftJournal(url: url, mayExist: false)
        journal.note(isOpen: true, keepFile: false, draft: { Self.draft("kept") }, now: Self.start)
        journal.note(isOpen: false, keepFile: true, draft: { nil }, now: Self.start + 5)
        journal.flushAndWait(nil)
        #expect(Self.onDisk(url) == "kept", "removed while its save was not on disk yet")
        journal.note(isOpen: false, keepFile: false, draft: { nil }, now: Self.start + 6)
        journal.flushAndWait(nil)
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    /// A file this run neither read nor wrote (a planted one, another user's) is never removed.
    @Test func aFileItDidNotTrustIsLeftAlone() throws {
        let folder = TempFolder()
        let url = folder.file(".p.json.recovery.json")
        try Data("not a draft".utf8).write(to: url)
        let journal = DraftJournal(url: url, mayExist: false)
        journal.note(isOpen: false, keepFile: false, draft: { nil }, now: Self.start)
        journal.flushAndWait(nil)
        #expect(FileManager.default.fileExists(atPath: url.path))
        let (draft, problem) = DraftJournal.read(url)
        #expect(draft == nil && problem?.contains(url.path) == true)
    }
}
