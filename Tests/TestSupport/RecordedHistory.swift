import Foundation
import PlannerCore

/// Every save records a fresh version id in the file's `versions` (issue 18), so a file saved
/// twice is never byte-identical and a loaded portfolio carries the ids: tests that hold a
/// save to its content compare without that one field.
extension Portfolio {
    /// The portfolio without its recorded history.
    public var content: Portfolio {
        var copy = self
        copy.versions = nil
        return copy
    }
}

/// A saved file's bytes without the top-level `"versions"` array (as the saver writes it:
/// two spaces in, one id a line), byte for byte otherwise.
public func withoutVersions(_ data: Data) -> Data {
    var text = String(decoding: data, as: UTF8.self)
    guard let start = text.range(of: "\n  \"versions\" : [") else { return data }
    guard let close = text.range(of: "\n  ]", range: start.upperBound..<text.endIndex) else { return data }
    var end = close.upperBound
    if end < text.endIndex, text[end] == "," {
        end = text.index(after: end)
    } else if text[..<start.lowerBound].hasSuffix(",") {
        // The last key: the comma before it goes with it.
        text.removeSubrange(text.index(before: start.lowerBound)..<end)
        return Data(text.utf8)
    }
    text.removeSubrange(start.lowerBound..<end)
    return Data(text.utf8)
}

/// The bytes of the file at `url`, without its recorded history.
public func savedContent(_ url: URL) throws -> Data { withoutVersions(try Data(contentsOf: url)) }
