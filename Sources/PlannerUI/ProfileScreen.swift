import Foundation
import PlannerCore

extension AppState {
    static func profileForm(_ p: Profile) -> Form {
        let stages = Stage.allCases.map { FormField.Option($0.rawValue, $0.label) }
        let scope = p.scopeOfWork.map { [$0.role, $0.organisation, $0.place].joined(separator: "; ") }.joined(separator: "\n")
        return Form(
            title: "Profile",
            fields: [
                FormField("name", "Name", .text, value: p.name),
                FormField("gmcNumber", "GMC number", .text, value: p.gmcNumber ?? ""),
                FormField("stage", "Stage", .choice(stages), value: p.stage.rawValue),
                FormField("grade", "Grade or year", .text, value: p.grade),
                FormField("specialty", "Specialty", .text, value: p.specialty),
                FormField("organisation", "Organisation", .text, value: p.organisation),
                FormField("periodStart", "Period start", .date(required: true), value: p.periodStart.description),
                FormField("periodEnd", "Period end", .date(required: true), value: p.periodEnd.description),
                FormField("appraiser", "Appraiser/supervisor", .text, value: p.appraiser),
                FormField("scopeOfWork", "Scope (role; org; place)", .multiline(lines: 3), value: scope),
                FormField("probityStatement", "Probity statement", .multiline(lines: 3), value: p.probityStatement),
                FormField("healthStatement", "Health statement", .multiline(lines: 2), value: p.healthStatement),
                FormField("achievements", "Achievements", .multiline(lines: 2), value: p.achievements),
                FormField("challenges", "Challenges", .multiline(lines: 2), value: p.challenges),
                FormField("aspirations", "Aspirations", .multiline(lines: 2), value: p.aspirations),
                FormField("frameworks", "Frameworks (ids)", .text, value: p.frameworks.joined(separator: ", ")),
            ] + workingDateFields(p))
    }

    /// Builds the profile from the form, or says which field is wrong.
    static func profile(from form: Form, keeping old: Profile, frameworks catalog: FrameworkCatalog) -> Result<Profile, FormError> {
        let v = form.values
        let trim = { (key: String) in v[key, default: ""].trimmingCharacters(in: .whitespacesAndNewlines) }
        if trim("name").isEmpty { return .failure(FormError(field: "name", message: "Name: your name is needed.")) }
        let gmc = trim("gmcNumber")
        if let problem = InputRules.gmcNumberProblem(gmc) {
            return .failure(FormError(field: "gmcNumber", message: InputRules.sentence(problem)))
        }
        guard let start = CalendarDate(trim("periodStart")) else {
            return .failure(FormError(field: "periodStart", message: "Period start: not a real date (YYYY-MM-DD)."))
        }
        guard let end = CalendarDate(trim("periodEnd")) else {
            return .failure(FormError(field: "periodEnd", message: "Period end: not a real date (YYYY-MM-DD)."))
        }
        if start > end { return .failure(FormError(field: "periodEnd", message: "Period end: \(end) is before the start, \(start).")) }
        var p = old
        p.name = trim("name"); p.gmcNumber = gmc.isEmpty ? nil : gmc
        p.stage = Stage(rawValue: v["stage", default: ""]) ?? old.stage
        p.grade = trim("grade"); p.specialty = trim("specialty"); p.organisation = trim("organisation")
        p.periodStart = start; p.periodEnd = end; p.appraiser = trim("appraiser")
        if let error = applyWorkingDates(v, to: &p) { return .failure(error) }
        p.scopeOfWork = trim("scopeOfWork").split(separator: "\n").compactMap { line in
            let parts = line.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let role = parts.first, !role.isEmpty else { return nil }
            return ScopeEntry(role: role, organisation: parts[safe: 1] ?? "", place: parts.dropFirst(2).joined(separator: "; "))
        }
        p.probityStatement = trim("probityStatement"); p.healthStatement = trim("healthStatement")
        p.achievements = trim("achievements"); p.challenges = trim("challenges"); p.aspirations = trim("aspirations")
        switch AppState.frameworkIDs(trim("frameworks"), catalog) {
        case .success(let ids): p.frameworks = ids
        case .failure(let error): return .failure(error)
        }
        return .success(p)
    }

    /// "mlcf, hlm" → ["mlcf", "hlm"]: ids the catalog offers, each once, in the doctor's order.
    static func frameworkIDs(_ text: String, _ catalog: FrameworkCatalog) -> Result<[String], FormError> {
        var ids: [String] = []
        for id in text.lowercased().split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map(String.init) where !ids.contains(id) {
            guard catalog.framework(id) != nil else {
                let offered = catalog.frameworks.map { "\($0.id) (\($0.title))" }.joined(separator: ", ")
                return .failure(FormError(field: "frameworks", message: "Frameworks: “\(id)” is not one offered here; choose from \(offered)."))
            }
            ids.append(id)
        }
        if ids.isEmpty { return .failure(FormError(field: "frameworks", message: "Frameworks: choose at least one, e.g. \(catalog.frameworks[0].id).")) }
        return .success(ids)
    }

