import Foundation

/// What the fuzz targets share: one input through a target's check (a broken property is a
/// crash, which libFuzzer reports with the input), libFuzzer's driver for the fuzz builds
/// (`make fuzz`, `-DFUZZING`), and the replayer a plain build gives instead. A target brings
/// only its check, which returns a description of the broken property or nil.
public enum FuzzSupport {
    /// One input, as libFuzzer hands it over.
    public static func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int, _ check: (Data) -> String?) -> Int32 {
        let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
        if let broken = check(data) { fatalError(broken) }
        return 0
    }

    /// `PROGRAM FILE…`: each file through the check, a line each; exits 0 when all hold,
    /// 1 when one broke or could not be read, 2 without files.
    public static func replay(_ program: String, _ check: (Data) -> String?) -> Never {
        let files = CommandLine.arguments.dropFirst()
        if files.isEmpty {
            print("usage: \(program) FILE… (replays inputs; `make fuzz` builds the libFuzzer version)")
            exit(2)
        }
        var failures = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { print("\(file): cannot read"); failures += 1; continue }
            if let broken = check(data) { print("\(file): \(broken)"); failures += 1 } else { print("\(file): ok") }
        }
        exit(failures == 0 ? 0 : 1)
    }

    #if FUZZING
        /// Hands the command line to libFuzzer, which calls `callback` with each input. A target's
        /// `<module>_main` calls this: SwiftPM may point the program's entry there (with
        /// `-parse-as-library` there is no `@main`).
        public static func runDriver(
            _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
            _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
        ) -> Int32 {
            var argc = argc
            var argv = argv
            return LLVMFuzzerRunDriver(&argc, &argv, callback)
        }
    #endif
}

#if FUZZING
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32
#endif
