import Foundation
import PlannerCore
import PlannerUI

/// The open form's draft, kept on disk as the doctor types (issue 13, item 10), so that a
/// crash, SIGKILL, the OOM killer or a power cut loses at most the last second of typing.
///
/// The run loop calls `note` after every batch of keys and `tick` between them. A changed
/// draft is written at once if the last write was a second or more ago, else at the first
/// call after that second (the run loop comes back at least every 200 ms). Writes run on their own queue, so a
/// slow disk never delays a keystroke; each is atomic and owner-only (`AtomicFile`, which
/// never writes through a link). The file is removed only when no form is open and the
/// portfolio is on disk: the draft was saved (and the save finished) or discarded.
final class DraftJournal: @unchecked Sendable {
    let url: URL
    /// How far behind the typing the file may be.
    static let interval: TimeInterval = 1
    private let queue = DispatchQueue(label: "mlcf.draft-journal")
    private let lock = NSLock()
    /// The draft last handed to the queue (nil: none, or the file is gone).
    private var written: Draft?
    /// True when the form changed since the draft was last written.
    private var stale = false
    private var lastWrite = Date.distantPast
    /// True while a file from this or an earlier session may be on disk.
    private var mayExist: Bool

    init(url: URL, mayExist: Bool) {
        self.url = url
        self.mayExist = mayExist
    }

    /// The draft in the recovery file, if there is one this program can trust: never read
    /// through a link, never another user's file (`PrivateFile`). Returns nil, or why the file was ignored.
    static func read(_ url: URL) -> (draft: Draft?, problem: String?) {
        do {
            let data = try PrivateFile.read(url, limit: 64 << 20)
            return (try JSONDecoder().decode(Draft.self, from: data), nil)
        } catch StoreError.notFound {
            return (nil, nil)
        } catch let error as StoreError {
            return (nil, "The unsaved-draft file \(url.path) was ignored: \(error)")
        } catch {
            return (nil, "The unsaved-draft file \(url.path) could not be read (\(error)); it was left as it is.")
        }
    }

    /// Tells the journal the screen may have changed. `isOpen` says whether a form holds
    /// unsaved edits (cheap to know); `draft` makes the draft itself, which can be costly (a
    /// form with a million links), so it is asked at most once a second. `keepFile` holds the
    /// file back while its draft may still be needed (a recovery offer on screen, or a save
    /// not yet on disk).
    func note(isOpen: Bool, keepFile: Bool, draft: () -> Draft?, now: Date = Date()) {
        lock.lock(); defer { lock.unlock() }
        if isOpen {
            stale = true
            if now.timeIntervalSince(lastWrite) >= DraftJournal.interval { writeLocked(draft(), now) }
        } else {
            stale = false
            guard !keepFile, mayExist else { return }
            mayExist = false
            written = nil
            let url = self.url
            queue.async { _ = unlink(url.path) }
        }
    }

    /// The draft was discarded on purpose (declined, or left by quitting): its file goes.
    func discard() { note(isOpen: false, keepFile: false, draft: { nil }) }

    /// Writes the draft held back, once a second has passed since the last write.
    func tick(draft: () -> Draft?, now: Date = Date()) {
        lock.lock(); defer { lock.unlock() }
        if stale, now.timeIntervalSince(lastWrite) >= DraftJournal.interval { writeLocked(draft(), now) }
    }

    /// Writes `draft` now if it is not on disk yet, whatever the second, and waits for the
    /// disk (the terminal is going away). With nil it only waits for writes already queued.
    func flushAndWait(_ draft: Draft?) {
        lock.lock()
        if draft != nil { writeLocked(draft, Date()) }
        lock.unlock()
        queue.sync {}
    }

    private func writeLocked(_ draft: Draft?, _ now: Date) {
        stale = false
        guard let draft, draft != written else { return }
        written = draft
        lastWrite = now
        mayExist = true
        let url = self.url
        queue.async {
            guard let data = try? JSONEncoder().encode(draft) else { return }
            try? AtomicFile.write(data, to: url)
        }
    }
}
