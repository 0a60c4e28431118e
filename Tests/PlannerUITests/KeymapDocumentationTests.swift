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

    /// Every binding of every mode (lists, forms, dialogs, pickers, searches) is a row.
    @Test func everyBindingOfEveryModeIsInTheTable() {
        let table = Keymap.markdownTable
        for mode in Mode.all {
            for binding in Keymap.bindings(in: mode, scale: 4) {
                #expect(table.contains("| \(binding.help) |"), "\(binding.label) in \(mode.name) is missing from the table")
            }
        }
    }

    /// The help overlay of every mode names every binding's keys (folded lines name them too).
    @Test func everyModesHelpNamesItsKeys() {
        for mode in Mode.all {
            let help = Keymap.helpLines(in: mode, scale: 4).map(\.key).joined(separator: " ")
            for binding in Keymap.bindings(in: mode, scale: 4) where !binding.anyOtherKey {
                let named = binding.label.split(separator: " ").contains { help.contains($0) }
                #expect(named, "the help of \(mode.name) does not name \(binding.label)")
            }
        }
    }

    /// The rating keys take their hint and help from the size of the scale.
    @Test func theRatingHintFollowsTheScale() {
        #expect(Keymap.hints(in: .walkthrough, scale: 4).contains("1-4 rate"))
        #expect(Keymap.hints(in: .walkthrough, scale: 7).contains("1-7 rate"))
        #expect(Keymap.command(for: .character("6"), in: .element, scale: 4) == .rate(6))
    }
}
