import Foundation

/// Editable text with a cursor, for single-line fields and the multi-line reflection editor.
///
/// Characters are grapheme clusters, so an accent or a CJK character moves as one; the
/// wrapped layout measures display columns, so double-width characters line up.
public struct TextBuffer: Equatable, Sendable {
    public private(set) var characters: [Character]
    public private(set) var cursor: Int
    public let multiline: Bool
    /// First visual line shown (multi-line) or first column shown (single-line).
    public var scroll = 0

    /// The most characters the buffer holds (a title's limit from the rules); nil for none.
    public var limit: Int?

    /// A buffer holding `text` as stored: a value from the file is shown whole, even past the
    /// limit or with characters typing could not enter, so opening a form never changes it.
    public init(_ text: String = "", multiline: Bool = false, limit: Int? = nil) {
        characters = Array(multiline ? text : text.replacingOccurrences(of: "\n", with: " "))
        cursor = characters.count
        self.multiline = multiline
        self.limit = limit
    }

    public var text: String { String(characters) }

    /// What an insertion changed beyond the plain text, so the field can say so.
    public struct Insertion: Equatable, Sendable {
        /// Characters left out because the field was full.
        public var dropped = 0
        /// Line breaks or tabs that became spaces (a one-line field) or spaces (a tab).
        public var flattened = false
    }

    /// Text as the buffer can hold it: line ends made `\n` (or, in a one-line field, each run of
    /// line breaks and tabs one space), tabs spaces, and control characters (C0, DEL, C1) dropped.
    static func clean(_ text: String, multiline: Bool) -> (text: String, flattened: Bool) {
        var result = ""
        var flattened = false
        var lastWasBreak = false
        for c in text {
            let isBreak = c == "\n" || c == "\r" || c == "\r\n"
            if isBreak && multiline { result.append("\n"); lastWasBreak = false; continue }
            if isBreak || c == "\t" {
                flattened = true
                if !lastWasBreak { result.append(" ") }
                lastWasBreak = true
                continue
            }
            lastWasBreak = false
            if c.unicodeScalars.contains(where: { $0.value < 32 || (0x7F...0x9F).contains($0.value) }) { continue }
            result.append(c)
        }
        return (result, flattened)
    }

    /// Inserts text at the cursor, as much as the limit allows.
    @discardableResult
    public mutating func insert(_ text: String) -> Insertion {
        let (clean, flattened) = TextBuffer.clean(text, multiline: multiline)
        var new = Array(clean)
        var result = Insertion(flattened: flattened)
        if let limit, characters.count + new.count > limit {
            let room = max(0, limit - characters.count)
            result.dropped = new.count - room
            new.removeLast(new.count - room)
        }
        characters.insert(contentsOf: new, at: cursor)
        cursor += new.count
        return result
    }

