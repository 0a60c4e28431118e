import Foundation

/// What the verbs print, made safe for a terminal: the one place where stored text, paths and
/// arguments lose the control characters a terminal would act on (clear the screen, set the
/// title, ring the bell, move the cursor). Every C0 control, DEL and every C1 control
/// (U+0080–U+009F, which some terminals take as 8-bit escapes) becomes U+FFFD, shown as �.
/// An escape sequence loses its ESC, so what followed it (`[2J`) stays visible as plain text.
enum TerminalSafe {
    static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// One value (a name, a title, a path): a newline, tab or carriage return inside it is
    /// replaced too, so a value can never start a line of output of its own.
    static func text(_ value: String) -> String { clean(value, keepingNewlines: false) }

    /// Output that has several lines by design: newlines stay, everything else is replaced.
    static func lines(_ output: String) -> String { clean(output, keepingNewlines: true) }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    private static func clean(_ value: String, keepingNewlines: Bool) -> String {
        guard value.unicodeScalars.contains(where: isUnsafe) else { return value }
        var scalars = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            if isUnsafe(scalar) && !(keepingNewlines && scalar == "\n") { scalars.append(replacement) } else { scalars.append(scalar) }
        }
        return String(scalars)
    }

    /// JSON output keeps every stored character exactly: JSONEncoder already writes C0 as
    /// `\u00XX`; DEL and C1, which it leaves raw, are written as `\u00XX` escapes too (they
    /// can only occur inside JSON strings, where the escape means the same character).
    static func json(_ encoded: String) -> String {
        guard encoded.unicodeScalars.contains(where: isUnsafe) else { return encoded }
        var out = ""
        for scalar in encoded.unicodeScalars {
            if scalar == "\n" {
                out.append("\n")
            } else if isUnsafe(scalar) {
                out += String(format: "\\u%04x", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension CLI {
    /// Prints output (several lines allowed) to standard output, through `TerminalSafe`.
    static func say(_ output: String) { print(TerminalSafe.lines(output)) }

    /// Prints one message to standard error as `mlcf: MESSAGE`, through `TerminalSafe`.
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data(("mlcf: " + TerminalSafe.lines(message) + "\n").utf8))
    }
}
