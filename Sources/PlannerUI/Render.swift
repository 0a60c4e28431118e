import Foundation
import PlannerCore

extension AppState {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public var isTooSmall: Bool { width < AppState.minimumWidth || height < AppState.minimumHeight }
    /// Rows between the header and the status + hint lines.
    var contentHeight: Int { height - 3 }

    /// Draws the whole screen. Pure: the state is not changed (forms scroll on a copy).
    public func render() -> Screen {
        var copy = self
        return copy.draw()
    }

    private mutating func draw() -> Screen {
        var screen = Screen(width: width, height: height)
        if isTooSmall {
            AppState.drawTooSmall(&screen)
            return screen
        }
        drawHeader(&screen)
        let y = 1, h = contentHeight
        switch route {
        case .dashboard: drawDashboard(&screen, y: y, height: h)
        case .walkthrough: drawWalkthrough(&screen, y: y, height: h)
        case .framework: drawFramework(&screen, y: y, height: h)
        case .element(let id): drawElement(&screen, element: id, y: y, height: h)
        case .evidenceList: drawEvidenceList(&screen, y: y, height: h)
        case .evidenceEditor: drawEvidenceEditor(&screen, y: y, height: h)
        case .pdp: drawPDP(&screen, y: y, height: h)
        case .goalEditor: drawGoalEditor(&screen, y: y, height: h)
        case .readiness: drawReadiness(&screen, y: y, height: h)
        case .profile: drawProfile(&screen, y: y, height: h)
        case .periods: drawPeriods(&screen, y: y, height: h)
        case .conflicts: drawConflicts(&screen, y: y, height: h)
        }
        // A screen reader or braille display follows the terminal cursor: on a list it sits on
        // the selected row (the one drawn in reverse video), in a form on the focused field.
        if screen.cursor == nil { screen.cursor = screen.firstCell(styled: .selected, rows: y..<(y + h)) }
        // A form's error is shown once, on the form's own error line, not again in the status line.
        if let status, status != openFormError {
            screen.fill(x: 0, y: height - 2, width: width, height: 1)
            screen.put(
                StatusLine.text(status, isError: statusIsError, width: width), x: 0, y: height - 2, style: statusIsError ? .error : .accent,
                maxWidth: width)
        }
        let hints = Keymap.hints(in: mode, scale: ratingScale)
        screen.put(DisplayWidth.pad(" " + hints, to: width), x: 0, y: height - 1, style: .bar)
        if let modal { drawModal(&screen, modal) }
        return screen
    }

    static func drawTooSmall(_ screen: inout Screen) {
        let lines = ["Terminal too small", "(\(screen.width)×\(screen.height); mlcf needs 80×24)", "Enlarge it, or press q to quit."]
        for (i, line) in lines.enumerated() {
            let y = max(0, screen.height / 2 - 1) + i
            screen.put(line, x: max(0, (screen.width - DisplayWidth.of(line)) / 2), y: y, style: i == 0 ? .bold : .plain)
        }
    }

    func drawHeader(_ screen: inout Screen) {
        let file = (path as NSString).lastPathComponent
        let left = " mlcf · \(portfolio.profile.name) · \(file) · \(route.title)"
        let mark: (String, CellStyle)
        switch saveStatus {
        case .saved: mark = ("✓ saved ", CellStyle(.good, reverse: true))
        case .unsaved: mark = ("● unsaved ", CellStyle(.warning, bold: true, reverse: true))
        case .failed: mark = ("✗ NOT SAVED ", CellStyle(.error, bold: true, reverse: true))
        }
        let editing = hasOpenEdit ? "✎ editing  " : ""
        let right = editing + mark.0
        screen.put(DisplayWidth.pad(left, to: width), x: 0, y: 0, style: .bar)
        let x = width - DisplayWidth.of(right)
        screen.put(editing, x: x, y: 0, style: .bar)
        screen.put(mark.0, x: x + DisplayWidth.of(editing), y: 0, style: mark.1)
    }

    /// The error line of the form on screen, if it shows one.
    var openFormError: String? {
        switch route {
        case .evidenceEditor: return editor?.form.error
        case .goalEditor: return goalEditor?.form.error
        case .profile: return profileForm?.error
        default: return nil
        }
    }

    /// The width of a prompt's question and answer, inside its box.
    var promptTextWidth: Int { min(width - 4, 76) - 4 }
    /// The most rows a wrapped answer takes before it scrolls.
    static let promptRows = 6

