import Foundation
import PlannerCore

/// What the welcome screen asks the run loop to do.
public enum WelcomeEffect: Equatable, Sendable {
    case open(String)
    case create(String, Portfolio)
    case openExample
    case quit
}

/// The first-run screen: create a portfolio (a short wizard), open the example, or open a path.
public struct WelcomeState: Sendable {
    public enum Step: Equatable, Sendable { case menu, wizard, openPath }
    public var step: Step = .menu
    public var selection = 0
    public var width: Int
    public var height: Int
    public var wizard: Form
    public var openPath = TextBuffer()
    public var message: String?
    let today: CalendarDate

    static let items = ["Create a new portfolio", "Look around the bundled example (a consultant's portfolio)", "Open a portfolio file…", "Quit"]

    public init(width: Int, height: Int, today: CalendarDate, defaultPath: String) {
        self.width = width; self.height = height; self.today = today
        let stages = Stage.allCases.map { FormField.Option($0.rawValue, $0.label) }
        wizard = Form(
            title: "New portfolio",
            fields: [
                FormField("name", "Your name", .text),
                FormField("stage", "Stage", .choice(stages), value: Stage.continuingPractice.rawValue),
                FormField("periodStart", "Period start", .date(required: true), value: today.adding(years: -1).adding(days: 1).description),
                FormField("periodEnd", "Period end", .date(required: true), value: today.description),
                FormField("path", "Save it as", .text, value: defaultPath),
            ])
    }

    public mutating func update(_ key: Key) -> WelcomeEffect? {
        if case .resize(let w, let h) = key { width = w; height = h; return nil }
        if key == .ctrl("c") { return .quit }
        if case .typed(let text) = key {
            if step != .menu { return update(.paste(text)) }
            for character in text { if let effect = updateMenu(.character(character)) { return effect } }
            return nil
        }
        if case .paste = key, step == .menu {
            message = "Pasted text goes into a text field; choose an item first."
            return nil
        }
        switch step {
        case .menu: return updateMenu(key)
        case .openPath:
            switch key {
            case .escape: step = .menu; message = nil
            case .enter:
                let path = openPath.text.trimmingCharacters(in: .whitespaces)
                if path.isEmpty { message = "Type the path of a portfolio file." } else { return .open(path) }
            default: _ = openPath.handle(key, width: width - 8)
            }
        case .wizard:
            switch wizard.handle(key, width: width) {
            case .cancel: step = .menu; message = nil
            case .submit: return finishWizard()
            default: break
            }
        }
        return nil
    }

    mutating func updateMenu(_ key: Key) -> WelcomeEffect? {
        switch key {
        case .up, .character("k"): selection = max(0, selection - 1)
        case .down, .character("j"): selection = min(WelcomeState.items.count - 1, selection + 1)
        case .character("n"): selection = 0; return choose()
        case .character("x"): selection = 1; return choose()
        case .character("o"): selection = 2; return choose()
        case .character("q"), .escape: return .quit
        case .enter: return choose()
        default: break
        }
        return nil
    }

    mutating func choose() -> WelcomeEffect? {
        message = nil
        switch selection {
        case 0: step = .wizard
        case 1: return .openExample
        case 2: step = .openPath
        default: return .quit
        }
        return nil
    }

    mutating func finishWizard() -> WelcomeEffect? {
        if let problem = wizard.firstProblem() { message = problem; return nil }
        let name = wizard.value("name").trimmingCharacters(in: .whitespaces)
        let path = wizard.value("path").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { wizard.focus(on: "name"); message = "Your name: it is needed (it heads the export)."; return nil }
        guard !path.isEmpty else { wizard.focus(on: "path"); message = "Save it as: choose a file name."; return nil }
        let start = CalendarDate(wizard.value("periodStart"))!, end = CalendarDate(wizard.value("periodEnd"))!
        guard start <= end else { wizard.focus(on: "periodEnd"); message = "Period end: \(end) is before the start, \(start)."; return nil }
        let stage = Stage(rawValue: wizard.value("stage")) ?? .continuingPractice
        return .create(path, Portfolio(profile: Profile(name: name, stage: stage, periodStart: start, periodEnd: end)))
    }

    public func render() -> Screen {
        var screen = Screen(width: width, height: height)
        if width < AppState.minimumWidth || height < AppState.minimumHeight {
            AppState.drawTooSmall(&screen)
            return screen
        }
        screen.put(DisplayWidth.pad(" mlcf · Medical Leadership Competency Framework planner", to: width), x: 0, y: 0, style: .bar)
        var row = 2
        for line in [
            "Welcome. Plan, evidence and export your leadership development for appraisal,",
            "ARCP or your medical school — privately, on your own computer.",
        ] {
            screen.put(line, x: 2, y: row); row += 1
        }
        row += 1
        var copy = self
        switch step {
        case .menu:
            for (i, item) in WelcomeState.items.enumerated() {
                let key = ["n", "x", "o", "q"][i]
                screen.put((i == selection ? "▸ " : "  ") + "\(key)  \(item)", x: 2, y: row, style: i == selection ? .selected : .plain)
                row += 1
            }
            screen.put(DisplayWidth.pad(" ↑↓ choose  Enter open  q quit", to: width), x: 0, y: height - 1, style: .bar)
        case .openPath:
            screen.put("Path of the portfolio file:", x: 2, y: row, style: .bold)
            screen.cursor = copy.openPath.draw(into: &screen, x: 2, y: row + 1, width: width - 4, height: 1, style: .plain)
            screen.put(DisplayWidth.pad(" Enter open  Esc back", to: width), x: 0, y: height - 1, style: .bar)
        case .wizard:
            screen.put("New portfolio — Tab moves between fields, Ctrl-S creates it", x: 2, y: row, style: .heading)
            screen.cursor = copy.wizard.draw(into: &screen, x: 0, y: row + 2, width: width, height: 8)
            screen.put(DisplayWidth.pad(" Tab next field  Ctrl-S create  Esc back", to: width), x: 0, y: height - 1, style: .bar)
        }
        if let message { screen.put("⚠ " + message, x: 2, y: height - 3, style: .error, maxWidth: width - 4) }
        return screen
    }
}
