import ArgumentParser
import Foundation
import PlannerCore

/// `mlcf framework [ID]`: a framework's tree, so a doctor can see the ids to link to; `--list`
/// shows what is offered (and which packs are not, and why); `--check FILE` checks a pack.
struct FrameworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "framework",
        abstract: "Print a framework (the MLCF unless an id is given) with its ids, list the frameworks offered, or check a pack.",
        discussion: """
            Framework packs (JSON files, see Resources/framework-packs.md) placed in \
            $XDG_DATA_HOME/mlcf/frameworks/ (~/.local/share/mlcf/frameworks/) are offered beside the bundled ones.
            """)

    @Argument(help: "The framework to print, e.g. mlcf, slf, hlm (see --list).") var id: String?
    @Option(name: .customLong("framework"), help: "The framework to print (the same as giving its id).") var frameworkID: String?
    @Option(help: "Also show how each unit is typically shown at this stage.") var stage: Stage?
    @Flag(help: "Print the MLCF and then the Leadership Framework's domains for senior leaders (slf).") var senior = false
    @Flag(help: "List the frameworks offered, and any pack that is not, with the reason.") var list = false
    @Option(help: "Check a framework pack file: every problem in it, or its shape when it is fine.") var check: String?

    func validate() throws {
        if let id, let frameworkID, id != frameworkID {
            throw ValidationError("Give the framework once: “\(TerminalSafe.text(id))” and --framework “\(TerminalSafe.text(frameworkID))” differ.")
        }
        let chosen = [id != nil || frameworkID != nil, senior, list, check != nil].filter { $0 }.count
        if chosen > 1 { throw ValidationError("Give one of: a framework id, --senior, --list or --check FILE.") }
    }

    func run() throws {
        let catalog = CLI.catalog.frameworks
        if let check { return try Self.check(CLI.url(check), catalog: catalog) }
        if list { return Self.list(catalog) }
        let frameworks: [Framework]
        if senior {
            // The Leadership Framework as it was printed before its senior domains became a framework of their own.
            frameworks = ["mlcf", "slf"].compactMap(catalog.framework)
        } else {
            let wanted = id ?? frameworkID ?? FrameworkLink.bareFramework
            guard let found = catalog.framework(wanted) else {
                var message = "There is no framework “\(TerminalSafe.text(wanted))”. Offered: \(catalog.frameworks.map(\.id).joined(separator: ", "))."
                if !catalog.rejected.isEmpty { message += " `mlcf framework --list` says why some packs are not offered." }
                CLI.warn(message)
                throw ExitCode(2)
            }
            frameworks = [found]
        }
        for framework in frameworks { show(framework) }
    }

    /// The tree in the framework's own level names (an HLM dimension is a "Dimension").
    private func show(_ framework: Framework) {
        let names = framework.levelNames
        let safe = TerminalSafe.text
        CLI.say("\(safe(framework.title)) (\(safe(framework.id)))")
        CLI.say("Rated: " + framework.ratingLevels.map { "\($0) \(safe(framework.ratingLabel($0)))" }.joined(separator: " · "))
        for domain in framework.domains {
            let indent = names.group == nil ? "" : "  "
            if let group = names.group { CLI.say("\n\(Framework.capitalised(group)) \(safe(domain.title))" + Self.dash(domain.summary)) }
            for element in domain.elements {
                CLI.say("\(names.group == nil ? "\n" : "")\(indent)\(Framework.capitalised(names.unit)) \(safe(element.title))" + Self.dash(element.summary))
                if let stage, !element.example(for: stage).isEmpty { CLI.say("\(indent)  e.g. (\(stage.rawValue)): \(safe(element.example(for: stage)))") }
                for competence in element.competences { CLI.say("\(indent)  \(safe(competence.id))  \(safe(competence.text))") }
            }
        }
        CLI.say("")
    }

    private static func list(_ catalog: FrameworkCatalog) {
        let safe = TerminalSafe.text
        for framework in catalog.frameworks {
            let source = catalog.packPaths[framework.id].map { "pack \(safe($0))" } ?? "bundled"
            CLI.say("\(safe(framework.id))  \(safe(framework.title)) — \(safe(framework.shape)) [\(source)]")
        }
        for rejected in catalog.rejected {
            CLI.say("\nNot offered: \(safe(rejected.path))")
            for problem in rejected.problems { CLI.say("  \(safe(problem))") }
        }
    }

    /// Every problem (exit 1), or "fine" with the shape (exit 0).
    private static func check(_ url: URL, catalog: FrameworkCatalog) throws {
        let safe = TerminalSafe.text
        var problems: [String]
        do {
            let framework = try Framework(contentsOf: url)
            problems = Framework.bundled.contains { $0.id == framework.id } ? ["id: \"\(framework.id)\" is a bundled framework's id; choose another"] : []
            if problems.isEmpty {
                CLI.say("\(safe(url.path)) is a usable framework pack: \(safe(framework.id)) “\(safe(framework.title))”, \(safe(framework.shape)).")
                return
            }
        } catch let error as FrameworkError {
            problems = error.problems
        }
        CLI.say("\(safe(url.path)) is not a usable framework pack (\(problems.count) problem\(problems.count == 1 ? "" : "s")):")
        for problem in problems { CLI.say("  \(safe(problem))") }
        throw ExitCode(1)
    }

    /// " — summary", or nothing when a pack gives no summary.
    static func dash(_ summary: String) -> String { summary.isEmpty ? "" : " — " + TerminalSafe.text(summary) }

}
