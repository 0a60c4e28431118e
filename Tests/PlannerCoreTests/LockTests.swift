import Foundation
import PlannerCore
import Testing

@Suite struct LockTests {
    @Test func secondLockIsRefusedNamingTheHolder() throws {
        let folder = TempFolder()
        let url = folder.file("p.json")
        let first = try PortfolioLock(for: url)
        #expect {
            try PortfolioLock(for: url)
        } throws: { error in
            guard case StoreError.lockedByAnotherProcess(let path, let holder) = error else { return false }
            return path == url.path && holder.contains("pid \(getpid())") && "\(error)".contains("already open in another mlcf")
        }
        first.release()
        let again = try PortfolioLock(for: url)
        again.release()
        #expect(try mode(PortfolioLock.lockPath(for: url)) == 0o600)
    }

    /// A lock held by a process that was killed with SIGKILL does not block anyone.
    @Test func staleLockFromKilledProcessDoesNotBlock() throws {
        let folder = TempFolder()
        let url = folder.file("p.json")
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = ["--no-fork", PortfolioLock.lockPath(for: url), "sleep", "60"]  // becomes sleep, holding the lock
        try holder.run()
        var refused = false
        for _ in 0..<100 {  // wait until the child holds the lock
            do { let lock = try PortfolioLock(for: url); lock.release(); usleep(20_000) } catch { refused = true; break }
        }
        #expect(refused, "the child process should hold the lock")
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        var acquired = false
        for _ in 0..<100 {
            if let lock = try? PortfolioLock(for: url) { lock.release(); acquired = true; break }
            usleep(20_000)
        }
        #expect(acquired)
    }

    private func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue & 0o777
    }
}
