import Foundation
import PlannerCore

extension AppState {
    /// The one entry point for input: changes the state and returns the effects to perform.
    public mutating func update(_ key: Key) -> [Effect] {
        if case .resize(let w, let h) = key {
            width = w; height = h
            return []
        }
        if case .typed(let text) = key {
            return acceptsText ? update(.paste(text)) : typedAhead(text)
        }
        if case .paste = key, !acceptsText {
            // Pasted text is text: outside a text field none of it is run as a command.
            say("Pasted text goes into a text field; nothing was changed here.")
            return []
        }
        // Every key is looked up in the table of the mode it arrives in (`Keymap`).
        let command = self.command(for: key)
        if command == .quit { return requestQuit() }
        if isTooSmall { return [] }
        if command == .help {
            openHelp()
            return []
        }
        if let modal {
            let effects = modalKey(key, command, modal)
            if self.modal == nil, let notice = pendingNotice { self.modal = notice; pendingNotice = nil }
            return effects
        }
        switch route {
        case .dashboard: return dashboardKey(key)
        case .walkthrough: return walkthroughKey(key)
        case .framework: return frameworkKey(key)
        case .element(let id): return elementKey(key, element: id)
        case .evidenceList: return evidenceListKey(key)
        case .evidenceEditor: return evidenceEditorKey(key)
        case .pdp: return pdpKey(key)
        case .goalEditor: return goalEditorKey(key)
        case .readiness: return readinessKey(key)
        case .profile: return profileKey(key)
        case .periods: return periodsKey(key)
        case .conflicts: return conflictsKey(key)
        }
    }

    /// Keys typed ahead, taken one by one as if pressed apart, with one save for the burst: a
    /// burst whose last key undoes its first (rate 1, then back to 2) ends with the portfolio
    /// on disk, so it asks for no save and the status says "saved" again.
    mutating func typedAhead(_ text: String) -> [Effect] {
        // One key keeps no second copy of the portfolio (a change to one of 20,000 items stays in place).
        guard text.count > 1 else { return text.first.map { update(.character($0)) } ?? [] }
        let portfolioBefore = portfolio, statusBefore = saveStatus
        var effects: [Effect] = []
        for character in text {
            for effect in update(.character(character)) where effect != .save || !effects.contains(.save) { effects.append(effect) }
        }
        if effects.contains(.save), statusBefore == .saved, portfolio == portfolioBefore {
            effects.removeAll { $0 == .save }
            saveStatus = .saved
        }
        return effects
    }

    /// Whether the focus is somewhere text is typed (so a paste is inserted as text): the
    /// table's word for it, whatever the terminal's size.
    var acceptsText: Bool { modeAtAnySize.takesText }

    mutating func requestQuit() -> [Effect] {
        if hasOpenEdit { modal = .confirmQuit; return [] }
        if case .failed = saveStatus { modal = .confirmQuit; return [] }
        return [.quit]
    }

    /// Commands every list screen shares.
    mutating func globalCommand(_ command: Command) -> [Effect] {
        switch command {
        // Help and quit are taken in `update`, before any screen, as they work in every mode.
        case .back: back()
        case .save:
            // Ctrl-S retries a save that failed; with everything on disk there is nothing to do.
            if saveStatus == .saved { say("Nothing to save: every change is already on disk."); return [] }
            return [.save]
        case .export:
            // A document with gaps can still be worth sending (to ask for help), but not by accident.
            // Text that looks patient-identifiable stops the export anyway, and says why: no question first.
            if !report.isReady && report.piiFindings.isEmpty { modal = .confirmExport(errors: report.count(.error)); return [] }
            return [.export]
        case .goDashboard: go(.dashboard)
        case .goWalkthrough: walkSelection = 0; go(.walkthrough)
        case .goFramework: go(.framework)
        case .nextFramework: nextFramework()
        case .goEvidence: go(.evidenceList)
        case .goPDP: go(.pdp)
        case .goReadiness: readinessSelection = 0; go(.readiness)
        case .goProfile: openProfile()
        default: break
        }
        return []
    }

