import Foundation
import PlannerModel

#if canImport(Glibc)
    import Glibc
#endif

/// The version two copies of a portfolio last shared, found by their recorded histories
/// (`VersionLineage`) and never guessed: a `.bak` may hold later saves of one copy that the
/// other never had, and a merge from it takes them back (issue 18). Only a copy whose own id
/// is the newest id both histories hold is used: an older shared version can take back a
/// change too (a field changed, then changed back).
public enum CommonVersion {
    /// What a two-copy merge goes from.
    public enum Base: Sendable {
        /// Exactly the version both copies last shared: where it was found, and when it was
        /// written (nil when not known).
        case shared(Portfolio, place: String, saved: Date?)
        /// No copy of it here: the merge goes without one (every difference a conflict).
        case none(reason: String)

        /// One sentence for the doctor: which base the merge used.
        public var sentence: String {
            switch self {
            case .shared(_, let place, let saved):
                let when = saved.map { ", saved " + CommonVersion.describe($0) } ?? ""
                return "Merged from the version both copies last shared\(when) (\(place))."
            case .none(let reason):
                return "No shared version found (\(reason)): every difference is listed as a conflict."
            }
        }
    }

    /// A version held in memory (the planner's last read or written at a path) that may be
    /// the shared one; its `versions` is the history it was written with.
    public struct Known: Sendable {
        public var portfolio: Portfolio
        public var place: String
        public var saved: Date?
        public init(_ portfolio: Portfolio, place: String, saved: Date?) {
            self.portfolio = portfolio; self.place = place; self.saved = saved
        }
    }

    /// The version `ours` and `theirs` (with the histories their files record) last shared:
    /// among `known` (versions held exactly, in memory), then the snapshots
    /// (`VersionSnapshots`) and `.bak` of each of `copies`, then `selves` (the two copies as
    /// read: one of them is the shared version when the other is simply newer), the one whose
    /// own id is the newest id both histories hold.
    public static func find(ours: [String]?, theirs: [String]?, copies: [URL], known: [Known] = [], selves: [Known] = []) -> Base {
        guard let ours, !ours.isEmpty, let theirs, !theirs.isEmpty else { return .none(reason: "a copy records no history") }
        guard let shared = VersionLineage.newestShared(ours, theirs) else {
            return .none(reason: "the two copies' histories have no version in common: written apart, by hand or by an older mlcf")
        }
        for candidate in known where VersionLineage.current(candidate.portfolio) == shared {
            return .shared(candidate.portfolio, place: candidate.place, saved: candidate.saved)
        }
        var files: [URL] = []
        for copy in copies {
            files.append(VersionSnapshots.file(shared, of: copy))
            files.append(URL(fileURLWithPath: copy.path + ".bak"))
        }
        for file in files {
            guard let (portfolio, stamp) = try? PortfolioStore.loadStamped(from: file), stamp.history?.first == shared else { continue }
            return .shared(portfolio, place: file.path, saved: modified(file))
        }
        for candidate in selves where VersionLineage.current(candidate.portfolio) == shared {
            return .shared(candidate.portfolio, place: candidate.place, saved: candidate.saved)
        }
        return .none(reason: "the version both last shared (\(shared)) is kept in neither copy's .bak nor its .versions folder")
    }

    /// Merges `theirs` into `ours` from `base`: three ways from the shared version, or with
    /// none, where every difference is a conflict and nothing is deleted.
    public static func merge(ours: Portfolio, theirs: Portfolio, from base: Base) throws -> PortfolioMerge.Outcome {
        switch base {
        case .shared(let common, _, _): return try PortfolioMerge.merge(base: common, ours: ours, theirs: theirs)
        case .none: return try PortfolioMerge.mergeWithoutBase(ours: ours, theirs: theirs)
        }
    }

    /// Two copies read from `oursURL` and `theirsURL` merged from the version they last
    /// shared (either copy itself, when the other is simply newer): `mlcf merge OURS THEIRS`.
    /// The stamps give each copy's history (`FileStamp.history`: a file that records none
    /// stands for itself by its content's hash).
    public static func mergeCopies(
        ours: Portfolio, stamp oursStamp: FileStamp, at oursURL: URL, theirs: Portfolio, stamp theirsStamp: FileStamp, at theirsURL: URL
    ) throws -> (base: Base, outcome: PortfolioMerge.Outcome) {
        let ours = VersionLineage.recording(oursStamp.history ?? [], in: ours)
        let theirs = VersionLineage.recording(theirsStamp.history ?? [], in: theirs)
        let base = find(
            ours: ours.versions, theirs: theirs.versions, copies: [oursURL, theirsURL],
            selves: [Known(ours, place: oursURL.path, saved: modified(oursURL)), Known(theirs, place: theirsURL.path, saved: modified(theirsURL))])
        return (base, try merge(ours: ours, theirs: theirs, from: base))
    }

    /// When `file` was last written.
    static func modified(_ file: URL) -> Date? {
        var info = stat()
        guard lstat(file.path, &info) == 0 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec) + TimeInterval(info.st_mtim.tv_nsec) / 1e9)
    }

    /// A time as the doctor reads it: `2026-12-06 14:05`, local time.
    static func describe(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}

extension CommonVersion.Base {
    /// `sentence`, or, when the shared version is one copy itself, that the merge is a
    /// fast-forward: the other copy already holds every change of it.
    public func sentence(ours: [String]?, theirs: [String]?) -> String {
        guard case .shared(let common, _, _) = self, let id = VersionLineage.current(common) else { return sentence }
        if id == theirs?.first { return "This copy already holds every change of the other (the other is an older version of it)." }
        if id == ours?.first { return "The other copy holds every change of this one: a fast-forward to the other copy, as it is." }
        return sentence
    }
}
