import Foundation

/// A framework pack read from JSON and checked: the one format of the bundled frameworks and of
/// the files a deanery gives its doctors (`Resources/framework-packs.md`). The check walks the
/// parsed JSON by hand rather than through `Decodable`, so that it can report every problem
/// (not just the first) with its place, e.g. `items[2].items[0].id: "1.1" is used twice`.
struct FrameworkPack: Sendable {
    let id: String
    let title: String
    let edition: String?
    let note: String?
    let levels: [String]
    let scale: [String]
    let items: [FrameworkItem]

    /// Level names when a pack gives none: by role (group, unit, leaf), so a two-level pack is
    /// domains and elements and a one-level pack is elements.
    static func defaultLevels(depth: Int) -> [String] {
        Array(["domain", "element", "competence"].suffix(from: depth == 1 ? 1 : 0).prefix(depth))
    }

    static let maximumDepth = 3
    static let scaleSizes = 2...9

    /// Reads and checks a pack; throws `FrameworkError` listing every problem.
    static func read(_ data: Data) throws -> FrameworkPack {
        // JSONDecoder, not JSONSerialization: the latter drops a U+FEFF that follows an escape.
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            let detail = JSONErrorDescription.syntaxDetail(data) ?? JSONErrorDescription.describe(error)
            throw FrameworkError(problems: ["not valid JSON: \(detail)"])
        }
        var checker = FrameworkPackChecker()
        guard let pack = checker.pack(root), checker.problems.isEmpty else {
            throw FrameworkError(problems: checker.problems.isEmpty ? ["the top level: not a usable framework"] : checker.problems)
        }
        return pack
    }
}

/// The walk behind `FrameworkPack.read`: it notes each problem and carries on.
struct FrameworkPackChecker {
    private(set) var problems: [String] = []
    /// Where each item id was first seen, to name both places of a duplicate.
    private var seen: [String: String] = [:]
    /// The depth and place of the first leaf; every other leaf must sit at the same depth.
    private var firstLeaf: (depth: Int, location: String)?

    private mutating func report(_ location: String, _ message: String) { problems.append("\(location): \(message)") }

    /// The pack, when the top level has the shape to make one (problems may still be noted).
    mutating func pack(_ root: JSONValue) -> FrameworkPack? {
        guard let object = root.object else {
            report("the top level", "expected an object ({\"id\": …, \"title\": …, \"scale\": […], \"items\": […]})")
            return nil
        }
        let id = requiredText(object, "id", at: "")
        if let id, !Self.isFrameworkID(id) {
            report("id", "\(quoted(id)) is not a framework id: use lower-case letters, digits and hyphens only (it becomes the link prefix, as in mlcf:1.2.a)")
        }
        let title = requiredText(object, "title", at: "")
        let edition = optionalText(object, "edition", at: "")
        let note = optionalText(object, "note", at: "")
        let scale = checkedScale(object["scale"])
        var items: [FrameworkItem] = []
        if let list = object["items"]?.array, !list.isEmpty {
            items = list.enumerated().compactMap { item($1, at: "items[\($0)]", depth: 1) }
        } else {
            report("items", object["items"] == nil ? "missing: a framework needs a list of items" : "expected a non-empty list of items")
        }
        let depth = min(firstLeaf?.depth ?? 1, FrameworkPack.maximumDepth)
        let levels = checkedLevels(object["levels"], depth: depth)
        guard let id, let title, let scale else { return nil }
        return FrameworkPack(id: id, title: title, edition: edition, note: note, levels: levels, scale: scale, items: items)
    }

