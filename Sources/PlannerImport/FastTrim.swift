import Foundation

extension String {
    /// Without the whitespace and line breaks around it. Most cells have none, and are returned
    /// as they are after a look at their first and last bytes: Foundation's trimming bridges
    /// through NSString, which was a sixth of a 10,000-row import.
    var trimmedCell: String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        func plain(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
        if plain(first) && plain(last) { return self }
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }
}
