import Foundation
import PlannerCore
import Testing

@testable import PlannerExport

/// Each escaping rule, one row per hazard: what the doctor typed and the Markdown that
/// must come out. Where pandoc is installed, the same rows are also read back by pandoc
/// and must come out as exactly what the doctor typed.
@Suite struct ExportEscapingTests {
    enum Context: String, Sendable { case inline, block, heading, yaml }

    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let expected: String
        let context: Context
        let rule: String
        init(_ rule: String, _ input: String, _ expected: String, _ context: Context = .inline) {
            self.rule = rule; self.input = input; self.expected = expected; self.context = context
        }
        var testDescription: String { "\(rule): \(input.debugDescription)" }
    }

    static let cases: [Case] = [
        Case("plain text is left alone", "Dr Siân Evans, Zoë Ní Bhriain, 李 (学习)", "Dr Siân Evans, Zoë Ní Bhriain, 李 (学习)"),
        Case("pipe in a cell", "a | b", "a \\| b"),
        Case("leading hash", "# not a heading", "\\# not a heading"),
        Case("hash inside a line is text", "ward #7", "ward #7"),
        Case("every hash in a heading", "Title ##", "Title \\#\\#", .heading),
        Case("leading >", "> not a quote", "\\> not a quote"),
        Case("leading -", "- not a list", "\\- not a list"),
        Case("leading +", "+ not a list", "\\+ not a list"),
        Case("leading * (and every *)", "* not a list", "\\* not a list"),
        Case("leading 1.", "1. not a list", "1\\. not a list"),
        Case("leading 12)", "12) not a list", "12\\) not a list"),
        Case("leading (a)", "(a) not a list", "(a\\) not a list"),
        Case("leading iv.", "iv. not a list", "iv\\. not a list"),
        Case("an abbreviation is not a marker", "e.g. this", "e.g. this"),
        Case("a year is not a marker", "2026 was busy", "2026 was busy"),
        Case("leading :", ": not a definition", "\\: not a definition"),
        Case("fenced div", "::: warning", "\\::: warning"),
        Case("leading =", "===", "\\==="),
        Case("leading %", "% not a title", "\\% not a title"),
        Case("horizontal rule and YAML fence", "---", "\\-\\-\\-"),
        Case("double hyphen is not a dash", "a -- b", "a \\-\\- b"),
        Case("single hyphen is text", "well-known", "well-known"),
        Case("backticks", "`code` and ```fence```", "\\`code\\` and \\`\\`\\`fence\\`\\`\\`"),
        Case("raw HTML", "<b>bold</b> <!-- x -->", "\\<b>bold\\</b> \\<!\\-\\- x \\-\\->"),
        Case("entities", "&amp; &#169; &#x26; &copy;", "\\&amp; \\&#169; \\&#x26; \\&copy;"),
        Case("a lone ampersand is text", "R&D and A & E", "R&D and A & E"),
        Case("dollar maths", "$x$ costs $5", "\\$x\\$ costs \\$5"),
        Case("backslash", "C:\\temp \\newpage", "C:\\\\temp \\\\newpage"),
        Case("underscore emphasis", "_em_ __strong__", "\\_em\\_ \\_\\_strong\\_\\_"),
        Case("underscore inside a word", "snake_case_name", "snake_case_name"),
        Case("star emphasis", "*em* **strong** a*b", "\\*em\\* \\*\\*strong\\*\\* a\\*b"),
        Case("links and images", "[x](http://e.org) ![i](x.png)", "\\[x\\](http://e.org) !\\[i\\](x.png)"),
        Case("notes", "^[note] [^1]", "\\^\\[note\\] \\[\\^1\\]"),
        Case("strikeout and subscript", "~~x~~ H~2~O", "\\~\\~x\\~\\~ H\\~2\\~O"),
        Case("superscript", "2^10^", "2\\^10\\^"),
        Case("attributes", "{#id .class}", "\\{#id .class}"),
        Case("citations and example lists", "@smith [@jones] (@)", "\\@smith \\[\\@jones\\] (\\@)"),
        Case("an e-mail address is not a citation", "a@b.org", "a@b.org"),
        Case("trailing spaces", "text   ", "text"),
        Case("leading spaces", "    code block?", "code block?"),
        Case("tabs", "a\tb", "a b"),
        Case("control characters", "a\u{07}b\u{1B}c", "abc"),
        Case("line breaks become spaces inline", "one\r\ntwo\rthree\nfour", "one two three four"),
        Case("CRLF keeps the line as a hard break", "one  \r\ntwo", "one\\\ntwo", .block),
        Case("lone CR", "one\rtwo", "one\\\ntwo", .block),
        Case("blank lines make one paragraph break", "one\n\n\n\ntwo", "one\n\ntwo", .block),
        Case("indented lines in a block", "a\n    b\n\tc", "a\\\nb\\\nc", .block),
        Case("line-start rules on every line of a block", "a\n# b\n1. c\n> d", "a\\\n\\# b\\\n1\\. c\\\n\\> d", .block),
        Case("backslash at a line end", "a\\\nb", "a\\\\\\\nb", .block),
        Case("YAML single quotes", "O'Brien *x*", "'O''Brien \\*x\\*'", .yaml),
        Case("YAML flow characters stay inside quotes", "a: b, [c] {d} # e", "'a: b, \\[c\\] \\{d} # e'", .yaml),
    ]

    static func escape(_ text: String, _ context: Context) -> String {
        switch context {
        case .inline: return MarkdownEscaping.inline(text)
        case .block: return MarkdownEscaping.block(text)
        case .heading: return MarkdownEscaping.heading(text)
        case .yaml: return MarkdownEscaping.yaml(text)
        }
    }

    @Test(arguments: cases)
    func rule(_ c: Case) {
        #expect(Self.escape(c.input, c.context) == c.expected)
    }

    /// The escaper tests membership of `alwaysEscaped` and `lineStartEscaped` without
    /// hashing; the tests and the sets must agree.
    @Test func escapedCharacterTestsAgreeWithTheSets() {
        for value in Array(0..<0x3000) + [0xFF3C, 0x1F600] {
            let scalar = Unicode.Scalar(UInt32(value))!
            #expect(MarkdownEscaping.isAlwaysEscaped(scalar) == MarkdownEscaping.alwaysEscaped.contains(scalar), "U+\(String(value, radix: 16))")
            #expect(MarkdownEscaping.isLineStartEscaped(scalar) == MarkdownEscaping.lineStartEscaped.contains(scalar), "U+\(String(value, radix: 16))")
        }
    }

    @Test func cellsAreInlineWithPipesEscaped() {
        #expect(MarkdownEscaping.cell("a | b\nc") == "a \\| b c")
    }

    // MARK: Read back by pandoc

    /// The doctor's text as pandoc should print it: line breaks kept in blocks, spaces tidied,
    /// the quotes pandoc makes curly turned back to straight ones.
    static func readable(_ text: String, _ context: Context) -> String {
        let normalised = MarkdownEscaping.normalise(text)
        let lines = normalised.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        if context == .block {
            var paragraphs: [[String]] = [[]]
            for line in lines {
                if line.isEmpty { if !paragraphs.last!.isEmpty { paragraphs.append([]) } } else { paragraphs[paragraphs.count - 1].append(line) }
            }
            return paragraphs.filter { !$0.isEmpty }.map { $0.joined(separator: "\n") }.joined(separator: "\n\n")
        }
        return lines.filter { !$0.isEmpty }.joined(separator: " ")
    }

    @Test(.enabled(if: Pandoc.isAvailable, "pandoc is not installed"))
    func pandocReadsBackWhatWasTyped() throws {
        let separator = "QQSEPARATORQQ"
        // The table's rows, and every printable ASCII character alone, first, in the middle
        // and doubled at the start of a line.
        var usable = Self.cases.filter { $0.context == .inline || $0.context == .block || $0.context == .heading }
        for value in 0x21...0x7E {
            let c = String(UnicodeScalar(UInt8(value)))
            for text in [c, c + "x", "x" + c + "y", c + " x", c + c + " x", "a " + c + c + c + " b"] {
                usable.append(Case("ASCII \(c)", text, "", .inline))
            }
        }
        let document = usable.map { Self.escape($0.input, $0.context) }.joined(separator: "\n\n\(separator)\n\n") + "\n"
        let plain = try Pandoc.run(["-f", "markdown", "-t", "plain", "--wrap=none"], input: document)
        // Typography pandoc adds on purpose (`smart`): curly quotes, an ellipsis, a
        // non-breaking space after an abbreviation. Undone here; everything else must match.
        let straightened = plain.replacingOccurrences(of: "’", with: "'").replacingOccurrences(of: "‘", with: "'")
            .replacingOccurrences(of: "“", with: "\"").replacingOccurrences(of: "”", with: "\"")
            .replacingOccurrences(of: "…", with: "...").replacingOccurrences(of: "\u{A0}", with: " ")
        let pieces = straightened.components(separatedBy: "\n\n\(separator)\n\n").map { $0.trimmingCharacters(in: .newlines) }
        #expect(pieces.count == usable.count)
        for (c, piece) in zip(usable, pieces) {
            #expect(
                piece == Self.readable(c.input, c.context),
                "\(c.rule): pandoc read \(Self.escape(c.input, c.context).debugDescription) as \(piece.debugDescription)")
        }
    }

    @Test(.enabled(if: Pandoc.isAvailable, "pandoc is not installed"))
    func pandocReadsTheYAMLTitleBack() throws {
        let folder = TempFolder()
        let template = folder.file("title.plain")
        try Data("$title$\n".utf8).write(to: template)
        let title = "Dr Siân O'Brien *x* <b> | $5 \\newpage [a](b) # 1. --"
        let plain = try Pandoc.run(
            ["-f", "markdown", "-t", "plain", "--wrap=none", "--template", template.path],
            input: "---\ntitle: \(MarkdownEscaping.yaml(title))\n---\n\nBody.\n")
        #expect(plain.trimmingCharacters(in: .newlines).replacingOccurrences(of: "’", with: "'") == title)
    }
}

/// pandoc, when installed: the export's real reader, used as an oracle.
enum Pandoc {
    static let path: String? = {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/pandoc"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    static var isAvailable: Bool { path != nil }

    static func run(_ arguments: [String], input: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path!)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Write from another thread so a large output cannot block on a full pipe.
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
