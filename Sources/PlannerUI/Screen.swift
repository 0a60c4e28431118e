/// How a cell is drawn. Colour is a *role*, never the only carrier of meaning: selection
/// is reverse video and gaps carry a symbol, so monochrome and `NO_COLOR` stay readable.
public struct CellStyle: Hashable, Sendable {
    public enum Role: Int, Sendable { case normal = 0, error = 1, warning = 2, good = 3, accent = 4, heading = 5, muted = 6, bar = 7 }
    public var role: Role
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(_ role: Role = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false, dim: Bool = false) {
        self.role = role; self.bold = bold; self.reverse = reverse; self.underline = underline; self.dim = dim
    }
    public static let plain = CellStyle()
    public static let bold = CellStyle(bold: true)
    public static let selected = CellStyle(reverse: true)
    public static let heading = CellStyle(.heading, bold: true)
    public static let muted = CellStyle(.muted, dim: true)
    public static let error = CellStyle(.error, bold: true)
    public static let warning = CellStyle(.warning)
    public static let good = CellStyle(.good)
    public static let accent = CellStyle(.accent)
    public static let bar = CellStyle(.bar, reverse: true)
}

/// One terminal cell. A double-width character occupies its cell and a `continuation` cell after it.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var style: CellStyle
    public var continuation: Bool
    public static let blank = Cell(character: " ", style: .plain, continuation: false)
}

/// A grid of cells the views draw into. Tests read it as text; the curses backend copies it out.
public struct Screen: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the text cursor should be shown (in an editor), or nil for hidden.
    public var cursor: (x: Int, y: Int)?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public static func == (a: Screen, b: Screen) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells && a.cursor?.x == b.cursor?.x && a.cursor?.y == b.cursor?.y
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes text from (x, y), clipped at `maxWidth` columns and the screen edge.
    /// Returns the column after the last character written.
    @discardableResult
    /// Takes characters as given, not joined again into a string: a text buffer's cursor
    /// counts its characters, and a mark typed on its own must keep a column of its own.
    public mutating func put(_ text: some Sequence<Character>, x: Int, y: Int, style: CellStyle = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let limit = min(width, x + (maxWidth ?? width))
        var column = x
        for character in text {
            let w = DisplayWidth.of(character)
            if w == 0 { continue }
            if column + w > limit { break }
            if column >= 0 {
                self[column, y] = Cell(character: DisplayWidth.shown(character), style: style, continuation: false)
                if w == 2 { self[column + 1, y] = Cell(character: " ", style: style, continuation: true) }
            }
            column += w
        }
        return column
    }

    /// Paints a style over a run of cells (e.g. the selected row) without changing characters.
    public mutating func restyle(x: Int, y: Int, width w: Int, style: CellStyle) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(width, x + w) { cells[y * width + column].style = style }
    }

    /// Fills a rectangle with spaces in a style.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: CellStyle = .plain) {
        for row in max(0, y)..<min(height, y + h) {
            for column in max(0, x)..<min(width, x + w) {
                self[column, row] = Cell(character: " ", style: style, continuation: false)
            }
        }
    }

    /// The first cell drawn in `style` within `rows` (the selected row of a list), for the
    /// terminal cursor.
    public func firstCell(styled style: CellStyle, rows: Range<Int>) -> (x: Int, y: Int)? {
        for y in max(0, rows.lowerBound)..<min(height, rows.upperBound) {
            for x in 0..<width where self[x, y].style == style { return (x, y) }
        }
        return nil
    }

    /// One line of text per row, trailing spaces trimmed: what snapshot tests compare.
    public var text: String {
        (0..<height).map { line(at: $0) }.joined(separator: "\n")
    }

    public func line(at y: Int) -> String {
        var s = ""
        for x in 0..<width where !self[x, y].continuation { s.append(self[x, y].character) }
        while s.last == " " { s.removeLast() }
        return s
    }
}

/// Terminal column width of characters as drawn (`shown`): 2 for East Asian wide and emoji, 1
/// for the rest, never 0, so every character of a text takes a column a cursor can stand on.
public enum DisplayWidth {
    public static func of(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        let v = scalar.value
        // Printable ASCII, most of what is drawn, needs no look-up of Unicode properties.
        if v >= 0x20 && v < 0x7F && character.unicodeScalars.count == 1 { return 1 }
        if isWide(v) || (character.unicodeScalars.count > 1 && scalar.properties.isEmojiPresentation) { return 2 }
        return 1
    }

    /// What the terminal is given for a character. A terminal hides zero-width and format
    /// characters, lets a bidi control (U+202E) reorder the text after it, acts on a control,
    /// and puts a lone combining mark on the cell before: the screen would then not show what
    /// the text holds, and the cursor would sit in the wrong column. Such a character is drawn
    /// as a visible stand-in of one column instead (a control as its Control Picture, a lone
    /// mark on a dotted circle, a format or separator character as �; a line break or tab as a
    /// space). Only the drawing
    /// changes: the text keeps every character as typed.
    public static func shown(_ character: Character) -> Character {
        guard let scalar = character.unicodeScalars.first else { return character }
        let v = scalar.value
        if v >= 0x20 && v < 0x7F { return character }
        // A line break or tab in a one-line place is a space.
        if character == "\n" || character == "\r" || character == "\t" || character == "\r\n" { return " " }
        if v < 0x20 { return Character(Unicode.Scalar(0x2400 + v)!) }
        if v == 0x7F { return "\u{2421}" }
        if v < 0xA0 { return "\u{FFFD}" }
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator, .control: return "\u{FFFD}"
        case .nonspacingMark, .enclosingMark, .spacingMark:
            let onCircle = "\u{25CC}" + String(character)
            return onCircle.count == 1 ? onCircle.first! : "\u{FFFD}"
        default: return character
        }
    }

    public static func of(_ text: some StringProtocol) -> Int { text.reduce(0) { $0 + of($1) } }

    /// The width of characters as a buffer holds them, not joined again into a string (where a
    /// mark typed after a letter would merge with it and lose its column).
    public static func of(characters: some Sequence<Character>) -> Int { characters.reduce(0) { $0 + of($1) } }

    static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v)
    }

    /// The longest prefix of `text` that fits in `width` columns, with "…" when cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        if of(text) <= width { return text }
        guard width > 1 else { return width == 1 ? "…" : "" }
        var out = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    /// Pads with spaces to exactly `width` columns (truncating with "…" if longer).
    public static func pad(_ text: String, to width: Int) -> String {
        let t = truncate(text, to: width)
        return t + String(repeating: " ", count: max(0, width - of(t)))
    }
}
