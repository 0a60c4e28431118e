import Foundation
import PlannerCore
import Testing

@testable import PlannerModel
@testable import PlannerStorage

/// Issue 18's quick read of BASE OURS THEIRS (`MergeCopies`): the evidence items all three
/// files hold byte for byte are set aside before BASE and THEIRS are decoded. Generated: the
/// three copies of `MergePropertyTests` are written in mixed layouts (each item in one of two
/// spellings, the list first, between or last, an item repeated, a nested `evidence` key),
/// and the merge read this way must be the merge of the copies read whole. Fixed seeds in
/// `make test`; a failure prints its seed, and `MLCF_SEED=N` replays it.
@Suite struct MergeCopiesTests {
    /// A portfolio's file, spelled as `choices` says: each item in the saver's pretty layout
    /// or on one line, and the list at a chosen place among the other keys.
    static func bytes(of portfolio: Portfolio, _ choices: inout Choices) throws -> Data {
        guard case .object(var members) = PortfolioMerge.tree(portfolio), case .array(let items)? = members["evidence"] else {
            Issue.record("a portfolio's tree has no evidence list")
            return Data()
        }
        members["evidence"] = nil
        let pretty = JSONEncoder()
        pretty.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let mostlyPretty = choices.chance(2)
        var list: [String] = []
        for (index, item) in items.enumerated() {
            list.append(
                choices.chance(mostlyPretty ? 6 : 2)
                    ? item.canonicalText : String(decoding: try pretty.encode(portfolio.evidence[index]), as: UTF8.self))
        }
        var parts = members.keys.sorted().map { JSONValue.string($0).canonicalText + ":" + members[$0]!.canonicalText }
        parts.insert("\"evidence\" : [\n" + list.joined(separator: ",\n") + "\n]", at: choices.next(parts.count + 1))
        return Data(("{" + parts.joined(separator: ",\n") + "}\n").utf8)
    }

    struct Files {
        let folder = TempFolder()
        var urls: [URL] { ["base", "ours", "theirs"].map { folder.file($0 + ".json") } }

        init(_ c: MergePropertyTests.Case, _ choices: inout Choices) throws {
            var copies = [c.base, c.ours, c.theirs]
            // Now and then a copy repeats an item: as it is, or edited under the same id.
            if choices.chance(6), let item = copies[2].evidence.first {
                var again = item
                if choices.chance(2) { again.title += " again" }
                copies[2].evidence.append(again)
            }
            // An edit that keeps the item's length (a date): only its bytes tell it apart.
            for index in [1, 2] where choices.chance(2) && !copies[index].evidence.isEmpty {
                copies[index].evidence[choices.next(copies[index].evidence.count)].date = choices.date()
            }
            // An item whose unknown field is itself called `evidence`: only the document's list counts.
            if choices.chance(4), !copies[0].evidence.isEmpty {
                for index in copies.indices where !copies[index].evidence.isEmpty {
                    copies[index].evidence[0].unknownFields["evidence"] = .array([.string("]\"},{")])
                }
            }
            for (copy, url) in zip(copies, urls) { try MergeCopiesTests.bytes(of: copy, &choices).write(to: url) }
        }
    }

    @Test func readingWithItemsSetAsideMergesAsReadingWhole() async {
        await Generated.check(fixedSeed: 1806, count: 250, maxLength: 900) { bytes in
            var choices = Choices(Array(bytes.reversed()))
            let files = try Files(MergePropertyTests.Case(bytes), &choices)
            let urls = files.urls
            let whole = urls.map { try? PortfolioStore.load(from: $0) }
            guard let base = whole[0], let ours = whole[1], let theirs = whole[2] else {
                Issue.record("a generated copy did not read back")
                return
            }
            let expected = try PortfolioMerge.merge(base: base, ours: ours, theirs: theirs)
            let read = try MergeCopies.read(base: urls[0], ours: urls[1], theirs: urls[2])
            let merged = try read.merge()
            #expect(merged.portfolio == expected.portfolio)
            #expect(merged.newConflicts == expected.newConflicts)
            #expect(read.ours == ours)
            // The stamp is of the very bytes of OURS, with its history: a save into OURS relies on it.
            let stamp = try PortfolioStore.loadStamped(from: urls[1]).stamp
            #expect(read.stamp == stamp)
            #expect(read.stamp.history == stamp.history)
        }
    }

    /// Copies that share most items set most of them aside (the point of it): at least the
    /// items no side touched, when the files are saved as the planner saves them.
    @Test func savedCopiesSetAsideTheItemsNoSideTouched() throws {
        let folder = TempFolder()
        var base = try example("continuing-practice")
        base.evidence += (0..<200).map { n in
            var item = base.evidence[n % base.evidence.count]
            item.id = "bulk-\(n)"
            return item
        }
        var ours = base, theirs = base
        ours.evidence[3].title += " (ours)"
        theirs.evidence[7].title += " (theirs)"
        // As long as before: only the bytes tell it apart.
        theirs.evidence[11].date = CalendarDate(year: 1999, month: 9, day: 9)!
        theirs.evidence.remove(at: 50)
        ours.evidence.append(theirs.evidence[9])
        ours.evidence[ours.evidence.count - 1].id = "new-ours"
        let urls = ["base", "ours", "theirs"].map { folder.file($0 + ".json") }
        for (copy, url) in zip([base, ours, theirs], urls) { try PortfolioStore.encode(copy).write(to: url) }
        let read = try MergeCopies.read(base: urls[0], ours: urls[1], theirs: urls[2])
        let setAside = try #require(read.setAside)
        let count = setAside.ours.filter { if case .setAside = $0 { true } else { false } }.count
        // Every item but the three edited, the one deleted and the one added.
        #expect(count == base.evidence.count - 4)
        #expect(read.base.evidence.count == 4)
        let merged = try read.merge().portfolio
        #expect(merged == (try PortfolioMerge.merge(base: base, ours: ours, theirs: theirs)).portfolio)
        #expect(merged.evidence.count == base.evidence.count)
    }

