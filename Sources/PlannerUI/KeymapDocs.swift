/// What the table says to people: the hint bar, the help overlay, the dialogs' choices and
/// the README's key table, all made from the bindings `update` dispatches on.
extension Keymap {
    /// The bindings of a mode that have a hint, in order.
    static func hinted(in mode: Mode, scale: Int) -> [Binding] {
        bindings(in: mode, scale: scale).filter { $0.hint != nil }
    }

    /// The bottom bar: "key hint" pairs, after a word on typing where text is typed.
    public static func hints(in mode: Mode, scale: Int) -> String {
        var shown = hinted(in: mode, scale: scale).map { "\($0.shownKey) \($0.hint ?? "")" }
        if mode == .search { shown.insert("type to search", at: 0) }
        return shown.joined(separator: "  ")
    }

    /// A dialog's or picker's choices on one line ("y  delete    n / Esc  keep"), leaving out help.
    static func choices(in mode: Mode, separator: String = "    ", gap: String = "  ") -> String {
        hinted(in: mode, scale: 0).filter { $0.command != .help }.map { "\($0.shownKey)\(gap)\($0.hint ?? "")" }.joined(separator: separator)
    }

    /// The choices as a sentence ("Any key closes this help."), for overlays with one way out.
    static func sentence(in mode: Mode) -> String {
        let text = choices(in: mode, separator: "; ", gap: " ")
        return text.prefix(1).uppercased() + text.dropFirst() + "."
    }

    /// A dialog's choices one to a line, the texts lined up.
    static func choiceLines(in mode: Mode) -> [String] {
        let choices = hinted(in: mode, scale: 0).filter { $0.command != .help }
        let width = (choices.map { DisplayWidth.of($0.shownKey) }.max() ?? 0) + 2
        return choices.map { DisplayWidth.pad($0.shownKey, to: width) + ($0.hint ?? "") }
    }

    /// The help overlay's lines: one per binding, or one per summary line for groups that have one.
    public static func helpLines(in mode: Mode, scale: Int) -> [(key: String, help: String)] {
        var lines: [(key: String, help: String)] = []
        var seen = Set<String>()
        for group in groups(in: mode, scale: scale) {
            if let summary = group.summary {
                for line in summary where seen.insert(line.keys + line.help).inserted { lines.append((line.keys, line.help)) }
                continue
            }
            for binding in group.bindings where seen.insert(binding.label + binding.help).inserted {
                lines.append((binding.label, binding.help))
            }
        }
        return lines
    }

    /// The README's key table, made from every mode's bindings (`KeymapDocumentationTests`
    /// fails when the README's copy differs): one row per key and meaning, with where it works.
    public static var markdownTable: String {
        let scale = bundledScale
        var rows: [(keys: String, help: String, places: [String])] = []
        for mode in Mode.all {
            for group in groups(in: mode, scale: scale) {
                for binding in group.bindings {
                    let keys = binding.anyOtherKey ? binding.label : binding.label.split(separator: " ").map { "`\($0)`" }.joined(separator: " ")
                    if let i = rows.firstIndex(where: { $0.keys == keys && $0.help == binding.help }) {
                        if !rows[i].places.contains(group.place) { rows[i].places.append(group.place) }
                    } else {
                        rows.append((keys, binding.help, [group.place]))
                    }
                }
            }
        }
        var table = "| key | where | what it does |\n|---|---|---|\n"
        for row in rows { table += "| \(row.keys) | \(row.places.joined(separator: ", ")) | \(row.help) |\n" }
        return table
    }
}
