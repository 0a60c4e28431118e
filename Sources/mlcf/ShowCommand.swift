import ArgumentParser
import Foundation
import PlannerCore

/// `mlcf show --diff FILE`: the portfolio one line per field, for git's textconv (set by
/// `mlcf git-setup`), so `git diff` reads "evidence ev-0012 “Led the M&M” › title: …".
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a portfolio one line per field, each naming its item (what git diff compares; see git-setup).",
        discussion: "Exit status: 0 printed, 2 the portfolio could not be read.")

    @Argument(help: "The portfolio file.") var path: String
    @Flag(help: "One line per field, for git's textconv (the only form today).") var diff = false

    func run() throws {
        let portfolio = try CLI.load(path)
        FileHandle.standardOutput.write(Data((PortfolioLines.lines(portfolio).joined(separator: "\n") + "\n").utf8))
    }
}
