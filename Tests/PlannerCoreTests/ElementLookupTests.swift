import Testing
@testable import PlannerCore

/// The exporter's byte-level element lookup must agree with the framework's own
/// definition (`Framework.elementID(of:)`, then the element index) on every link.
@Suite struct ElementLookupTests {
    static let links: [String] = {
        var links = Framework.mlcf.elements.map(\.id) + Framework.mlcf.competences.map(\.id)
        links += ["", ".", "1", "1.", "1.2.", "1.2.z", "1.2.a.b", "01.2", "1.02", "1.0", "0.1", "6.1", "1.5", "12.3", "99.99.a",
                  "1.2x", "x1.2", "-1.2", "+1.2", "1 .2", "1.2 ", "１.２", "1.2\u{301}", "4.3.b", "5.4.d", "5.4.e", "10.1"]
        return links
    }()

    @Test(arguments: ["mlcf", "senior leaders"])
    func agreesWithTheFramework(_ name: String) {
        let framework: Framework = name == "mlcf" ? .mlcf : .seniorLeaders
        let lookup = ElementLookup(framework)
        for link in Self.links + framework.elements.map(\.id) + framework.competences.map(\.id) {
            #expect(lookup.position(ofLink: link) == framework.position(ofElement: Framework.elementID(of: link)), "\(link.debugDescription)")
            if let position = lookup.position(ofLink: link) {
                #expect(lookup.isElement(link, at: position) == framework.isElement(link), "\(link.debugDescription)")
                #expect(lookup.isCompetence(link, at: position) == framework.isCompetence(link), "\(link.debugDescription)")
            }
        }
    }

    @Test func positionsAreEachElementOnceInLinkOrder() {
        let lookup = ElementLookup(.mlcf)
        var positions: [Int] = []
        lookup.forEachPosition(of: ["4.3.b", "1.2", "4.3", "9.9", "1.2.a", "2.1.c"]) { positions.append($0) }
        #expect(positions.map { Framework.mlcf.elements[$0].id } == ["4.3", "1.2", "2.1"])
    }

    @Test func kindOrdinalIsThePositionInAllCases() {
        for (position, kind) in EvidenceKind.allCases.enumerated() { #expect(kind.ordinal == position, "\(kind)") }
    }
}
