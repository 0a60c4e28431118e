import Foundation

/// A portfolio's recorded history (its `versions` field): the ids of its most recent saved
/// versions, newest first. Every save gives the version it writes a fresh id in front of the
/// history of what it replaced; a merge's result carries both copies' histories. Two copies
/// then tell the version they last shared by the newest id both hold, and a copy whose own id
/// is that one is exactly their common version (issue 18: never a guess from file times).
public enum VersionLineage {
    /// How many ids a file keeps (16 hex characters each: about 4 KB at most).
    public static let cap = 200

    /// A new random id, 16 hex characters.
    public static func freshID() -> String {
        let value = UInt64.random(in: 0...UInt64.max)
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The id standing for a file that records no history: its bytes' hash, in the same form.
    public static func id(ofContent hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The id of the version a portfolio holds (nil for a file no save of this kind wrote).
    public static func current(_ portfolio: Portfolio) -> String? { portfolio.versions?.first }

    /// The history of a version about to be written: a fresh id, then the history of the
    /// version it replaces (`previous`, as that save wrote it) and what the portfolio itself
    /// carries (as loaded, or both sides' after a merge).
    public static func next(after previous: [String]?, carried: [String]?) -> [String] {
        Array(([freshID()] + union(previous, carried)).prefix(cap))
    }

    /// Both histories, each id once, taken in turn from each (so the newest of both come
    /// first), capped.
    public static func union(_ first: [String]?, _ second: [String]?) -> [String] {
        let a = first ?? [], b = second ?? []
        var seen = Set<String>()
        var out: [String] = []
        out.reserveCapacity(min(cap, a.count + b.count))
        for index in 0..<max(a.count, b.count) where out.count < cap {
            if index < a.count, seen.insert(a[index]).inserted { out.append(a[index]) }
            if index < b.count, out.count < cap, seen.insert(b[index]).inserted { out.append(b[index]) }
        }
        return out
    }

    /// The newest id both histories hold (in `first`'s order), or nil when they share none.
    public static func newestShared(_ first: [String]?, _ second: [String]?) -> String? {
        let other = Set(second ?? [])
        return (first ?? []).first { other.contains($0) }
    }

    /// The portfolio with `history` recorded, as a save writes it.
    public static func recording(_ history: [String], in portfolio: Portfolio) -> Portfolio {
        var copy = portfolio
        copy.versions = history
        return copy
    }
}
