import Foundation
import PlannerCore
import TestSupport
import Testing

@testable import PlannerModel

/// `PastPeriod.perPeriodFields`, the one table of what a period archives: every row goes into
/// the archive, starts afresh in the new period, and comes back when the year is viewed.
@Suite struct PerPeriodFieldTests {
    /// A profile whose every per-period field holds something, drawn from the case's bytes.
    static func filled(_ choices: inout Choices) -> Portfolio {
        var portfolio = readyContinuingPortfolio()
        for text in PastPeriod.perPeriodTexts { portfolio.profile[keyPath: text.profile] = "Year's text " + choices.text(20) }
        portfolio.profile.appraisalDate = portfolio.profile.periodEnd.adding(days: -choices.next(60))
        for type in ["significant-events", "complaints-compliments"] where choices.chance(2) || portfolio.profile.declaredNone.isEmpty {
            portfolio.profile.declaredNone[type] = NoneDeclaration(note: choices.text(15))
        }
        portfolio.profile.exported = ExportedDocument(file: "year-appraisal-\(choices.next(100)).md", date: choices.date(), bytes: choices.next(90_000))
        return portfolio
    }

    @Test func everyRowRoundTripsThroughTheArchiveAndStartsAfresh() async {
        await Generated.check(fixedSeed: 1604, count: 40, maxLength: 120) { bytes in
            var choices = Choices(bytes)
            let before = Self.filled(&choices)
            var after = before
            try after.startNewPeriod(today: before.profile.periodEnd)
            let viewed = after.asArchived(after.history.count - 1)
            var fresh = before.profile
            for field in PastPeriod.perPeriodFields {
                #expect(field.same(viewed.profile, before.profile), "\(field.key) did not come back from the archive")
                field.reset(&fresh)
                #expect(field.same(after.profile, fresh), "\(field.key) was not started afresh in the new period")
                #expect(!field.same(after.profile, before.profile), "\(field.key) kept last year's value in the new period")
            }
            // Nothing outside the table is lost either: the year seen again is the profile as it was.
            #expect(viewed.profile == before.profile)
        }
    }

    @Test func theTableHasEachFieldOnce() {
        let keys = PastPeriod.perPeriodFields.map(\.key)
        #expect(Set(keys).count == keys.count)
        #expect(Set(keys).isSuperset(of: ["probityStatement", "appraisalDate", "declaredNone", "exported"]))
    }
}