    /// Whatever is wrong with the copies, the error is that of the first in BASE, OURS,
    /// THEIRS order that cannot be read, as reading it alone words it (its place in the real
    /// file, not in the slim one).
    @Test func theFirstUnreadableCopyIsNamedAsReadingItAloneWouldName() async {
        await Generated.check(fixedSeed: 1807, count: 120, maxLength: 600) { bytes in
            var choices = Choices(bytes)
            let base = choices.portfolio()
            let folder = TempFolder()
            let urls = ["base", "ours", "theirs"].map { folder.file($0 + ".json") }
            var broken = [false, false, false]
            for (index, url) in urls.enumerated() {
                var copy = base
                if choices.chance(3), !copy.evidence.isEmpty {
                    copy.evidence[choices.next(copy.evidence.count)].title += "x"
                }
                var text = String(decoding: try PortfolioStore.encode(copy), as: UTF8.self)
                switch choices.next(7) {
                case 0:
                    broken[index] = true
                    // A broken item: one no other copy holds, so it is decoded in the slim copy.
                    if let range = text.range(of: "\"kind\" : ") { text.replaceSubrange(range, with: "\"kind\" : 12, \"x\" : ") } else { text += "}" }
                case 1:
                    broken[index] = true
                    text.removeLast(choices.next(min(40, text.count)) + 2)
                case 2:
                    broken[index] = true
                    text = ""
                default: break
                }
                try Data(text.utf8).write(to: url)
            }
            if choices.chance(5) {
                let index = choices.next(3)
                try FileManager.default.removeItem(at: urls[index])
                broken[index] = true
            }
            guard let first = broken.firstIndex(of: true) else {
                _ = try MergeCopies.read(base: urls[0], ours: urls[1], theirs: urls[2])
                return
            }
            var alone = ""
            do { _ = try PortfolioStore.load(from: urls[first]) } catch { alone = "\(error)" }
            var together = ""
            do { _ = try MergeCopies.read(base: urls[0], ours: urls[1], theirs: urls[2]) } catch { together = "\(error)" }
            #expect(!alone.isEmpty)
            #expect(together == alone)
        }
    }

    /// The list's items are found exactly, whatever their strings hold, and any layout the
    /// scan does not expect is refused (the copies are then read whole).
    @Test func theListsItemsAreFoundExactlyAndOddLayoutsRefused() async throws {
        await Generated.check(fixedSeed: 1808, count: 300, maxLength: 400) { bytes in
            var choices = Choices(bytes)
            let items = (0..<choices.next(5)).map { _ in choices.jsonValue(depth: 3) }
            var other: [String: JSONValue] = [:]
            for _ in 0..<choices.next(3) { other["k" + choices.text(3)] = choices.jsonValue() }
            var parts = other.keys.sorted().map { JSONValue.string($0).canonicalText + " : " + other[$0]!.canonicalText }
            parts.insert("\"evidence\":[ " + items.map(\.canonicalText).joined(separator: " ,\n ") + " ]", at: choices.next(parts.count + 1))
            let data = Data(("\n{ " + parts.joined(separator: ", ") + " }\n").utf8)
            let found = try #require(data.withUnsafeBytes { EvidenceListBytes.find(in: $0) })
            #expect(found.items.count == items.count)
            for (range, item) in zip(found.items, items) { #expect(try JSONDecoder().decode(JSONValue.self, from: data.subdata(in: range)) == item) }
            // Without the items, the document is the same but for its list.
            let dropped = Set((0..<items.count).filter { _ in choices.chance(2) })
            let slim = data.withUnsafeBytes { found.bytes(of: $0, dropping: dropped) }
            var expected = other
            expected["evidence"] = .array(items.enumerated().filter { !dropped.contains($0.offset) }.map(\.element))
            #expect(try JSONDecoder().decode(JSONValue.self, from: slim) == .object(expected))
        }
        for odd in [
            #"{"evid\u0065nce":[]}"#, #"{"evidence":[],"evidence":[]}"#, #"{"evidence":[1,2]} x"#, #"[{"evidence":[]}]"#,
            #"{"profile":{"evidence":[1]}}"#, #"{"evidence":[1,]}"#, #"{"evidence":[1 2]}"#, #"{"evidence":["#, "",
        ] {
            #expect(Data(odd.utf8).withUnsafeBytes { EvidenceListBytes.find(in: $0) } == nil, "\(odd)")
        }
    }
}
