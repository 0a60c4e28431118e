import Foundation
import PlannerCore
import Testing

@testable import PlannerUI

/// The planner and the CLI apply the same input rules (issue 15): random values go through
/// `mlcf add-evidence` / `mlcf new`, the planner's forms and the validator, which must agree
/// on accepting or refusing each and, when they refuse, say so in the core's words (`InputRules`).
@Suite(.serialized) struct InputRuleAgreementTests {
    /// The `mlcf` binary: `$MLCF_BINARY`, else the one built beside this test bundle.
    static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["MLCF_BINARY"], !path.isEmpty { return path }
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("mlcf").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        return repositoryRoot.appendingPathComponent(".build/debug/mlcf").path
    }()

    /// Runs mlcf with today pinned; its exit status and what it wrote to stderr.
    static func mlcf(_ arguments: [String]) throws -> (code: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["MLCF_TODAY"] = fixedToday.description
        env["LANG"] = "C.UTF-8"
        env["CI"] = "true"
        process.environment = env
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// One value for one rule, the others valid.
    enum Case: CustomStringConvertible {
        case title(String), date(CalendarDate), credits(String), gmc(String)
        var description: String {
            switch self {
            case .title(let t): return "title of \(t.count) characters “\(t.prefix(30))”"
            case .date(let d): return "date \(d)"
            case .credits(let c): return "credits “\(c)”"
            case .gmc(let g): return "GMC number “\(g)”"
            }
        }
    }

    static func randomCase(_ choices: inout Choices) -> Case {
        let limit = Validator(framework: .mlcf, catalog: .bundled).rules.limits.titleMaxCharacters
        switch choices.next(4) {
        case 0:
            let length = choices.pick([1, 2, limit - 1, limit, limit + 1, limit + choices.next(50) + 1, choices.next(limit) + 1])
            let letters = Array("abcdé ZoëNí")
            var title = String((0..<length).map { _ in choices.pick(letters) })
            title = title.trimmingCharacters(in: .whitespaces)
            return .title(choices.chance(8) ? "" : title)
        case 1: return .date(fixedToday.adding(days: choices.next(60) - 50))
        case 2:
            return .credits(choices.pick(["0", "6.5", "1000", "1000.5", "-1", "-0.5", "1e19", "nan", "inf", "12", "999.99", String(choices.next(3000))]))
        default:
            let digits = String((0..<choices.pick([6, 7, 7, 8])).map { _ in choices.pick(Array("0123456789")) })
            return .gmc(choices.pick([digits, digits, "", "١٢٣٤٥٦٧", "71234a6", "GMC1234"]))
        }
    }

    /// The core's phrase for the case: nil when the value is accepted.
    static func expected(_ value: Case) -> String? {
        let limits = Validator(framework: .mlcf, catalog: .bundled).rules.limits
        switch value {
        case .title(let t): return InputRules.titleProblem(t, limits: limits)
        case .date(let d): return InputRules.evidenceDateProblem(d, today: fixedToday).map { "the date " + $0 }
        case .credits(let c):
            if case .failure(let problem) = InputRules.credits(fromText: c) { return problem.phrase }
            return nil
        case .gmc(let g): return InputRules.gmcNumberProblem(g)
        }
    }

    /// The CLI's answer: nil if it accepted, else its message.
    static func viaCLI(_ value: Case, folder: URL, n: Int) throws -> String? {
        let path = folder.appendingPathComponent("p\(n).json").path
        let result: (code: Int32, stderr: String)
        if case .gmc(let g) = value {
            result = try mlcf([
                "new", path, "--name", "Dr A", "--stage", "continuing-practice", "--period-start", "2026-04-01", "--period-end", "2027-03-31", "--gmc-number",
                g,
            ])
        } else {
            try PortfolioStore.create(examplePortfolio("continuing-practice"), at: URL(fileURLWithPath: path))
            var options = ["--title", "Audit", "--kind", "cpd", "--date", fixedToday.description]
            switch value {
            case .title(let t): options[1] = t
            case .date(let d): options[5] = d.description
            case .credits(let c): options.append("--credits=" + c)
            case .gmc: break
            }
            result = try mlcf(["add-evidence", path] + options)
        }
        return result.code == 0 ? nil : result.stderr
    }

    /// The planner's form: nil if it saved, else the form's error.
    static func viaForm(_ value: Case) -> String? {
        var state = makeState()
        if case .gmc(let g) = value {
            state.press(.character("u"))
            state.profileForm?.apply(["gmcNumber": g])
            state.press(.ctrl("s"))
            return state.route == .profile ? state.profileForm?.error ?? "not saved" : nil
        }
        state.press(.character("v"), .character("a"))
        var values = ["title": "Audit", "date": fixedToday.description]
        switch value {
        case .title(let t): values["title"] = t
        case .date(let d): values["date"] = d.description
        case .credits(let c): values["cpdCredits"] = c
        case .gmc: break
        }
        state.editor?.form.apply(values)
        state.press(.ctrl("s"))
        return state.route == .evidenceEditor ? state.editor?.form.error ?? "not saved" : nil
    }

    /// The validator's findings on the field, nil when there are none.
    static func viaValidator(_ value: Case) -> String? {
        var portfolio = examplePortfolio("continuing-practice")
        var item = Evidence(id: "ev-rule", title: "Audit", kind: EvidenceKind("cpd"), date: fixedToday, links: ["mlcf:1.1.a"])
        let field: String
        switch value {
        case .title(let t): item.title = t; field = "title"
        case .date(let d): item.date = d; field = "date"
        case .credits(let c): item.cpdCredits = Double(c); field = "cpdCredits"
        case .gmc(let g): portfolio.profile.gmcNumber = g; field = "gmcNumber"
        }
        portfolio.evidence.append(item)
        let findings = Validator(framework: .mlcf, catalog: .bundled).validate(portfolio, today: fixedToday).findings.filter {
            field == "gmcNumber"
                ? $0.location == .profile("gmcNumber")
                : $0.location.field == field && $0.location.evidenceID == "ev-rule" && $0.code.hasPrefix("structure.")
        }
        return findings.isEmpty ? nil : findings.map(\.message).joined(separator: "\n")
    }

    /// A message holds the phrase (its first letter in either case, line breaks as spaces).
    static func says(_ message: String, _ phrase: String) -> Bool {
        let flat = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.contains(phrase) || flat.contains(InputRules.sentence(phrase).dropLast())
    }

    @Test func theCLITheFormAndTheValidatorAgree() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mlcf-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var n = 0
        await Generated.check(fixedSeed: 15_015, count: 60, maxLength: 32) { bytes in
            var choices = Choices(bytes)
            let value = Self.randomCase(&choices)
            n += 1
            let phrase = Self.expected(value)
            let cli = try Self.viaCLI(value, folder: folder, n: n), form = Self.viaForm(value), validator = Self.viaValidator(value)
            #expect((cli == nil) == (phrase == nil), "\(value): the CLI \(cli.map { "refused: " + $0 } ?? "accepted"); the rule says \(phrase ?? "yes")")
            #expect((form == nil) == (phrase == nil), "\(value): the form \(form.map { "refused: " + $0 } ?? "accepted"); the rule says \(phrase ?? "yes")")
            #expect(
                (validator == nil) == (phrase == nil),
                "\(value): the validator \(validator.map { "found: " + $0 } ?? "found nothing"); the rule says \(phrase ?? "yes")")
            guard let phrase else { return }
            for (path, message) in [("CLI", cli), ("form", form), ("validator", validator)] {
                if let message { #expect(Self.says(message, phrase), "\(value): the \(path) said “\(message)”, not “\(phrase)”") }
            }
        }
    }
}
