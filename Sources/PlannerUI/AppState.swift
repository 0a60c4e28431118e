import Foundation
import PlannerCore

/// The screens of the planner.
public enum Route: Equatable, Sendable {
    case dashboard, walkthrough, framework, element(String), evidenceList, evidenceEditor, pdp, goalEditor, readiness, profile
    /// The archived periods, newest first; one can be viewed, read only.
    case periods
    /// The conflicts a merge of two copies left (issue 18).
    case conflicts

    var title: String {
        switch self {
        case .dashboard: return "Dashboard"
        case .walkthrough: return "Walk-through"
        case .framework: return "Framework"
        case .element(let id): return "Element \(id)"
        case .evidenceList: return "Evidence"
        case .evidenceEditor: return "Evidence editor"
        case .pdp: return "Personal development plan"
        case .goalEditor: return "Goal editor"
        case .readiness: return "Readiness"
        case .profile: return "Profile"
        case .periods: return "Past periods"
        case .conflicts: return "Merge conflicts"
        }
    }
}

/// Side effects `update` asks the run loop to perform; `update` itself stays pure.
public enum Effect: Equatable, Sendable {
    /// Write the portfolio to its file (atomically, through the core store).
    case save
    /// Write the appraiser's Markdown beside the portfolio.
    case export
    case quit
    /// Delete the recovery file: the user declined its draft. (A restored draft is kept until
    /// the form it went back into is saved or discarded; the run loop's journal sees to that.)
    case clearRecovery
    /// Open the version of the file another program wrote, instead of this one (which was
    /// kept beside it). The run loop reloads and carries any open form across.
    case reload
    /// Copy the file at `path` (as typed: `~` is the home folder) beside the portfolio and
    /// record it on the item; the run loop does the file work (`AppState.attached`).
    case attach(evidenceID: String, path: String)
    /// Merge the version another program wrote into this one (issue 18), and work on the merge there.
    case mergeOther
    /// Merge the offer's first copy (a sync tool's) in, save, and report back (`syncCopyMerged`).
    case mergeSyncCopy(SyncCopyOffer)
    /// Rename the offer's first copy, merged, to `NAME.merged` (`movedAside`).
    case moveAside(SyncCopyOffer)
}

/// Whether what is on screen is on disk.
public enum SaveStatus: Equatable, Sendable {
    case saved
    case unsaved
    case failed(String)
}

/// A dialog or overlay on top of the current screen.
public enum Modal: Equatable, Sendable {
    case help
    case message(String)
    /// Leaving a changed form: discard, keep editing, or save.
    case confirmDiscard
    case confirmQuit
    case confirmDelete(String)
    case confirmNewPeriod
    /// Exporting a portfolio the validator finds not ready: how many errors it has.
    case confirmExport(errors: Int)
    case picker(PickerState)
    case kindPicker(KindPickerState)
    case linkExisting(LinkPickerState)
    case prompt(PromptState)
    case suggestions(SuggestionState)
    case recovery(Draft)
    /// Another program changed the file while it was open here; nothing was overwritten.
    case otherVersion(OtherVersion)
    /// A copy a sync tool left beside the portfolio, found when it was opened: merge it in?
    case syncCopy(SyncCopyOffer)
    /// That copy merged in cleanly and saved: move it aside?
    case moveAside(SyncCopyOffer)
}

/// Where the two versions are after a save found the file changed by another program.
public struct OtherVersion: Equatable, Sendable {
    /// The file another program wrote (left exactly as it was).
    public let original: String
    /// Where this planner's version was saved instead, beside it.
    public let ours: String
    public init(original: String, ours: String) { self.original = original; self.ours = ours }
}

/// The whole state of an open planner: one value, changed only by `update`.
public struct AppState: Sendable {
    public var portfolio: Portfolio
    public var path: String
    public var width: Int
    public var height: Int
    public var today: CalendarDate
    public var route: Route = .dashboard
    public var backStack: [Route] = []
    public var modal: Modal?
    public var status: String?
    public var statusIsError = false
    public var saveStatus: SaveStatus = .saved
    public private(set) var report: ValidationReport
    /// Judges by the portfolio's first framework; made again when the doctor changes which.
    public private(set) var validator: Validator
    /// Which of the portfolio's frameworks the walk-through, browser and picker show (`F` moves on).
    public var frameworkIndex = 0
    /// The validation behind `report`, kept up to date one evidence item at a time.
    var live: LiveValidation

    public var dashboardSelection = 0
    public var walkIndex = 0
    public var walkSelection = 0
    public var browser = BrowserState()
    public var elementSelection = 0
    public var list = EvidenceListState()
    public var editor: EvidenceEditorState?
    public var pdp = PDPState()
    public var goalEditor: GoalEditorState?
    public var readinessSelection = 0
    public var periods = PeriodsState()
    public var conflictSelection = 0
    public var profileForm: Form?
    /// The notice that another program changed the file waits here while another dialog is open.
    var pendingNotice: Modal?
    /// What the open help explains (see `openHelp`).
    var helpContext: HelpContext?

