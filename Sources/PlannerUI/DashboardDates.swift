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

    /// Draws the block in the rows that leave `reserved` below it (the menu stays whole at
    /// 80×24): all of it when it fits, else its first lines; with room for one line only,
    /// the period's credits and what is due share it. Returns the next free row.
    func drawDateLines(_ screen: inout Screen, row: Int, bottom: Int, reserved: Int) -> Int {
        let room = max(0, bottom - reserved - row)
        var lines = dashboardDateLines
        if room == 1, lines.count > 1, let cpd = CPDFigures.shown(for: portfolio, taxonomy: taxonomy),
            let due = DueDates.next(portfolio.profile, taxonomy: taxonomy, today: today)
        {
            lines = [cpd.statusText + " · " + due.text]
        }
        var row = row
        for line in lines.prefix(room) {
            screen.put(line, x: 1, y: row, maxWidth: screen.width - 2)
            row += 1
        }
        return row
    }
}
