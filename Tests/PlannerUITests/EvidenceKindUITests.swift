import Foundation
import PlannerCore
import Testing

@testable import PlannerUI

/// Issue 14: the planner's kinds come from the taxonomy it is given. A kind added in a test
/// taxonomy file is offered by the editor, shown in the list and filtered on, and an item of
/// a kind the taxonomy does not know keeps its kind through an edit.
@Suite struct EvidenceKindUITests {
    static func state(_ portfolio: Portfolio, taxonomy: Taxonomy, height: Int = 24) -> AppState {
        AppState(
            portfolio: portfolio, path: "/home/doctor/p.json", width: 100, height: height, today: fixedToday,
            validator: Validator(framework: .mlcf, catalog: Catalog(frameworks: Catalog.bundled.frameworks, taxonomy: taxonomy, rules: .bundled)))
    }

    static func kindField(_ state: AppState) -> FormField? { state.editor?.form.fields.first { $0.key == "kind" } }

    static func options(_ field: FormField?) -> [FormField.Option] {
        guard let field, case .choice(let options) = field.kind else { return [] }
        return options
    }

    @Test func anAddedKindIsOfferedSavedListedAndFiltered() throws {
        let extra = try extraKindTaxonomy()
        var state = Self.state(examplePortfolio("continuing-practice"), taxonomy: extra)
        state.press(.character("v"), .character("a"))
        let offered = Self.options(Self.kindField(state))
        #expect(offered.map(\.id) == extra.kinds.map(\.rawValue))
        #expect(offered.contains { $0.id == "simulation" && $0.label == "Simulation exercise (scenario and debrief)" })

        state.type("Sepsis simulation on the ward")
        state.press(.tab, .right, .right, .right)  // reflective note → CPD → quality improvement → simulation
        #expect(Self.kindField(state)?.value == "simulation")
        state.press(.tab, .tab)
        state.type("A simulated septic patient.")
        #expect(state.press(.ctrl("s")) == [.save])
        let saved = try #require(state.portfolio.evidence.last)
        #expect(saved.kind == simulationKind && saved.title == "Sepsis simulation on the ward")
        #expect(!state.report.findings.contains { $0.code == "structure.unknown-kind" })

        let screen = state.render().text
        let row = try #require(screen.split(separator: "\n").first { $0.contains("Sepsis simulation on the ward") })
        #expect(row.contains("simulation  "), "\(row)")

        // The kind picker lists the taxonomy's kinds by name, the added one among them.
        state.press(.character("K"))
        guard case .kindPicker(let picker)? = state.modal else { Issue.record("K opened no kind picker"); return }
        #expect(picker.rows.dropFirst().prefix(extra.kinds.count).map { $0.kind?.rawValue } == extra.kinds.map(\.rawValue))
        let position = try #require(picker.rows.firstIndex { $0.kind == simulationKind })
        for _ in 0..<position { state.press(.down) }
        state.press(.enter)
        #expect(state.list.kindFilter == simulationKind)
    }

    @Test func theBuiltInTaxonomyShowsAnUnknownKindByItsIdAndKeepsIt() throws {
        var portfolio = examplePortfolio("continuing-practice")
        portfolio.evidence[0].kind = simulationKind
        let title = portfolio.evidence[0].title
        var state = Self.state(portfolio, taxonomy: .bundled, height: 60)
        #expect(state.report.findings.contains { $0.code == "structure.unknown-kind" })
        state.press(.character("v"))
        let row = try #require(state.render().text.split(separator: "\n").first { $0.contains(title.prefix(20)) })
        #expect(row.contains("simulation"), "\(row)")
        // Editing and saving the item does not turn it into another kind.
        let index = try #require(state.list.visible.firstIndex(of: 0))
        state.list.selection = index
        state.press(.enter)
        #expect(Self.kindField(state)?.value == "simulation")
        #expect(Self.options(Self.kindField(state)).last?.label == "simulation (not a known kind)")
        state.press(.ctrl("s"))
        #expect(state.portfolio.evidence[0].kind == simulationKind)
    }

    @Test func complaintsAndComplimentsShareAShortLabelThatFitsBoth() {
        #expect(Taxonomy.bundled.shortLabel(of: .complaintCompliment) == "cmplt/cmplmt")
        for info in Taxonomy.bundled.evidenceKinds { #expect(DisplayWidth.of(info.shortLabel) <= Taxonomy.shortLabelLimit, "\(info.id)") }
    }

    /// Random taxonomies: whatever kinds a file gives, the editor offers each (in order, by
    /// its label) and the list shows each item's short label.
    @Test func anyTaxonomysKindsReachTheFormAndTheList() async throws {
        let base = try JSONSerialization.jsonObject(with: Data(contentsOf: repositoryRoot.appendingPathComponent("Resources/taxonomy.json"))) as! [String: Any]
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        await Generated.check(fixedSeed: 1402, count: 40, maxLength: 120) { bytes in
            var choices = Choices(bytes)
            var object = base
            let count = 1 + choices.next(10)
            object["evidenceKinds"] = (0..<count).map { index -> [String: Any] in
                let short = String((0..<(1 + choices.next(9))).map { _ in choices.pick(letters) })
                // The label starts with the short label (which the loader requires it to abbreviate) and its own digit.
                return ["id": "k\(index)", "label": "\(index)\(short) kind: " + choices.text(), "shortLabel": "\(index)" + short, "supportingInfo": [String]()]
            }
            let taxonomy = try Taxonomy(data: JSONSerialization.data(withJSONObject: object))
            var portfolio = examplePortfolio("continuing-practice")
            portfolio.evidence = taxonomy.kinds.enumerated().map { index, kind in
                Evidence(id: "ev-\(index)", title: "Item number \(index)", kind: kind, date: date("2026-01-\(10 + index)"))
            }
            var state = Self.state(portfolio, taxonomy: taxonomy, height: 40)
            state.press(.character("v"))
            let rows = state.render().text.split(separator: "\n")
            for (index, info) in taxonomy.evidenceKinds.enumerated() {
                let row = rows.first { $0.contains("Item number \(index) ") || $0.hasSuffix("Item number \(index)") }
                #expect(row?.contains(" " + info.shortLabel + " ") == true, "\(info.shortLabel) in \(row ?? "no row")")
            }
            state.press(.character("a"))
            #expect(Self.options(Self.kindField(state)).map(\.label) == taxonomy.evidenceKinds.map(\.label))
            #expect(Self.kindField(state)?.value == taxonomy.kinds.first?.rawValue)
        }
    }
}
