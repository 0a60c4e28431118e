import ArgumentParser
import PlannerCore

/// `mlcf framework`: the MLCF tree, so a doctor can see the competence ids to link to.
struct FrameworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "framework", abstract: "Print the framework: domains, elements and competences with their ids.")

    @Option(help: "Also show how each element is typically shown at this stage.") var stage: Stage?
    @Flag(help: "Include the optional domains for senior leaders (Creating the Vision, Delivering the Strategy).") var senior = false

    func run() {
        let frameworks = senior ? [Framework.mlcf, Framework.seniorLeaders] : [Framework.mlcf]
        for framework in frameworks {
            CLI.say(framework.title)
            for domain in framework.domains {
                CLI.say("\n\(domain.title) — \(domain.summary)")
                for element in domain.elements {
                    CLI.say("  \(element.title) — \(element.summary)")
                    if let stage { CLI.say("    e.g. (\(stage.rawValue)): \(element.example(for: stage))") }
                    for competence in element.competences { CLI.say("    \(competence.id)  \(competence.text)") }
                }
            }
            CLI.say("")
        }
    }
}
