import PlannerModel

/// Spots text that looks like it identifies a patient (reference §3), so the doctor can
/// remove it before the portfolio goes anywhere. It warns; it never edits the text.
///
/// A hand-written single pass over the UTF-8 bytes rather than a set of regular
/// expressions: it runs over every text field of a career's portfolio on each validation.
public enum PIIGuard {
    public enum Kind: String, Sendable, CaseIterable {
        case nhsNumber = "nhs-number"
        case postcode
        case dateOfBirth = "date-of-birth"
        case hospitalNumber = "hospital-number"
        case phoneNumber = "phone-number"
        case email

        public var label: String {
            switch self {
            case .nhsNumber: return "an NHS number (it passes the NHS modulus-11 check)"
            case .postcode: return "a UK postcode"
            case .dateOfBirth: return "a full date of birth"
            case .hospitalNumber: return "a hospital or medical record number"
            case .phoneNumber: return "a phone number"
            case .email: return "an e-mail address"
            }
        }
    }

    public struct Match: Equatable, Sendable {
        public let kind: Kind
        public let text: String
    }

    public static let why =
        "patient-identifiable details must not be kept in an appraisal portfolio (GMC, RCGP and NHS England guidance): remove or anonymise it"

    /// All matches in `text`. `referenceYear` (normally this year) dates "old" full dates.
    public static func scan(_ text: String, referenceYear: Int) -> [Match] {
        var copy = text
        return copy.withUTF8 { bytes in
            var scanner = Scanner(bytes: bytes, referenceYear: referenceYear)
            return scanner.run()
        }
    }

    /// Whether an eight-byte word may hold a digit or an @ (a byte from 0x30 to 0x40): each
    /// byte is tested in its own seven bits, so no carry crosses into its neighbour.
    @inline(__always) static func mayHoldDigitOrAt(_ w: UInt64) -> Bool {
        let low7 = w & 0x7F7F_7F7F_7F7F_7F7F
        let atLeast30 = low7 &+ 0x5050_5050_5050_5050  // bit 7 set where the byte ≥ 0x30
        let above40 = low7 &+ 0x3F3F_3F3F_3F3F_3F3F  // bit 7 set where the byte > 0x40
        return atLeast30 & ~above40 & ~w & 0x8080_8080_8080_8080 != 0
    }

    /// The NHS number check digit rule: weights 10…2 on the first nine digits, 11 − (sum mod 11),
    /// 11 becomes 0 and 10 means the number is invalid.
    public static func passesModulus11(_ digits: [Int]) -> Bool {
        guard digits.count == 10 else { return false }
        var sum = 0
        for i in 0..<9 { sum += digits[i] * (10 - i) }
        var check = 11 - sum % 11
        if check == 11 { check = 0 }
        return check != 10 && check == digits[9]
    }
}

