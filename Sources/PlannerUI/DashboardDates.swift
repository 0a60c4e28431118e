import PlannerCore

/// The dashboard's block about the doctor's year: CPD credits against the guidance and the
/// next date they work to, with what is due before it.
extension AppState {
    /// The block's lines, most important first: the CPD figures (for a stage the guidance is
    /// for), then what is due next, then which CPD cycle is counted. Empty when none applies.
    var dashboardDateLines: [String] {
        var lines: [String] = []
        let cpd = CPDFigures.shown(for: portfolio, taxonomy: taxonomy)
        if let cpd { lines.append("CPD: " + cpd.headline) }
        if let due = DueDates.next(portfolio.profile, taxonomy: taxonomy, today: today) {
            lines.append("Due: " + due.text)
        } else if cpd != nil, !taxonomy.dueDateKinds.isEmpty {
            lines.append("Due: set your " + taxonomy.dueDateKinds.map(\.label).joined(separator: " and ") + " dates in your profile")
        }
        if let cpd { lines.append("     " + cpd.cycleText) }
        return lines
    }

    /// Draws as many of the block's lines as leave `reserved` rows below it (the menu stays
    /// whole at 80×24); returns the next free row.
    func drawDateLines(_ screen: inout Screen, row: Int, bottom: Int, reserved: Int) -> Int {
        var row = row
        for line in dashboardDateLines where row + reserved < bottom {
            screen.put(line, x: 1, y: row, maxWidth: screen.width - 2)
            row += 1
        }
        return row
    }
}
