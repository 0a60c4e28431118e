import Foundation

/// A hand-written reader for the portfolio format: the quick path of `PortfolioStore`. It
/// decodes straight into the model, with no intermediate tree, in one pass on one thread.
///
/// It reads only what it knows. It gives up (returns nil) on anything it does not recognise
/// or that `JSONDecoder` might judge differently: a format version other than the current
/// one, a key the model does not know (`JSONDecoder` keeps it in the record's
/// `unknownFields`), a duplicate or escaped key, an unusual number, invalid UTF-8, any syntax
/// error. The caller then decodes with `JSONDecoder` (`PortfolioStore.decodeWithFoundation`),
/// so errors, migrations and edge cases behave as they always did. When it succeeds it gives
/// the same `Portfolio` `JSONDecoder` would (tests compare the two).
enum FastDecoder {
    /// Thrown inside the reader wherever it gives up.
    struct GiveUp: Error {}

    static func decode(_ data: Data) -> Portfolio? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Portfolio? in
            guard let base = raw.baseAddress, raw.count > 0 else { return nil }
            return decode(base.assumingMemoryBound(to: UInt8.self), count: raw.count, releasing: false)
        }
    }

    /// Decodes `count` bytes. With `releasing`, the buffer must be an anonymous mapping the
    /// caller owns and throws away afterwards: the pages of evidence already read are given
    /// back to the system as the reading goes (they read as zeros afterwards), so a career's
    /// file and its decoded portfolio are never in memory at once in full.
    static func decode(_ bytes: UnsafePointer<UInt8>, count: Int, releasing: Bool) -> Portfolio? {
        var reader = Reader(JSONCursor(bytes, count: count), releasing: releasing)
        // In the current format, as JSONDecoder's path gives it (`FormatMigration`).
        guard var portfolio = try? reader.document() else { return nil }
        FormatMigration.upgrade(&portfolio)
        return portfolio
    }
}

private let colon: UInt8 = 0x3A, comma: UInt8 = 0x2C
private let openBrace: UInt8 = 0x7B, closeBrace: UInt8 = 0x7D, openBracket: UInt8 = 0x5B, closeBracket: UInt8 = 0x5D

private struct Reader {
    typealias GiveUp = FastDecoder.GiveUp

    var c: JSONCursor
    /// Keys of the objects being read, innermost last, to refuse one met twice.
    var keys: [UnsafeBufferPointer<UInt8>] = []
    /// Whether pages already read may be given back (see `FastDecoder.decode`), and up to where they have been.
    let releasing: Bool
    var released = 0

    init(_ cursor: JSONCursor, releasing: Bool) {
        c = cursor
        self.releasing = releasing
    }

