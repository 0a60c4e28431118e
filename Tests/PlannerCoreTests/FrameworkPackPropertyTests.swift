import Foundation
import PlannerCore
import TestSupport
import Testing

/// Generative: random valid packs (depth 1–3, scales of 2–9, optional level names, summaries,
/// examples and unknown keys) load, and their views agree with the tree; one random mutation
/// of each (a duplicate id, `:` or white space in an id, an empty name, a ragged or fourth
/// level, a scale of one, a bad framework id) is reported once, at its place. Fixed seeds in
/// `make test`; a failure prints its seed and `MLCF_SEED=N` replays it (`Generated.check`).
@Suite struct FrameworkPackPropertyTests {
    /// An item of a generated pack, kept as a tree so that a mutation can find its place.
    struct Node {
        var id: String
        var name: String
        var extras: [String: Any] = [:]
        var children: [Node] = []

        var json: [String: Any] {
            var object = extras
            object["id"] = id
            object["name"] = name
            if !children.isEmpty || extras["keepEmptyItems"] != nil { object["items"] = children.map(\.json) }
            object["keepEmptyItems"] = nil
            return object
        }
    }

    struct Pack {
        var id = "p"
        var title = "Pack"
        var scale: [String] = []
        var levels: [String]?
        var items: [Node] = []
        var depth = 1

        var json: [String: Any] {
            var object: [String: Any] = ["id": id, "title": title, "scale": scale, "items": items.map(\.json), "x-unknown": ["any": 1]]
            if let levels { object["levels"] = levels }
            return object
        }

        func data() throws -> Data { try JSONSerialization.data(withJSONObject: json) }

        /// Every item's index path and JSON place (`items[1].items[0]`), in document order.
        var places: [(path: [Int], location: String, node: Node)] {
            var result: [(path: [Int], location: String, node: Node)] = []
            func walk(_ nodes: [Node], _ path: [Int], _ location: String) {
                for (index, node) in nodes.enumerated() {
                    let place = location.isEmpty ? "items[\(index)]" : "\(location).items[\(index)]"
                    result.append((path + [index], place, node))
                    walk(node.children, path + [index], place)
                }
            }
            walk(items, [], "")
            return result
        }

        mutating func update(_ path: [Int], _ change: (inout Node) -> Void) {
            func go(_ nodes: inout [Node], _ rest: ArraySlice<Int>) {
                guard let first = rest.first else { return }
                if rest.count == 1 { change(&nodes[first]) } else { go(&nodes[first].children, rest.dropFirst()) }
            }
            go(&items, path[...])
        }
    }

    /// Ids that are valid but awkward; a prefix then a counter keeps them unique.
    static let idPrefixes = ["", "x", "1.", "é-", "李", "A_b/", "😀"]
    static let names = ["One", "Two words", "é", "李", "😀 emoji", "quote \" and \\ slash"]

    static func pack(_ choices: inout Choices) -> Pack {
        var pack = Pack()
        pack.depth = 1 + choices.next(3)
        pack.scale = (0..<(2 + choices.next(8))).map { "Level \($0) " + choices.text(3) }
        if choices.chance(2) { pack.levels = (0..<pack.depth).map { "level\($0)" } }
        var counter = 0
        func makeNode(_ level: Int) -> Node {
            counter += 1
            var item = Node(id: choices.pick(Self.idPrefixes) + "\(counter)", name: choices.pick(Self.names) + choices.text(3))
            if choices.chance(3) { item.extras["summary"] = choices.text(6) }
            if choices.chance(3) {
                item.extras["examples"] = Dictionary(
                    uniqueKeysWithValues: Stage.allCases.filter { _ in choices.chance(2) }.map { ($0.rawValue, choices.text(5)) })
            }
            if choices.chance(4) { item.extras["unknown-\(counter)"] = [1, 2] }
            if level < pack.depth {
                item.children = (0..<(1 + choices.next(4))).map { _ in makeNode(level + 1) }
            } else if choices.chance(4) {
                item.extras["keepEmptyItems"] = true  // `"items": []` is a leaf too
            }
            return item
        }
        pack.items = (0..<(1 + choices.next(5))).map { _ in makeNode(1) }
        return pack
    }

    /// The views agree with the tree: counts add up, each unit's group contains it, every id is found.
    static func expectConsistent(_ f: Framework, _ pack: Pack) {
        #expect(f.id == pack.id && f.depth == pack.depth)
        #expect(f.scale == pack.scale)
        #expect(f.ratingLevels == 0...pack.scale.count)
        #expect(f.levels == (pack.levels ?? Array(["domain", "element", "competence"].suffix(pack.depth == 1 ? 2 : 3).prefix(pack.depth))))
        let places = pack.places
        let groups = pack.depth == 1 ? [] : places.filter { $0.path.count == 1 }
        let units = places.filter { $0.path.count == min(2, pack.depth) }
        let leaves = pack.depth == 3 ? places.filter { $0.path.count == 3 } : []
        #expect(f.domains.count == (pack.depth == 1 ? 1 : groups.count))
        #expect(f.elements.map(\.id) == units.map(\.node.id))
        #expect(f.competences.map(\.id) == leaves.map(\.node.id))
        #expect(f.domains.map(\.elements.count).reduce(0, +) == f.elements.count)
        #expect(f.elements.map(\.competences.count).reduce(0, +) == f.competences.count)
        for group in groups {
            #expect(f.groupID(containing: group.node.id) == group.node.id && f.domain(group.node.id)?.name == group.node.name)
            #expect(!f.isLinkable(group.node.id) && f.unitID(containing: group.node.id) == nil)
        }
        for (position, element) in f.elements.enumerated() {
            #expect(f.unitID(containing: element.id) == element.id && f.position(ofElement: element.id) == position && f.isLinkable(element.id))
            guard let group = f.groupID(containing: element.id), let domain = f.domain(group) else {
                Issue.record("no group for \(element.id)")
                continue
            }
            #expect(domain.elements.contains(element))
        }
        for leaf in leaves {
            let unit = pack.places.first { $0.path == Array(leaf.path.dropLast()) }!.node.id
            #expect(f.unitID(containing: leaf.node.id) == unit && f.isCompetence(leaf.node.id) && f.competence(leaf.node.id)?.text == leaf.node.name)
        }
    }