    public init(
        portfolio: Portfolio, path: String, width: Int = 80, height: Int = 24, today: CalendarDate = .today(),
        validator: Validator
    ) {
        self.portfolio = portfolio
        self.path = path
        self.width = width
        self.height = height
        self.today = today
        self.validator = validator
        live = LiveValidation(portfolio: portfolio, validator: validator, today: today)
        report = live.report
        if let current = portfolio.walkthrough?.currentElement,
            let index = validator.framework.itemID(ofLink: current).flatMap(validator.framework.position(ofElement:))
        {
            walkIndex = index
        }
        list.rebuild(portfolio, live)
    }

    /// What a committed change did to the evidence list, so that what is derived from it is
    /// updated for that item alone (a career's portfolio holds thousands).
    enum EvidenceChange {
        /// The evidence is as it was (ratings, goals, profile, walk-through).
        case none
        case changed(Int)
        case inserted(Int)
        case removed([Int])
        /// Anything else: everything is derived again.
        case unknown
    }

    /// Re-derives what is computed from the portfolio after a committed change.
    mutating func refresh(_ change: EvidenceChange = .unknown) {
        let primary = validator.catalog.primaryFramework(for: portfolio)
        if primary.id != validator.framework.id {
            // The doctor put another framework first: the stage rules judge by it from now on.
            validator = Validator(framework: primary, catalog: validator.catalog)
            live = LiveValidation(portfolio: portfolio, validator: validator, today: today)
            list.rebuild(portfolio, live)
            frameworkIndex = 0
            walkIndex = 0
        } else if live.today != today {
            live = LiveValidation(portfolio: portfolio, validator: validator, today: today)
            list.rebuild(portfolio, live)
        } else {
            switch change {
            case .none:
                live.update(portfolio)
            case .changed(let index):
                live.update(portfolio, changedEvidenceAt: index)
                list.changed(at: index, portfolio, live)
            case .inserted(let index):
                live.update(portfolio, insertedEvidenceAt: index)
                list.inserted(at: index, portfolio, live)
            case .removed(let indices):
                live.update(portfolio, removedEvidenceAt: indices)
                list.removed(at: indices, portfolio, live)
            case .unknown:
                live.rebuild(portfolio)
                list.rebuild(portfolio, live)
            }
        }
        report = live.report
        #if DEBUG
            // Debug builds (the tests) check the item-by-item result against a validation from scratch.
            if portfolio.evidence.count <= 2_000 {
                let full = validator.validate(portfolio, today: today)
                assert(report.findings == full.findings && report.coverage == full.coverage, "the live validation drifted from a full one")
            }
        #endif
    }

    /// Applies a change to the portfolio and asks for it to be saved. `evidence` says what the
    /// change does to the evidence list (when not said, everything is derived again).
    mutating func commit(_ message: String? = nil, evidence: EvidenceChange = .unknown, _ change: (inout Portfolio) -> Void) -> [Effect] {
        // What to compare with afterwards, kept without a second reference to the evidence
        // array when the change says which items it touches: a change to one item of a
        // career's 20,000 then happens in place, instead of copying them all first.
        var before = portfolio
        var beforeItem: Evidence?
        switch evidence {
        case .changed(let index): beforeItem = portfolio.evidence[index]; before.evidence = []
        case .inserted: before.evidence = []
        case .removed(let indices) where !indices.isEmpty: before.evidence = []
        default: break
        }
        change(&portfolio)
        if let message { say(message) }
        let unchanged: Bool
        switch evidence {
        case .changed(let index):
            var rest = portfolio
            rest.evidence = []
            unchanged = rest == before && portfolio.evidence[index] == beforeItem
        case .inserted: unchanged = false
        case .removed(let indices) where !indices.isEmpty: unchanged = false
        default: unchanged = portfolio == before
        }
        // Saving what is already on disk would only rewrite it: a change that changed nothing
        // (a form saved as it was opened) asks for no save, unless an earlier one failed.
        if unchanged { return saveStatus == .saved ? [] : [.save] }
        refresh(evidence)
        saveStatus = .unsaved
        return [.save]
    }

    /// True while work a key started is still going on (a search through a long list); the
    /// run loop then calls `continueWork` between keys instead of waiting for one.
    public var hasPendingWork: Bool { list.isSearching }

    /// Does the next slice of that work (a few milliseconds at most).
    public mutating func continueWork() {
        list.continueSearch(portfolio)
    }

    /// Puts a sentence on the status line (the run loop uses it for what happened outside `update`).
    public mutating func say(_ message: String, error: Bool = false) {
        status = message
        statusIsError = error
    }

    /// Called by the run loop after it tried to save.
    public mutating func saveFinished(error: String?) {
        if let error {
            saveStatus = .failed(error)
            say("Not saved: \(error) Your changes are kept here; fix the problem and press Ctrl-S.", error: true)
        } else {
            saveStatus = .saved
        }
    }

