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

    public static let why = "patient-identifiable details must not be kept in an appraisal portfolio (GMC, RCGP and NHS England guidance): remove or anonymise it"

    /// All matches in `text`. `referenceYear` (normally this year) dates "old" full dates.
    public static func scan(_ text: String, referenceYear: Int) -> [Match] {
        var copy = text
        return copy.withUTF8 { bytes in
            var scanner = Scanner(bytes: bytes, referenceYear: referenceYear)
            return scanner.run()
        }
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
        var hasDigit = false, hasAt = false
        for b in bytes { if Scanner.isDigit(b) { hasDigit = true } else if b == 64 { hasAt = true } }
        if !hasDigit && !hasAt { return [] }
        if hasAt { emails() }
        if hasDigit {
            dates()
            numberSequences()
            keywordNumbers()
            prefixedNumbers()
            postcodes()
        }
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
                  host[(dot + 1)...].allSatisfy({ Scanner.isUpper($0) || Scanner.isLower($0) }) else { continue }
            add(.email, s..<e)
        }
    }

    // MARK: dates of birth

    static let months = ["january", "february", "march", "april", "may", "june", "july", "august",
                         "september", "october", "november", "december"]

    func lowerWord(at i: Int) -> (String, Int) {
        var e = i
        var word = ""
        while e < bytes.count, Scanner.isUpper(bytes[e]) || Scanner.isLower(bytes[e]) {
            word.append(Character(UnicodeScalar(Scanner.isUpper(bytes[e]) ? bytes[e] + 32 : bytes[e])))
            e += 1
        }
        return (word, e)
    }

    /// A month name or an abbreviation of at least three letters ("Mar", "Sept"), any case.
    func month(_ word: String) -> Int? {
        guard word.count >= 3 else { return nil }
        return Scanner.months.firstIndex { $0.hasPrefix(word) }.map { $0 + 1 }
    }

    /// The month named by the letters at `i` (same rule as `month(_:)`) and where they end,
    /// without building a string: the month-first scan looks at every word.
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

    mutating func dates() {
        var i = 0
        while i < bytes.count {
            guard !Scanner.isAlnum(at(i - 1)) else { i += 1; continue }
            let found: FoundDate?
            if Scanner.isDigit(bytes[i]) {
                found = numericDate(at: i) ?? writtenDate(at: i)
            } else if Scanner.isUpper(bytes[i]) || Scanner.isLower(bytes[i]) {
                found = monthFirstDate(at: i)
            } else { i += 1; continue }
            if let (y, m, d, end, shortYear) = found, !Scanner.isAlnum(at(end)), CalendarDate(year: y, month: m, day: d) != nil {
                if birthKeywordBefore(i) || (!shortYear && y <= referenceYear - 18) {
                    add(.dateOfBirth, i..<end)
                }
                i = end
            } else {
                i += 1
                while i < bytes.count, Scanner.isAlnum(bytes[i]) { i += 1 }  // to the end of this word
            }
        }
    }

    /// 12/03/1956, 12.3.1956, 12-03-1956, 1956-03-12, and 12/03/56 (two-digit year).
    func numericDate(at i: Int) -> FoundDate? {
        guard let a = readNumber(i, maxDigits: 4) else { return nil }
        let sep = at(a.end)
        guard sep == 47 || sep == 46 || sep == 45, let b = readNumber(a.end + 1, maxDigits: 2), at(b.end) == sep,
              let c = readNumber(b.end + 1, maxDigits: 4) else { return nil }
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

    /// 12 March 1956, 12th Mar 1956, 3rd of May 1950, 12 Sept. 1945.
    func writtenDate(at i: Int) -> FoundDate? {
        guard let d = readNumber(i, maxDigits: 2) else { return nil }
        var j = d.end
        let (suffix, afterSuffix) = lowerWord(at: j)
        if ["st", "nd", "rd", "th"].contains(suffix) { j = afterSuffix }
        guard at(j) == 32 else { return nil }
        var (word, afterWord) = lowerWord(at: j + 1)
        if word == "of", at(afterWord) == 32 { (word, afterWord) = lowerWord(at: afterWord + 1) }
        guard let m = month(word) else { return nil }
        var k = afterWord
        if at(k) == 46 { k += 1 }
        if at(k) == 44 { k += 1 }
        guard at(k) == 32, let y = readNumber(k + 1, maxDigits: 4), y.count == 4 else { return nil }
        return (y.value, m, d.value, y.end, false)
    }

    /// March 12, 1946 and Mar 12th 1946 (month first).
    func monthFirstDate(at i: Int) -> FoundDate? {
        guard let (m, afterWord) = monthWord(at: i) else { return nil }
        var j = afterWord
        if at(j) == 46 { j += 1 }
        guard at(j) == 32, let d = readNumber(j + 1, maxDigits: 2) else { return nil }
        var k = d.end
        let (suffix, afterSuffix) = lowerWord(at: k)
        if ["st", "nd", "rd", "th"].contains(suffix) { k = afterSuffix }
        if at(k) == 44 { k += 1 }
        guard at(k) == 32, let y = readNumber(k + 1, maxDigits: 4), y.count == 4 else { return nil }
        return (y.value, m, d.value, y.end, false)
    }

    // MARK: NHS and phone numbers

    mutating func numberSequences() {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let startsPlus = b == 43 && Scanner.isDigit(at(i + 1))
            guard (Scanner.isDigit(b) || startsPlus || (b == 40 && Scanner.isDigit(at(i + 1)))), !Scanner.isAlnum(at(i - 1)) else { i += 1; continue }
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
                } else { break }
            }
            groups.append(current)
            if Scanner.isAlnum(at(end)) || digits.count < 9 { i = max(end, i + 1); continue }
            let range = i..<end
            if digits.count == 10, groups == [10] || groups == [3, 3, 4], !startsPlus, PIIGuard.passesModulus11(digits) {
                add(.nhsNumber, firstDigit..<end)
            } else if startsPlus, digits.starts(with: [4, 4]), (11...13).contains(digits.count) {
                add(.phoneNumber, range)
            } else if digits.first == 0, digits.count >= 10, digits.count <= 11, digits[1] != 0 {
                add(.phoneNumber, range)
            }
            i = max(end, i + 1)
        }
    }

    // MARK: hospital numbers

    static let hospitalKeywords = ["mrn", "hospital number", "hospital no", "hosp no", "hosp. no", "unit number",
                                   "unit no", "patient id", "patient number", "case number", "record number", "k number"]

    mutating func keywordNumbers() {
        let lower = text(0..<bytes.count).lowercased()
        guard Scanner.hospitalKeywords.contains(where: { lower.contains($0) }) else { return }
        let lowerBytes = Array(lower.utf8)
        guard lowerBytes.count == bytes.count else { return }
        for keyword in Scanner.hospitalKeywords {
            let k = Array(keyword.utf8)
            var i = 0
            while i + k.count <= lowerBytes.count {
                if lowerBytes[i..<(i + k.count)].elementsEqual(k), !Scanner.isAlnum(at(i - 1)) {
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
                } else { i += 1 }
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
        var i = 0
        while i < bytes.count {
            guard Scanner.isUpper(bytes[i]), !Scanner.isAlnum(at(i - 1)) else { i += 1; continue }
            var j = i + 1
            if Scanner.isUpper(at(j)) { j += 1 }
            guard Scanner.isDigit(at(j)) else { i += 1; continue }
            j += 1
            var outwardEnds: [Int] = [j]
            if Scanner.isDigit(at(j)) || Scanner.isUpper(at(j)) { outwardEnds.append(j + 1) }
            var found = false
            for o in outwardEnds.reversed() {
                var k = o
                if at(k) == 32 { k += 1 }
                if Scanner.isDigit(at(k)), inwardLetter(at(k + 1)), inwardLetter(at(k + 2)), !Scanner.isAlnum(at(k + 3)) {
                    add(.postcode, i..<(k + 3)); i = k + 3; found = true; break
                }
            }
            if !found { i += 1 }
        }
    }
}
