import Foundation
import PlannerCore

/// The three copies `mlcf merge` reads, read at the same time. At career size each read is
/// most of what `mlcf validate` costs, and a merge reads three: one after the other, they
/// alone would break issue 18's bound (a merge within twice one validate).
enum MergeInputs {
    struct Loaded {
        /// Nil when two copies were given (the base is then found from their histories).
        let base: Portfolio?
        let ours: Portfolio
        /// The stamp of the bytes of OURS that were read (a merge saved into OURS expects it).
        let stamp: FileStamp
        let theirs: Portfolio
        /// THEIRS's stamp, whose recorded history finds the version the two last shared.
        let theirsStamp: FileStamp
    }

    /// Results of the three reads, filled from three threads.
    private final class Slots: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [Int: Result<(Portfolio, FileStamp?)?, any Error>] = [:]
        func set(_ index: Int, _ result: Result<(Portfolio, FileStamp?)?, any Error>) { lock.withLock { results[index] = result } }
        func get(_ index: Int) throws -> (Portfolio, FileStamp?)? { try lock.withLock { results[index]! }.get() }
    }

    /// Throws the error of the first copy, in BASE, OURS, THEIRS order, that could not be read.
    /// With no BASE, two threads read OURS and THEIRS.
    static func load(base: URL?, ours: URL, theirs: URL) throws -> Loaded {
        let slots = Slots()
        DispatchQueue.concurrentPerform(iterations: 3) { index in
            slots.set(
                index,
                Result {
                    switch index {
                    case 0:
                        guard let base else { return nil }
                        return (try PortfolioStore.load(from: base), nil)
                    default:
                        let (portfolio, stamp) = try PortfolioStore.loadStamped(from: index == 1 ? ours : theirs)
                        return (portfolio, stamp)
                    }
                })
        }
        let basePortfolio = try slots.get(0)?.0
        let (oursPortfolio, stamp) = try slots.get(1)!
        let (theirsPortfolio, theirsStamp) = try slots.get(2)!
        return Loaded(base: basePortfolio, ours: oursPortfolio, stamp: stamp!, theirs: theirsPortfolio, theirsStamp: theirsStamp!)
    }
}

extension CLI {
    /// Ends the process with `code` now, its output flushed, leaving what it holds to the kernel.
    static func exitNow(_ code: Int32) -> Never {
        fflush(nil)
        exit(code)
    }
}
