import PlannerCore
import Testing

@testable import PlannerUI

/// Issue 15: the profile form's working dates are built from the profile's schema rows, so
/// a row added to the group appears on the form without UI code.
@Suite struct ProfileDatesFieldsTests {
    @Test func theFormShowsEveryRowOfTheGroupInTableOrderWithItsLabelAndKind() {
        var profile = examplePortfolio("continuing-practice").profile
        profile.revalidationDate = date("2027-06-30")
        profile.designatedBody = "NHS England"
        let fields = AppState.workingDateFields(profile)
        let rows = Profile.schema.fields.filter { $0.form?.group == .workingDates }
        #expect(fields.map(\.key) == rows.map(\.key))
        #expect(fields.map(\.key) == ["appraisalDate", "revalidationDate", "designatedBody", "responsibleOfficer"])
        #expect(fields.map(\.label) == ["Appraisal date", "Revalidation date", "Designated body", "Responsible officer"])
        #expect(fields[1].kind == .date(required: false) && fields[2].kind == .text)
        #expect(fields[1].buffer.text == "2027-06-30" && fields[2].buffer.text == "NHS England" && fields[3].buffer.text.isEmpty)
        // The due dates read the same rows.
        #expect(Profile.workingDateFields == ["appraisalDate", "revalidationDate"])
        #expect(profile.workingDate("revalidationDate") == date("2027-06-30") && profile.workingDate("designatedBody") == nil)
    }

    @Test func valuesAreReadBackTrimmedAndEmptyClearsThem() {
        var profile = examplePortfolio("continuing-practice").profile
        profile.responsibleOfficer = "Dr Old"
        let values = ["appraisalDate": " 2026-03-01 ", "revalidationDate": "", "designatedBody": " Body ", "responsibleOfficer": "  "]
        #expect(AppState.applyWorkingDates(values, to: &profile) == nil)
        #expect(profile.appraisalDate == date("2026-03-01") && profile.revalidationDate == nil)
        #expect(profile.designatedBody == "Body" && profile.responsibleOfficer == nil)
    }

    @Test func aDateThatIsNotRealIsRefusedNamingTheFieldAndChangesNothing() {
        var profile = examplePortfolio("continuing-practice").profile
        let before = profile
        let values = ["appraisalDate": "2026-03-01", "revalidationDate": "2027-02-30", "designatedBody": "Body"]
        let error = AppState.applyWorkingDates(values, to: &profile)
        #expect(error?.field == "revalidationDate")
        #expect(error?.message == "Revalidation date: not a real date (YYYY-MM-DD).")
        #expect(profile == before)
    }
}
