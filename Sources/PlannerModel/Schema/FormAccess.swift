/// How a form reads and writes a schema row as the text it shows, so a form can be built
/// from the table: a row added to a group appears on its form with no UI code.
public struct FormAccess<Record: Sendable>: Sendable {
    /// The form a row belongs on.
    public enum Group: Sendable, Equatable {
        /// The profile's dates the doctor works to and who oversees their revalidation.
        case workingDates
    }

    public let group: Group
    /// The value as the form shows it ("" when there is none).
    public let text: @Sendable (Record) -> String
    /// Sets the value from trimmed text ("" clears it); false when the text is not a value
    /// of the row's type (the record is then unchanged).
    public let set: @Sendable (inout Record, String) -> Bool
    /// What a value must look like, for the message when `set` refuses one ("" when anything goes).
    public let expected: String
}

/// A value a form edits as one line of text.
protocol FormTextValue {
    init?(formText: String)
    var formText: String { get }
    /// What the text must look like, for the message when it is not a value.
    static var expectedText: String { get }
}

extension CalendarDate: FormTextValue {
    init?(formText: String) { self.init(formText) }
    var formText: String { description }
    static var expectedText: String { "not a real date (YYYY-MM-DD)" }
}

extension String: FormTextValue {
    init?(formText: String) { self = formText }
    var formText: String { self }
    static var expectedText: String { "" }
}

extension SchemaField {
    /// An optional field the doctor edits on the group's form.
    static func optional<Value: SchemaValue & FormTextValue>(
        _ key: String, _ path: WritableKeyPath<Record, Value?> & Sendable, _ label: String, form group: FormAccess<Record>.Group
    ) -> SchemaField {
        let plain = optional(key, path, label)
        let access = FormAccess<Record>(
            group: group, text: { $0[keyPath: path]?.formText ?? "" },
            set: { record, text in
                if text.isEmpty {
                    record[keyPath: path] = nil
                    return true
                }
                guard let value = Value(formText: text) else { return false }
                record[keyPath: path] = value
                return true
            }, expected: Value.expectedText)
        return SchemaField(
            key: key, label: label, type: plain.type, presence: plain.presence, isPresent: plain.isPresent, write: plain.write,
            read: plain.read, form: access)
    }
}

extension RecordSchema {
    /// The rows on a group's form, in table order.
    public func formFields(_ group: FormAccess<Record>.Group) -> [(field: SchemaField<Record>, access: FormAccess<Record>)] {
        fields.compactMap { field in field.form.flatMap { $0.group == group ? (field, $0) : nil } }
    }
}
