import PlannerCore

/// The profile's dates the doctor works to and who oversees their revalidation, as form
/// fields: built from the rows of the profile's schema table in its working-dates group, so
/// a row added there appears on the form, named as the format page names it, with no code here.
extension AppState {
    static func workingDateFields(_ p: Profile) -> [FormField] {
        Profile.schema.formFields(.workingDates).map { field, access in
            let kind: FormField.Kind = field.type == .optional(.date) ? .date(required: false) : .text
            return FormField(field.key, capitalised(field.label), kind, value: access.text(p))
        }
    }

    /// Reads the fields back into the profile; a value that is not one of its row's type (a
    /// date that is not a real one) is refused, naming the field. Dates may lie in the
    /// future: they are plans, not records.
    static func applyWorkingDates(_ values: [String: String], to p: inout Profile) -> FormError? {
        var edited = p
        for (field, access) in Profile.schema.formFields(.workingDates) {
            let text = values[field.key, default: ""].trimmingCharacters(in: .whitespacesAndNewlines)
            guard access.set(&edited, text) else {
                return FormError(field: field.key, message: "\(capitalised(field.label)): \(access.expected).")
            }
        }
        p = edited
        return nil
    }

    private static func capitalised(_ label: String) -> String { label.prefix(1).uppercased() + label.dropFirst() }
}
