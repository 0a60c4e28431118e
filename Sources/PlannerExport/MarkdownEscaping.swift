import PlannerModel

/// Turns the doctor's text into Markdown that pandoc reads back as exactly that text.
///
/// User text must never become structure: a title starting with `#` is not a heading,
/// `<b>` is not HTML, `$x$` is not maths, `a | b` does not split a table cell. Every
/// character with a meaning is backslash-escaped (pandoc's "all symbols escapable"
/// rule makes `\<` print `<`), so the result is safe wherever it lands: at the start
/// of a line, in a list item, a heading, a table cell or the YAML title block.
/// Characters that only matter in some places (`#` at a line start, `_` at a word edge,
/// `&` before an entity name, `--` that would become a dash) are escaped only there, so
/// the text still reads well. Straight quotes are left to become curly quotes, and `...`
/// an ellipsis: typography, not a change of meaning.
enum MarkdownEscaping {
    /// One line of text for running prose, a list item or a link label: line breaks become spaces.
    static func inline(_ text: String) -> String {
        if isPlainLine(text, allHashes: false) { return text }
        let line = replacing("\n", with: " ", in: normalise(text))
        return escapeLine(trimSpaces(line), allHashes: false)
    }

    /// A pipe-table cell. Pipes are escaped everywhere already; cells are single lines.
    static func cell(_ text: String) -> String { inline(text) }

    /// Text for an ATX heading: as `inline`, and every `#` escaped so none closes the heading.
    static func heading(_ text: String) -> String {
        if isPlainLine(text, allHashes: true) { return text }
        let line = replacing("\n", with: " ", in: normalise(text))
        return escapeLine(trimSpaces(line), allHashes: true)
    }

    /// Paragraphs of free text (descriptions, reflections, statements). The doctor's line
    /// breaks are kept as hard breaks (a trailing backslash) and blank lines as paragraph
    /// breaks; indentation and trailing spaces are dropped so they cannot make code blocks
    /// or stray line breaks.
    static func block(_ text: String) -> String {
        if isPlainLine(text, allHashes: false) { return text }
        var paragraphs: [[String]] = []
        var current: [String] = []
        for raw in normalise(text).split(separator: "\n", omittingEmptySubsequences: false) {
            let line = trimSpaces(String(raw))
            if line.isEmpty {
                if !current.isEmpty { paragraphs.append(current); current = [] }
            } else {
                current.append(escapeLine(line, allHashes: false))
            }
        }
        if !current.isEmpty { paragraphs.append(current) }
        return paragraphs.map { $0.joined(separator: "\\\n") }.joined(separator: "\n\n")
    }

    /// A YAML single-quoted scalar whose content pandoc then reads as Markdown:
    /// Markdown-escaped first, then `'` doubled (the only escape single quotes have).
    static func yaml(_ text: String) -> String {
        "'" + replacing("'", with: "''", in: inline(text)) + "'"
    }

    /// Replaces a scalar by scalar, not by Character: Foundation's replacement works on
    /// grapheme clusters and misses a `\n` or `'` that a combining mark follows (fuzz finding).
    static func replacing(_ scalar: Unicode.Scalar, with replacement: String, in text: String) -> String {
        if scalar.isASCII && !text.utf8.contains(UInt8(scalar.value)) { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if s == scalar { out.append(contentsOf: replacement.unicodeScalars) } else { out.append(s) }
        }
        return String(out)
    }