    /// The profile opens as a view: nothing is typed until the doctor chooses a field.
    mutating func openProfile() {
        var form = AppState.profileForm(portfolio.profile)
        form.viewing = true
        profileForm = form
        go(.profile)
    }

    mutating func profileKey(_ key: Key) -> [Effect] {
        guard var form = profileForm else { back(); return [] }
        let command = self.command(for: key)
        if command == .newPeriod {
            if form.isChanged { say("Save or discard your profile changes before starting a new period.", error: true) } else { modal = .confirmNewPeriod }
            return []
        }
        if command == .goPeriods {
            if form.isChanged {
                say("Save or discard your profile changes before looking at past periods.", error: true)
            } else {
                // The profile stays open behind the list (nothing in it is changed), so Esc
                // comes back to it rather than to an empty screen.
                periods = PeriodsState()
                go(.periods)
            }
            return []
        }
        if command == .copyLastYear {
            copyLastYearsText(&form)
            profileForm = form
            return []
        }
        let outcome: FormOutcome
        switch command {
        case .editField? where form.viewing:
            form.viewing = false
            outcome = .handled
        case .leaveField?:
            // Enter on a date that is not one keeps the field open, with the reason, as Tab does;
            // Esc always leaves (the reason stays on screen), so no field is a trap.
            let problem = Form.problem(with: form.focusedField)
            form.error = problem
            if problem == nil || key == .escape { form.viewing = true }
            outcome = .handled
        case _ where form.viewing:
            switch command {
            case .nextField?: outcome = form.moveFocus(1)
            case .previousField?: outcome = form.moveFocus(-1)
            case .submit?: outcome = .submit
            case .closeForm?: outcome = .cancel
            default: outcome = .ignored
            }
        default:
            outcome = form.handle(key, command: command, width: width)
        }
        profileForm = form
        switch outcome {
        case .submit: return saveProfile()
        case .cancel: if form.isChanged { modal = .confirmDiscard } else { profileForm = nil; back() }
        default: break
        }
        return []
    }

    mutating func saveProfile() -> [Effect] {
        guard var form = profileForm else { return [] }
        let old = portfolio.profile
        let catalog = validator.catalog.frameworks
        let profile = validated(&form) { AppState.profile(from: $0, keeping: old, frameworks: catalog) }
        profileForm = form
        guard let profile else { return [] }
        profileForm = nil
        back()
        return commit("Saved your profile.", evidence: .none) { $0.profile = profile }
    }

    /// Archives this period into history and opens the next one (`Portfolio.startNewPeriod`,
    /// as `mlcf new-period` does); refused, with the reason, while the year still runs.
    mutating func startNewPeriod() -> [Effect] {
        var trial = portfolio
        do { try trial.startNewPeriod(today: today) } catch {
            // Refused, the doctor stays in the profile, beside the appraisal date that decides it.
            say(error.description, error: true)
            return []
        }
        profileForm = nil
        back()
        let next = trial.period
        return commit(
            "Started the period \(next.start) to \(next.end); last year is in your history.",
            evidence: .none
        ) { $0 = trial }
    }

    /// A per-period text starts each year empty; the doctor may start from last year's words.
    mutating func copyLastYearsText(_ form: inout Form) {
        let field = form.focusedField
        guard PastPeriod.perPeriodTexts.contains(where: { $0.key == field.key }) else {
            say("Ctrl-Y works in probity, health, achievements, challenges and aspirations.")
            return
        }
        guard let last = portfolio.history.last?.text(for: field.key), !PlainText.isBlank(last) else {
            say("Last year's \(field.label.lowercased()) was not kept, so there is nothing to copy.")
            return
        }
        form.set(field.key, last)
        say("Copied last year's \(field.label.lowercased()): make it this year's, then Ctrl-S to save.")
    }

    /// The hint on the header: Ctrl-Y only where there is last year's text to copy.
    func profileNote(_ form: Form) -> String {
        let copyable = portfolio.history.last?.text(for: form.focusedField.key).map { !PlainText.isBlank($0) } ?? false
        guard !form.viewing else { return "  · Enter or e edits a field · Ctrl-N new period · Ctrl-P past periods" }
        return "  · editing \(form.focusedField.label)" + (copyable ? " · Ctrl-Y: copy last year's text" : "")
    }

    mutating func drawProfile(_ screen: inout Screen, y: Int, height: Int) {
        guard var form = profileForm else { return }
        drawFormScreen(&form, &screen, y: y, height: height, note: profileNote(form))
        profileForm = form
    }
}
