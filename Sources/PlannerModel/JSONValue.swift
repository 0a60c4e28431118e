import Foundation

/// Any JSON value, as read: what a record keeps of the keys it does not know (written by a
/// newer version, or by hand), so that a save writes them back with the same meaning.
/// Whole numbers within `Int64` stay exact and are always read as `.int` (`2.0` is the
/// number 2); other numbers are `.double`.
public enum JSONValue: Hashable, Sendable, Codable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let value = try? c.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? c.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? c.decode(Double.self) {
            // A whole number written with a point or exponent is the same number: one form.
            if let whole = Int64(exactly: value) { self = .int(whole) } else { self = .double(value) }
        } else if let value = try? c.decode(String.self) {
            self = .string(value)
        } else if let value = try? c.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let value): try c.encode(value)
        case .int(let value): try c.encode(value)
        case .double(let value): try c.encode(value)
        case .string(let value): try c.encode(value)
        case .array(let value): try c.encode(value)
        case .object(let value): try c.encode(value)
        }
    }
}

/// A key given by name: the keys of a record that are not its own.
struct AnyKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

extension Decoder {
    /// The members of the object being decoded whose keys are not among `Keys`.
    func unknownFields<Keys: CodingKey & CaseIterable>(besides _: Keys.Type) throws -> [String: JSONValue] {
        let c = try container(keyedBy: AnyKey.self)
        let known = Set(Keys.allCases.map(\.stringValue))
        var fields: [String: JSONValue] = [:]
        for key in c.allKeys where !known.contains(key.stringValue) {
            fields[key.stringValue] = try c.decode(JSONValue.self, forKey: key)
        }
        return fields
    }
}

extension Encoder {
    /// Writes a record's unknown fields back beside its own (the encoder sorts all keys).
    func encodeUnknownFields(_ fields: [String: JSONValue]) throws {
        guard !fields.isEmpty else { return }
        var c = container(keyedBy: AnyKey.self)
        for (key, value) in fields { try c.encode(value, forKey: AnyKey(key)) }
    }
}

extension Portfolio {
    /// Where each field this version does not know sits, as `evidence[3].mood`, in the
    /// order of the file's (sorted) keys.
    /// Asked after every change in the planner, so an item with nothing unknown costs only the
    /// look at its empty fields: no copy of the item, no place name made.
    public var unknownFieldPlaces: [String] {
        var places: [String] = []
        func add(_ fields: [String: JSONValue], _ prefix: @autoclosure () -> String) {
            guard !fields.isEmpty else { return }
            let prefix = prefix()
            for key in fields.keys.sorted() { places.append(prefix.isEmpty ? key : prefix + "." + key) }
        }
        func goals(_ list: [Goal], _ prefix: String) {
            for (index, goal) in list.enumerated() { add(goal.unknownFields, "\(prefix)[\(index)]") }
        }
        func ratings(_ map: [String: Rating], _ prefix: String) {
            for id in map.keys.sorted() { add(map[id]!.unknownFields, "\(prefix).\(id)") }
        }
        add(unknownFields, "")
        add(profile.unknownFields, "profile")
        for (index, entry) in profile.scopeOfWork.enumerated() { add(entry.unknownFields, "profile.scopeOfWork[\(index)]") }
        for type in profile.declaredNone.keys.sorted() { add(profile.declaredNone[type]!.unknownFields, "profile.declaredNone.\(type)") }
        for index in evidence.indices {
            add(evidence[index].unknownFields, "evidence[\(index)]")
            add(evidence[index].reflection.unknownFields, "evidence[\(index)].reflection")
            if let fields = evidence[index].confirmation?.unknownFields { add(fields, "evidence[\(index)].confirmation") }
        }
        ratings(self.ratings, "ratings")
        goals(pdp, "pdp")
        goals(previousPdp, "previousPdp")
        for (index, past) in history.enumerated() {
            add(past.unknownFields, "history[\(index)]")
            ratings(past.ratings, "history[\(index)].ratings")
            goals(past.pdp, "history[\(index)].pdp")
        }
        if let walkthrough { add(walkthrough.unknownFields, "walkthrough") }
        return places
    }
}