    /// A centred box for dialogs; returns its inner rectangle.
    func box(_ screen: inout Screen, width w: Int, height h: Int, title: String) -> (x: Int, y: Int, w: Int, h: Int) {
        let bw = min(w, width - 2), bh = min(h, height - 2)
        let x = (width - bw) / 2, y = (height - bh) / 2
        // The box's rows are its own, edge to edge: beside it, the pieces of the lines
        // underneath (a date cut in two, a title's cut mark `…`) read as the box's own words.
        screen.fill(x: 0, y: y, width: width, height: bh)
        screen.put("┌" + String(repeating: "─", count: bw - 2) + "┐", x: x, y: y)
        for row in 1..<(bh - 1) { screen.put("│", x: x, y: y + row); screen.put("│", x: x + bw - 1, y: y + row) }
        screen.put("└" + String(repeating: "─", count: bw - 2) + "┘", x: x, y: y + bh - 1)
        // A title wider than the box is cut inside it, not run over its corner.
        screen.put(" \(DisplayWidth.truncate(title, to: max(1, bw - 6))) ", x: x + 2, y: y, style: .heading)
        return (x + 2, y + 1, bw - 4, bh - 2)
    }

    func dialog(_ screen: inout Screen, title: String, lines: [String]) {
        let wrapped = lines.flatMap { $0.isEmpty ? [""] : Wrap.lines($0, width: 60) }
        let inner = box(&screen, width: 66, height: wrapped.count + 2, title: title)
        screen.cursor = (inner.x, inner.y)
        for (i, line) in wrapped.enumerated() where i < inner.h { screen.put(line, x: inner.x, y: inner.y + i, maxWidth: inner.w) }
    }

