/// The status line's text: one screen row, so a message longer than the row is cut and the
/// cut is marked with "…" (a doctor must see that there was more, not read half a sentence
/// as the whole). Messages are written with their key fact first, so what a cut loses is
/// the least of it.
enum StatusLine {
    /// The row as drawn: an error starts with "✗" (said in words as well as in colour), line
    /// breaks and tabs become spaces (the screen draws them one column wide, and counting
    /// them so keeps the cut exact), and it is at most `width` columns.
    static func text(_ message: String, isError: Bool, width: Int) -> String {
        let flat = String(message.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" || $0 == "\t" ? " " : $0 })
        return DisplayWidth.truncate((isError ? " ✗ " : " ") + flat, to: width)
    }
}
