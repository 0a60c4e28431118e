import Foundation

/// The readable table: per size, each figure with its ratio to what it is judged against, and
/// the issue's targets checked at the end.
enum Report {
    static func ms(_ value: Double?) -> String {
        guard let value else { return "—" }
        return value >= 100 ? String(format: "%.0f", value) : value >= 10 ? String(format: "%.1f", value) : String(format: "%.2f", value)
    }

    static func ratio(_ a: Double, _ b: Double?) -> String {
        guard let b, b > 0 else { return "—" }
        return String(format: "%.2f×", a / b)
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let count = text.count
        if count >= width { return text }
        let space = String(repeating: " ", count: width - count)
        return right ? space + text : text + space
    }

    static func table(_ results: [SizeResult], runs: Int, peers: Peers) -> String {
        var lines: [String] = []
        let smallest = results.min { $0.evidence < $1.evidence }
        lines.append("mlcf-bench: medians of \(runs) run\(runs == 1 ? "" : "s"); times in ms, memory in MB (2^20 bytes).")
        for r in results {
            lines.append("")
            lines.append("== \(r.evidence) evidence items · \(String(format: "%.1f", r.fileMB)) MB file ==")
            lines.append(pad("figure", 22) + pad("value", 10, right: true) + "   compared with")
            func row(_ name: String, _ value: String, _ note: String = "") {
                lines.append(pad(name, 22) + pad(value, 10, right: true) + (note.isEmpty ? "" : "   " + note))
            }
            let loadNote =
                smallest.map { s in
                    s.evidence == r.evidence
                        ? ""
                        : "\(ratio(r.loadMS, s.loadMS)) load_ms at \(s.evidence) (\(String(format: "%.0f", Double(r.evidence) / Double(s.evidence)))× the items)"
                } ?? ""
            row("load_ms", ms(r.loadMS), loadNote)
            row("validate_ms", ms(r.validateMS), "\(ratio(r.validateMS, r.pythonJSONMS)) python_json_ms (which only parses)")
            row("first_paint_ms", ms(r.firstPaintMS), "\(ratio(r.firstPaintMS, r.jqEmptyMS)) jq_empty_ms")
            row("save_ms", ms(r.saveMS), "\(ratio(r.saveMS, r.rawWriteMS)) raw_write_ms")
            row("raw_write_ms", ms(r.rawWriteMS), "write + fsync + rename of the same \(String(format: "%.1f", r.fileMB)) MB")
            row(
                "export_ms", ms(r.exportMS),
                "\(ratio(r.exportMS, r.exportRawWriteMS)) raw write of the \(String(format: "%.1f", r.exportMB)) MB Markdown (\(ms(r.exportRawWriteMS)) ms)")
            let keyNote =
                smallest.map { s in
                    s.evidence == r.evidence
                        ? "\(r.keystrokes) keystrokes" : "\(ratio(r.maxKeystrokeMS, s.maxKeystrokeMS)) max at \(s.evidence); \(r.keystrokes) keystrokes"
                } ?? ""
            row("max_keystroke_ms", ms(r.maxKeystrokeMS), keyNote)
            row(
                "p50_keystroke_ms", String(format: "%.3f", r.p50KeystrokeMS),
                r.idleSlices == 0
                    ? "" : "search finished between keys: \(r.idleSlices) slice\(r.idleSlices == 1 ? "" : "s"), longest \(ms(r.maxIdleSliceMS)) ms")
            row(
                "peak_rss_mb", String(format: "%.1f", r.peakRSSMB),
                "\(ratio(r.peakRSSMB, r.fileMB)) file_mb (open-edit-save \(String(format: "%.1f", r.rssTUIMB)), validate \(String(format: "%.1f", r.rssValidateMB)))"
            )
            row("jq_empty_ms", ms(r.jqEmptyMS), "peer: jq empty FILE")
            row("python_json_ms", ms(r.pythonJSONMS), "peer: CPython json.load, whole process")
            row("orjson_ms", ms(r.orjsonMS), "peer: orjson.loads, whole process")
            row("export_process_ms", ms(r.exportProcessMS), "\(ratio(r.exportProcessMS, r.jqEmptyMS)) jq_empty_ms")
            row(
                "validate_process_ms", ms(r.validateProcessMS),
                "\(ratio(r.validateProcessMS, r.pythonJSONMS)) python_json_ms, \(ratio(r.validateProcessMS, r.jqEmptyMS)) jq_empty_ms, \(ratio(r.validateProcessMS, r.orjsonMS)) orjson_ms"
            )
        }
        lines.append("")
        lines.append("Bounds (issue 14; judged at the largest size, from this run):")
        if (results.map(\.evidence).max() ?? 0) < 20_000 {
            lines.append("  (they are set for a release build at 20,000 items: at this size they are for information only)")
        }
        for check in checks(results) { lines.append("  \(check.passed ? "✓" : "✗") \(check.text)") }
        for note in peers.notes { lines.append("  note: \(note)") }
        return lines.joined(separator: "\n")
    }

    struct Check { let passed: Bool; let text: String }

    static func checks(_ results: [SizeResult]) -> [Check] {
        guard let big = results.max(by: { $0.evidence < $1.evidence }), let small = results.min(by: { $0.evidence < $1.evidence }) else { return [] }
        var out: [Check] = []
        let n = "\(big.evidence)"
        if let jq = big.jqEmptyMS {
            out.append(
                Check(passed: big.validateProcessMS <= 0.5 * jq, text: "validate_process_ms ≤ 0.5 × jq_empty_ms at \(n): \(ratio(big.validateProcessMS, jq))"))
        }
        // Issue 14's bounds: ratios to peers in the same run, floors a redesign may not go below.
        out.append(Check(passed: big.saveMS <= 3 * big.rawWriteMS, text: "save_ms ≤ 3 × raw_write_ms at \(n): \(ratio(big.saveMS, big.rawWriteMS))"))
        if let jq = big.jqEmptyMS {
            out.append(Check(passed: big.firstPaintMS <= 0.5 * jq, text: "first_paint_ms ≤ 0.5 × jq_empty_ms at \(n): \(ratio(big.firstPaintMS, jq))"))
            out.append(Check(passed: big.exportProcessMS <= 0.6 * jq, text: "export_process_ms ≤ 0.6 × jq_empty_ms at \(n): \(ratio(big.exportProcessMS, jq))"))
        }
        out.append(Check(passed: big.maxKeystrokeMS <= 16, text: "max_keystroke_ms ≤ 16 at \(n): \(ms(big.maxKeystrokeMS))"))
        if small.evidence < big.evidence {
            out.append(
                Check(
                    passed: big.maxKeystrokeMS <= 2 * small.maxKeystrokeMS,
                    text: "max_keystroke_ms at \(n) ≤ 2 × at \(small.evidence): \(ratio(big.maxKeystrokeMS, small.maxKeystrokeMS))"))
        }
        out.append(Check(passed: big.peakRSSMB <= 3 * big.fileMB, text: "peak_rss_mb ≤ 3 × file_mb at \(n): \(ratio(big.peakRSSMB, big.fileMB))"))
        if small.evidence < big.evidence {
            let limit = 25.0 * Double(big.evidence) / 20_000 * 1000 / Double(small.evidence)
            out.append(
                Check(
                    passed: big.loadMS <= limit * small.loadMS,
                    text: "load_ms at \(n) ≤ \(String(format: "%.0f", limit)) × at \(small.evidence) (no super-linear step): \(ratio(big.loadMS, small.loadMS))"
                ))
        }
        return out
    }
}
