/// A link from evidence, a goal or a rating to an item of a framework, as a portfolio holds
/// it: `mlcf:1.2.a`, `hlm:3`. The framework's id comes first so that one evidence item can
/// link to any number of frameworks and two frameworks may use the same item ids.
///
/// In memory every link is qualified. Only input may be bare: version-1 files and the
/// command line knew one framework, so a bare `1.2.a` still means that one.
public enum FrameworkLink {
    /// What a link without a framework means (format version 1 knew only the MLCF).
    public static let bareFramework = "mlcf"

    /// `1.2.a` → `mlcf:1.2.a`; a qualified link is returned as it is.
    public static func qualified(_ link: String) -> String {
        isQualified(link) ? link : make(framework: bareFramework, id: link)
    }

    /// `mlcf` + `1.2.a` → `mlcf:1.2.a`.
    public static func make(framework: String, id: String) -> String { framework + ":" + id }

    /// Whether the link names its framework. A byte scan: it runs on every link of a file as
    /// it loads, and allocates nothing.
    public static func isQualified(_ link: String) -> Bool { link.utf8.contains(0x3A) }

    /// `mlcf:1.2.a` → (`mlcf`, `1.2.a`); a bare link belongs to `bareFramework`.
    public static func split(_ link: String) -> (framework: Substring, id: Substring) {
        guard let colon = link.utf8.firstIndex(of: 0x3A) else { return (Substring(bareFramework), Substring(link)) }
        return (link[..<colon], link[link.utf8.index(after: colon)...])
    }

    /// The item id within its framework: `mlcf:1.2.a` → `1.2.a`.
    public static func localID(_ link: String) -> Substring { split(link).id }

    /// The framework a link names: `hlm:3` → `hlm`.
    public static func frameworkID(_ link: String) -> Substring { split(link).framework }

    /// How a link is shown to a person: the bare framework's items by their own ids, as
    /// doctors and appraisers know them (`1.2.a`), any other framework's with its prefix.
    public static func display(_ link: String) -> String {
        let (framework, id) = split(link)
        return framework == bareFramework ? String(id) : link
    }
}