    /// Called by the run loop when a save found the file replaced, rewritten or removed by
    /// another program: that version was left alone and this one was written to `ours`.
    public mutating func savedBeside(original: String, ours: String) {
        saveStatus = .saved
        let notice = OtherVersion(original: original, ours: ours)
        path = ours
        say("Another program changed \(URL(fileURLWithPath: original).lastPathComponent); yours is saved beside it, not over it.", error: true)
        if modal == nil { modal = .otherVersion(notice) } else { pendingNotice = .otherVersion(notice) }
    }

    mutating func go(_ route: Route) {
        guard route != self.route else { return }
        backStack.append(self.route)
        if backStack.count > 30 { backStack.removeFirst() }
        self.route = route
        status = nil
    }

    mutating func back() {
        route = backStack.popLast() ?? .dashboard
    }

    /// True while a form holds edits that are not in the portfolio yet.
    public var hasOpenEdit: Bool {
        switch route {
        case .evidenceEditor: return editor?.form.isChanged ?? false
        case .goalEditor: return goalEditor?.form.isChanged ?? false
        case .profile: return profileForm?.isChanged ?? false
        default: return false
        }
    }

    /// The unsaved form, for the recovery file written on SIGHUP/SIGTERM.
    public var openDraft: Draft? {
        guard hasOpenEdit else { return nil }
        switch route {
        case .evidenceEditor: return editor.map { Draft(kind: .evidence, targetID: $0.originalID, values: $0.form.values) }
        case .goalEditor: return goalEditor.map { Draft(kind: .goal, targetID: $0.originalID, values: $0.form.values) }
        case .profile: return profileForm.map { Draft(kind: .profile, targetID: nil, values: $0.values) }
        default: return nil
        }
    }

    /// The same session on another version of the portfolio (the other program's, or a merge):
    /// the screen size, today and the validator stay, and an open form goes across as it is,
    /// so no typing is lost when the file under it is replaced.
    public func reopened(on portfolio: Portfolio, path: String) -> AppState {
        var fresh = AppState(portfolio: portfolio, path: path, width: width, height: height, today: today, validator: validator)
        if let draft = openDraft { fresh.restore(draft) }
        return fresh
    }

    /// The frameworks this portfolio uses, in the doctor's order (the first is the validator's).
    var frameworks: [Framework] { validator.catalog.frameworks(for: portfolio) }
    /// The framework on screen: the walk-through, the browser, the element view and the picker.
    var framework: Framework {
        let all = frameworks
        return all[min(max(0, frameworkIndex), all.count - 1)]
    }
    /// Coverage of the framework on screen: the live report's for the first, counted afresh for
    /// another (only while the doctor looks at it).
    var coverage: Coverage {
        let shown = framework
        return shown.id == validator.framework.id ? report.coverage : Coverage(portfolio: portfolio, framework: shown)
    }
    /// Shows the next framework the portfolio uses, from the first element.
    mutating func nextFramework() {
        let all = frameworks
        guard all.count > 1 else {
            say("This portfolio uses one framework; choose more in your profile (u).")
            return
        }
        frameworkIndex = (min(frameworkIndex, all.count - 1) + 1) % all.count
        walkIndex = 0
        walkSelection = 0
        browser = BrowserState()
        if case .element = route { go(.framework) }
        say("Now showing \(framework.title) (\(framework.id)); F shows the next.")
    }
    /// The one taxonomy the planner uses (the validator's): the kinds the editor offers and the
    /// labels the lists show come from it.
    var taxonomy: Taxonomy { validator.taxonomy }
    /// A kind as the lists' kind column shows it.
    func shortKind(_ kind: EvidenceKind) -> String { taxonomy.shortLabel(of: kind) }
    var currentElement: Element { framework.elements[walkIndex] }
}

/// An unsaved form, kept in a recovery file when the terminal goes away.
public struct Draft: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable { case evidence, goal, profile }
    public let kind: Kind
    public let targetID: String?
    public let values: [String: String]
    public init(kind: Kind, targetID: String?, values: [String: String]) { self.kind = kind; self.targetID = targetID; self.values = values }

    public var summary: String {
        switch kind {
        case .evidence: return "evidence “\(values["title"] ?? "")”"
        case .goal: return "goal “\(values["title"] ?? "")”"
        case .profile: return "profile changes"
        }
    }
}

extension AppState {
    /// Called by the run loop after an export, with where it went or why it did not.
    /// What an export said; a document written is recorded in the portfolio (and so saved), so
    /// the period keeps which document went to the appraiser when it is archived.
    public mutating func exportFinished(_ result: ExportResult) -> [Effect] {
        if result.isError {
            modal = .message(result.text)
            return []
        }
        guard let document = result.document else {
            say(result.text)
            return []
        }
        return commit(result.text, evidence: .none) { $0.recordExport(document) }
    }
}
