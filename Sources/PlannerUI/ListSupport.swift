/// Selection movement and windowing shared by every list: only the visible rows are drawn,
/// so a list of 20,000 items costs the same per keystroke as a list of 20.
enum ListSupport {
    static func move(_ selection: Int, _ command: Command, count: Int, page: Int) -> Int? {
        guard count > 0 else { return nil }
        switch command {
        case .up: return max(0, selection - 1)
        case .down: return min(count - 1, selection + 1)
        case .pageUp: return max(0, selection - max(1, page - 1))
        case .pageDown: return min(count - 1, selection + max(1, page - 1))
        case .top: return 0
        case .bottom: return count - 1
        default: return nil
        }
    }

    /// The one mark of "this is where you are": the highlighted row of a list or picker, the
    /// focused field of a form, the chosen line of the welcome menu and of the first steps. It
    /// is said by this mark as well as by reverse video, so the highlight is not said by colour
    /// alone (issue 15). Not `▸`: that is the "more this way" arrow of a choice (`◂ Kind ▸`)
    /// and a collapsed domain in the framework browser.
    static let selectionMarker = "›"

    /// What starts a row that can be highlighted: the marker on the highlighted one, a space
    /// on the others, so the text lines up; one column wide either way.
    static func marker(_ highlighted: Bool) -> String { highlighted ? selectionMarker : " " }

    /// First row to draw so the selection stays in view.
    static func top(selection: Int, count: Int, height: Int) -> Int {
        guard count > height, height > 0 else { return 0 }
        return max(0, min(count - height, selection - height / 2))
    }
}

/// Text helpers for views.
enum Wrap {
    /// Greedy word wrap into lines of at most `width` columns.
    static func lines(_ text: String, width: Int) -> [String] {
        var buffer = TextBuffer(text, multiline: true)
        buffer.moveTo(0)
        let chars = Array(text)
        return buffer.lines(width: width).map { String(chars[$0]).replacingNewlines() }
    }
}

extension String {
    func replacingNewlines() -> String { String(map { $0 == "\n" ? " " : $0 }) }
}
