import Foundation

/// Small facts about text and numbers as the doctor sees them, shared by the model, the
/// validator and the export so that they agree.
package enum PlainText {
    /// `CharacterSet.whitespacesAndNewlines.contains`, without the set for ASCII (the common case).
    package static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? asciiWhitespace[Int(scalar.value)] : CharacterSet.whitespacesAndNewlines.contains(scalar)
    }

    package static let asciiWhitespace: [Bool] = (0..<128).map { CharacterSet.whitespacesAndNewlines.contains(Unicode.Scalar(UInt8($0))) }

    /// Empty once whitespace and newlines are trimmed, without trimming a copy.
    package static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(isWhitespace)
    }

    /// 12 → "12", 6.5 → "6.5", and any other number without a conversion that can trap.
    package static func number(_ value: Double) -> String {
        if let whole = Int(exactly: value) { return String(whole) }
        if !value.isFinite { return "\(value)" }
        guard abs(value) < 1e15 else { return String(format: "%.0f", value) }
        // Two places, so a quarter-hour (0.25) is shown as typed; trailing zeros go (1.5, not 1.50).
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