    enum Mutation: CaseIterable { case duplicateID, colonOrSpaceInID, emptyName, ragged, fourthLevel, scaleOfOne, badFrameworkID }

    /// Applies `mutation` when the pack allows it: the place and words the problem must have.
    static func mutate(_ pack: inout Pack, _ mutation: Mutation, _ choices: inout Choices) -> (location: String, words: String)? {
        let places = pack.places
        let firstLeaf = places.first { $0.node.children.isEmpty }!
        switch mutation {
        case .duplicateID:
            guard places.count >= 2 else { return nil }
            let later = 1 + choices.next(places.count - 1)
            let earlier = choices.next(later)
            pack.update(places[later].path) { $0.id = places[earlier].node.id }
            return ("\(places[later].location).id", "is used twice (first at \(places[earlier].location))")
        case .colonOrSpaceInID:
            let place = choices.pick(places)
            pack.update(place.path) { $0.id += choices.pick([":", " ", "\t", "a:b", "\u{A0}", "\n"]) }
            return ("\(place.location).id", "is not a usable id")
        case .emptyName:
            let place = choices.pick(places)
            pack.update(place.path) { $0.name = choices.pick(["", " ", "\n\t"]) }
            return ("\(place.location).name", "is empty")
        case .ragged:
            // A leaf other than the first goes a level deeper, or an item off the first leaf's
            // path loses its children: either way one leaf is at another level than the first.
            let deeper = pack.depth < 3 ? places.filter { $0.node.children.isEmpty && $0.path != firstLeaf.path } : []
            let shallower = places.filter { !$0.node.children.isEmpty && !firstLeaf.path.starts(with: $0.path) }
            if !deeper.isEmpty && (shallower.isEmpty || choices.chance(2)) {
                let place = choices.pick(deeper)
                pack.update(place.path) { $0.children = [Node(id: "new-child", name: "New")] }
                return ("\(place.location).items[0]", "a leaf at level \(place.path.count + 1), but the first leaf")
            }
            guard !shallower.isEmpty else { return nil }
            let place = choices.pick(shallower)
            pack.update(place.path) { $0.children = [] }
            return (place.location, "a leaf at level \(place.path.count), but the first leaf")
        case .fourthLevel:
            let leaves = places.filter { $0.path.count == 3 }
            guard !leaves.isEmpty else { return nil }
            let place = choices.pick(leaves)
            pack.update(place.path) { $0.children = [Node(id: "fourth", name: "Too deep")] }
            return ("\(place.location).items", "a fourth level")
        case .scaleOfOne:
            pack.scale = [choices.pick(["Only", "x"])]
            return ("scale", "has 1 label")
        case .badFrameworkID:
            pack.id = choices.pick(["X", "a b", "a:b", "mlcf_2", "é", "-?", "a.b"])
            return ("id", "is not a framework id")
        }
    }

    @Test func validPacksLoadWithConsistentViews() async throws {
        await Generated.check(fixedSeed: 1401, count: 300, maxLength: 400) { bytes in
            var choices = Choices(bytes)
            let pack = Self.pack(&choices)
            let framework = try Framework(data: pack.data())
            Self.expectConsistent(framework, pack)
        }
    }

    @Test func eachSingleMutationIsReportedOnceAtItsPlace() async throws {
        let seen = Seen()
        await Generated.check(fixedSeed: 1402, count: 400, maxLength: 400) { bytes in
            var choices = Choices(bytes)
            var pack = Self.pack(&choices)
            let start = choices.next(Mutation.allCases.count)
            // The chosen mutation, or the next one this pack allows (a scale of one always does).
            var applied: (mutation: Mutation, location: String, words: String)?
            for offset in 0..<Mutation.allCases.count where applied == nil {
                let mutation = Mutation.allCases[(start + offset) % Mutation.allCases.count]
                if let expected = Self.mutate(&pack, mutation, &choices) { applied = (mutation, expected.location, expected.words) }
            }
            guard let applied else {
                Issue.record("no mutation applied")
                return
            }
            seen.add(applied.mutation)
            do {
                _ = try Framework(data: pack.data())
                Issue.record("\(applied.mutation) was accepted")
            } catch let error as FrameworkError {
                #expect(error.problems.count == 1, "\(applied.mutation): \(error.problems)")
                let prefix = "\(applied.location): "
                #expect(
                    error.problems.contains { $0.hasPrefix(prefix) && $0.contains(applied.words) },
                    "\(applied.mutation): expected “\(prefix)… \(applied.words)” in \(error.problems)")
            }
        }
        if ProcessInfo.processInfo.environment["MLCF_SEED"] == nil {
            #expect(seen.all == Set(Mutation.allCases), "mutations never tried: \(Set(Mutation.allCases).subtracting(seen.all))")
        }
    }

    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var mutations = Set<Mutation>()
        func add(_ mutation: Mutation) { lock.withLock { _ = mutations.insert(mutation) } }
        var all: Set<Mutation> { lock.withLock { mutations } }
    }
}
