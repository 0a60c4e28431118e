import Foundation
import PlannerCore
import Testing

/// The planner on a full disk: the save fails with a clear message, the edit stays on
/// screen and in memory, the file on disk is untouched, and Ctrl-S saves once there is room.
@Suite(.serialized) struct DiskFullTests {
    @Test func saveOnAFullDiskKeepsTheEditAndSavesLater() throws {
        guard getuid() == 0 else {
            print("skipped: mounting a small tmpfs needs root")
            return
        }
        let tmux = TmuxSession(name: "full")
        let mountPoint = tmux.home.appendingPathComponent("small")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        guard (try? TmuxSession.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint.path], capture: false)) != nil,
            (try? TmuxSession.run(["mountpoint", "-q", mountPoint.path], capture: false)) != nil,
            FileManager.default.isWritableFile(atPath: mountPoint.path),
            (try? String(contentsOfFile: "/proc/mounts", encoding: .utf8))?.contains(mountPoint.path) == true
        else {
            print("skipped: this machine does not allow mounting a tmpfs here")
            return
        }
        defer { _ = try? TmuxSession.run(["umount", "-l", mountPoint.path], capture: false) }
        let file = mountPoint.appendingPathComponent("p.json")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Resources/examples/postgraduate.json"), to: file)
        let before = try Data(contentsOf: file)
        let element = try #require(try PortfolioStore.load(from: file).walkthrough?.currentElement)
        // Fill the rest of the disk.
        let filler = mountPoint.appendingPathComponent("filler")
        _ = FileManager.default.createFile(atPath: filler.path, contents: nil)
        let handle = try FileHandle(forWritingTo: filler)
        let chunk = Data(repeating: 0x41, count: 4096)
        while (try? handle.write(contentsOf: chunk)) != nil {}
        try? handle.close()

        try tmux.start("'\(file.path)'")
        tmux.waitFor("Dr Tomás Okafor")
        try tmux.send("w", "4")
        tmux.waitFor("NOT SAVED")
        tmux.waitFor("the disk is full")
        #expect(try Data(contentsOf: file) == before, "the file on disk must be untouched")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: mountPoint.path).filter { $0.hasPrefix(".p.json.tmp") }
        #expect(leftovers.isEmpty, "no temporary file is left behind: \(leftovers)")

        try FileManager.default.removeItem(at: filler)
        try tmux.send("C-s")
        tmux.waitFor("✓ saved")
        try tmux.send("q")
        tmux.waitFor("EXITED 0")
        let saved = try PortfolioStore.load(from: file)
        #expect(saved.ratings[element]?.level == 4)
    }
}
