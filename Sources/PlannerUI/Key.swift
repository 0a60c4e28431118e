/// A key press, independent of the terminal library that read it.
public enum Key: Hashable, Sendable {
    case character(Character)
    case ctrl(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete
    case resize(width: Int, height: Int)
    /// Text arriving in one burst (a paste): inserted as a whole in text fields.
    case paste(String)

    public static func char(_ c: Character) -> Key { .character(c) }
    /// Each character of a string as a key, for tests and scripted sessions.
    public static func typing(_ text: String) -> [Key] { text.map { $0 == "\n" ? .enter : .character($0) } }
}
