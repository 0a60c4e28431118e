import Foundation
import PlannerCore

/// The PDP: the goals proposed for next year, and this year's goals (agreed at the
/// appraisal), reviewed as the next appraisal nears. The lists' names are `GoalList`'s.
public struct PDPState: Equatable, Sendable {
    /// false: the goals proposed for next year; true: this year's goals.
    public var reviewing = false
    public var selection = 0
}

/// Editing one goal (SMART fields, status and review note).
public struct GoalEditorState: Equatable, Sendable {
    public var form: Form
    public let originalID: String?
    /// Whether the goal is one of this year's goals (`previousPdp`), not proposed for next year.
    public let isPrevious: Bool

    static func form(
        for goal: Goal?, isPrevious: Bool, reviewDue: Bool, suggestion: SuggestionState.Suggestion? = nil, limits: StageRules.Limits,
        taxonomy: Taxonomy
    ) -> Form {
        let statuses = GoalStatus.allCases.map { FormField.Option($0.rawValue, taxonomy.label(of: $0)) }
        var fields = [
            FormField(
                "title", "What I will develop", .text, value: goal?.title ?? suggestion?.title ?? "",
                limit: Goal.schema.field("title")?.limit?.characters(in: limits)),
            FormField("why", "Why (the gap)", .multiline(lines: 2), value: goal?.why ?? suggestion?.why ?? ""),
            FormField("links", "Elements", .links),
            FormField("activities", "How (activities)", .multiline(lines: 3), value: goal?.activities ?? ""),
            FormField("measure", "How I will know", .multiline(lines: 2), value: goal?.measure ?? ""),
            FormField("targetDate", "By when", .date(required: false), value: goal?.targetDate?.description ?? ""),
            FormField("status", "Status", .choice(statuses), value: goal?.status.rawValue ?? GoalStatus.planned.rawValue),
            FormField("reviewNote", "Review note", .multiline(lines: 2), value: goal?.reviewNote ?? ""),
        ]
        // The links are set before the form keeps its opening state, so they are not an edit.
        if let index = fields.firstIndex(where: { $0.key == "links" }) { fields[index].links = goal?.links ?? suggestion.map { [$0.link] } ?? [] }
        let list: GoalList = isPrevious ? .thisYear : .proposed
        return Form(title: list.formTitle(newGoal: goal == nil, reviewDue: reviewDue), fields: fields)
    }

    /// The goal as the form has it; what the form does not show (the goal it was carried
    /// from, fields a newer version wrote) is kept from `original`.
    /// The title is held to the core's input rules (`InputRules`), as evidence titles are.
    func goal(id: String, original: Goal? = nil, limits: StageRules.Limits) -> Result<Goal, FormError> {
        let v = form.values
        let title = v["title", default: ""].trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = InputRules.goalTitleProblem(title, limits: limits) {
            return .failure(FormError(field: "title", message: InputRules.sentence(problem)))
        }
        let dateText = v["targetDate", default: ""].trimmingCharacters(in: .whitespaces)
        let date = CalendarDate(dateText)
        if !dateText.isEmpty && date == nil {
            return .failure(FormError(field: "targetDate", message: "By when: “\(dateText)” is not a real date — use YYYY-MM-DD."))
        }
        let trim = { (key: String) in v[key, default: ""].trimmingCharacters(in: .whitespacesAndNewlines) }
        var goal = Goal(
            id: id, title: title, why: trim("why"), links: form.fields[form.index(of: "links")!].links,
            activities: trim("activities"), measure: trim("measure"), targetDate: date,
            status: GoalStatus(rawValue: v["status", default: ""]) ?? .planned, reviewNote: trim("reviewNote"),
            carriedFrom: original?.carriedFrom)
        goal.unknownFields = original?.unknownFields ?? [:]
        return .success(goal)
    }
}

extension AppState {
    var pdpGoals: [Goal] { pdp.reviewing ? portfolio.previousPdp : portfolio.pdp }

    mutating func pdpKey(_ key: Key) -> [Effect] {
        guard let command = command(for: key) else { return [] }
        if let moved = ListSupport.move(pdp.selection, command, count: pdpGoals.count, page: contentHeight - 4) {
            pdp.selection = moved
            return []
        }
        switch command {
        case .switchSection:
            pdp.reviewing.toggle()
            pdp.selection = 0
        case .open:
            if let goal = pdpGoals[safe: pdp.selection] { openGoalEditor(goal, isPrevious: pdp.reviewing) }
        case .addGoal:
            // A goal for the list on show: the next plan, or this year's goals.
            openGoalEditor(nil, isPrevious: pdp.reviewing)
        case .suggestGoals:
            let suggestions = SuggestionState.make(portfolio, coverage: coverage, framework: framework)
            if suggestions.suggestions.isEmpty {
                say("No gaps to suggest goals for: every element has evidence and no low ratings.")
            } else {
                modal = .suggestions(suggestions)
            }
        case .deleteItem:
            if let goal = pdpGoals[safe: pdp.selection] { modal = .confirmDelete(goal.id) }
        default: return globalCommand(command)
        }
        return []
    }