    /// Gives back the whole pages before `offset` (the start of an evidence item: nothing
    /// before it is looked at again), a few megabytes at a time.
    mutating func releaseConsumed(upTo offset: Int) {
        guard releasing, offset - released >= 4 << 20 else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let base = Int(bitPattern: c.p)
        let start = (base + released + page - 1) / page * page, end = (base + offset) / page * page
        if end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) {
            madvise(pointer, end - start, Int32(MADV_DONTNEED))
        }
        released = offset
    }

    // MARK: Structure

    mutating func expect(_ byte: UInt8) throws {
        guard c.peek() == byte else { throw GiveUp() }
        c.i += 1
    }

    /// Walks the items of an object or array between `open` and `close`; `item` reads one.
    mutating func container(open: UInt8, close: UInt8, _ item: (inout Reader) throws -> Void) throws {
        try expect(open)
        c.skipSpace()
        if c.peek() == close {
            c.i += 1
            return
        }
        while true {
            try item(&self)
            c.skipSpace()
            guard c.peek() == comma else { break }
            c.i += 1
            c.skipSpace()
        }
        try expect(close)
    }

    /// Walks the members of an object, calling `member` with each key's bytes; `member` must
    /// read the value. Gives up on a key met twice in the object.
    mutating func object(_ member: (inout Reader, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let outer = keys.count
        defer { keys.removeSubrange(outer...) }
        try container(open: openBrace, close: closeBrace) { r in
            let key = try r.key()
            for seen in r.keys[outer...] where Reader.same(seen, key) { throw GiveUp() }
            r.keys.append(key)
            r.c.skipSpace()
            try r.expect(colon)
            r.c.skipSpace()
            try member(&r, key)
        }
    }

    mutating func array(_ element: (inout Reader) throws -> Void) throws {
        try container(open: openBracket, close: closeBracket, element)
    }

    /// A key: ASCII, without escapes (other keys are left to JSONDecoder).
    mutating func key() throws -> UnsafeBufferPointer<UInt8> {
        guard case .written(let key) = try c.string(strict: true), !key.contains(where: { $0 >= 0x80 }) else { throw GiveUp() }
        return key
    }

    static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
    }

    static func key(_ key: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        key.count == name.utf8CodeUnitCount && memcmp(key.baseAddress!, name.utf8Start, key.count) == 0
    }

    // MARK: Values

    mutating func string() throws -> String {
        let text: String?
        switch try c.string(strict: true) {
        case .written(let bytes): text = String(validating: bytes, as: UTF8.self)
        case .decoded(let bytes): text = String(validating: bytes, as: UTF8.self)
        }
        guard let text else { throw GiveUp() }
        return text
    }

    mutating func int() throws -> Int {
        let text = try c.plainNumber()
        guard !text.contains(0x2E), text.first != 0x2D || (text.count > 1 && text[1] != 0x30), text.count <= 18 else { throw GiveUp() }
        var value = 0
        for b in text where b != 0x2D { value = value * 10 + Int(b - 0x30) }
        return text.first == 0x2D ? -value : value
    }

    mutating func double() throws -> Double {
        let text = try c.plainNumber()
        guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else { throw GiveUp() }
        return value
    }

    mutating func bool() throws -> Bool {
        if c.literal("true") { return true }
        if c.literal("false") { return false }
        throw GiveUp()
    }

    /// A `null` where an optional value may stand (decodeIfPresent reads it as absent).
    mutating func null() -> Bool {
        c.peek() == 0x6E && c.literal("null")
    }

    mutating func date() throws -> CalendarDate {
        guard let date = CalendarDate(try string()) else { throw GiveUp() }
        return date
    }

    mutating func strings() throws -> [String] {
        var out: [String] = []
        try array { r in out.append(try r.string()) }
        return out
    }

    mutating func enumValue<T: RawRepresentable>(_ type: T.Type) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: try string()) else { throw GiveUp() }
        return value
    }

    // MARK: The model
    // Every record below gives up at a key it does not know: JSONDecoder keeps it in the
    // record's `unknownFields`.

    mutating func document() throws -> Portfolio {
        c.skipSpace()
        var schemaVersion: Int?, profile: Profile?
        var evidence: [Evidence] = [], ratings: [String: Rating] = [:], pdp: [Goal] = [], previousPdp: [Goal] = []
        var history: [PastPeriod] = [], walkthrough: Walkthrough?
        try object { r, key in
            if Reader.key(key, "schemaVersion") {
                let version = try r.int()
                guard FormatMigration.readable.contains(version) else { throw GiveUp() }
                schemaVersion = version
            } else if Reader.key(key, "profile") {
                profile = try r.profile()
            } else if Reader.key(key, "evidence") {
                if r.null() { return }
                // Nothing before the list is given back: the document's keys read so far lie there.
                r.released = r.c.i
                try r.array { r in
                    r.releaseConsumed(upTo: r.c.i)
                    evidence.append(try r.evidence())
                }
            } else if Reader.key(key, "ratings") {
                if !r.null() { ratings = try r.ratings() }
            } else if Reader.key(key, "pdp") {
                if !r.null() { pdp = try r.goals() }
            } else if Reader.key(key, "previousPdp") {
                if !r.null() { previousPdp = try r.goals() }
            } else if Reader.key(key, "history") {
                if r.null() { return }
                try r.array { r in history.append(try r.pastPeriod()) }
            } else if Reader.key(key, "walkthrough") {
                if !r.null() { walkthrough = try r.walkthrough() }
            } else {
                throw GiveUp()
            }
        }
        c.skipSpace()
        guard c.i == c.end, schemaVersion != nil, let profile else { throw GiveUp() }
        return Portfolio(
            profile: profile, evidence: evidence, ratings: ratings, pdp: pdp, previousPdp: previousPdp,
            history: history, walkthrough: walkthrough)
    }

    mutating func profile() throws -> Profile {
        var name: String?, gmc: String?, stage: Stage?, grade = "", specialty = "", organisation = ""
        var start: CalendarDate?, finish: CalendarDate?, appraiser = "", scope: [ScopeEntry] = []
        var probity = "", health = "", achievements = "", challenges = "", aspirations = ""
        var frameworks: [String] = []
        try object { r, key in
            if Reader.key(key, "name") {
                name = try r.string()
            } else if Reader.key(key, "gmcNumber") {
                gmc = r.null() ? nil : try r.string()
            } else if Reader.key(key, "stage") {
                stage = try r.enumValue(Stage.self)
            } else if Reader.key(key, "grade") {
                grade = r.null() ? "" : try r.string()
            } else if Reader.key(key, "specialty") {
                specialty = r.null() ? "" : try r.string()
            } else if Reader.key(key, "organisation") {
                organisation = r.null() ? "" : try r.string()
            } else if Reader.key(key, "periodStart") {
                start = try r.date()
            } else if Reader.key(key, "periodEnd") {
                finish = try r.date()
            } else if Reader.key(key, "appraiser") {
                appraiser = r.null() ? "" : try r.string()
            } else if Reader.key(key, "scopeOfWork") {
                if r.null() { return }
                try r.array { r in scope.append(try r.scopeEntry()) }
            } else if Reader.key(key, "probityStatement") {
                probity = r.null() ? "" : try r.string()
            } else if Reader.key(key, "healthStatement") {
                health = r.null() ? "" : try r.string()
            } else if Reader.key(key, "achievements") {
                achievements = r.null() ? "" : try r.string()
            } else if Reader.key(key, "challenges") {
                challenges = r.null() ? "" : try r.string()
            } else if Reader.key(key, "aspirations") {
                aspirations = r.null() ? "" : try r.string()
            } else if Reader.key(key, "frameworks") {
                frameworks = r.null() ? [] : try r.strings()
            } else {
                throw GiveUp()
            }
        }
        guard let name, let stage, let start, let finish else { throw GiveUp() }
        return Profile(
            name: name, stage: stage, periodStart: start, periodEnd: finish, gmcNumber: gmc, grade: grade,
            specialty: specialty, organisation: organisation, appraiser: appraiser, scopeOfWork: scope,
            probityStatement: probity, healthStatement: health, achievements: achievements,
            challenges: challenges, aspirations: aspirations, frameworks: frameworks)
    }

    mutating func scopeEntry() throws -> ScopeEntry {
        var role: String?, organisation: String?, place: String?
        try object { r, key in
            if Reader.key(key, "role") {
                role = try r.string()
            } else if Reader.key(key, "organisation") {
                organisation = try r.string()
            } else if Reader.key(key, "place") {
                place = try r.string()
            } else {
                throw GiveUp()
            }
        }
        guard let role, let organisation, let place else { throw GiveUp() }
        return ScopeEntry(role: role, organisation: organisation, place: place)
    }

    mutating func ratings() throws -> [String: Rating] {
        var out: [String: Rating] = [:]
        try object { r, key in
            guard let id = String(validating: key, as: UTF8.self) else { throw GiveUp() }
            var level: Int?, note = ""
            try r.object { r, key in
                if Reader.key(key, "level") {
                    let value = try r.int()
                    guard Rating.levels.contains(value) else { throw GiveUp() }  // JSONDecoder says why
                    level = value
                } else if Reader.key(key, "note") {
                    note = r.null() ? "" : try r.string()
                } else {
                    throw GiveUp()
                }
            }
            guard let level else { throw GiveUp() }
            out[id] = Rating(level: level, note: note)
        }
        return out
    }

    mutating func goals() throws -> [Goal] {
        var out: [Goal] = []
        try array { r in out.append(try r.goal()) }
        return out
    }

    mutating func goal() throws -> Goal {
        var id: String?, title: String?, why = "", links: [String] = [], activities = "", measure = ""
        var target: CalendarDate?, status: GoalStatus?, review = ""
        try object { r, key in
            if Reader.key(key, "id") {
                id = try r.string()
            } else if Reader.key(key, "title") {
                title = try r.string()
            } else if Reader.key(key, "why") {
                why = r.null() ? "" : try r.string()
            } else if Reader.key(key, "links") {
                links = r.null() ? [] : try r.strings()
            } else if Reader.key(key, "activities") {
                activities = r.null() ? "" : try r.string()
            } else if Reader.key(key, "measure") {
                measure = r.null() ? "" : try r.string()
            } else if Reader.key(key, "targetDate") {
                target = r.null() ? nil : try r.date()
            } else if Reader.key(key, "status") {
                status = try r.enumValue(GoalStatus.self)
            } else if Reader.key(key, "reviewNote") {
                review = r.null() ? "" : try r.string()
            } else {
                throw GiveUp()
            }
        }
        guard let id, let title, let status else { throw GiveUp() }
        return Goal(
            id: id, title: title, why: why, links: links, activities: activities, measure: measure,
            targetDate: target, status: status, reviewNote: review)
    }

    mutating func pastPeriod() throws -> PastPeriod {
        var start: CalendarDate?, finish: CalendarDate?, stage: Stage?, grade: String?, appraisalDate: CalendarDate?
        var appraiser: String?, ratings: [String: Rating] = [:], pdp: [Goal] = []
        try object { r, key in
            if Reader.key(key, "periodStart") {
                start = try r.date()
            } else if Reader.key(key, "periodEnd") {
                finish = try r.date()
            } else if Reader.key(key, "stage") {
                stage = r.null() ? nil : try r.enumValue(Stage.self)
            } else if Reader.key(key, "grade") {
                grade = r.null() ? nil : try r.string()
            } else if Reader.key(key, "appraisalDate") {
                appraisalDate = r.null() ? nil : try r.date()
            } else if Reader.key(key, "appraiser") {
                appraiser = r.null() ? nil : try r.string()
            } else if Reader.key(key, "ratings") {
                if !r.null() { ratings = try r.ratings() }
            } else if Reader.key(key, "pdp") {
                if !r.null() { pdp = try r.goals() }
            } else {
                throw GiveUp()
            }
        }
        guard let start, let finish else { throw GiveUp() }
        return PastPeriod(
            periodStart: start, periodEnd: finish, stage: stage, grade: grade, appraisalDate: appraisalDate,
            appraiser: appraiser, ratings: ratings, pdp: pdp)
    }

    mutating func walkthrough() throws -> Walkthrough {
        var current: String?
        try object { r, key in
            if Reader.key(key, "currentElement") { current = try r.string() } else { throw GiveUp() }
        }
        guard let current else { throw GiveUp() }
        return Walkthrough(currentElement: current)
    }

    mutating func evidence() throws -> Evidence {
        var id: String?, title: String?, kind: EvidenceKind?, date: CalendarDate?, description = ""
        var reflection = Reflection(), links: [String] = [], credits: Double?, confirmation: Confirmation?
        var attachments: [String] = [], isPrivate = false, supportingInfo: [String]?, gmp: [String] = [], areas: [String] = []
        try object { r, key in
            if Reader.key(key, "id") {
                id = try r.string()
            } else if Reader.key(key, "title") {
                title = try r.string()
            } else if Reader.key(key, "kind") {
                kind = try r.enumValue(EvidenceKind.self)
            } else if Reader.key(key, "date") {
                date = try r.date()
            } else if Reader.key(key, "description") {
                description = r.null() ? "" : try r.string()
            } else if Reader.key(key, "reflection") {
                reflection = r.null() ? Reflection() : try r.reflection()
            } else if Reader.key(key, "links") {
                links = r.null() ? [] : try r.strings()
            } else if Reader.key(key, "cpdCredits") {
                credits = r.null() ? nil : try r.double()
                if let credits, Evidence.creditsProblem(credits) != nil { throw GiveUp() }  // JSONDecoder says why
            } else if Reader.key(key, "confirmation") {
                confirmation = r.null() ? nil : try r.confirmation()
            } else if Reader.key(key, "attachments") {
                attachments = r.null() ? [] : try r.strings()
            } else if Reader.key(key, "private") {
                isPrivate = r.null() ? false : try r.bool()
            } else if Reader.key(key, "supportingInfo") {
                supportingInfo = r.null() ? nil : try r.strings()
            } else if Reader.key(key, "gmpDomains") {
                gmp = r.null() ? [] : try r.strings()
            } else if Reader.key(key, "gmcAreas") {
                areas = r.null() ? [] : try r.strings()
            } else {
                throw GiveUp()
            }
        }
        guard let id, let title, let kind, let date else { throw GiveUp() }
        return Evidence(
            id: id, title: title, kind: kind, date: date, description: description, reflection: reflection,
            links: links, cpdCredits: credits, confirmation: confirmation, attachments: attachments,
            isPrivate: isPrivate, supportingInfo: supportingInfo, gmpDomains: gmp, gmcAreas: areas)
    }

    mutating func reflection() throws -> Reflection {
        var happened = "", learned = "", next = ""
        try object { r, key in
            if Reader.key(key, "whatHappened") {
                happened = r.null() ? "" : try r.string()
            } else if Reader.key(key, "whatLearned") {
                learned = r.null() ? "" : try r.string()
            } else if Reader.key(key, "whatNext") {
                next = r.null() ? "" : try r.string()
            } else {
                throw GiveUp()
            }
        }
        return Reflection(whatHappened: happened, whatLearned: learned, whatNext: next)
    }

    mutating func confirmation() throws -> Confirmation {
        var name = "", role = "", date: CalendarDate?
        try object { r, key in
            if Reader.key(key, "date") {
                date = r.null() ? nil : try r.date()
            } else if Reader.key(key, "name") {
                name = r.null() ? "" : try r.string()
            } else if Reader.key(key, "role") {
                role = r.null() ? "" : try r.string()
            } else {
                throw GiveUp()
            }
        }
        return Confirmation(name: name, role: role, date: date)
    }
}
