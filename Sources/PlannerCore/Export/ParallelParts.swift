import Foundation

/// Work shared out over the cores, with the results in order, exactly as a single loop
/// would give them. A few pieces stay on the calling thread (handing them out would cost
/// more than it saves).
enum ParallelParts {
    /// `work` of each index in `0..<count`, in order, handed out one index at a time (the
    /// pieces of a document differ widely in size: a core that finishes a small one takes
    /// the next).
    static func each<T>(_ count: Int, minimum: Int = 8, _ work: (Int) -> T) -> [T] {
        guard count >= minimum, ProcessInfo.processInfo.activeProcessorCount > 1 else { return (0..<count).map(work) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        nonisolated(unsafe) let shared = results
        withoutActuallyEscaping(work) { work in
            nonisolated(unsafe) let work = work
            DispatchQueue.concurrentPerform(iterations: count) { k in shared[k] = work(k) }
        }
        return results.map { $0! }
    }
}
