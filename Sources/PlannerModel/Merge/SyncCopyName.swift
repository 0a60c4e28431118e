/// Which files beside a portfolio are other copies of it that a sync tool (or the planner's own
/// "keep both" save) left there, judged by name alone (issue 18): the planner offers to merge
/// them in when it opens the portfolio. Pure, so every tool's naming is tested by example and
/// the rule is tried against random names that must never match.
public enum SyncCopyName {
    /// Who left the copy, for the sentence that offers it.
    public enum Tool: String, Sendable, Equatable {
        /// `NAME.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.json`.
        case syncthing
        /// `NAME (Jane's conflicted copy 2026-12-05).json` and its variants.
        case dropbox
        /// `NAME.mine-YYYY-MM-DD-HHMM[-N].json`: the planner's own version, kept beside a file
        /// another program changed while it was open (`PortfolioStore.keepBeside`).
        case keptBeside

        public var phrase: String {
            switch self {
            case .syncthing: return "a Syncthing conflict copy"
            case .dropbox: return "a Dropbox conflicted copy"
            case .keptBeside: return "a version this planner kept beside it"
            }
        }
    }

    /// The tool that left `candidate` as a copy of the portfolio named `portfolio` (both plain
    /// file names, no folder), or nil when it is not such a copy (the portfolio itself, its
    /// `.bak`, lock, draft, a copy already merged and moved aside, anything else).
    public static func tool(of candidate: String, portfolio: String) -> Tool? {
        guard candidate != portfolio else { return nil }
        let (stem, ext) = split(portfolio)
        if let middle = between(candidate, prefix: stem + ".sync-conflict-", suffix: ext), isSyncthingStamp(middle) { return .syncthing }
        if let middle = between(candidate, prefix: stem + " (", suffix: ")" + ext), middle.lowercased().contains("conflicted copy") {
            return .dropbox
        }
        if let middle = between(candidate, prefix: stem + ".mine-", suffix: ".json"), isKeptBesideStamp(middle) { return .keptBeside }
        return nil
    }

    /// The name with its `.json` (any case) taken off, and that ending; a portfolio without
    /// one has copies without one.
    static func split(_ name: String) -> (stem: String, ext: String) {
        guard name.count > 5, name.lowercased().hasSuffix(".json") else { return (name, "") }
        return (String(name.dropLast(5)), String(name.suffix(5)))
    }

    /// What lies between `prefix` and `suffix` in `name` (never overlapping), or nil.
    static func between(_ name: String, prefix: String, suffix: String) -> Substring? {
        guard name.count >= prefix.count + suffix.count, name.hasPrefix(prefix), name.hasSuffix(suffix) else { return nil }
        return name.dropFirst(prefix.count).dropLast(suffix.count)
    }

    /// `YYYYMMDD-HHMMSS-XXXXXXX`: a date, a time and the first seven letters of a device id.
    static func isSyncthingStamp(_ text: Substring) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, isDigits(parts[0], 8), isDigits(parts[1], 6), parts[2].count == 7 else { return false }
        return parts[2].allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }

    /// `YYYY-MM-DD-HHMM`, then `-N` when that minute's name was taken.
    static func isKeptBesideStamp(_ text: Substring) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 4 || parts.count == 5 else { return false }
        guard isDigits(parts[0], 4), isDigits(parts[1], 2), isDigits(parts[2], 2), isDigits(parts[3], 4) else { return false }
        return parts.count == 4 || (1...4).contains(parts[4].count) && parts[4].allSatisfy { ("0"..."9").contains($0) }
    }

    static func isDigits(_ text: Substring, _ count: Int) -> Bool {
        text.count == count && text.allSatisfy { ("0"..."9").contains($0) }
    }
}
