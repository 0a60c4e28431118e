import Foundation

/// One MLCF competence, e.g. `1.1.a`, in the project's own wording.
public struct Competence: Codable, Hashable, Sendable {
    public let id: String
    public let text: String
}

/// One of the 20 elements, e.g. `3.2 Managing resources`.
public struct Element: Codable, Hashable, Sendable {
    public let id: String
    public let name: String
    public let summary: String
    /// One line per stage: how the element typically shows at that stage.
    public let examples: [String: String]
    public let competences: [Competence]

    public func example(for stage: Stage) -> String { examples[stage.rawValue] ?? "" }
    public var title: String { "\(id) \(name)" }
}

/// One of the five domains, e.g. `1 Demonstrating Personal Qualities`.
public struct Domain: Codable, Hashable, Sendable {
    public let id: String
    public let name: String
    public let summary: String
    public let elements: [Element]
    public var title: String { "\(id) \(name)" }
}

/// What is wrong with a framework file, said so that whoever edited it can fix it.
public struct FrameworkError: Error, CustomStringConvertible, Equatable {
    public let problems: [String]
    public var description: String {
        "The framework data is not usable: " + problems.joined(separator: "; ")
    }
}

/// The competency framework as data: domains → elements → competences, with fast lookups.
public struct Framework: Sendable {
    public let id: String
    public let title: String
    public let domains: [Domain]
    public let elements: [Element]
    public let competences: [Competence]
    private let elementIndex: [String: Int]
    private let competenceIDs: Set<String>

    private struct File: Codable {
        let id: String
        let title: String
        let domains: [Domain]
    }

    /// Loads and checks a framework file: unique ids of the right shape, 4 elements per
    /// domain, 4 competences per element. Every problem found is listed, not just the first.
    public init(data: Data, requireFourByFour: Bool = true) throws {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw FrameworkError(problems: [JSONErrorDescription.describe(error)])
        }
        var problems: [String] = []
        var seen = Set<String>()
        if file.domains.isEmpty { problems.append("it has no domains") }
        for (dIndex, domain) in file.domains.enumerated() {
            if !seen.insert(domain.id).inserted { problems.append("domain id \(domain.id) is used twice") }
            if domain.name.isEmpty { problems.append("domain \(domain.id) has no name") }
            if requireFourByFour && domain.elements.count != 4 {
                problems.append("domain \(domain.id) has \(domain.elements.count) elements, expected 4")
            }
            _ = dIndex
            for (eIndex, element) in domain.elements.enumerated() {
                if !seen.insert(element.id).inserted { problems.append("element id \(element.id) is used twice") }
                let expectedElement = "\(domain.id).\(eIndex + 1)"
                if element.id != expectedElement {
                    problems.append("element \(element.id) in domain \(domain.id) should be numbered \(expectedElement)")
                }
                if requireFourByFour && element.competences.count != 4 {
                    problems.append("element \(element.id) has \(element.competences.count) competences, expected 4")
                }
                for stage in Stage.allCases where (element.examples[stage.rawValue] ?? "").isEmpty {
                    problems.append("element \(element.id) has no \(stage.rawValue) example")
                }
                for (cIndex, competence) in element.competences.enumerated() {
                    if !seen.insert(competence.id).inserted { problems.append("competence id \(competence.id) is used twice") }
                    let letter = cIndex < 26 ? String(UnicodeScalar(UInt8(97 + cIndex))) : "?"
                    let expected = "\(element.id).\(letter)"
                    if competence.id != expected {
                        problems.append("competence \(competence.id) in element \(element.id) should be numbered \(expected)")
                    }
                    if competence.text.trimmingCharacters(in: .whitespaces).isEmpty {
                        problems.append("competence \(competence.id) has no text")
                    }
                }
            }
        }
        if !problems.isEmpty { throw FrameworkError(problems: problems) }
        self.id = file.id
        self.title = file.title
        self.domains = file.domains
        self.elements = file.domains.flatMap(\.elements)
        self.competences = elements.flatMap(\.competences)
        var index: [String: Int] = [:]
        for (i, element) in elements.enumerated() { index[element.id] = i }
        self.elementIndex = index
        self.competenceIDs = Set(competences.map(\.id))
    }

    public func element(_ id: String) -> Element? { elementIndex[id].map { elements[$0] } }
    public func domain(_ id: String) -> Domain? { domains.first { $0.id == id } }
    public func isCompetence(_ id: String) -> Bool { competenceIDs.contains(id) }
    public func isElement(_ id: String) -> Bool { elementIndex[id] != nil }
    /// True for ids evidence and goals may link to: a competence or a whole element.
    public func isLinkable(_ id: String) -> Bool { isCompetence(id) || isElement(id) }
    public func competence(_ id: String) -> Competence? {
        guard let element = element(Framework.elementID(of: id)) else { return nil }
        return element.competences.first { $0.id == id }
    }

    /// `1.2.a` → `1.2`; `1.2` → `1.2`.
    public static func elementID(of link: String) -> String {
        // The text before the second full stop, or all of it (no array of parts to build).
        let utf8 = link.utf8
        guard let first = utf8.firstIndex(of: 0x2E), let second = utf8[utf8.index(after: first)...].firstIndex(of: 0x2E) else { return link }
        return String(link[..<second])
    }

    /// `1.2.a` → `1`.
    public static func domainID(of link: String) -> String {
        guard let first = link.utf8.firstIndex(of: 0x2E) else { return link }
        return String(link[..<first])
    }

    /// Position of an element in walk-through order, for next/previous.
    public func position(ofElement id: String) -> Int? { elementIndex[id] }

    /// The MLCF built into the binary. Its integrity is covered by the test suite.
    public static let mlcf: Framework = bundled(PackageResources.mlcf_json, name: "mlcf.json")
    /// The optional senior-leader domains (Creating the Vision, Delivering the Strategy).
    public static let seniorLeaders: Framework = bundled(PackageResources.senior_leaders_json, name: "senior-leaders.json")

    private static func bundled(_ bytes: [UInt8], name: String) -> Framework {
        do { return try Framework(data: Data(bytes)) } catch {
            fatalError("The built-in \(name) is damaged — this is a build problem, not your data: \(error)")
        }
    }
}
