import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Sentences written to standard error if the process traps, naming the seed each generated
/// test was running: a trap cannot be caught, so this is how it can still be replayed. The
/// notes live in one fixed buffer that the signal handler only reads. Slots 0–3 are the
/// monkey's shards; `claim()` hands out the others.
public enum CrashNote {
    public static let slots = 16
    static let slotSize = 256
    nonisolated(unsafe) private static let buffer: UnsafeMutablePointer<UInt8> = {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: slots * slotSize)
        pointer.initialize(repeating: 0, count: slots * slotSize)
        for signal in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT] {
            Glibc.signal(signal) { number in
                for slot in 0..<CrashNote.slots {
                    let start = CrashNote.buffer + slot * CrashNote.slotSize
                    _ = write(2, start, strnlen(UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self), CrashNote.slotSize))
                }
                Glibc.signal(number, SIG_DFL)
                raise(number)
            }
        }
        return pointer
    }()
    private static let lock = NSLock()
    nonisolated(unsafe) private static var claimed = 0

    /// Sets the note of a slot ("" clears it); longer notes are cut at 255 bytes.
    public static func set(_ text: String, slot: Int) {
        let bytes = Array(text.utf8.prefix(slotSize - 1)) + [0]
        let start = buffer + (slot % slots) * slotSize
        bytes.withUnsafeBufferPointer { start.update(from: $0.baseAddress!, count: bytes.count) }
    }

    /// A slot for a test that runs beside others (4 and up; they are reused after 12).
    public static func claim() -> Int {
        lock.withLock {
            defer { claimed += 1 }
            return 4 + claimed % (slots - 4)
        }
    }
}
