import Foundation
import PlannerCore
import Testing

@testable import PlannerUI
@testable import UIInvariants

/// The monkey: random key sequences through the pure `update` and `render`, with every
/// invariant checked after every key. `make test` runs fixed seeds; `make soak` runs random
/// ones for as long as asked. A failure prints its seed and the shortest key sequence found
/// that still fails; `MLCF_MONKEY_SEED=N` replays one seed.
@Suite struct MonkeyTests {
    /// Four shards, so the two cores share the 200,000 keys of `make test`.
    @Test(arguments: 0..<MonkeyPlan.shards)
    func randomKeysBreakNoInvariant(shard: Int) {
        let plan = MonkeyPlan.fromEnvironment()
        var pressed = 0, runs = 0
        let started = Date()
        for seed in plan.seeds where Int(seed % UInt64(MonkeyPlan.shards)) == shard || plan.isReplay {
            if plan.isReplay && shard > 0 { break }
            if let deadline = plan.seconds, Date().timeIntervalSince(started) > deadline { break }
            CrashNote.set(
                "monkey: the process died while shard \(shard) ran seed \(seed); replay it with MLCF_MONKEY_SEED=\(seed) MLCF_MONKEY_VERBOSE=1\n", slot: shard)
            let run = MonkeyRunner.generate(seed: seed, count: plan.keysPerRun, verbose: plan.verbose)
            pressed += run.keys.count
            runs += 1
            if let failure = run.failure {
                let shortest = MonkeyRunner.shrink(seed: seed, keys: run.keys)
                let again = MonkeyRunner.replay(seed: seed, keys: shortest)
                Issue.record(
                    """
                    Monkey seed \(seed) broke an invariant at key \(failure.index + 1): \(failure.message)
                    Shortest failing sequence (\(shortest.count) keys): \(MonkeyRunner.describe(shortest))
                    It fails with: \(again?.message ?? "(no longer fails when replayed alone)")
                    Replay: MLCF_MONKEY_SEED=\(seed) swift test --filter MonkeyTests
                    """)
                break
            }
        }
        CrashNote.set("", slot: shard)
        print(
            "monkey shard \(shard): \(pressed) keys in \(runs) runs (seeds from \(plan.seeds.lowerBound)), \(String(format: "%.1f", Date().timeIntervalSince(started))) s"
        )
        #expect(pressed >= plan.minimumKeys / MonkeyPlan.shards)
    }

    /// The bug that started this: a key that moves the focus out of a one-line field after
    /// typing wrote the field into the next one (a duplicate key, then a trap).
    @Test(arguments: [Key.enter, .down, .up, .character("j"), .character("k")])
    func movingOutOfEveryFieldKeepsTheForm(_ key: Key) {
        for open in [[Key.character("v"), .character("a")], [.character("p"), .character("a")], [.character("u"), .enter]] {
            var state = makeState()
            state.press(open)
            var invariants = MonkeyInvariants()
            for _ in 0..<40 {
                let before = state
                let effects = state.press(.character("x"), key)
                #expect(invariants.check(state, before: before, effects: effects) == nil, "\(open) then x \(key)")
            }
        }
    }
}

/// How many runs of how many keys, from the environment: fixed seeds by default.
struct MonkeyPlan {
    static let shards = 4
    var seeds: Range<UInt64>
    /// One seed, replayed by one shard. (Not `seeds.count`: a soak's range is longer than `Int.max`.)
    var isReplay: Bool { seeds.upperBound - seeds.lowerBound == 1 }
    var keysPerRun: Int
    var seconds: Double?
    var minimumKeys: Int
    var verbose: Bool

    /// Drawn once, so the four shards of a soak share it.
    static let soakSeed =
        ProcessInfo.processInfo.environment["MLCF_SOAK_SEED"].flatMap { UInt64($0) }
        ?? UInt64.random(in: 1_000...UInt64(UInt32.max))

    static func fromEnvironment() -> MonkeyPlan {
        let env = ProcessInfo.processInfo.environment
        let verbose = env["MLCF_MONKEY_VERBOSE"] == "1"
        if let seed = env["MLCF_MONKEY_SEED"].flatMap({ UInt64($0) }) {
            return MonkeyPlan(seeds: seed..<seed + 1, keysPerRun: 2_000, seconds: nil, minimumKeys: 0, verbose: verbose)
        }
        if let seconds = env["MLCF_MONKEY_SECONDS"].flatMap({ Double($0) }) {
            // `make soak` passes the seed it printed (MLCF_SOAK_SEED); otherwise a random one.
            let first = soakSeed
            print("monkey: soak for \(Int(seconds)) s from seed \(first) (a failure names its own seed; MLCF_MONKEY_SEED=N replays it)")
            return MonkeyPlan(seeds: first..<UInt64.max, keysPerRun: 2_000, seconds: seconds, minimumKeys: 0, verbose: verbose)
        }
        // make test: 100 seeds × 2,000 keys = 200,000 keys, every screen reached from the dashboard.
        return MonkeyPlan(seeds: 1..<101, keysPerRun: 2_000, seconds: nil, minimumKeys: 200_000, verbose: verbose)
    }
}

