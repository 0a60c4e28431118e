import Foundation

/// Which encoding a spreadsheet's CSV was read in. Never guessed silently: the import says it.
public enum CSVEncoding: String, Sendable, Equatable {
    /// Only ASCII bytes: the same text in UTF-8 and Windows-1252.
    case ascii = "ASCII (the same in UTF-8 and Windows-1252)"
    case utf8 = "UTF-8"
    case utf8WithBOM = "UTF-8 (with a byte-order mark)"
    case utf16 = "UTF-16 (with a byte-order mark)"
    /// Excel's plain "CSV" on Windows, and LibreOffice's "Western Europe (Windows-1252)".
    case windows1252 = "Windows-1252"
}

/// Turns a file's bytes into text: a BOM decides; else UTF-8 if the bytes are valid UTF-8;
/// else Windows-1252, whose five unassigned bytes mean the file is neither (an error).
enum TextEncodingGuess {
    static func decode(_ data: Data) -> (text: String, encoding: CSVEncoding)? {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let rest = bytes.dropFirst(3)
            guard let text = String(validating: rest, as: UTF8.self) else { return nil }
            return (text, .utf8WithBOM)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            let body = bytes.dropFirst(2)
            guard body.count % 2 == 0 else { return nil }
            var units: [UInt16] = []
            units.reserveCapacity(body.count / 2)
            var index = body.startIndex
            while index < body.endIndex {
                let a = UInt16(body[index]), b = UInt16(body[index + 1])
                units.append(little ? a | b << 8 : a << 8 | b)
                index += 2
            }
            guard let text = String(validating: units, as: UTF16.self) else { return nil }
            return (text, .utf16)
        }
        if let text = String(validating: bytes, as: UTF8.self) { return (text, bytes.allSatisfy { $0 < 0x80 } ? .ascii : .utf8) }
        return windows1252(bytes).map { ($0, .windows1252) }
    }

    /// Windows-1252: Latin-1, except 0x80–0x9F, which hold the typographic quotes, dashes and €.
    static func windows1252(_ bytes: [UInt8]) -> String? {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes {
            if byte < 0x80 || byte >= 0xA0 {
                scalars.append(Unicode.Scalar(byte))
            } else {
                let value = high[Int(byte) - 0x80]
                guard value != 0, let scalar = Unicode.Scalar(value) else { return nil }
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// 0x80–0x9F; 0 marks the five bytes Windows-1252 leaves unassigned.
    private static let high: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]
}
