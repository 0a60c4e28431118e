import PlannerCore

/// The profile's dates the doctor works to and who oversees their revalidation, as form
/// fields: named by the profile's schema table, so the form, the format page and the view
/// say the same.
extension AppState {
    /// The keys, in the order the schema table lists them.
    static let workingDateKeys = ["appraisalDate", "revalidationDate", "designatedBody", "responsibleOfficer"]

    static func workingDateFields(_ p: Profile) -> [FormField] {
        workingDateKeys.map { key in
            let label = Profile.schema.field(key).map { $0.label.prefix(1).uppercased() + $0.label.dropFirst() } ?? key
            switch key {
            case "appraisalDate": return FormField(key, label, .date(required: false), value: p.appraisalDate?.description ?? "")
            case "revalidationDate": return FormField(key, label, .date(required: false), value: p.revalidationDate?.description ?? "")
            case "designatedBody": return FormField(key, label, .text, value: p.designatedBody ?? "")
            default: return FormField(key, label, .text, value: p.responsibleOfficer ?? "")
            }
        }
    }

    /// Reads the fields back into the profile; a date that is not a real one is refused.
    /// Both dates may lie in the future: they are plans, not records.
    static func applyWorkingDates(_ values: [String: String], to p: inout Profile) -> FormError? {
        let trim = { (key: String) in values[key, default: ""].trimmingCharacters(in: .whitespacesAndNewlines) }
        var dates: [String: CalendarDate] = [:]
        for key in Profile.workingDateFields where !trim(key).isEmpty {
            guard let date = CalendarDate(trim(key)) else {
                let label = Profile.schema.field(key)?.label ?? key
                return FormError(field: key, message: "\(label.prefix(1).uppercased() + label.dropFirst()): not a real date (YYYY-MM-DD).")
            }
            dates[key] = date
        }
        p.appraisalDate = dates["appraisalDate"]
        p.revalidationDate = dates["revalidationDate"]
        p.designatedBody = trim("designatedBody").isEmpty ? nil : trim("designatedBody")
        p.responsibleOfficer = trim("responsibleOfficer").isEmpty ? nil : trim("responsibleOfficer")
        return nil
    }
}