    /// Opens the help of the mode on screen; a dialog or picker under it comes back when it closes.
    mutating func openHelp() {
        helpContext = HelpContext(mode: mode, title: modal == nil ? route.title : mode.name.prefix(1).uppercased() + mode.name.dropFirst(), under: modal)
        modal = .help
    }

    mutating func modalKey(_ key: Key, _ command: Command?, _ current: Modal) -> [Effect] {
        switch current {
        case .help:
            modal = helpContext?.under
            helpContext = nil
        case .message:
            modal = nil
        case .confirmDiscard:
            switch command {
            case .discardChanges?:
                modal = nil
                editor = nil; goalEditor = nil; profileForm = nil
                back()
                say("Changes discarded.")
            case .saveForm?:
                modal = nil
                return saveOpenForm()
            case .dismiss?: modal = nil
            default: break
            }
        case .confirmQuit:
            switch command {
            case .quitAnyway?: modal = nil; return [.quit]
            case .saveAndQuit?:
                modal = nil
                let effects = saveOpenForm()
                return hasOpenEdit ? effects : effects + [.quit]
            case .dismiss?: modal = nil
            default: break
            }
        case .confirmDelete(let id):
            modal = nil
            guard command == .accept else { return [] }
            let title = portfolio.evidence(withID: id)?.title ?? portfolio.goal(withID: id)?.title ?? id
            let removed = portfolio.evidence.indices.filter { portfolio.evidence[$0].id == id }
            return commit("Deleted “\(title)”.", evidence: .removed(removed)) { p in
                p.evidence.removeAll { $0.id == id }
                p.pdp.removeAll { $0.id == id }
                p.previousPdp.removeAll { $0.id == id }
            }
        case .confirmNewPeriod:
            modal = nil
            if command == .accept { return startNewPeriod() }
        case .confirmExport:
            modal = nil
            if command == .accept { return [.export] }
        case .picker(var picker):
            switch picker.perform(command, key, height: height - 6) {
            case .stay: modal = .picker(picker)
            case .keep:
                modal = nil
                setLinksInOpenForm(picker.selected, field: picker.fieldKey)
            case .discard: modal = nil
            }
        case .kindPicker(var picker):
            switch command {
            case .accept?:
                modal = nil
                list.kindFilter = picker.rows[picker.cursor].kind
                list.resetFilterCache()
                list.applyFilters(portfolio, live)
            case .dismiss?: modal = nil
            default: if picker.move(command, page: height - 8) { modal = .kindPicker(picker) }
            }
        case .linkExisting(var state):
            let last = state.candidates.count - 1
            switch command {
            case .up?: state.cursor = max(0, state.cursor - 1); modal = .linkExisting(state)
            case .down?: state.cursor = min(last, state.cursor + 1); modal = .linkExisting(state)
            case .pageDown?: state.cursor = min(last, state.cursor + 10); modal = .linkExisting(state)
            case .pageUp?: state.cursor = max(0, state.cursor - 10); modal = .linkExisting(state)
            case .open?:
                modal = nil
                let index = state.candidates[state.cursor]
                let title = portfolio.evidence[index].title
                return commit("Linked to \(state.element): “\(title)”.", evidence: .changed(index)) { [link = framework.link(state.element)] in
                    $0.evidence[index].links.append(link)
                }
            case .dismiss?: modal = nil
            default: break
            }
        case .prompt(var prompt):
            switch command {
            case .dismiss?: modal = nil
            case .accept?:
                modal = nil
                return answer(prompt)
            default:
                // Measured as it is drawn, so ↑ and ↓ move by the rows the doctor sees.
                _ = prompt.buffer.apply(command, key, width: max(10, promptTextWidth))
                modal = .prompt(prompt)
            }
        case .suggestions(var state):
            switch command {
            case .up?: state.cursor = max(0, state.cursor - 1); modal = .suggestions(state)
            case .down?: state.cursor = min(state.suggestions.count - 1, state.cursor + 1); modal = .suggestions(state)
            case .open?:
                modal = nil
                openGoalEditor(nil, isPrevious: false, suggestion: state.suggestions[state.cursor])
            case .dismiss?: modal = nil
            default: break
            }
        case .recovery(let draft):
            switch command {
            case .accept?:
                modal = nil
                // The recovery file stays until this form is saved or discarded: a crash
                // straight after restoring must not lose the draft a second time.
                restore(draft)
            case .declineDraft?:
                modal = nil
                say("The recovered draft was discarded.")
                return [.clearRecovery]
            default: break
            }
        case .otherVersion(let notice):
            switch command {
            case .reload?:
                modal = nil
                return [.reload]
            case .mergeOther?:
                modal = nil
                return [.mergeOther]
            case .keepOurs?:
                modal = nil
                say("Working on your version, saved as \(notice.ours). The other is still at \(notice.original).")
            default: break
            }
        case .syncCopy(let offer): return syncCopyKey(command, offer)
        case .moveAside(let offer): return moveAsideKey(command, offer)
        }
        return []
    }

