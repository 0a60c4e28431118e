import Foundation

/// One item of a framework at any level, as a pack describes it: the generic tree the views
/// below are made from. A leaf's `name` is its line of text.
public struct FrameworkItem: Codable, Hashable, Sendable {
    public let id: String
    public let name: String
    public let summary: String
    /// One line per stage id: how the item typically shows at that stage.
    public let examples: [String: String]
    public let items: [FrameworkItem]

    public init(id: String, name: String, summary: String = "", examples: [String: String] = [:], items: [FrameworkItem] = []) {
        self.id = id
        self.name = name
        self.summary = summary
        self.examples = examples
        self.items = items
    }
}

/// A leaf under a unit (only in three-level frameworks), e.g. the MLCF's `1.1.a`.
public struct Competence: Codable, Hashable, Sendable {
    public let id: String
    /// The leaf's line of text (its `name` in the pack).
    public let text: String
}

/// The unit of a framework: what is rated, walked through and counted in coverage, e.g. the
/// MLCF's element `3.2 Managing resources` or one HLM dimension.
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

/// The group a unit sits in, e.g. the MLCF's `1 Demonstrating Personal Qualities`. A one-level
/// framework has one synthetic group with the id "" and the framework's title.
public struct Domain: Codable, Hashable, Sendable {
    public let id: String
    public let name: String
    public let summary: String
    public let elements: [Element]
    public var title: String { id.isEmpty ? name : "\(id) \(name)" }
}

/// The singular names a framework gives its group, unit and leaf levels (e.g. "domain",
/// "element", "competence"; the HLM's unit is a "dimension"). nil: the level does not exist.
public struct LevelNames: Equatable, Sendable {
    public let group: String?
    public let unit: String
    public let leaf: String?
}

/// What is wrong with a framework file, said so that whoever edited it can fix it: every
/// problem, each with its place in the JSON (`items[2].items[0].id: …`).
public struct FrameworkError: Error, CustomStringConvertible, Equatable {
    public let problems: [String]
    public var description: String {
        "The framework data is not usable: " + problems.joined(separator: "; ")
    }
}

/// A competency framework as data, of any shape: one to three levels of items, its own level
/// names and rating scale. The UI and export see it through `domains`, `elements` and
/// `competences` (group, unit, leaf), whatever the depth.
public struct Framework: Sendable {
    /// The link prefix (`hlm` in `hlm:3`).
    public let id: String
    public let title: String
    public let edition: String?
    public let note: String?
    /// The singular names of the levels by depth, e.g. ["domain", "element", "competence"].
    public let levels: [String]
    /// The labels of rating levels 1…count (0, "Not yet rated", is every framework's).
    public let scale: [String]
    public let items: [FrameworkItem]
    public let domains: [Domain]
    public let elements: [Element]
    public let competences: [Competence]
    private let elementIndex: [String: Int]
    private let competenceIDs: Set<String>
    /// Each item's parent id; top-level items have none.
    private let parents: [String: String]
    private let groupIDs: Set<String>
    /// The unit each linkable item counts for, by the link a portfolio holds (`mlcf:1.2.a` →
    /// `1.2`): one lookup per link when a career's evidence is counted, nothing split or made.
    let unitOfLink: [String: String]

    /// Nesting depth: 1 to 3.
    public var depth: Int { levels.count }

    public var levelNames: LevelNames {
        switch depth {
        case 1: return LevelNames(group: nil, unit: levels[0], leaf: nil)
        case 2: return LevelNames(group: levels[0], unit: levels[1], leaf: nil)
        default: return LevelNames(group: levels[0], unit: levels[1], leaf: levels[2])
        }
    }

    /// Loads and checks a pack (see `Resources/framework-packs.md`); every problem is listed.
    public init(data: Data) throws {
        self.init(checked: try FrameworkPack.read(data))
    }

