/// A framework's side of `FrameworkLink`: its items are shown by their own ids (`1.2`), and
/// portfolios link to them by qualified links (`mlcf:1.2`). These are the only two forms, and
/// this is where one becomes the other.
extension Framework {
    /// The link a portfolio holds for one of this framework's items: `1.2` → `mlcf:1.2`.
    public func link(_ itemID: String) -> String { FrameworkLink.make(framework: id, id: itemID) }

    /// The item id a link names in this framework, or nil when it names another framework.
    /// A bare link names `FrameworkLink.bareFramework`.
    public func itemID(ofLink link: String) -> String? {
        let (framework, item) = FrameworkLink.split(link)
        return framework == id ? String(item) : nil
    }

    /// Whether evidence or a goal may link here: a link to one of this framework's units or leaves.
    public func acceptsLink(_ link: String) -> Bool {
        // Most links are written in full (`mlcf:1.2.a`); only a bare one needs splitting.
        unitOfLink[link] != nil || (!FrameworkLink.isQualified(link) && (itemID(ofLink: link).map { isLinkable($0) } ?? false))
    }
}
