/// A key press, independent of the terminal library that read it.
public enum Key: Hashable, Sendable {
    case character(Character)
    case ctrl(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete
    /// The help key: the one key that can never be text, so a form can always offer help.
    case f1
    case resize(width: Int, height: Int)
    /// A paste the terminal marked as one (bracketed paste): text only, never commands.
    case paste(String)
    /// Plain characters that arrived together (fast typing, tmux send-keys, or a paste in a
    /// terminal without bracketed paste): the same as pressing each one, inserted in one go
    /// in a text field.
    case typed(String)

    /// Each character of a string as a key, for tests and scripted sessions.
    public static func typing(_ text: String) -> [Key] { text.map { $0 == "\n" ? .enter : .character($0) } }
}