    /// Lower-case letters, digits and hyphens: safe before the `:` of a link and in a file name.
    static func isFrameworkID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
    }

    /// An item id: non-empty, no white space, no `:` (the link separator).
    static func isItemID(_ id: String) -> Bool {
        !id.isEmpty && !id.contains(":") && !id.unicodeScalars.contains { CharacterSet.whitespacesAndNewlines.contains($0) }
    }

    private mutating func item(_ value: JSONValue, at location: String, depth: Int) -> FrameworkItem? {
        guard let object = value.object else {
            report(location, "expected an object with an id and a name")
            return nil
        }
        let id = requiredText(object, "id", at: location)
        if let id {
            if !Self.isItemID(id) {
                report("\(location).id", "\(quoted(id)) is not a usable id: it must not contain white space or “:”")
            } else if let first = seen[id] {
                report("\(location).id", "\(quoted(id)) is used twice (first at \(first))")
            } else {
                seen[id] = location
            }
        }
        let name = requiredText(object, "name", at: location)
        let summary = optionalText(object, "summary", at: location) ?? ""
        let examples = checkedExamples(object["examples"], at: location)
        var children: [FrameworkItem] = []
        // Whether the pack gives children, even ones too damaged to keep: it is not a leaf.
        var hasChildren = false
        switch object["items"] {
        case nil: break
        case .array(let list):
            if !list.isEmpty && depth == FrameworkPack.maximumDepth {
                report("\(location).items", "a fourth level: a framework has 1 to \(FrameworkPack.maximumDepth) levels")
            } else {
                hasChildren = !list.isEmpty
                children = list.enumerated().compactMap { item($1, at: "\(location).items[\($0)]", depth: depth + 1) }
            }
        default: report("\(location).items", "expected a list of items")
        }
        if !hasChildren { leaf(at: location, depth: depth) }
        guard let id, let name else { return nil }
        return FrameworkItem(id: id, name: name, summary: summary, examples: examples, items: children)
    }

    private mutating func leaf(at location: String, depth: Int) {
        guard let first = firstLeaf else {
            firstLeaf = (depth, location)
            return
        }
        if depth != first.depth {
            report(
                location,
                "a leaf at level \(depth), but the first leaf (\(first.location)) is at level \(first.depth); every leaf must be at the same level")
        }
    }

    private mutating func checkedScale(_ value: JSONValue?) -> [String]? {
        guard let list = value?.array else {
            report("scale", value == nil ? "missing: a framework needs a rating scale (2 to 9 labels)" : "expected a list of labels")
            return nil
        }
        var labels: [String] = []
        for (index, entry) in list.enumerated() {
            guard let label = entry.string, !label.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                report("scale[\(index)]", "expected a label (non-empty text)")
                continue
            }
            labels.append(label)
        }
        if !FrameworkPack.scaleSizes.contains(list.count) {
            report(
                "scale",
                "has \(list.count) label\(list.count == 1 ? "" : "s"); a scale has \(FrameworkPack.scaleSizes.lowerBound) to \(FrameworkPack.scaleSizes.upperBound)"
            )
        }
        return labels.count == list.count ? labels : nil
    }

    private mutating func checkedLevels(_ value: JSONValue?, depth: Int) -> [String] {
        let fallback = FrameworkPack.defaultLevels(depth: depth)
        guard let value else { return fallback }
        guard let list = value.array else {
            report("levels", "expected a list of level names")
            return fallback
        }
        var names: [String] = []
        for (index, entry) in list.enumerated() {
            guard let name = entry.string, !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                report("levels[\(index)]", "expected a level name (non-empty text)")
                continue
            }
            names.append(name)
        }
        if list.count != depth {
            report("levels", "names \(list.count) level\(list.count == 1 ? "" : "s"), but the items are \(depth) deep")
        }
        return names.count == depth ? names : fallback
    }

    private mutating func checkedExamples(_ value: JSONValue?, at location: String) -> [String: String] {
        guard let value else { return [:] }
        guard let object = value.object else {
            report("\(location).examples", "expected an object of stage id → text")
            return [:]
        }
        var examples: [String: String] = [:]
        let stages = Stage.allCases.map(\.rawValue)
        for key in object.keys.sorted() {
            guard stages.contains(key) else {
                report("\(location).examples.\(key)", "not a stage (use \(stages.joined(separator: ", ")))")
                continue
            }
            guard let text = object[key]?.string else {
                report("\(location).examples.\(key)", "expected text")
                continue
            }
            examples[key] = text
        }
        return examples
    }

    private mutating func requiredText(_ object: [String: JSONValue], _ key: String, at location: String) -> String? {
        let place = location.isEmpty ? key : "\(location).\(key)"
        guard let value = object[key] else {
            report(place, "missing")
            return nil
        }
        guard let text = value.string else {
            report(place, "expected text")
            return nil
        }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            report(place, "is empty")
            return nil
        }
        return text
    }

    private mutating func optionalText(_ object: [String: JSONValue], _ key: String, at location: String) -> String? {
        guard let value = object[key] else { return nil }
        guard let text = value.string else {
            report(location.isEmpty ? key : "\(location).\(key)", "expected text")
            return nil
        }
        return text
    }

    private func quoted(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: text, options: [.fragmentsAllowed, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

extension JSONValue {
    fileprivate var string: String? { if case .string(let value) = self { value } else { nil } }
    fileprivate var array: [JSONValue]? { if case .array(let value) = self { value } else { nil } }
    fileprivate var object: [String: JSONValue]? { if case .object(let value) = self { value } else { nil } }
}
