import CNcurses
import Foundation
import PlannerUI

/// The only code that talks to ncurses: start/stop, read keys, copy a `Screen` out.
/// It keeps the last screen and writes only the cells that changed.
public final class CursesTerminal: Terminal {
    private var last: Screen?
    private let colors: Bool
    private var keyCodes: [Int32: Key] = [:]

    /// Starts curses. Call `end()` (also done on deinit) to restore the terminal.
    public init(useColor: Bool) throws {
        guard mlcf_init() == 0 else { throw TerminalError.cannotStart }
        colors = useColor && mlcf_has_colors() != 0
        if colors { mlcf_init_colors() }
        let names: [(String, Key)] = [
            ("up", .up), ("down", .down), ("left", .left), ("right", .right), ("home", .home),
            ("end", .end), ("ppage", .pageUp), ("npage", .pageDown), ("backspace", .backspace),
            ("dc", .delete), ("btab", .backTab), ("enter", .enter), ("f1", .f1),
        ]
        for (name, key) in names { keyCodes[mlcf_key_code(name)] = key }
    }

    public enum TerminalError: Error { case cannotStart }

    public var size: (width: Int, height: Int) { (Int(mlcf_cols()), Int(mlcf_lines())) }

    public func end() { mlcf_end() }

    public func takeSignal() -> Int32? {
        let signal = Signals.take()
        return signal == 0 ? nil : signal
    }
    deinit { mlcf_end() }

    /// One thing read from the terminal: a key, a bracketed-paste marker, or a code the
    /// planner has no key for.
    private enum Input {
        case key(Key)
        case pasteStart
        case pasteEnd
        case ignored
    }

    /// Reads one key code, waiting at most `timeout` milliseconds; nil when none came.
    private func readCode(timeout: Int32) -> (isFunction: Bool, code: UInt32)? {
        var isFunction: Int32 = 0
        var code: UInt32 = 0
        guard mlcf_read_key(timeout, &isFunction, &code) == 1 else { return nil }
        return (isFunction != 0, code)
    }

    /// The next input, waiting at most `timeout` milliseconds; nil when none came.
    private func readInput(timeout: Int32) -> Input? {
        guard let (isFunction, code) = readCode(timeout: timeout) else { return nil }
        if isFunction {
            switch Int32(code) {
            case mlcf_paste_start_key(): return .pasteStart
            case mlcf_paste_end_key(): return .pasteEnd
            case mlcf_resize_key(): last = nil; return .key(.resize(width: size.width, height: size.height))
            default: return keyCodes[Int32(code)].map { .key($0) } ?? .ignored
            }
        }
        switch code {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 1...26: return .key(.ctrl(Character(UnicodeScalar(code + 96)!)))
        default:
            guard let scalar = UnicodeScalar(code), code >= 32 else { return .ignored }
            return .key(.character(Character(scalar)))
        }
    }

    /// The text of a bracketed paste, read up to its end marker: every byte is text here (a
    /// tab, a line break, a control byte), and `update` decides what the focused field takes.
    /// A paste whose end never comes stops after a second of silence or 16 MB.
    private func readPaste() -> String {
        var scalars = String.UnicodeScalarView()
        while scalars.count < 16 << 20, let (isFunction, code) = readCode(timeout: 1000) {
            if isFunction {
                if Int32(code) == mlcf_paste_end_key() { break }
                continue
            }
            let value = code == 13 ? 10 : code
            if let scalar = UnicodeScalar(value) { scalars.append(scalar) }
        }
        return String(scalars)
    }

    /// Reads a key and whatever arrived with it: a burst of plain characters (fast typing,
    /// or tmux send-keys) becomes one `.typed`, so a text field takes it in one go; a
    /// bracketed paste becomes one `.paste`.
    public func readKeys(timeout: Int32) -> [Key] {
        guard var next = readInput(timeout: timeout) else { return [] }
        var inputs: [Input] = []
        while true {
            // The paste is read as it comes, before anything after it.
            if case .pasteStart = next { inputs.append(.key(.paste(readPaste()))) } else { inputs.append(next) }
            guard inputs.count < 65_536, let more = readInput(timeout: 0) else { break }
            next = more
        }
        var merged: [Key] = []
        var text = ""
        func flush() {
            if text.count == 1 { merged.append(.character(text.first!)) } else if !text.isEmpty { merged.append(.typed(text)) }
            text = ""
        }
        for input in inputs {
            switch input {
            case .key(.character(let c)): text.append(c)
            case .key(let key): flush(); merged.append(key)
            case .pasteStart, .pasteEnd, .ignored: break
            }
        }
        flush()
        return merged
    }

    /// Copies the screen to the terminal, changed cells only, then refreshes once.
    public func draw(_ screen: Screen) {
        let previous = last.flatMap { $0.width == screen.width && $0.height == screen.height ? $0 : nil }
        if previous == nil { mlcf_clear() }
        for y in 0..<screen.height {
            var x = 0
            while x < screen.width {
                let cell = screen[x, y]
                if let previous, previous[x, y] == cell { x += 1; continue }
                // Write a run of cells with the same style.
                let style = cell.style
                var run = ""
                let start = x
                while x < screen.width, screen[x, y].style == style, previous.map({ $0[x, y] != screen[x, y] }) ?? true {
                    if !screen[x, y].continuation { run.append(screen[x, y].character) }
                    x += 1
                }
                if run.isEmpty { continue }
                put(run, y: y, x: start, style: style)
            }
        }
        if let cursor = screen.cursor { mlcf_move_cursor(Int32(cursor.y), Int32(cursor.x), 1) } else { mlcf_move_cursor(0, 0, 0) }
        mlcf_refresh()
        last = screen
    }

    private func put(_ text: String, y: Int, x: Int, style: CellStyle) {
        var attributes: Int32 = 0
        if style.bold { attributes |= 1 }
        if style.reverse { attributes |= 2 }
        if style.underline { attributes |= 4 }
        if style.dim && !colors { attributes |= 8 }
        let pair: Int32 = colors ? Int32(style.role.rawValue) : 0
        var wide = Array(text.unicodeScalars.map { wchar_t(bitPattern: $0.value) })
        wide.append(0)
        wide.withUnsafeBufferPointer { mlcf_put(Int32(y), Int32(x), $0.baseAddress, attributes, pair) }
    }
}

/// Checks made before curses starts, so a pipe or a dumb terminal gets a sentence, not garbage.
public enum TerminalCheck {
    /// nil when stdin/stdout are a terminal that can do full-screen; otherwise why not.
    public static func problem(environment: [String: String]) -> String? {
        if mlcf_isatty(0) == 0 || mlcf_isatty(1) == 0 {
            return "the planner needs a terminal, but standard input or output is not one (a pipe, file or CI job)"
        }
        let term = environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" || term == "unknown" {
            return "this terminal (TERM=\(term.isEmpty ? "unset" : term)) cannot show a full-screen program"
        }
        return nil
    }
}

/// Signal handling lives with the terminal: HUP/TERM/INT set a flag the run loop polls;
/// crash signals restore the terminal before the process dies.
public enum Signals {
    public static func install() { mlcf_install_signal_handlers() }
    /// The pending signal number, or 0. A terminal that vanished without a SIGHUP (its
    /// multiplexer killed) counts as one, so the planner never spins on a dead terminal.
    public static func take() -> Int32 {
        let signal = mlcf_take_signal()
        if signal == 0, mlcf_input_hung_up() != 0 { return SIGHUP }
        return signal
    }
}
