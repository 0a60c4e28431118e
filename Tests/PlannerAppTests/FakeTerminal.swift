import Foundation
import PlannerUI

/// A terminal for tests: each `readKeys` plays the next step of a script, and every screen
/// drawn is kept. When the script runs out it sends SIGTERM, so a loop always ends.
final class FakeTerminal: Terminal {
    enum Step {
        /// Keys arriving together.
        case keys([Key])
        /// A wait with no key (the loop's read timed out).
        case idle
        /// Something that happens meanwhile (another program writes the file).
        case run(() -> Void)
        /// A signal arrives.
        case signal(Int32)
    }

    var size: (width: Int, height: Int)
    private var script: [Step]
    private var pendingSignal: Int32?
    private(set) var screens: [Screen] = []
    /// Reads that found no key.
    private(set) var idleReads = 0

    init(width: Int = 100, height: Int = 30, _ script: [Step]) {
        size = (width, height)
        self.script = script
    }

    var lastScreen: String { screens.last?.text ?? "" }

    func readKeys(timeout: Int32) -> [Key] {
        guard !script.isEmpty else { pendingSignal = SIGTERM; return [] }
        switch script.removeFirst() {
        case .keys(let keys): return keys
        case .idle: idleReads += 1; return []
        case .run(let action): action(); return []
        case .signal(let signal): pendingSignal = signal; return []
        }
    }

    func draw(_ screen: Screen) { screens.append(screen) }

    func takeSignal() -> Int32? {
        defer { pendingSignal = nil }
        return pendingSignal
    }
}