private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let referenceYear: Int
    var matches: [PIIGuard.Match] = []
    var covered: [Range<Int>] = []
    /// Where each run of digits starts, in order (found by `run`). Dates, long numbers and
    /// postcodes all hold a digit, so those passes look only around these places.
    var digitStarts: [Int] = []

    init(bytes: UnsafeBufferPointer<UInt8>, referenceYear: Int) {
        self.bytes = bytes
        self.referenceYear = referenceYear
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    static func isUpper(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
    static func isLower(_ b: UInt8) -> Bool { b >= 97 && b <= 122 }
    static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isUpper(b) || isLower(b) || b >= 0x80 }
    func at(_ i: Int) -> UInt8 { i >= 0 && i < bytes.count ? bytes[i] : 0 }
    func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self) }

    mutating func add(_ kind: PIIGuard.Kind, _ range: Range<Int>) {
        if covered.contains(where: { $0.overlaps(range) }) { return }
        covered.append(range)
        matches.append(.init(kind: kind, text: text(range)))
    }

    mutating func run() -> [PIIGuard.Match] {
        // One quick look decides which passes can match at all: each kind needs at least
        // number of digits (a date 4, a hospital number 5 after a keyword or 6 after capitals
        // in one run, an NHS or phone number 9, a postcode 2), an e-mail an @.
        var digits = 0, run = 0, longestRun = 0, hasAt = false
        var tokenDigits = 0, mostTokenDigits = 0  // digits in one run of letters and digits
        var i = 0
        let count = bytes.count
        while i < count {
            // Eight bytes at a time while they hold no digit and no @ (most text).
            if run == 0 && tokenDigits == 0 && i + 8 <= count,
                !PIIGuard.mayHoldDigitOrAt(UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(fromByteOffset: i, as: UInt64.self))
            {
                i += 8
                continue
            }
            let b = bytes[i]
            if Scanner.isDigit(b) {
                if run == 0 { digitStarts.append(i) }
                digits += 1; run += 1; tokenDigits += 1
                if run > longestRun { longestRun = run }
                if tokenDigits > mostTokenDigits { mostTokenDigits = tokenDigits }
            } else {
                run = 0
                if !Scanner.isAlnum(b) { tokenDigits = 0 }
                if b == 64 { hasAt = true }
            }
            i += 1
        }
        if digits == 0 && !hasAt { return [] }
        if hasAt { emails() }
        if digits >= 4 { dates() }
        if digits >= 9 { numberSequences() }
        if mostTokenDigits >= 5 { keywordNumbers() }
        if longestRun >= 6 { prefixedNumbers() }
        if digits >= 2 { postcodes() }
        return matches
    }

    // MARK: e-mail

    mutating func emails() {
        func local(_ b: UInt8) -> Bool { Scanner.isDigit(b) || Scanner.isUpper(b) || Scanner.isLower(b) || b == 46 || b == 95 || b == 37 || b == 43 || b == 45 }
        func domain(_ b: UInt8) -> Bool { Scanner.isDigit(b) || Scanner.isUpper(b) || Scanner.isLower(b) || b == 46 || b == 45 }
        for i in 0..<bytes.count where bytes[i] == 64 {
            var s = i
            while s > 0 && local(bytes[s - 1]) { s -= 1 }
            var e = i + 1
            while e < bytes.count && domain(bytes[e]) { e += 1 }
            while e > i + 1 && bytes[e - 1] == 46 { e -= 1 }  // a full stop ending the sentence
            guard s < i, e > i + 1 else { continue }
            let host = Array(bytes[(i + 1)..<e])
            guard let dot = host.lastIndex(of: 46), dot > 0, host.count - dot - 1 >= 2,
                host[(dot + 1)...].allSatisfy({ Scanner.isUpper($0) || Scanner.isLower($0) })
            else { continue }
            add(.email, s..<e)
        }
    }

    // MARK: dates of birth

    static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december",
    ]

    /// The month named by the letters at `i` and where they end: a month name or an
    /// abbreviation of at least three letters ("Mar", "Sept"), any case, without building a string.
    func monthWord(at i: Int) -> (month: Int, end: Int)? {
        var e = i
        while e < bytes.count, Scanner.isUpper(bytes[e]) || Scanner.isLower(bytes[e]) { e += 1 }
        let n = e - i
        guard n >= 3, n <= 9 else { return nil }
        for (index, name) in Scanner.monthBytes.enumerated() where n <= name.count {
            var same = true
            for k in 0..<n where (bytes[i + k] | 0x20) != name[k] { same = false; break }
            if same { return (index + 1, e) }
        }
        return nil
    }

    static let monthBytes: [[UInt8]] = months.map { Array($0.utf8) }

    func readNumber(_ i: Int, maxDigits: Int) -> (value: Int, end: Int, count: Int)? {
        var e = i, v = 0
        while e < bytes.count, Scanner.isDigit(bytes[e]), e - i < maxDigits + 1 { v = v * 10 + Int(bytes[e] - 48); e += 1 }
        let n = e - i
        return n == 0 || n > maxDigits ? nil : (v, e, n)
    }

    /// True if a birth keyword stands shortly before `i`.
    func birthKeywordBefore(_ i: Int) -> Bool {
        let start = max(0, i - 24)
        let window = text(start..<i).lowercased()
        return window.contains("dob") || window.contains("d.o.b") || window.contains("birth") || window.contains("born")
    }

    /// A date found in the text: year, month, day, where it ends, and whether the year was
    /// written with two digits (then only a birth keyword makes it a date of birth).
    typealias FoundDate = (year: Int, month: Int, day: Int, end: Int, shortYear: Bool)

    /// Left to right over the places a date can start — a number, or a word followed by a
    /// space and a number ("March 12", "Mar. 12") — each at the start of a word; a date found
    /// is passed over whole.
    mutating func dates() {
        var next = 0  // where the scan stands: places before it are inside a date already read
        func accepted(_ found: FoundDate?) -> FoundDate? {
            guard let found, !Scanner.isAlnum(at(found.end)), CalendarDate(year: found.year, month: found.month, day: found.day) != nil else { return nil }
            return found
        }
        for d in digitStarts {
            if d >= 2, bytes[d - 1] == 32 {
                let e = bytes[d - 2] == 46 ? d - 2 : d - 1
                var w = e
                while w > 0, Scanner.isUpper(bytes[w - 1]) || Scanner.isLower(bytes[w - 1]) { w -= 1 }
                if w < e, w >= next, !Scanner.isAlnum(at(w - 1)), let found = accepted(monthFirstDate(at: w)) {
                    dateFound(found, at: w)
                    next = found.end
                }
            }
            if d >= next, !Scanner.isAlnum(at(d - 1)), let found = accepted(numericDate(at: d) ?? writtenDate(at: d)) {
                dateFound(found, at: d)
                next = found.end
            }
        }
    }

    mutating func dateFound(_ found: FoundDate, at i: Int) {
        if birthKeywordBefore(i) || (!found.shortYear && found.year <= referenceYear - 18) {
            add(.dateOfBirth, i..<found.end)
        }
    }

    /// 12/03/1956, 12.3.1956, 12-03-1956, 1956-03-12, and 12/03/56 (two-digit year).
    func numericDate(at i: Int) -> FoundDate? {
        guard let a = readNumber(i, maxDigits: 4) else { return nil }
        let sep = at(a.end)
        guard sep == 47 || sep == 46 || sep == 45, let b = readNumber(a.end + 1, maxDigits: 2), at(b.end) == sep,
            let c = readNumber(b.end + 1, maxDigits: 4)
        else { return nil }
        if a.count == 4 && c.count <= 2 { return (a.value, b.value, c.value, c.end, false) }
        if a.count <= 2 && c.count == 4 { return (c.value, b.value, a.value, c.end, false) }
        if a.count <= 2 && c.count == 2 {
            // The most recent year with those last two digits that is not in the future.
            var year = referenceYear - referenceYear % 100 + c.value
            if year > referenceYear { year -= 100 }
            return (year, b.value, a.value, c.end, true)
        }
        return nil
    }

    /// Where the run of ASCII letters starting at `i` ends.
    func letterRunEnd(_ i: Int) -> Int {
        var e = i
        while e < bytes.count, Scanner.isUpper(bytes[e]) || Scanner.isLower(bytes[e]) { e += 1 }
        return e
    }

    /// Whether the letters `i..<end` are `word` (lower-case ASCII), in any case.
    func lettersAre(_ word: StaticString, _ i: Int, _ end: Int) -> Bool {
        guard end - i == word.utf8CodeUnitCount else { return false }
        for k in 0..<(end - i) where bytes[i + k] | 0x20 != word.utf8Start[k] { return false }
        return true
    }

    /// After a day number: the end of an ordinal suffix ("st", "nd", "rd", "th") at `j`, if one is there.
    func ordinalSuffixEnd(_ j: Int) -> Int? {
        let e = letterRunEnd(j)
        return lettersAre("st", j, e) || lettersAre("nd", j, e) || lettersAre("rd", j, e) || lettersAre("th", j, e) ? e : nil
    }

    /// 12 March 1956, 12th Mar 1956, 3rd of May 1950, 12 Sept. 1945.
    func writtenDate(at i: Int) -> FoundDate? {
        guard let d = readNumber(i, maxDigits: 2) else { return nil }
        var j = d.end
        if let afterSuffix = ordinalSuffixEnd(j) { j = afterSuffix }
        guard at(j) == 32 else { return nil }
        var wordStart = j + 1
        let wordEnd = letterRunEnd(wordStart)
        if lettersAre("of", wordStart, wordEnd), at(wordEnd) == 32 { wordStart = wordEnd + 1 }
        guard let (m, afterWord) = monthWord(at: wordStart) else { return nil }
        var k = afterWord
        if at(k) == 46 { k += 1 }
        if at(k) == 44 { k += 1 }
        guard at(k) == 32, let y = readNumber(k + 1, maxDigits: 4), y.count == 4 else { return nil }
        return (y.value, m, d.value, y.end, false)
    }

    /// March 12, 1946 and Mar 12th 1946 (month first).
    func monthFirstDate(at i: Int) -> FoundDate? {
        // Most words are not followed by a space and a digit: rule them out before comparing
        // the word with the twelve month names.
        var e = i
        while e < bytes.count, Scanner.isUpper(bytes[e]) || Scanner.isLower(bytes[e]) { e += 1 }
        guard (at(e) == 32 && Scanner.isDigit(at(e + 1))) || (at(e) == 46 && at(e + 1) == 32 && Scanner.isDigit(at(e + 2))) else { return nil }
        guard let (m, afterWord) = monthWord(at: i) else { return nil }
        var j = afterWord
        if at(j) == 46 { j += 1 }
        guard at(j) == 32, let d = readNumber(j + 1, maxDigits: 2) else { return nil }
        var k = d.end
        if let afterSuffix = ordinalSuffixEnd(k) { k = afterSuffix }
        if at(k) == 44 { k += 1 }
        guard at(k) == 32, let y = readNumber(k + 1, maxDigits: 4), y.count == 4 else { return nil }
        return (y.value, m, d.value, y.end, false)
    }

    // MARK: NHS and phone numbers

    /// A number starts at a digit, "+" or "(" followed by a digit, at the start of a word: so
    /// only just before and at each run of digits.
    mutating func numberSequences() {
        var next = 0
        for d in digitStarts {
            if d >= 1, d - 1 >= next, bytes[d - 1] == 43 || bytes[d - 1] == 40, !Scanner.isAlnum(at(d - 2)) {
                next = numberSequence(at: d - 1)
            }
            if d >= next, !Scanner.isAlnum(at(d - 1)) {
                next = numberSequence(at: d)
            }
        }
    }

    /// Reads the number starting at `i`, adds what it looks like, and returns where to go on.
    mutating func numberSequence(at i: Int) -> Int {
        let b = bytes[i]
        let startsPlus = b == 43 && Scanner.isDigit(at(i + 1))
        do {
            var j = startsPlus || b == 40 ? i + 1 : i
            // First without keeping the digits: most numbers are far too short to matter.
            var count = 0, end = j
            while j < bytes.count {
                if Scanner.isDigit(bytes[j]) { count += 1; j += 1; end = j; continue }
                var k = j
                if bytes[k] == 41 { k += 1 }
                if k < bytes.count, bytes[k] == 32 || bytes[k] == 45 { k += 1 }
                if k < bytes.count, bytes[k] == 40, at(k + 1) == 48, at(k + 2) == 41 { k += 3; if at(k) == 32 { k += 1 } }
                if k > j, k < bytes.count, Scanner.isDigit(bytes[k]), count < 13 { j = k } else { break }
            }
            if Scanner.isAlnum(at(end)) || count < 9 { return max(end, i + 1) }
        }
        do {
            var j = startsPlus || b == 40 ? i + 1 : i
            let firstDigit = j
            var digits: [Int] = []
            var groups: [Int] = []
            var current = 0
            var end = j
            while j < bytes.count {
                if Scanner.isDigit(bytes[j]) {
                    digits.append(Int(bytes[j] - 48)); current += 1; j += 1; end = j
                    continue
                }
                // Separators allowed inside one number: " ", "-", ")", ") ", "(0)".
                var k = j
                if bytes[k] == 41 { k += 1 }
                if k < bytes.count, bytes[k] == 32 || bytes[k] == 45 { k += 1 }
                if k < bytes.count, bytes[k] == 40, at(k + 1) == 48, at(k + 2) == 41 { k += 3; if at(k) == 32 { k += 1 } }
                if k > j, k < bytes.count, Scanner.isDigit(bytes[k]), digits.count < 13 {
                    groups.append(current); current = 0; j = k
                } else {
                    break
                }
            }
            groups.append(current)
            if Scanner.isAlnum(at(end)) || digits.count < 9 { return max(end, i + 1) }
            let range = i..<end
            if digits.count == 10, groups == [10] || groups == [3, 3, 4], !startsPlus, PIIGuard.passesModulus11(digits) {
                add(.nhsNumber, firstDigit..<end)
            } else if startsPlus, digits.starts(with: [4, 4]), (11...13).contains(digits.count) {
                add(.phoneNumber, range)
            } else if digits.first == 0, digits.count >= 10, digits.count <= 11, digits[1] != 0 {
                add(.phoneNumber, range)
            }
            return max(end, i + 1)
        }
    }

    // MARK: hospital numbers

    static let hospitalKeywords = [
        "mrn", "hospital number", "hospital no", "hosp no", "hosp. no", "unit number",
        "unit no", "patient id", "patient number", "case number", "record number", "k number",
    ]

    static let hospitalKeywordBytes: [[UInt8]] = hospitalKeywords.map { Array($0.utf8) }

    /// Whether the keyword (lower-case ASCII) stands at `i`, in any case.
    func keyword(_ k: [UInt8], at i: Int) -> Bool {
        guard i + k.count <= bytes.count else { return false }
        for n in 0..<k.count {
            let b = bytes[i + n]
            if (Scanner.isUpper(b) ? b + 32 : b) != k[n] { return false }
        }
        return true
    }

    mutating func keywordNumbers() {
        // The keywords are ASCII, so comparing with ASCII case folded finds what lower-casing
        // the whole text would, without building it.
        guard (0..<bytes.count).contains(where: { i in Scanner.hospitalKeywordBytes.contains { keyword($0, at: i) } }) else { return }
        for k in Scanner.hospitalKeywordBytes {
            var i = 0
            while i + k.count <= bytes.count {
                if keyword(k, at: i), !Scanner.isAlnum(at(i - 1)) {
                    // Skip punctuation and up to two filler words ("no", "is"), then judge the next token.
                    var j = i + k.count
                    var e = j
                    for _ in 0..<3 {
                        while j < bytes.count, !Scanner.isAlnum(bytes[j]) { j += 1 }
                        e = j
                        var digitCount = 0
                        while e < bytes.count, Scanner.isAlnum(bytes[e]) { if Scanner.isDigit(bytes[e]) { digitCount += 1 }; e += 1 }
                        if digitCount >= 5 { add(.hospitalNumber, j..<e); break }
                        let word = text(j..<e).lowercased()
                        guard ["no", "number", "num", "is", "was", "of", "id"].contains(word) else { break }
                        j = e
                    }
                    i = max(e, i + 1)
                } else {
                    i += 1
                }
            }
        }
    }

    /// RXH1234567, H123456: one to three capitals glued to six or more digits.
    mutating func prefixedNumbers() {
        var i = 0
        while i < bytes.count {
            guard Scanner.isUpper(bytes[i]), !Scanner.isAlnum(at(i - 1)) else { i += 1; continue }
            var j = i
            while j < bytes.count, Scanner.isUpper(bytes[j]), j - i < 4 { j += 1 }
            let letters = j - i
            var e = j
            while e < bytes.count, Scanner.isDigit(bytes[e]) { e += 1 }
            let digits = e - j
            if (1...3).contains(letters), (6...10).contains(digits), !Scanner.isAlnum(at(e)) {
                add(.hospitalNumber, i..<e)
            }
            i = max(e, i + 1)
        }
    }

    // MARK: postcodes

    /// Outward code (A9, A99, AA9, AA99, A9A, AA9A), optional space, inward code 9AA whose
    /// letters are not C, I, K, M, O or V. Capitals only, as postcodes are written.
    mutating func postcodes() {
        func inwardLetter(_ b: UInt8) -> Bool { Scanner.isUpper(b) && !"CIKMOV".utf8.contains(b) }
        // An outward code starts with one or two capitals right before a run of digits.
        var next = 0
        for d in digitStarts {
            let i = Scanner.isUpper(at(d - 1)) && Scanner.isUpper(at(d - 2)) ? d - 2 : d - 1
            guard i >= next, Scanner.isUpper(at(i)), !Scanner.isAlnum(at(i - 1)) else { continue }
            next = i + 1
            let j = d + 1
            var outwardEnds: [Int] = [j]
            if Scanner.isDigit(at(j)) || Scanner.isUpper(at(j)) { outwardEnds.append(j + 1) }
            for o in outwardEnds.reversed() {
                var k = o
                if at(k) == 32 { k += 1 }
                if Scanner.isDigit(at(k)), inwardLetter(at(k + 1)), inwardLetter(at(k + 2)), !Scanner.isAlnum(at(k + 3)) {
                    add(.postcode, i..<(k + 3)); next = k + 3; break
                }
            }
        }
    }
}