    public mutating func backspace() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// Ctrl-W: delete the word before the cursor.
    public mutating func deleteWordBackward() {
        var start = cursor
        while start > 0, characters[start - 1] == " " { start -= 1 }
        while start > 0, characters[start - 1] != " ", characters[start - 1] != "\n" { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Ctrl-U: delete from the start of the line to the cursor.
    public mutating func deleteToLineStart() {
        var start = cursor
        while start > 0, characters[start - 1] != "\n" { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    public mutating func moveTo(_ index: Int) { cursor = max(0, min(characters.count, index)) }

    // MARK: wrapped layout

    /// Visual lines for a width: ranges of character indices, wrapping at spaces where possible.
    public func lines(width: Int) -> [Range<Int>] {
        let width = max(1, width)
        guard multiline else { return [0..<characters.count] }
        var result: [Range<Int>] = []
        var start = 0
        var column = 0
        var lastSpace: Int? = nil
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c == "\n" {
                result.append(start..<i)
                start = i + 1; column = 0; lastSpace = nil; i += 1
                continue
            }
            let w = DisplayWidth.of(c)
            if column + w > width {
                if let space = lastSpace, space >= start {
                    result.append(start..<(space + 1))
                    start = space + 1
                } else {
                    result.append(start..<i)
                    start = i
                }
                column = characters[start..<i].reduce(0) { $0 + DisplayWidth.of($1) }
                lastSpace = nil
                continue
            }
            if c == " " { lastSpace = i }
            column += w
            i += 1
        }
        result.append(start..<characters.count)
        return result
    }

    /// (line, column) of the cursor in the wrapped layout.
    public func cursorPosition(width: Int) -> (line: Int, column: Int) {
        let layout = lines(width: width)
        for (n, range) in layout.enumerated() {
            let isLast = n == layout.count - 1
            let nextStart = isLast ? Int.max : layout[n + 1].lowerBound
            if cursor >= range.lowerBound && (cursor < nextStart || isLast) && (cursor <= range.upperBound || isLast) {
                return (n, DisplayWidth.of(characters: characters[range.lowerBound..<min(cursor, range.upperBound)]))
            }
        }
        return (layout.count - 1, 0)
    }

    /// Moves up or down a visual line, keeping the column as far as the line allows.
    public mutating func moveVertically(_ delta: Int, width: Int) {
        let layout = lines(width: width)
        let (line, column) = cursorPosition(width: width)
        let target = line + delta
        guard target >= 0, target < layout.count else {
            cursor = delta < 0 ? 0 : characters.count
            return
        }
        cursor = index(in: layout[target], column: column, isLast: target == layout.count - 1)
    }

    public mutating func moveToLineStart(width: Int) {
        let layout = lines(width: width)
        cursor = layout[cursorPosition(width: width).line].lowerBound
    }

    public mutating func moveToLineEnd(width: Int) {
        let layout = lines(width: width)
        let line = cursorPosition(width: width).line
        var end = layout[line].upperBound
        // A wrapped line ends in the space it broke at: stop before it.
        if line < layout.count - 1, end > layout[line].lowerBound, characters[end - 1] == " " { end -= 1 }
        cursor = end
    }

    private func index(in range: Range<Int>, column: Int, isLast: Bool) -> Int {
        var used = 0
        var i = range.lowerBound
        while i < range.upperBound {
            let w = DisplayWidth.of(characters[i])
            if used + w > column { break }
            used += w
            i += 1
        }
        if !isLast, i == range.upperBound, i > range.lowerBound, characters[i - 1] == " " { return i - 1 }
        return i
    }

    /// Keeps the cursor's line inside a window of `height` lines.
    public mutating func scrollToCursor(width: Int, height: Int) {
        if multiline {
            let line = cursorPosition(width: width).line
            if line < scroll { scroll = line }
            if line >= scroll + height { scroll = line - height + 1 }
        } else {
            // Only the characters just before the cursor are measured, so a keystroke in a
            // field of 20,000 characters costs what the box shows, not the field's length.
            scroll = min(scroll, cursor)
            var first = cursor, used = 0
            while first > scroll {
                let w = DisplayWidth.of(characters[first - 1])
                if used + w >= width { break }
                used += w
                first -= 1
            }
            scroll = first
        }
    }

    /// Handles an editing key; returns false for keys that are not editing keys here.
    /// Applies a key as the keymap's text bindings say (for callers that have no mode of
    /// their own, like the welcome screen).
    public mutating func handle(_ key: Key, width: Int) -> Bool {
        apply(Keymap.textCommand(for: key, multiline: multiline), key, width: width)
    }

    /// Applies a key's command, or inserts the key as text when no binding claimed it.
    /// Returns whether the key did anything to the text.
    mutating func apply(_ command: Command?, _ key: Key, width: Int) -> Bool {
        if let command { return perform(command, width: width) }
        switch key {
        case .character(let c): insert(String(c))
        case .paste(let text): insert(text)
        default: return false
        }
        return true
    }

    /// Performs one text command; false when it is not one a text of this kind has.
    mutating func perform(_ command: Command, width: Int) -> Bool {
        switch command {
        case .newLine where multiline: insert("\n")
        case .deleteBackward: backspace()
        case .deleteForward: deleteForward()
        case .cursorLeft: moveLeft()
        case .cursorRight: moveRight()
        case .lineUp where multiline: moveVertically(-1, width: width)
        case .lineDown where multiline: moveVertically(1, width: width)
        case .lineStart: multiline ? moveToLineStart(width: width) : moveTo(0)
        case .lineEnd: multiline ? moveToLineEnd(width: width) : moveTo(characters.count)
        case .textStart: moveTo(0)
        case .textEnd: moveTo(characters.count)
        case .deleteWord: deleteWordBackward()
        case .deleteToLineStart: deleteToLineStart()
        case .pageUpText where multiline: moveVertically(-8, width: width)
        case .pageDownText where multiline: moveVertically(8, width: width)
        default: return false
        }
        return true
    }

    /// Draws the visible part into `screen`; returns the cursor's screen position.
    public mutating func draw(
        into screen: inout Screen, x: Int, y: Int, width: Int, height: Int, style: CellStyle,
        followCursor: Bool = true
    ) -> (x: Int, y: Int) {
        if followCursor { scrollToCursor(width: width, height: height) } else { scroll = 0 }
        if multiline {
            let layout = lines(width: width)
            for row in 0..<height {
                let n = scroll + row
                guard n < layout.count else { break }
                screen.put(characters[layout[n]].filter { $0 != "\n" }, x: x, y: y + row, style: style, maxWidth: width)
            }
            let (line, column) = cursorPosition(width: width)
            return (x + min(column, width - 1), y + line - scroll)
        } else {
            let start = min(scroll, characters.count)
            // At most `width` characters can show (each is at least one column wide).
            let end = min(characters.count, start + max(0, width))
            // Drawn character by character, as the cursor counts them (see `Screen.put`).
            screen.put(characters[start..<end], x: x, y: y, style: style, maxWidth: width)
            return (x + DisplayWidth.of(characters: characters[start..<max(start, min(cursor, end))]), y)
        }
    }
}