    /// A framework from a pack that has passed its check.
    init(checked pack: FrameworkPack) {
        id = pack.id
        title = pack.title
        edition = pack.edition
        note = pack.note
        levels = pack.levels
        scale = pack.scale
        items = pack.items
        let depth = pack.levels.count
        let units: [(group: FrameworkItem?, unit: FrameworkItem)] =
            depth == 1 ? pack.items.map { (nil, $0) } : pack.items.flatMap { group in group.items.map { (group, $0) } }
        func element(_ unit: FrameworkItem) -> Element {
            Element(
                id: unit.id, name: unit.name, summary: unit.summary, examples: unit.examples,
                competences: unit.items.map { Competence(id: $0.id, text: $0.name) })
        }
        if depth == 1 {
            domains = [Domain(id: "", name: pack.title, summary: pack.note ?? "", elements: units.map { element($0.unit) })]
        } else {
            domains = pack.items.map { Domain(id: $0.id, name: $0.name, summary: $0.summary, elements: $0.items.map(element)) }
        }
        elements = domains.flatMap(\.elements)
        competences = elements.flatMap(\.competences)
        elementIndex = Dictionary(elements.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        competenceIDs = Set(competences.map(\.id))
        groupIDs = depth == 1 ? [] : Set(pack.items.map(\.id))
        var parents: [String: String] = [:]
        func index(_ item: FrameworkItem) {
            for child in item.items {
                parents[child.id] = item.id
                index(child)
            }
        }
        pack.items.forEach(index)
        self.parents = parents
        var unitOfLink: [String: String] = [:]
        for element in elements {
            unitOfLink[FrameworkLink.make(framework: pack.id, id: element.id)] = element.id
            for competence in element.competences { unitOfLink[FrameworkLink.make(framework: pack.id, id: competence.id)] = element.id }
        }
        self.unitOfLink = unitOfLink
    }

    public func element(_ id: String) -> Element? { elementIndex[id].map { elements[$0] } }
    public func domain(_ id: String) -> Domain? { domains.first { $0.id == id } }
    public func isCompetence(_ id: String) -> Bool { competenceIDs.contains(id) }
    public func isElement(_ id: String) -> Bool { elementIndex[id] != nil }
    /// True for ids evidence and goals may link to: a unit or a leaf.
    public func isLinkable(_ id: String) -> Bool { isCompetence(id) || isElement(id) }
    public func competence(_ id: String) -> Competence? {
        guard isCompetence(id), let unit = parents[id], let element = element(unit) else { return nil }
        return element.competences.first { $0.id == id }
    }

    /// The unit an id names or sits in: a unit → itself, a leaf → its unit; nil for a group or
    /// an id the framework does not have.
    public func unitID(containing id: String) -> String? {
        if isElement(id) { return id }
        if isCompetence(id) { return parents[id] }
        return nil
    }

    /// The unit a link counts for: the unit it names or the unit of its leaf; failing that, the
    /// unit whose id and a full stop begin it, so a mistyped `1.2.x` still counts under 1.2 (as
    /// links always have) while `9.9` counts for nothing.
    /// A link to another framework counts for nothing here.
    public func unitID(ofLink link: String) -> String? {
        if let unit = unitOfLink[link] { return unit }
        guard let itemID = itemID(ofLink: link) else { return nil }
        if let unit = unitID(containing: itemID) { return unit }
        var prefix = Substring(itemID)
        while let dot = prefix.lastIndex(of: ".") {
            prefix = prefix[..<dot]
            if isElement(String(prefix)) { return String(prefix) }
        }
        return nil
    }

    /// The group an id names or sits in: a group → itself, a unit or leaf → its group ("" in a
    /// one-level framework, whose units share one synthetic group); nil for an unknown id.
    public func groupID(containing id: String) -> String? {
        if groupIDs.contains(id) { return id }
        guard let unit = unitID(containing: id) else { return nil }
        return depth == 1 ? "" : parents[unit]
    }

    /// Position of an element in walk-through order, for next/previous.
    public func position(ofElement id: String) -> Int? { elementIndex[id] }

    /// The label of a rating level: 1…scale.count are the framework's, 0 is "Not yet rated".
    public func ratingLabel(_ level: Int) -> String {
        if level == 0 { return "Not yet rated" }
        return scale.indices.contains(level - 1) ? scale[level - 1] : "Level \(level)"
    }

    /// Every level a rating may hold, 0 (not yet rated) included.
    public var ratingLevels: ClosedRange<Int> { 0...scale.count }

    /// "5 domains, 20 elements, 80 competences; a scale of 4": the shape, in the framework's own
    /// level names, for lists and for `mlcf framework --check`.
    public var shape: String {
        let counts = [domains.count, elements.count, competences.count]
        let parts = levels.enumerated().map { level, name in
            let count = depth == 1 ? elements.count : counts[level]
            return "\(count) \(count == 1 ? name : Framework.plural(name))"
        }
        return parts.joined(separator: ", ") + "; a scale of \(scale.count) (\(scale.joined(separator: ", ")))"
    }

    /// A level name at the start of a sentence or a column: "element" → "Element".
    public static func capitalised(_ noun: String) -> String { noun.prefix(1).uppercased() + noun.dropFirst() }

    /// "a" or "an" before a level name: "an element", "a dimension".
    public static func article(_ noun: String) -> String { "aeiou".contains(noun.first ?? "x") ? "an" : "a" }

    /// English plural of a level name: "capability" → "capabilities", "process" → "processes".
    public static func plural(_ noun: String) -> String {
        let vowels = Set("aeiou")
        if noun.hasSuffix("y"), let before = noun.dropLast().last, !vowels.contains(before) { return noun.dropLast() + "ies" }
        if ["s", "x", "z", "ch", "sh"].contains(where: noun.hasSuffix) { return noun + "es" }
        return noun + "s"
    }

    /// The MLCF built into the binary. Its integrity is covered by the test suite.
    public static let mlcf: Framework = decodeBundled(PackageResources.mlcf_json, name: "mlcf.json")
    /// The Leadership Framework's two domains for senior leaders, a framework of their own.
    public static let seniorLeaders: Framework = decodeBundled(PackageResources.senior_leaders_json, name: "senior-leaders.json")
    /// The Healthcare Leadership Model: nine dimensions, rated on its own four-point scale.
    public static let hlm: Framework = decodeBundled(PackageResources.hlm_json, name: "hlm.json")
    /// The frameworks built into the binary, in the order they are offered.
    public static var bundled: [Framework] { [mlcf, seniorLeaders, hlm] }

    private static func decodeBundled(_ bytes: [UInt8], name: String) -> Framework {
        do { return try Framework(data: Data(bytes)) } catch {
            fatalError("The built-in \(name) is damaged — this is a build problem, not your data: \(error)")
        }
    }
}
