import ArgumentParser
import Foundation
import PlannerCore

/// `mlcf add-evidence PATH …`: appends one evidence item and saves, without a terminal.
/// Useful for logging CPD from a shell script; the reliability tests use it to make the
/// program save a large portfolio over and over.
struct AddEvidence: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-evidence",
        abstract: "Add one evidence item to a portfolio and save it.",
        discussion: """
            The reflection file (--reflection-file) is plain UTF-8 text in three parts, each \
            starting with its heading on a line of its own:

                ## What happened
                The handover on ward 7 missed two sick patients…
                ## What I learned
                A written template alone did not change the habit…
                ## What I will do next
                Run a second PDSA cycle with the night team…

            Headings are matched without regard to case; a part may be left out. A file \
            without any of the headings is taken whole as "what happened". Use `-` to read \
            the reflection from standard input.

            Kinds: \(AddEvidence.kindList).
            Links are competence ids (1.2.a) or element ids (1.2); `mlcf framework` lists them.

            The portfolio is locked while it changes (a second mlcf is refused), saved \
            atomically (never half-written) with the previous version kept as PATH.bak, and \
            readable by you alone (0600).

            Exit status: 0 saved; 2 the portfolio could not be read, locked or saved, or the \
            reflection file could not be read (the portfolio is unchanged); 64 a mistake in the \
            options (nothing was read or written).
            """)

    @Argument(help: "The portfolio file (it must exist; `mlcf new` creates one).") var path: String
    @Option(help: "A short title, e.g. \"Led the handover QI project\".") var title: String
    @Option(help: ArgumentHelp("The kind of evidence (the kinds are listed above).", valueName: "kind")) var kind: String
    @Option(help: ArgumentHelp("When it happened (YYYY-MM-DD); not in the future.", valueName: "YYYY-MM-DD")) var date: String
    @Option(
        name: .customLong("link"),
        help: ArgumentHelp(
            "What it shows: an MLCF competence (1.2.a) or element (1.2), or FRAMEWORK:ID for another framework (hlm:3); repeat for several.", valueName: "id"))
    var links: [String] = []
    @Option(help: ArgumentHelp("A text file with the reflection in three parts (described above), or - for standard input.", valueName: "file"))
    var reflectionFile: String?
    @Option(help: "A short description of the activity.") var description = ""
    @Option(help: ArgumentHelp("CPD credits (1 credit = 1 hour).", valueName: "N")) var credits: Double?
    @Flag(help: "Keep this item's text out of exports (it still counts toward coverage).") var `private` = false
    @Option(
        help: ArgumentHelp(
            "For an item from an earlier year: print it in full in this year's document, with why it matters this year (\"\" to say nothing).",
            valueName: "why")) var bringForward: String?

    static var kindList: String { CLI.taxonomy.kindList }

    /// Largest reflection file read: far beyond any real reflection, small enough to be safe.
    static let maximumReflectionBytes = 4 << 20

    /// The frameworks links may name: the bundled ones and the user's packs.
    static var catalog: FrameworkCatalog { CLI.catalog.frameworks }

    // MARK: checking the options (before anything is read or written)

    func validate() throws {
        _ = try checkedKind()
        _ = try checkedDate()
        _ = try checkedLinks(Self.catalog)
        // The input rules the planner's form and the validator apply (`InputRules`), in their words.
        if let problem = InputRules.titleProblem(title.trimmingCharacters(in: .whitespacesAndNewlines), limits: CLI.catalog.rules.limits) {
            throw ValidationError("--title: \(TerminalSafe.text(problem)).")
        }
        if let credits, let problem = InputRules.creditsProblem(credits) {
            throw ValidationError("--credits: \(problem).")
        }
    }

    func checkedKind() throws -> EvidenceKind {
        let text = kind.trimmingCharacters(in: .whitespaces).lowercased()
        let found = EvidenceKind(text)
        guard CLI.taxonomy.isKnown(found) else {
            throw ValidationError("--kind “\(TerminalSafe.text(kind))” is not a kind of evidence this program knows. Use one of: \(Self.kindList).")
        }
        return found
    }

    func checkedDate() throws -> CalendarDate {
        let text = date.trimmingCharacters(in: .whitespaces)
        guard let parsed = CalendarDate(text) else {
            throw ValidationError(Self.dateProblem(text, option: "--date"))
        }
        if let problem = InputRules.evidenceDateProblem(parsed, today: CLI.today) {
            throw ValidationError("--date: the date \(problem).")
        }
        return parsed
    }

    /// Why a date was refused: wrong shape, or a day that does not exist.
    static func dateProblem(_ text: String, option: String) -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if text.utf8.count == 10, parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let y = Int(parts[0]), let m = Int(parts[1]), Int(parts[2]) != nil
        {
            if !(1...12).contains(m) { return "\(option) \(text) is not a real date: there is no month \(m)." }
            if y < 1 { return "\(option) \(text) is not a real date: there is no year 0." }
            let days = CalendarDate.daysIn(month: m, year: y)
            let monthName = [
                "January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December",
            ][m - 1]
            return "\(option) \(text) is not a real date: \(monthName) \(y) has \(days) days."
        }
        return "\(option) “\(TerminalSafe.text(text))” is not a date in the form YYYY-MM-DD (for example 2026-03-14)."
    }

    /// The `--link` values as links: `1.2.a` is the MLCF's (as ever), `hlm:3` names its framework.
    func checkedLinks(_ catalog: FrameworkCatalog) throws -> [String] {
        var result: [String] = []
        for raw in links {
            let typed = FrameworkLink.qualified(raw.trimmingCharacters(in: .whitespaces))
            let frameworkID = String(FrameworkLink.frameworkID(typed)).lowercased()
            guard let framework = catalog.framework(frameworkID) else {
                let known = catalog.frameworks.map(\.id).joined(separator: ", ")
                throw ValidationError(
                    "--link “\(TerminalSafe.text(raw))” names the framework “\(TerminalSafe.text(frameworkID))”, which is not one of \(known).")
            }
            // Ids are matched without regard to case (`4.2.A`, `north-deanery:a1`), and kept as the framework spells them.
            let wanted = FrameworkLink.localID(typed).lowercased()
            let spelled = (framework.elements.map(\.id) + framework.competences.map(\.id)).first { $0.lowercased() == wanted }
            let link = framework.link(spelled ?? String(FrameworkLink.localID(typed)))
            guard framework.acceptsLink(link) else {
                throw ValidationError("--link “\(TerminalSafe.text(raw))” is not \(Self.linkable(in: framework)). \(Self.hint(link, framework))")
            }
            if !result.contains(link) { result.append(link) }
        }
        return result
    }

    /// "a competence or element of the Medical Leadership Competency Framework".
    static func linkable(in framework: Framework) -> String {
        let names = [framework.levelNames.leaf, framework.levelNames.unit].compactMap { $0 }
        return Framework.article(names[0]) + " " + names.joined(separator: " or ") + " of the " + framework.title
    }

    /// What the ids look like, or the ids of the unit the link was meant for.
    static func hint(_ link: String, _ framework: Framework) -> String {
        let names = framework.levelNames
        let list = framework.id == FrameworkLink.bareFramework ? "`mlcf framework`" : "`mlcf framework \(framework.id)`"
        if let unit = framework.unitID(ofLink: link), let known = framework.element(unit), !known.competences.isEmpty {
            let ids = known.competences.map(\.id).joined(separator: ", ")
            return
                "\(Framework.capitalised(names.unit)) \(unit) (\(known.name)) has the \(Framework.plural(names.leaf ?? "item")) \(ids)."
        }
        guard let first = framework.elements.first else { return list + " lists them all." }
        var looks = "\(Framework.capitalised(names.unit)) ids look like \(first.id)"
        if let leaf = names.leaf, let competence = first.competences.first {
            looks = "\(Framework.capitalised(leaf)) ids look like \(competence.id) and \(names.unit) ids like \(first.id)"
        }
        return looks + "; " + list + " lists them all."
    }

    // MARK: running

    func run() throws {
        // A path refused (`~name/…`) is said before the reflection file is read.
        _ = try CLI.url(path)
        let kind = try checkedKind(), date = try checkedDate(), links = try checkedLinks(Self.catalog)
        let reflection: Reflection
        do {
            reflection = try reflectionFile.map { Self.parseReflection(try readReflection($0)) } ?? Reflection()
        } catch let error as ReflectionFileError {
            CLI.warn(error.message)
            throw ExitCode(2)
        }
        let edit = try CLI.edit(path, kept: { (item: Evidence) in "the portfolio with \(item.id) added" }, notDone: "the evidence item was not added") {
            (portfolio: inout Portfolio) -> Evidence? in
            var item = Evidence(
                id: portfolio.nextID(prefix: "ev"), title: title.trimmingCharacters(in: .whitespacesAndNewlines),
                kind: kind, date: date, description: description.trimmingCharacters(in: .whitespacesAndNewlines),
                reflection: reflection, links: links, cpdCredits: credits, isPrivate: `private`)
            item.bringForward = bringForward?.trimmingCharacters(in: .whitespacesAndNewlines)
            portfolio.evidence.append(item)
            return item
        }
        guard let edit else { return }
        let (item, portfolio) = (edit.result, edit.portfolio)

        let safe = TerminalSafe.text
        CLI.say(
            "Added \(safe(item.id)) “\(safe(item.title))” (\(kind.rawValue), \(date)) to \(safe(path)); it now holds \(portfolio.evidence.count) evidence item\(portfolio.evidence.count == 1 ? "" : "s")."
        )
        for note in notes(on: item, in: portfolio) {
            CLI.warn("note: " + TerminalSafe.text(note))
        }
    }

    /// Things worth knowing about the saved item; they never stop the save.
    func notes(on item: Evidence, in portfolio: Portfolio) -> [String] {
        var notes: [String] = []
        if item.bringForward != nil && item.date >= portfolio.period.start {
            notes.append("--bring-forward is for items from earlier years; this one is dated \(item.date), so it is not brought forward.")
        } else if item.bringForward != nil && item.isPrivate {
            notes.append("it is private, so this year's document counts it and says it is held privately; it is never printed.")
        }
        if !portfolio.period.contains(item.date) {
            notes.append(
                "\(item.date) is outside this portfolio's review period (\(portfolio.period.start) to \(portfolio.period.end)), so it does not count toward this period."
            )
        }
        if item.links.isEmpty { notes.append("the item links to no competence, so it counts toward nothing yet (use --link).") }
        let limits = CLI.catalog.rules.limits
        for (field, text) in item.textFields {
            // The title's length was refused before saving (`InputRules.titleProblem`); the other texts are only noted.
            let limit = field == "title" ? Int.max : limits.textMaxCharacters
            if text.count > limit {
                notes.append("the \(field) is \(text.count) characters long; `mlcf validate` will ask you to shorten it to \(limit).")
            }
            let kinds = Set(PIIGuard.scan(text, referenceYear: CLI.today.year).map(\.kind))
            for kind in PIIGuard.Kind.allCases where kinds.contains(kind) {
                notes.append("the \(field) contains what looks like \(kind.label); \(PIIGuard.why).")
            }
        }
        return notes
    }

    // MARK: the reflection file

    struct ReflectionFileError: Error { let message: String }

    /// Refuses a reflection "file" that is not a regular file, or one far too long to be a reflection.
    static func checkReflectionFile(_ info: stat, shown: String) throws {
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            let what: String
            switch type {
            case S_IFDIR: what = "a folder"
            case S_IFIFO: what = "a named pipe (FIFO)"
            case S_IFCHR: what = "a device (character special file)"
            case S_IFBLK: what = "a device (block special file)"
            case S_IFSOCK: what = "a socket"
            default: what = "not a regular file"
            }
            throw ReflectionFileError(message: "the reflection file \(shown) is \(what), not a text file; nothing was read or changed.")
        }
        if info.st_size > maximumReflectionBytes {
            throw ReflectionFileError(
                message:
                    "the reflection file \(shown) is \(info.st_size >> 20) MB, far longer than any reflection (the limit is \(maximumReflectionBytes >> 20) MB); is it the right file? Nothing was changed."
            )
        }
    }

    /// Reads the reflection from a regular file (or standard input for `-`). Anything else
    /// (a named pipe, a device, a socket) is refused before it is opened for reading, and the
    /// file is opened without blocking, so a pipe with no writer can never hang the command.
    func readReflection(_ name: String) throws -> String {
        let handle: FileHandle
        let shown = name == "-" ? "standard input" : TerminalSafe.text(name)
        if name == "-" {
            handle = FileHandle.standardInput
        } else {
            let path = try CLI.url(name).path
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFLNK || stat(path, &info) == 0 else {
                let reason = errno
                if reason == ENOENT || reason == ENOTDIR {
                    throw ReflectionFileError(message: "the reflection file \(shown) does not exist; nothing was changed.")
                }
                throw ReflectionFileError(message: "the reflection file \(shown) cannot be read (\(String(cString: strerror(reason)))); nothing was changed.")
            }
            try Self.checkReflectionFile(info, shown: shown)
            let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
            guard fd >= 0 else {
                throw ReflectionFileError(message: "the reflection file \(shown) cannot be read (\(String(cString: strerror(errno)))); nothing was changed.")
            }
            handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            // What was opened is what counts: the name may have been replaced since lstat.
            guard fstat(fd, &info) == 0 else {
                throw ReflectionFileError(message: "the reflection file \(shown) cannot be read (\(String(cString: strerror(errno)))); nothing was changed.")
            }
            try Self.checkReflectionFile(info, shown: shown)
        }
        var data = Data()
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                data.append(chunk)
                if data.count > Self.maximumReflectionBytes {
                    throw ReflectionFileError(
                        message:
                            "the reflection in \(shown) is over \(Self.maximumReflectionBytes >> 20) MB, far longer than any reflection; is it the right file? Nothing was changed."
                    )
                }
            }
        } catch let error as ReflectionFileError { throw error } catch {
            throw ReflectionFileError(message: "the reflection file \(shown) cannot be read (\((error as NSError).localizedDescription)); nothing was changed.")
        }
        if let offset = PortfolioStore.firstInvalidUTF8Offset(data) {
            throw ReflectionFileError(
                message:
                    "the reflection file \(shown) is not UTF-8 text (first bad byte at offset \(offset)); save it as UTF-8 and try again. Nothing was changed.")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Splits reflection text at the three headings; text without headings is "what happened".
    static func parseReflection(_ raw: String) -> Reflection {
        var text = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        enum Part { case happened, learned, next }
        func heading(_ line: Substring) -> Part? {
            var t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("#") else { return nil }
            t = String(t.drop { $0 == "#" }).trimmingCharacters(in: .whitespaces).lowercased()
            while let last = t.last, last == ":" || last == "." { t.removeLast() }
            switch t {
            case "what happened": return .happened
            case "what i learned", "what i learnt": return .learned
            case "what i will do next", "what i'll do next", "what i’ll do next": return .next
            default: return nil
            }
        }
        var parts: [Part: [Substring]] = [:]
        var current = Part.happened
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let part = heading(line) { current = part; continue }
            parts[current, default: []].append(line)
        }
        func joined(_ part: Part) -> String {
            (parts[part] ?? []).joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return Reflection(whatHappened: joined(.happened), whatLearned: joined(.learned), whatNext: joined(.next))
    }
}
