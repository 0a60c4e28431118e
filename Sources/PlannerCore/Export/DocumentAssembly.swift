import Foundation

/// Works out a `MarkdownWriter`'s deferred parts on all cores while the document is handed
/// on in order, so the file is being written (and the disk busy) while later parts are
/// still being made, rather than after the last one.
///
/// Parts are made in a queue in the order they become known (a section before the entries
/// it left for later). The calling thread hands the document on: when the part it needs
/// next is not made yet, it makes that part itself, or else another one from the queue, or
/// waits. The other cores take parts from the queue. With one core the calling thread
/// makes everything, in document order. A part is handed on, then let go, as soon as
/// everything before it has been.
final class DocumentAssembly: @unchecked Sendable {
    /// One deferred part: its work, then what it wrote and the parts it deferred in turn.
    final class Part {
        enum State { case queued, running, done }
        let work: () -> MarkdownWriter
        var state = State.queued
        var writer: MarkdownWriter?
        var children: [Part] = []
        init(_ work: @escaping () -> MarkdownWriter) { self.work = work }
    }

    private let condition = NSCondition()
    private var queue: [Part] = []
    private var head = 0
    private var stopping = false

    /// Hands `root`'s document to `write` in order, a run of bytes at a time, then the final
    /// newline. If `write` throws, the parts not started are dropped, the ones running are
    /// waited for, and the error is rethrown.
    static func emit(_ root: MarkdownWriter, _ write: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        let assembly = DocumentAssembly()
        let top = assembly.children(of: root)
        let helpers = ProcessInfo.processInfo.activeProcessorCount - 1
        let group = DispatchGroup()
        if helpers > 0 && !top.isEmpty {
            DispatchQueue.global(qos: .userInitiated).async(group: group) {
                DispatchQueue.concurrentPerform(iterations: helpers) { _ in assembly.help() }
            }
        }
        defer {
            assembly.condition.lock()
            assembly.stopping = true
            assembly.condition.broadcast()
            assembly.condition.unlock()
            group.wait()
        }
        try assembly.emit(root, children: top, write)
        try [UInt8(0x0A)].withUnsafeBytes(write)
    }

    /// The parts `writer` deferred, queued to be made.
    private func children(of writer: MarkdownWriter) -> [Part] {
        let parts = writer.pendingWork.map(Part.init)
        condition.lock()
        queue += parts
        condition.broadcast()
        condition.unlock()
        return parts
    }

    private func emit(_ writer: MarkdownWriter, children: [Part], _ write: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        try writer.body.withUnsafeBytes { body in
            var start = 0
            for (offset, part) in zip(writer.pendingOffsets, children) {
                if offset > start { try write(UnsafeRawBufferPointer(rebasing: body[start..<offset])) }
                let made = waitFor(part)
                try emit(made.writer, children: made.children, write)
                start = offset
            }
            if body.count > start { try write(UnsafeRawBufferPointer(rebasing: body[start...])) }
        }
    }

    /// The part, made: by this thread if nobody has started it; while another thread makes
    /// it, this one makes others from the queue, or waits. The part lets go of its text.
    private func waitFor(_ part: Part) -> (writer: MarkdownWriter, children: [Part]) {
        condition.lock()
        while part.state != .done {
            if part.state == .queued {
                part.state = .running
                condition.unlock()
                make(part)
                condition.lock()
            } else if let other = next() {
                condition.unlock()
                make(other)
                condition.lock()
            } else {
                condition.wait()
            }
        }
        condition.unlock()
        let made = (part.writer!, part.children)
        part.writer = nil
        part.children = []
        return made
    }

    /// A helper thread: makes parts from the queue until the document has been handed on.
    private func help() {
        condition.lock()
        while !stopping {
            if let part = next() {
                condition.unlock()
                make(part)
                condition.lock()
            } else {
                condition.wait()
            }
        }
        condition.unlock()
    }

    /// The first queued part nobody has started, marked running. Called with the lock held.
    private func next() -> Part? {
        while head < queue.count {
            let part = queue[head]
            head += 1
            if part.state == .queued {
                part.state = .running
                return part
            }
        }
        return nil
    }

    /// Makes the part (without the lock), queues what it deferred, and marks it done.
    private func make(_ part: Part) {
        let writer = part.work()
        let children = writer.pendingWork.map(Part.init)
        condition.lock()
        part.writer = writer
        part.children = children
        part.state = .done
        queue += children
        condition.broadcast()
        condition.unlock()
    }
}