    mutating func openGoalEditor(_ goal: Goal?, isPrevious: Bool, suggestion: SuggestionState.Suggestion? = nil) {
        goalEditor = GoalEditorState(
            form: GoalEditorState.form(
                for: goal, isPrevious: isPrevious, reviewDue: portfolio.isReviewDue(today: today), suggestion: suggestion,
                limits: validator.rules.limits, taxonomy: taxonomy),
            originalID: goal?.id, isPrevious: isPrevious)
        go(.goalEditor)
    }

    mutating func goalEditorKey(_ key: Key) -> [Effect] {
        guard var state = goalEditor else { back(); return [] }
        let outcome = state.form.handle(key, command: command(for: key), width: width)
        goalEditor = state
        switch outcome {
        case .submit: return saveGoalEditor()
        case .cancel: if state.form.isChanged { modal = .confirmDiscard } else { goalEditor = nil; back() }
        case .openPicker(let field): modal = .picker(picker(for: state.form.fields[field]))
        case .handled, .ignored: break
        }
        return []
    }

    mutating func saveGoalEditor() -> [Effect] {
        guard var state = goalEditor else { return [] }
        let id = state.originalID ?? portfolio.nextID(prefix: "pdp")
        let draft = state
        let original = state.originalID.flatMap { portfolio.goal(withID: $0) }
        let limits = validator.rules.limits
        let goal = validated(&state.form) { _ in draft.goal(id: id, original: original, limits: limits) }
        goalEditor = state
        guard let goal else { return [] }
        goalEditor = nil
        back()
        return commit("Saved goal “\(goal.title)”.", evidence: .none) { p in
            if state.isPrevious, let i = p.previousPdp.firstIndex(where: { $0.id == id }) {
                p.previousPdp[i] = goal
            } else if let i = p.pdp.firstIndex(where: { $0.id == id }) {
                p.pdp[i] = goal
            } else if state.isPrevious {
                p.previousPdp.append(goal)
            } else {
                p.pdp.append(goal)
            }
        }
    }

    func drawPDP(_ screen: inout Screen, y: Int, height: Int) {
        let w = screen.width
        let shown: GoalList = pdp.reviewing ? .thisYear : .proposed
        let tabs =
            pdp.reviewing ? "  \(GoalList.proposed.tab)   [ \(GoalList.thisYear.tab) ]" : "[ \(GoalList.proposed.tab) ]   \(GoalList.thisYear.tab)"
        screen.put("Personal development plan", x: 1, y: y, style: .heading)
        screen.put(tabs, x: 28, y: y, style: .accent, maxWidth: w - 29)
        let goals = pdpGoals
        screen.put(DisplayWidth.pad("  " + shown.title, to: w - 32) + DisplayWidth.pad("status", to: 17) + "by when", x: 0, y: y + 1, style: .muted)
        // This year's goals say where they stand: in progress, or due for review (and from when).
        let standing = pdp.reviewing ? GoalList.reviewState(portfolio, today: today) : nil
        if let standing { screen.put(standing, x: 1, y: y + height - 1, style: .muted, maxWidth: w - 2) }
        if goals.isEmpty {
            screen.put(
                pdp.reviewing ? "No goals for this year: a adds one." : "No goals yet — a adds one, s suggests goals from your gaps.",
                x: 2, y: y + 3, style: .muted)
            return
        }
        let rows = height - 4
        let top = ListSupport.top(selection: pdp.selection, count: goals.count, height: rows)
        let findingsByGoal = Dictionary(grouping: report.findings.filter { $0.location.goalID != nil }, by: { $0.location.goalID! })
        for i in 0..<min(rows, goals.count - top) {
            let goal = goals[top + i]
            let flag = findingsByGoal[goal.id] == nil ? " " : "!"
            let line =
                ListSupport.marker(top + i == pdp.selection) + flag + DisplayWidth.pad(goal.title, to: w - 35) + " "
                + DisplayWidth.pad(taxonomy.label(of: goal.status), to: 17)
                + (goal.targetDate?.description ?? "–")
            screen.put(DisplayWidth.pad(line, to: w), x: 0, y: y + 2 + i, style: top + i == pdp.selection ? .selected : .plain)
        }
        if let goal = goals[safe: pdp.selection], let finding = findingsByGoal[goal.id]?.first {
            screen.fill(x: 0, y: y + height - 1, width: w, height: 1)
            screen.put("! " + finding.message, x: 1, y: y + height - 1, style: .warning, maxWidth: w - 2)
        }
    }

    mutating func drawGoalEditor(_ screen: inout Screen, y: Int, height: Int) {
        guard var state = goalEditor else { return }
        drawFormScreen(&state.form, &screen, y: y, height: height)
        goalEditor = state
    }
}
