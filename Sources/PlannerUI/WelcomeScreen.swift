import Foundation
import PlannerCore

/// What the welcome screen asks the run loop to do.
public enum WelcomeEffect: Equatable, Sendable {
    case open(String)
    case create(String, Portfolio)
    case openExample
    case quit
}

/// The first-run screen: create a portfolio (a short form), open the example, or open a path.
/// `mlcf PATH` for a file that is not there yet opens straight on the form (`offerToCreate`).
public struct WelcomeState: Sendable {
    public enum Step: Equatable, Sendable { case menu, wizard, openPath }
    public var step: Step = .menu
    public var selection = 0
    public var width: Int
    public var height: Int
    public var wizard: Form
    public var openPath = TextBuffer()
    public var message: String?
    /// The path the doctor asked to open that is not there yet: the form was offered for it.
    public private(set) var offeredPath: String?
    /// Whether the offer came from this screen's own "Open a portfolio file…" (Esc goes back
    /// to the menu) or from `mlcf PATH` (there is no menu behind it: Esc leaves the program).
    private var offeredFromMenu = false
    let today: CalendarDate
    let taxonomy: Taxonomy
    /// The period the form last filled in for the chosen stage: dates still equal to it are
    /// the form's own and follow a change of stage; dates the doctor typed are kept.
    private var filledPeriod: Period?
    private var filledForStage = ""

    static let items = ["Create a new portfolio", "Look around the bundled example (a consultant's portfolio)", "Open a portfolio file…", "Quit"]

    public init(width: Int, height: Int, today: CalendarDate, defaultPath: String, taxonomy: Taxonomy) {
        self.width = width; self.height = height; self.today = today; self.taxonomy = taxonomy
        // No stage is chosen for the doctor: the first option is "choose", and the period
        // stays empty until a stage says what year it is.
        let stages = [FormField.Option("", "(choose your stage: ← →)")] + Stage.allCases.map { FormField.Option($0.rawValue, $0.label) }
        wizard = Form(
            title: "New portfolio",
            fields: [
                FormField("stage", "Stage", .choice(stages)),
                FormField("name", "Your name", .text),
                FormField("periodStart", "Period start", .date(required: false)),
                FormField("periodEnd", "Period end", .date(required: false)),
                FormField("path", "Save it as", .text, value: defaultPath),
            ])
    }

    /// Opens the form for a file that does not exist yet, to be created at `path`.
    public mutating func offerToCreate(at path: String, fromMenu: Bool = false) {
        offeredPath = path
        offeredFromMenu = fromMenu
        wizard.set("path", path)
        wizard.focus = 0
        step = .wizard
        message = nil
    }

    /// The stage chosen on the form, or nil while it still says "choose".
    public var chosenStage: Stage? { Stage(rawValue: wizard.value("stage")) }

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
            case .cancel:
                if offeredPath != nil && !offeredFromMenu { return .quit }
                offeredPath = nil
                step = .menu; message = nil
            case .submit: return finishWizard()
            default: followStage()
            }
        }
        return nil
    }

    /// After a key on the form: a newly chosen stage fills the period with its year, unless
    /// the doctor has typed dates of their own.
    mutating func followStage() {
        let stage = wizard.value("stage")
        guard stage != filledForStage else { return }
        filledForStage = stage
        let shown = (wizard.value("periodStart"), wizard.value("periodEnd"))
        let untouched = shown == ("", "") || shown == (filledPeriod?.start.description ?? "", filledPeriod?.end.description ?? "")
        guard untouched else { return }
        guard let chosen = Stage(rawValue: stage) else {
            wizard.set("periodStart", ""); wizard.set("periodEnd", ""); filledPeriod = nil
            return
        }
        let period = Period.suggested(for: chosen, today: today, taxonomy: taxonomy)
        wizard.set("periodStart", period.start.description)
        wizard.set("periodEnd", period.end.description)
        filledPeriod = period
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
        guard let stage = chosenStage else {
            wizard.focus(on: "stage")
            message = "Stage: choose yours with ← → — it sets your period and what your portfolio is checked against."
            return nil
        }
        let name = wizard.value("name").trimmingCharacters(in: .whitespaces)
        let path = wizard.value("path").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { wizard.focus(on: "name"); message = "Your name: it is needed (it heads the export)."; return nil }
        for key in ["periodStart", "periodEnd"] where wizard.value(key).isEmpty {
            wizard.focus(on: key)
            message = "\(key == "periodStart" ? "Period start" : "Period end"): a date is needed (YYYY-MM-DD)."
            return nil
        }
        guard !path.isEmpty else { wizard.focus(on: "path"); message = "Save it as: choose a file name."; return nil }
        let start = CalendarDate(wizard.value("periodStart"))!, end = CalendarDate(wizard.value("periodEnd"))!
        guard start <= end else { wizard.focus(on: "periodEnd"); message = "Period end: \(end) is before the start, \(start)."; return nil }
        return .create(path, Portfolio(profile: Profile(name: name, stage: stage, periodStart: start, periodEnd: end)))
    }

    /// What the chosen stage means, under the form: who it is for and what year the period is.
    var stageNote: String {
        guard let stage = chosenStage, let info = taxonomy.stage(stage) else {
            return "Choose your stage first: it decides your review period and what your portfolio is checked against."
        }
        let appraisal = info.yearEndsAtAppraisal == true ? "; if your appraisal falls on another date, make it the 12 months up to it" : ""
        return "\(info.label). The period is your \(info.period), filled in below\(appraisal)."
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
                screen.put(ListSupport.marker(i == selection) + " \(key)  \(item)", x: 2, y: row, style: i == selection ? .selected : .plain)
                row += 1
            }
            screen.put(DisplayWidth.pad(" ↑↓ choose  Enter open  q quit", to: width), x: 0, y: height - 1, style: .bar)
        case .openPath:
            screen.put("Path of the portfolio file:", x: 2, y: row, style: .bold)
            screen.cursor = copy.openPath.draw(into: &screen, x: 2, y: row + 1, width: width - 4, height: 1, style: .plain)
            screen.put(DisplayWidth.pad(" Enter open  Esc back", to: width), x: 0, y: height - 1, style: .bar)
        case .wizard:
            let heading =
                offeredPath.map { "There is no portfolio at \($0) yet. Create it there? Ctrl-S creates it." }
                ?? "New portfolio — Tab moves between fields, Ctrl-S creates it"
            for (i, line) in Wrap.lines(heading, width: width - 4).prefix(2).enumerated() {
                screen.put(line, x: 2, y: row + i, style: .heading, maxWidth: width - 4)
            }
            screen.cursor = copy.wizard.draw(into: &screen, x: 0, y: row + 2, width: width, height: 5)
            for (i, line) in Wrap.lines(stageNote, width: width - 4).prefix(3).enumerated() {
                screen.put(line, x: 2, y: row + 8 + i, style: .muted)
            }
            let leave = offeredPath == nil || offeredFromMenu ? "Esc back" : "Esc leave without creating it"
            screen.put(DisplayWidth.pad(" Tab next field  ← → choose  Ctrl-S create  \(leave)", to: width), x: 0, y: height - 1, style: .bar)
        }
        if let message { screen.put("⚠ " + message, x: 2, y: height - 3, style: .error, maxWidth: width - 4) }
        return screen
    }
}