    /// True when the rules below leave `text` exactly as it is, decided from its bytes in one
    /// pass (most of a doctor's prose): one line, no control characters, no space at either
    /// end, no character that is escaped anywhere or in some places, no `--`, nothing that
    /// starts a block or an ordered-list marker. Anything else takes the full path.
    static func isPlainLine(_ text: String, allHashes: Bool) -> Bool {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return true }
        guard first != 0x20, last != 0x20 else { return false }
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for byte in utf8 {
            switch byte {
            // Control characters and DEL; `\ ` * [ ] < $ | ~ ^ {`, escaped anywhere; `_ @ &`, by context.
            case 0x00...0x1F, 0x7F, 0x5C, 0x60, 0x2A, 0x5B, 0x5D, 0x3C, 0x24, 0x7C, 0x7E, 0x5E, 0x7B, 0x5F, 0x40, 0x26: return false
            case 0x23 where allHashes: return false  // #
            case 0x2D where previous == 0x2D: return false  // --
            case 0x80...0x9F where previous == 0xC2: return false  // C1 controls, U+0085
            case 0xA8...0xA9 where previous == 0x80 && beforePrevious == 0xE2: return false  // U+2028, U+2029
            default: break
            }
            beforePrevious = previous
            previous = byte
        }
        if isLineStartEscaped(Unicode.Scalar(first)) { return false }
        // An ordered-list marker needs "(" or an ASCII letter or digit first, then "." or ")".
        let marker = first == 0x28 ? utf8.dropFirst() : utf8[...]
        let isASCIIAlphanumeric = { (b: UInt8) in (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) }
        if let end = marker.first(where: { !isASCIIAlphanumeric($0) }), end == 0x2E || end == 0x29 { return false }
        return true
    }

    // MARK: - Rules

    /// Characters escaped wherever they appear: each opens some inline or block construct
    /// (code, emphasis, links and notes, raw HTML and autolinks, maths, table cells and
    /// line blocks, strikeout and subscript, superscript, attributes).
    static let alwaysEscaped: Set<Unicode.Scalar> = ["\\", "`", "*", "[", "]", "<", "$", "|", "~", "^", "{"]

    /// Characters that start a block construct when first on a line: heading, block quote,
    /// bullet list, horizontal rule / YAML block / setext heading, definition list or fenced
    /// div, and pandoc's title block.
    static let lineStartEscaped: Set<Unicode.Scalar> = ["#", ">", "-", "+", "=", ":", "%"]

    /// CRLF and lone CR become LF; tabs become spaces; other control characters (which
    /// have no place in a document and confuse PDF engines) are dropped.
    static func normalise(_ text: String) -> String {
        if !needsNormalising(text) { return text }
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0D, 0x85, 0x2028, 0x2029: out.append("\n")
            case 0x0A: if !previousWasCR { out.append("\n") }
            case 0x09: out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F: continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether `normalise` changes anything, from the bytes: a control character (C0, DEL
    /// or C1, including U+0085) or U+2028/U+2029. Most text has none.
    static func needsNormalising(_ text: String) -> Bool {
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F { return true }
            if previous == 0xC2 && byte >= 0x80 && byte <= 0x9F { return true }
            if beforePrevious == 0xE2 && previous == 0x80 && (byte == 0xA8 || byte == 0xA9) { return true }
            beforePrevious = previous
            previous = byte
        }
        return false
    }

    /// Drops leading and trailing ASCII spaces (leading ones would indent a code block,
    /// two trailing ones would make a hard line break).
    static func trimSpaces(_ line: String) -> String {
        let utf8 = line.utf8
        guard let first = utf8.firstIndex(where: { $0 != 0x20 }) else { return "" }
        let last = utf8.lastIndex(where: { $0 != 0x20 })!
        if first == utf8.startIndex && utf8.index(after: last) == utf8.endIndex { return line }
        // Spaces are one byte each, so these are scalar boundaries.
        return String(line[first...last])
    }

    /// Escapes one line that has no line breaks and no leading spaces.
    static func escapeLine(_ line: String, allHashes: Bool) -> String {
        let s = Array(line.unicodeScalars)
        var escape = [Bool](repeating: false, count: s.count)
        var any = false
        func mark(_ i: Int) { escape[i] = true; any = true }
        for (i, scalar) in s.enumerated() {
            let before = i > 0 ? s[i - 1] : nil
            let after = i + 1 < s.count ? s[i + 1] : nil
            if isAlwaysEscaped(scalar) || (allHashes && scalar == "#") {
                mark(i)
            } else if scalar == "_" {
                // Inside a word (snake_case) an underscore never emphasises; at a word edge it can.
                if !(isWordScalar(before) && isWordScalar(after)) { mark(i) }
            } else if scalar == "@" {
                // `@name` and `(@)` are citations and example lists; `a@b` is not.
                if !isWordScalar(before) { mark(i) }
            } else if scalar == "&" {
                if startsEntity(s, at: i + 1) { mark(i) }
            } else if scalar == "-" {
                // Two or more hyphens would become an en or em dash (pandoc's `smart`).
                if before == "-" || after == "-" { mark(i) }
            }
        }
        if let first = s.first, isLineStartEscaped(first) { mark(0) }
        if let marker = listMarkerEscape(s) { mark(marker) }
        if !any { return line }
        // The line's own bytes, a backslash before each marked scalar (where a byte starts one).
        var out: [UInt8] = []
        out.reserveCapacity(line.utf8.count + 8)
        var i = -1
        for byte in line.utf8 {
            if byte & 0xC0 != 0x80 {
                i += 1
                if escape[i] { out.append(0x5C) }
            }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the scalar is in `lineStartEscaped`, without hashing it.
    @inline(__always)
    static func isLineStartEscaped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x23, 0x3E, 0x2D, 0x2B, 0x3D, 0x3A, 0x25: return true
        default: return false
        }
    }

    /// Whether the scalar is in `alwaysEscaped`, without hashing it.
    @inline(__always)
    static func isAlwaysEscaped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x5C, 0x60, 0x2A, 0x5B, 0x5D, 0x3C, 0x24, 0x7C, 0x7E, 0x5E, 0x7B: return true
        default: return false
        }
    }

    /// Ordered-list markers at the start of a line (`1.`, `12)`, `a.`, `iv)`, `(b)`)
    /// followed by a space or the end: the closing delimiter is escaped. (Not the opening
    /// parenthesis: `\(` would open maths for readers with `tex_math_single_backslash`.)
    static func listMarkerEscape(_ s: [Unicode.Scalar]) -> Int? {
        func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
        func isLetter(_ c: Unicode.Scalar) -> Bool { c.value | 0x20 >= 0x61 && c.value | 0x20 <= 0x7A }
        var i = 0
        if s.first == "(" { i = 1 }
        let start = i
        while i < s.count, isDigit(s[i]) { i += 1 }
        let digits = i - start
        if digits == 0 {
            while i < s.count, isLetter(s[i]) { i += 1 }
            let letters = i - start
            let roman = letters > 0 && s[start..<i].allSatisfy { "ivxlcdmIVXLCDM".unicodeScalars.contains($0) }
            guard letters == 1 || roman else { return nil }
        } else if digits > 9 {
            return nil
        }
        guard i < s.count, s[i] == "." || s[i] == ")" else { return nil }
        guard i + 1 == s.count || s[i + 1] == " " else { return nil }
        return i
    }

    /// A letter or digit of any script: `_` and `@` between two of these are plain text.
    static func isWordScalar(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        if scalar.isASCII {
            let v = scalar.value
            return (v >= 0x30 && v <= 0x39) || (v | 0x20 >= 0x61 && v | 0x20 <= 0x7A)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// `&amp;`, `&#38;`, `&#x26;`: text that HTML would turn into another character.
    static func startsEntity(_ s: [Unicode.Scalar], at start: Int) -> Bool {
        var i = start
        guard i < s.count else { return false }
        if s[i] == "#" {
            i += 1
            var hex = false
            if i < s.count, s[i] == "x" || s[i] == "X" { hex = true; i += 1 }
            let digitsStart = i
            while i < s.count, s[i].isASCII, hex ? s[i].properties.isASCIIHexDigit : ("0"..."9").contains(s[i]) { i += 1 }
            return i > digitsStart && i < s.count && s[i] == ";"
        }
        let nameStart = i
        while i < s.count, s[i].isASCII, s[i].properties.isAlphabetic || ("0"..."9").contains(s[i]) { i += 1 }
        return i > nameStart && i < s.count && s[i] == ";"
    }
}
