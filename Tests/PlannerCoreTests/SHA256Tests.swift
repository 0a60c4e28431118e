import Foundation
import PlannerStorage
import Testing

@testable import TestSupport

/// The SHA-256 attachments are named by, against FIPS 180-4's examples and `sha256sum`.
@Suite struct SHA256Tests {
    @Test func theStandardsExamples() {
        #expect(SHA256.hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hex(Data(repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Lengths around the 64-byte block and its 56-byte padding edge, fed in random pieces,
    /// against `sha256sum` on the same bytes. Replay with MLCF_SEED=N.
    @Test func randomLengthsAndPiecesAgreeWithSha256sum() throws {
        let seed = ProcessInfo.processInfo.environment["MLCF_SEED"].flatMap { UInt64($0) } ?? 1702
        print("generated: SHA-256 pieces from seed \(seed) (MLCF_SEED=N replays another)")
        var random = SeededRandom(seed: seed)
        let folder = TempFolder()
        for length in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, Int.random(in: 1...200_000, using: &random)] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            var hasher = SHA256()
            var offset = 0
            while offset < bytes.count {
                let piece = min(bytes.count - offset, Int.random(in: 1...150, using: &random))
                bytes[offset..<offset + piece].withUnsafeBytes { hasher.update($0) }
                offset += piece
            }
            let file = folder.file("f\(length)")
            try Data(bytes).write(to: file)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            process.arguments = [file.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(hasher.finishHex() == String(output.prefix(64)), "length \(length), seed \(seed)")
        }
    }
}
