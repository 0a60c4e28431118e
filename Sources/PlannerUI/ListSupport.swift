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

    /// What starts a list row: `›` on the highlighted one, so the highlight is not said by
    /// colour (or reverse video) alone (issue 15); one column wide either way.
    static func marker(_ highlighted: Bool) -> String { highlighted ? "›" : " " }

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
