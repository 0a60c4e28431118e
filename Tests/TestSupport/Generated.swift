import Foundation
import Testing

/// Runs a generated test: `count` cases, each a byte stream drawn from its own seed (read
/// through `Choices`), with the seeds chosen so that `make test` is the same every time and
/// any failure is replayed from one number.
///
///   * `make test` (neither `MLCF_SOAK` nor `MLCF_SEED` set): the test's fixed seed;
///   * `MLCF_SEED=N`: replays the one case whose seed is N (each failure prints it);
///   * `MLCF_SOAK=N` (`make soak`): N times as many cases from a random seed, printed, or from
///     `MLCF_SOAK_SEED`; `MLCF_SOAK_SECONDS` stops starting new cases after that long.
///
/// A failing case is shrunk (shorter streams, then smaller bytes, while it still fails), then
/// run once more so its expectations are reported, with the seed, the shrunk bytes and the
/// command that replays it (a replay shrinks the same way, so it shows the same failure). If
/// a case traps, `CrashNote` prints its seed as the process dies.
public enum Generated {
    public struct Plan: Sendable, CustomStringConvertible {
        /// The seed each case's seed is drawn from (or, when replaying, the case's own seed).
        public let seed: UInt64
        public let count: Int
        public let replaying: Bool
        public let soaking: Bool
        public let deadline: Date?

        public var description: String {
            if replaying { return "replaying the case of seed \(seed)" }
            if soaking { return "\(count) cases from random seed \(seed) (replay them all: MLCF_SOAK=\(Choices.soak) MLCF_SOAK_SEED=\(seed))" }
            return "\(count) cases from fixed seed \(seed)"
        }

        /// What the environment asks for, for a test whose `make test` seed is `fixedSeed`.
        public static func fromEnvironment(fixedSeed: UInt64, count: Int) -> Plan {
            let env = ProcessInfo.processInfo.environment
            if let seed = env["MLCF_SEED"].flatMap({ UInt64($0) }) {
                return Plan(seed: seed, count: 1, replaying: true, soaking: false, deadline: nil)
            }
            if env["MLCF_SOAK"] != nil {
                let seed = env["MLCF_SOAK_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64(UInt32.max))
                let deadline = env["MLCF_SOAK_SECONDS"].flatMap { Double($0) }.map { Date().addingTimeInterval($0) }
                return Plan(seed: seed, count: count * Choices.soak, replaying: false, soaking: true, deadline: deadline)
            }
            return Plan(seed: fixedSeed, count: count, replaying: false, soaking: false, deadline: nil)
        }

        /// The seed of each case, in order.
        public var caseSeeds: [UInt64] {
            if replaying { return [seed] }
            var random = SeededRandom(seed: seed)
            return (0..<count).map { _ in random.next() }
        }
    }

    /// The bytes of the case with this seed: 0 to `maxLength` of them.
    public static func bytes(seed: UInt64, maxLength: Int) -> [UInt8] {
        var random = SeededRandom(seed: seed)
        let length = Int.random(in: 0...maxLength, using: &random)
        return (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
    }

    /// Runs `body` on every case of the plan; see the type's comment. Call it from a `@Test`.
    public static func check(
        fixedSeed: UInt64, count: Int, maxLength: Int,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: ([UInt8]) throws -> Void
    ) async {
        let plan = Plan.fromEnvironment(fixedSeed: fixedSeed, count: count)
        let name = Test.current.map { $0.name.hasSuffix("()") ? String($0.name.dropLast(2)) : $0.name } ?? "the test"
        print("generated: \(name): \(plan)")
        let slot = CrashNote.claim()
        defer { CrashNote.set("", slot: slot) }
        var ran = 0
        for (index, seed) in plan.caseSeeds.enumerated() {
            if let deadline = plan.deadline, Date() > deadline { break }
            let bytes = bytes(seed: seed, maxLength: maxLength)
            ran += 1
            CrashNote.set(
                "generated: \(name) was on the case of seed \(seed) when the process died; replay it: MLCF_SEED=\(seed) swift test --filter \(name)\n",
                slot: slot)
            guard await failures(of: body, bytes, report: false, sourceLocation) > 0 else { continue }
            let shrunk = await shrink(bytes, body)
            _ = await failures(of: body, shrunk, report: true, sourceLocation)
            Issue.record(
                """
                \(name) failed on case \(index + 1) of \(plan.count), seed \(seed) (\(plan)).
                Shrunk from \(bytes.count) to \(shrunk.count) bytes: \(shrunk)
                Replay: MLCF_SEED=\(seed) swift test --filter \(name)
                """, sourceLocation: sourceLocation)
            return
        }
        if plan.soaking { print("generated: \(name): \(ran) cases passed (seed \(plan.seed))") }
    }

    /// How many issues `body` records on `bytes` (a thrown error counts as one); they are
    /// reported only when `report` is true.
    static func failures(
        of body: ([UInt8]) throws -> Void, _ bytes: [UInt8], report: Bool,
        _ sourceLocation: SourceLocation = #_sourceLocation
    ) async -> Int {
        let counter = Counter()
        nonisolated(unsafe) let body = body
        let handler = IssueHandlingTrait.compactMapIssues { issue in
            if issue.severity != .warning { counter.add() }
            return report ? issue : nil
        }
        guard let test = Test.current else {
            do { try body(bytes) } catch { return 1 }
            return 0
        }
        try? await handler.provideScope(for: test, testCase: Test.Case.current) {
            do { try body(bytes) } catch { Issue.record(error, sourceLocation: sourceLocation) }
        }
        return counter.value
    }

    /// Delta debugging on the byte stream: drops ever smaller runs of bytes, then lowers bytes
    /// towards 0 (the simplest choice), while the case still fails. At most 30 s and 2,000 runs.
    static func shrink(_ bytes: [UInt8], _ body: ([UInt8]) throws -> Void) async -> [UInt8] {
        var current = bytes
        var runs = 0
        let deadline = Date().addingTimeInterval(30)
        func stillFails(_ candidate: [UInt8]) async -> Bool {
            runs += 1
            return await failures(of: body, candidate, report: false) > 0
        }
        var chunk = max(1, current.count / 2)
        while chunk >= 1, runs < 2_000, Date() < deadline {
            var start = 0, removedAny = false
            while start < current.count, runs < 2_000, Date() < deadline {
                var candidate = current
                candidate.removeSubrange(start..<min(current.count, start + chunk))
                if await stillFails(candidate) { current = candidate; removedAny = true } else { start += chunk }
            }
            if !removedAny { chunk /= 2 }
        }
        for index in current.indices where current[index] > 0 {
            for smaller in [0, current[index] / 2, current[index] - 1] where smaller < current[index] {
                guard runs < 2_000, Date() < deadline else { return current }
                var candidate = current
                candidate[index] = smaller
                if await stillFails(candidate) { current = candidate; break }
            }
        }
        return current
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }
}
