import Foundation
import FuzzSupport

#if DEBUG
    @testable import PlannerExport
#endif

// Fuzz target for the Markdown exporter's escaping (`MarkdownEscaping`, internal to
// PlannerExport, hence `@testable` in debug builds; fuzz builds are debug builds). Any UTF-8
// input goes through inline, heading, cell, block and yaml escaping. Properties:
//   * no crash;
//   * removing the escapes gives back exactly the doctor's text, as normalised (line
//     breaks, tabs and control characters) and trimmed: nothing is lost or added;
//   * no character that always has a Markdown meaning is left bare; a heading has no bare
//     `#`; a line never starts with a bare block marker; one-line forms have no line break;
//     a block line never starts with a space or ends with one;
//   * the YAML form is one single-quoted scalar whose content is the inline form.
//
// `make fuzz` / `make fuzz-smoke` build it with `-sanitize=fuzzer -DFUZZING`; a plain debug
// build gives a replayer: `FuzzEscaping FILE…`.

#if DEBUG
    /// The escapes removed: a backslash stands for the scalar after it.
    func unescaped(_ text: String) -> (text: String, bare: [Unicode.Scalar], lineStarts: [Unicode.Scalar]) {
        var out = String.UnicodeScalarView()
        var bare: [Unicode.Scalar] = [], lineStarts: [Unicode.Scalar] = []
        var escaped = false, atLineStart = true
        for scalar in text.unicodeScalars {
            if escaped { out.append(scalar); escaped = false; atLineStart = scalar == "\n"; continue }
            if scalar == "\\" { escaped = true; atLineStart = false; continue }
            if atLineStart, scalar != "\n" { lineStarts.append(scalar) }
            bare.append(scalar)
            out.append(scalar)
            atLineStart = scalar == "\n"
        }
        if escaped { bare.append("\\") }  // a lone backslash at the very end
        return (String(out), bare, lineStarts)
    }

    /// Scalar-level helpers: String's own `hasPrefix` and `contains` compare grapheme clusters,
    /// and a combining mark after a quote or space must not hide it.
    func scalars(_ text: some StringProtocol) -> [Unicode.Scalar] { Array(text.unicodeScalars) }
    func replacing(_ text: [Unicode.Scalar], _ target: [Unicode.Scalar], with replacement: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = [], i = 0
        while i < text.count {
            if i + target.count <= text.count, Array(text[i..<(i + target.count)]) == target {
                out += replacement; i += target.count
            } else {
                out.append(text[i]); i += 1
            }
        }
        return out
    }

    func checkEscaping(_ data: Data) -> String? {
        guard let text = String(data: data, encoding: .utf8) else { return nil }
        let oneLine = MarkdownEscaping.trimSpaces(MarkdownEscaping.replacing("\n", with: " ", in: MarkdownEscaping.normalise(text)))
        for (name, form) in [
            ("inline", MarkdownEscaping.inline(text)), ("heading", MarkdownEscaping.heading(text)),
            ("cell", MarkdownEscaping.cell(text)),
        ] {
            if form.unicodeScalars.contains("\n") { return "\(name) has a line break" }
            let (plain, bare, starts) = unescaped(form)
            if scalars(plain) != scalars(oneLine) { return "\(name) does not give back the text: \(oneLine.debugDescription) → \(form.debugDescription)" }
            if let scalar = bare.first(where: { MarkdownEscaping.alwaysEscaped.contains($0) }) {
                return "\(name) leaves \(scalar) bare in \(form.debugDescription)"
            }
            if name == "heading", bare.contains("#") { return "heading leaves # bare in \(form.debugDescription)" }
            if let first = starts.first, MarkdownEscaping.lineStartEscaped.contains(first) { return "\(name) starts with a bare \(first)" }
        }
        let block = MarkdownEscaping.block(text)
        var paragraphs: [[String]] = [], current: [String] = []
        for line in MarkdownEscaping.normalise(text).split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = MarkdownEscaping.trimSpaces(String(line))
            if trimmed.isEmpty { if !current.isEmpty { paragraphs.append(current); current = [] } } else { current.append(trimmed) }
        }
        if !current.isEmpty { paragraphs.append(current) }
        let expected = paragraphs.map { $0.joined(separator: "\n") }.joined(separator: "\n\n")
        let (plain, bare, starts) = unescaped(block)
        if scalars(plain) != scalars(expected) { return "block does not give back the text: \(expected.debugDescription) → \(block.debugDescription)" }
        if let scalar = bare.first(where: { MarkdownEscaping.alwaysEscaped.contains($0) }) { return "block leaves \(scalar) bare" }
        if let first = starts.first(where: { MarkdownEscaping.lineStartEscaped.contains($0) }) { return "a block line starts with a bare \(first)" }
        for line in block.unicodeScalars.split(separator: "\n") where line.first == " " || line.last == " " {
            return "a block line starts or ends with a space: \(String(String.UnicodeScalarView(line)).debugDescription)"
        }
        let yaml = scalars(MarkdownEscaping.yaml(text))
        guard yaml.count >= 2, yaml.first == "'", yaml.last == "'" else { return "yaml is not single-quoted: \(MarkdownEscaping.yaml(text).debugDescription)" }
        let inner = Array(yaml.dropFirst().dropLast())
        if replacing(inner, ["'", "'"], with: []).contains("'") { return "yaml has an undoubled quote: \(MarkdownEscaping.yaml(text).debugDescription)" }
        if replacing(inner, ["'", "'"], with: ["'"]) != scalars(MarkdownEscaping.inline(text)) { return "yaml content differs from inline" }
        return nil
    }
#else
    func checkEscaping(_ data: Data) -> String? { nil }  // release builds cannot see the internal escaper
#endif

#if FUZZING
    /// libFuzzer calls this with each input.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzEscapingTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
        FuzzSupport.testOneInput(bytes, count, checkEscaping)
    }

    @_cdecl("FuzzEscaping_main")
    public func fuzzEscapingMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
        FuzzSupport.runDriver(argc, argv) { fuzzEscapingTestOneInput($0, $1) }
    }
#else
    @main
    enum FuzzEscapingReplay {
        static func main() { FuzzSupport.replay("FuzzEscaping", checkEscaping) }
    }
#endif
