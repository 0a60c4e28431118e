import ArgumentParser
import Foundation
import PlannerCore

extension MLCF {
    /// The entry point: ArgumentParser's parse and run, with two additions. A first argument
    /// that is neither a verb nor a file is named as a misspelt verb (the default verb, open,
    /// would otherwise take it for a missing file), and every error message, the parser's
    /// own included, is printed through `TerminalSafe`.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let message = UnknownVerb.message(for: arguments) {
            CLI.warn(message)
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                // Help, --version and completion scripts: our own text, printed as it is.
                if !message.isEmpty { print(message) }
            } else if !message.isEmpty {
                FileHandle.standardError.write(Data((TerminalSafe.lines(message) + "\n").utf8))
            }
            Foundation.exit(code.rawValue)
        }
    }
}

/// `mlcf summry`: a first argument that is no verb, no option and no existing file, and does
/// not look like a path (no `/`, no `.json`), is a misspelt verb; it is answered with the
/// nearest verb the parser knows.
enum UnknownVerb {
    /// The verbs, read from the command configuration (plus the parser's own `help`).
    static var verbs: [String] { MLCF.configuration.subcommands.map { $0._commandName } + ["help"] }

    static func message(for arguments: [String]) -> String? {
        guard let word = arguments.first, !word.isEmpty, !word.hasPrefix("-"), !verbs.contains(word),
            !word.contains("/"), !word.lowercased().hasSuffix(".json")
        else { return nil }
        var info = stat()
        guard let path = try? UserPath.expand(word) else { return nil }  // `~name`: open says why it cannot be used
        if lstat(path, &info) == 0 || errno != ENOENT { return nil }  // a file: open handles it
        let shown = TerminalSafe.text(word)
        let ranked = verbs.map { (verb: $0, distance: distance($0, word.lowercased())) }.min { $0.distance < $1.distance }
        if let best = ranked, best.distance <= max(2, word.count / 3) {
            return "unknown command \"\(shown)\" — did you mean \"\(best.verb)\"? See mlcf --help for the commands."
        }
        return "unknown command \"\(shown)\", and no file of that name; the commands are \(verbs.joined(separator: ", ")) (see mlcf --help)."
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
