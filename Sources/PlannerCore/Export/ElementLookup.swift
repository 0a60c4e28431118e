/// Finds the framework element a link names ("4.3.b" or "4.3" → the position of 4.3) from
/// the link's bytes, without hashing: the export asks once per link of every item it
/// lists, thousands of times in a career's document.
struct ElementLookup {
    /// Position in `framework.elements` by domain and element number (rows of 16), for a
    /// framework whose domains are numbered; `nil` entries where there is no such element.
    private let table: [Int?]
    private let framework: Framework
    /// Each element's own id ("4.1") and its competences' ids, by position.
    let elementIDs: [String]
    private let competenceIDs: [[String]]

    init(_ framework: Framework) {
        self.framework = framework
        var table = [Int?](repeating: nil, count: 16 * 16)
        for (position, element) in framework.elements.enumerated() {
            if let (domain, number) = ElementLookup.numbers(element.id), domain < 16, number < 16, element.id == "\(domain).\(number)" {
                table[domain * 16 + number] = position
            }
        }
        self.table = table
        elementIDs = framework.elements.map(\.id)
        competenceIDs = framework.elements.map { $0.competences.map(\.id) }
    }

    /// The positions of the elements the links name (through a competence or as a whole),
    /// each once, in the order they first appear, handed to `body` one at a time without
    /// making an array (thousands of rows each name a few elements).
    func forEachPosition(of links: [String], _ body: (Int) -> Void) {
        var seen: UInt64 = 0, seenBeyond: [Int] = []
        for link in links {
            guard let position = position(ofLink: link) else { continue }
            if position < 64 {
                if seen & (1 << position) != 0 { continue }
                seen |= 1 << position
            } else {
                if seenBeyond.contains(position) { continue }
                seenBeyond.append(position)
            }
            body(position)
        }
    }

    /// Whether the link is the element at `position` itself (not one of its competences).
    func isElement(_ link: String, at position: Int) -> Bool { elementIDs[position] == link }

    /// Whether the link is one of the competences of the element at `position`.
    func isCompetence(_ link: String, at position: Int) -> Bool { competenceIDs[position].contains(link) }

    /// The position of the element the link names (through a competence or as a whole),
    /// or `nil` when it names none in the framework.
    func position(ofLink link: String) -> Int? {
        if let (domain, number) = ElementLookup.numbers(link), domain < 16, number < 16, let position = table[domain * 16 + number] {
            return position
        }
        return framework.position(ofElement: Framework.elementID(of: link))
    }

    /// "4.3" or "4.3.anything" → (4, 3), for canonical numbers only (no sign, no leading zero).
    private static func numbers(_ text: String) -> (Int, Int)? {
        var utf8 = text.utf8.makeIterator()
        func number(endingWith end: inout UInt8?) -> Int? {
            var value = 0, digits = 0
            while let byte = utf8.next() {
                guard byte >= 0x30 && byte <= 0x39 else { end = byte; break }
                if digits == 1 && value == 0 { return nil }
                value = value * 10 + Int(byte - 0x30)
                digits += 1
                if digits > 2 { return nil }
            }
            return digits == 0 ? nil : value
        }
        var end: UInt8? = nil
        guard let domain = number(endingWith: &end), end == 0x2E else { return nil }
        end = nil
        guard let element = number(endingWith: &end), end == nil || end == 0x2E else { return nil }
        return (domain, element)
    }
}