    mutating func saveOpenForm() -> [Effect] {
        switch route {
        case .evidenceEditor: return saveEvidenceEditor()
        case .goalEditor: return saveGoalEditor()
        case .profile: return saveProfile()
        default: return []
        }
    }

    mutating func setLinksInOpenForm(_ links: [String], field: String = "links") {
        if route == .evidenceEditor, var state = editor, let i = state.form.index(of: field) {
            state.form.fields[i].links = links
            editor = state
        } else if route == .goalEditor, var state = goalEditor, let i = state.form.index(of: field) {
            state.form.fields[i].links = links
            goalEditor = state
        }
    }

    mutating func answer(_ prompt: PromptState) -> [Effect] {
        let text = prompt.buffer.text.trimmingCharacters(in: .whitespaces)
        switch prompt.purpose {
        case .elementFilter:
            if text.isEmpty {
                list.linkFilter = nil
            } else {
                switch LinkFilter.parse(text, shown: framework, frameworks: frameworks) {
                case .success(let filter): list.linkFilter = filter
                case .failure(let why):
                    say(why.phrase, error: true)
                    return []
                }
            }
            list.resetFilterCache()
            list.applyFilters(portfolio, live)
            return []
        case .elementNote(let element):
            let key = framework.link(element)
            // Untouched, it stays exactly as stored (trimming would still change it).
            if prompt.buffer.text == portfolio.ratings[key]?.note ?? "" { return [] }
            return commit("Saved the note on \(element).", evidence: .none) { p in
                var rating = p.ratings[key] ?? Rating(level: 0)
                rating.note = text
                p.ratings[key] = (rating.level == 0 && text.isEmpty) ? nil : rating
            }
        case .declareNone(let type):
            let words = taxonomy.supportingInfoType(type)?.none ?? type
            return commit("Declared “\(words)” (n withdraws it).", evidence: .none) { p in p.declareNone(type, note: text) }
        case .attachFile(let id):
            return text.isEmpty ? [] : [.attach(evidenceID: id, path: text)]
        case .bringForward(let id):
            return broughtForward(id, answer: prompt.buffer.text)
        }
    }

    /// The picker a picker field opens: the framework's competences, or the field's named options.
    func picker(for field: FormField) -> PickerState {
        if case .tags(let options) = field.kind {
            return PickerState(options: options, selected: field.links, title: field.label, fieldKey: field.key)
        }
        return PickerState(selected: field.links, framework: framework, fieldKey: field.key)
    }

    /// Re-opens the form a recovery file holds, with its unsaved values.
    public mutating func restore(_ draft: Draft) {
        switch draft.kind {
        case .evidence:
            openEvidenceEditor(draft.targetID.flatMap { portfolio.evidence(withID: $0) })
            editor?.form.apply(draft.values)
        case .goal:
            let goal = draft.targetID.flatMap { portfolio.goal(withID: $0) }
            openGoalEditor(goal, isPrevious: goal.map { g in portfolio.previousPdp.contains { $0.id == g.id } } ?? false)
            goalEditor?.form.apply(draft.values)
        case .profile:
            openProfile()
            profileForm?.apply(draft.values)
        }
        say("Restored your unsaved \(draft.summary). Check it and press Ctrl-S to save.")
    }
}