    func drawModal(_ screen: inout Screen, _ modal: Modal) {
        screen.cursor = nil
        switch modal {
        case .help:
            let boxWidth = min(width - 2, 100)
            let keyWidth = 20
            // Long help texts wrap under themselves, so nothing is cut at 80 columns.
            var lines: [(String, String)] = []
            let explained = helpContext?.mode ?? mode
            for (key, help) in Keymap.helpLines(in: explained, scale: ratingScale) {
                for (n, part) in Wrap.lines(help, width: boxWidth - 4 - keyWidth).enumerated() { lines.append((n == 0 ? key : "", part)) }
            }
            let inner = box(&screen, width: boxWidth, height: min(height - 2, lines.count + 3), title: "Help — \(helpContext?.title ?? route.title)")
            for (i, line) in lines.enumerated() where i < inner.h - 1 {
                screen.put(line.0, x: inner.x, y: inner.y + i, style: .bold, maxWidth: keyWidth)
                screen.put(line.1, x: inner.x + keyWidth, y: inner.y + i, maxWidth: inner.w - keyWidth)
            }
            screen.put(Keymap.sentence(in: .help), x: inner.x, y: inner.y + inner.h - 1, style: .muted)
            screen.cursor = (inner.x, inner.y)
        case .message(let text):
            dialog(&screen, title: "Note", lines: [text, "", Keymap.sentence(in: .message)])
        case .confirmDiscard:
            dialog(
                &screen, title: "Discard changes?",
                lines: [
                    "This form has changes that are not saved.", "",
                    Keymap.choices(in: .confirmDiscard),
                ])
        case .confirmQuit:
            let why: String
            if case .failed(let reason) = saveStatus, !hasOpenEdit {
                why = "Your last change could not be saved: \(reason)"
            } else {
                why = "An edit is still open and not saved."
            }
            dialog(
                &screen, title: "Quit?",
                lines: [why, "", Keymap.choices(in: hasOpenEdit ? .quitWithEdit : .quitAfterFailure)])
        case .confirmDelete(let id):
            let title = portfolio.evidence(withID: id)?.title ?? portfolio.goal(withID: id)?.title ?? id
            dialog(
                &screen, title: "Delete?",
                lines: ["Delete “\(title)”? The previous version of the file stays in the .bak backup.", "", Keymap.choices(in: .confirmDelete)])
        case .confirmNewPeriod:
            let next = portfolio.period.next
            dialog(
                &screen, title: "Start a new period?",
                lines: [
                    "This archives \(portfolio.period.start) to \(portfolio.period.end) into your history (ratings, reviewed goals, appraisal), makes the agreed plan this year's goals (with those carried forward), and starts \(next.start) to \(next.end).",
                    "Your evidence stays where it is.", "", Keymap.choices(in: .confirmNewPeriod),
                ])
        case .confirmExport(let errors):
            dialog(
                &screen, title: "Export a portfolio that is not ready?",
                lines: [
                    "The readiness list has \(errors) error\(errors == 1 ? "" : "s"): your \(portfolio.stage.reviewerTitle.lowercased()) will see \(errors == 1 ? "it" : "them") listed as gaps in the document.",
                    "r shows them.", "", Keymap.choices(in: .confirmExport),
                ])
        case .picker(let picker):
            let w = min(width - 4, 100), h = height - 4
            picker.draw(&screen, x: (width - w) / 2, y: 2, width: w, height: h)
        case .kindPicker(let picker):
            let inner = box(
                &screen, width: min(width - 4, 60), height: min(height - 4, picker.rows.count + 2),
                title: "Show evidence of kind — \(Keymap.choices(in: .kindPicker, separator: " · ", gap: " "))")
            screen.cursor = picker.draw(&screen, inner: inner)
        case .linkExisting(let state):
            let inner = box(
                &screen, width: min(width - 4, 90), height: height - 4,
                title: "Link existing evidence to \(state.element) — \(Keymap.choices(in: .linkExisting, separator: " · ", gap: " "))")
            let top = ListSupport.top(selection: state.cursor, count: state.candidates.count, height: inner.h)
            for i in 0..<min(inner.h, state.candidates.count - top) {
                let item = portfolio.evidence[state.candidates[top + i]]
                let line = ListSupport.marker(top + i == state.cursor) + " \(item.date)  \(DisplayWidth.pad(shortKind(item.kind), to: 12)) \(item.title)"
                screen.put(DisplayWidth.pad(line, to: inner.w), x: inner.x, y: inner.y + i, style: top + i == state.cursor ? .selected : .plain)
                if top + i == state.cursor { screen.cursor = (inner.x, inner.y + i) }
            }
        case .prompt(let prompt):
            // A long question wraps (at 80 columns the nil return's question was cut mid-word).
            let question = Wrap.lines(prompt.question, width: promptTextWidth)
            // A long answer (a reason opened again to edit) wraps over a few rows, so the doctor
            // sees what they wrote, not its last few words.
            let rows = prompt.buffer.multiline ? min(Self.promptRows, max(1, prompt.buffer.lines(width: promptTextWidth).count)) : 1
            let inner = box(
                &screen, width: promptTextWidth + 4, height: question.count + 3 + rows,
                title: Keymap.choices(in: .prompt, separator: " · ", gap: " "))
            for (i, line) in question.enumerated() { screen.put(line, x: inner.x, y: inner.y + i, style: .bold, maxWidth: inner.w) }
            var buffer = prompt.buffer
            let at = buffer.draw(into: &screen, x: inner.x, y: inner.y + question.count + 1, width: inner.w, height: rows, style: .plain)
            screen.cursor = at
        case .suggestions(let state):
            let inner = box(
                &screen, width: min(width - 4, 90), height: min(height - 4, state.suggestions.count * 2 + 3),
                title: "Suggested goals — \(Keymap.choices(in: .suggestions, separator: " · ", gap: " "))")
            for (i, s) in state.suggestions.enumerated() where i * 2 + 1 < inner.h {
                let selected = i == state.cursor
                screen.put(DisplayWidth.pad(s.title, to: inner.w), x: inner.x, y: inner.y + i * 2, style: selected ? .selected : .bold)
                if selected { screen.cursor = (inner.x, inner.y + i * 2) }
                screen.put("  " + s.why, x: inner.x, y: inner.y + i * 2 + 1, style: .muted, maxWidth: inner.w)
            }
        case .recovery(let draft):
            dialog(
                &screen, title: "Recovered draft",
                lines: [
                    "The last session ended (terminal closed or stopped) with unsaved \(draft.summary).", "",
                    Keymap.choices(in: .recovery),
                ])
        case .otherVersion(let notice):
            dialog(
                &screen, title: "The file was changed by another program",
                lines: [
                    "While it was open here, another program (a sync tool, git, another computer, mlcf add-evidence) changed \(notice.original).",
                    "Nothing was overwritten. Your version is saved beside it as \(notice.ours), and further changes go there.", "",
                ] + Keymap.choiceLines(in: .otherVersion))
        case .syncCopy, .moveAside:
            renderSyncCopy(&screen, modal)
        }
    }
}
