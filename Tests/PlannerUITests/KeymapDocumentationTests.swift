import Foundation
import TestSupport
import Testing

@testable import PlannerUI

/// The README's key table is the keymap's own (`Keymap.markdownTable`): the help overlay, the
/// hint bar and the README then cannot drift apart. A failure prints the table to paste.
@Suite struct KeymapDocumentationTests {
    @Test func theReadmesKeyTableIsTheKeymap() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let table = Keymap.markdownTable
        #expect(readme.contains(table), "README.md's key table differs from the keymap. Replace it with:\n\n\(table)")
    }

    /// Every key the table names does what it says on at least one screen it names.
    @Test func everyListScreenBindingIsInTheTable() {
        let table = Keymap.markdownTable
        for route in [Route.dashboard, .walkthrough, .framework, .element("1.1"), .evidenceList, .pdp, .readiness] {
            for binding in Keymap.screen(route) + Keymap.global {
                #expect(table.contains(binding.help), "\(binding.label) on \(route.title) is missing from the table")
            }
        }
    }
}
