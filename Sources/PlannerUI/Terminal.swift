/// What the run loop needs from a terminal, and no more: the curses backend is one, and the
/// tests' fake is another, so the loop, its effects and its files are tested without a tty.
public protocol Terminal: AnyObject {
    /// Columns and rows now.
    var size: (width: Int, height: Int) { get }
    /// The keys that arrived within `timeout` milliseconds (a burst of typing as one
    /// `.typed`, a bracketed paste as one `.paste`); empty when none came.
    func readKeys(timeout: Int32) -> [Key]
    /// Shows `screen` (a backend writes only what changed since the last one).
    func draw(_ screen: Screen)
    /// A signal that asked the program to stop (SIGHUP, SIGTERM, SIGINT), taken once; nil if none.
    func takeSignal() -> Int32?
}