struct MonkeyFailure {
    let index: Int
    let message: String
}

enum MonkeyRunner {
    static let examples = ["undergraduate", "postgraduate", "continuing-practice"]
    static let portfolios: [Portfolio] = examples.map { examplePortfolio($0) }

    /// The state a seed starts from: one of the examples, at 80×24 or 120×40.
    static func start(seed: UInt64) -> AppState {
        let portfolio = portfolios[Int(seed % UInt64(portfolios.count))]
        let wide = seed % 2 == 0
        return AppState(
            portfolio: portfolio, path: "/home/doctor/monkey.json", width: wide ? 120 : 80, height: wide ? 40 : 24, today: fixedToday,
            validator: Validator(framework: .mlcf, catalog: .bundled))
    }

    /// Presses `count` generated keys, checking after each; stops at the first failure.
    static func generate(seed: UInt64, count: Int, verbose: Bool = false) -> (keys: [Key], failure: MonkeyFailure?) {
        var random = SeededRandom(seed: seed)
        var state = start(seed: seed)
        var loop = SimulatedRunLoop()
        var invariants = MonkeyInvariants()
        var keys: [Key] = []
        for index in 0..<count {
            let key = MonkeyKeys.next(for: state, &random)
            keys.append(key)
            if verbose { print("monkey seed \(seed) key \(index + 1): \(describe([key]))") }
            if let failure = press(key, &state, &loop, &invariants, index) { return (keys, failure) }
        }
        return (keys, nil)
    }

    static func replay(seed: UInt64, keys: [Key]) -> MonkeyFailure? {
        var state = start(seed: seed)
        var loop = SimulatedRunLoop()
        var invariants = MonkeyInvariants()
        for (index, key) in keys.enumerated() {
            if let failure = press(key, &state, &loop, &invariants, index) { return failure }
        }
        return nil
    }

    private static func press(
        _ key: Key, _ state: inout AppState, _ loop: inout SimulatedRunLoop,
        _ invariants: inout MonkeyInvariants, _ index: Int
    ) -> MonkeyFailure? {
        let before = state
        let effects = state.update(key)
        loop.perform(effects, &state)
        return invariants.check(state, before: before, effects: effects, key: key).map { MonkeyFailure(index: index, message: $0) }
    }

    /// Delta debugging: drops ever smaller runs of keys while the sequence still fails.
    static func shrink(seed: UInt64, keys: [Key]) -> [Key] {
        var current = keys
        if let failure = replay(seed: seed, keys: current) { current = Array(current.prefix(failure.index + 1)) }
        var chunk = max(1, current.count / 2)
        var replays = 0
        let deadline = Date().addingTimeInterval(30)
        while chunk >= 1 && replays < 3_000 && Date() < deadline {
            var removedAny = false
            var start = 0
            while start < current.count && replays < 3_000 {
                var candidate = current
                candidate.removeSubrange(start..<min(current.count, start + chunk))
                replays += 1
                if let failure = replay(seed: seed, keys: candidate) {
                    current = Array(candidate.prefix(failure.index + 1))
                    removedAny = true
                } else {
                    start += chunk
                }
            }
            if !removedAny { chunk /= 2 }
        }
        return current
    }

    static func describe(_ keys: [Key]) -> String {
        keys.map { key -> String in
            switch key {
            case .character(let c): return "'\(c.unicodeScalars.map { $0.value < 32 ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined())'"
            case .ctrl(let c): return "Ctrl-\(c)"
            case .paste(let text): return "paste(\(text.count) chars: \(text.prefix(30).debugDescription))"
            case .resize(let w, let h): return "resize(\(w)×\(h))"
            default: return "\(key)"
            }
        }.joined(separator: " ")
    }
}

/// What the run loop does with effects, without a disk: every seventeenth save fails (a full
/// disk) so the failure paths are walked too. Deterministic, so a replay is exact.
struct SimulatedRunLoop {
    var saves = 0

    mutating func perform(_ effects: [Effect], _ state: inout AppState) {
        for effect in effects {
            switch effect {
            case .save:
                saves += 1
                state.saveFinished(error: saves % 17 == 0 ? "the disk is full." : nil)
            case .export:
                // The export is recorded in the portfolio, which asks for a save.
                let document = ExportedDocument(file: "portfolio-appraisal.md", date: state.today, bytes: 1)
                if state.exportFinished(ExportResult(text: "Exported.", isError: false, document: document)).contains(.save) {
                    state.saveFinished(error: nil)
                }
            case .attach(let id, _):
                // As the run loop reports a file copied in (the copy itself is the core's, tested there).
                let file = AttachedFile(name: "f.pdf", bytes: 1, mediaType: "application/pdf", sha256: String(repeating: "a", count: 64))
                perform(state.attached(file, to: id), &state)
            case .quit, .clearRecovery, .reload, .mergeOther, .mergeSyncCopy, .moveAside:
                break
            }
        }
    }
}
