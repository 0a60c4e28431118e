import Foundation
import FuzzSupport
import PlannerCore

// Fuzz target for the portfolio loader: any bytes go through `PortfolioStore.decode` and,
// when they load, `Validator.validate` on the bundled catalog. Properties checked on every input:
//   * nothing crashes (a trap, overflow or out-of-bounds access is a finding);
//   * a refusal is a `StoreError` whose message names the file;
//   * whatever loads can be saved and loads back to the same value and the same bytes
//     (otherwise a doctor could open a file that the next save silently changes).
//
// `make fuzz` / `make fuzz-smoke` build it with `-sanitize=fuzzer -DFUZZING` (libFuzzer
// drives it). A plain build gives a replayer instead: `FuzzLoader FILE…` runs each file
// through the same checks, e.g. to reproduce a crash file from `.build-fuzz/artifacts/`.

let fuzzPath = "fuzz-input.json"
let fuzzToday = CalendarDate(year: 2026, month: 11, day: 23)!
let fuzzValidator = Validator(framework: .mlcf, catalog: .bundled)

/// Returns a description of a broken property, or nil when all hold.
func checkLoader(_ data: Data) -> String? {
    let portfolio: Portfolio
    do {
        portfolio = try PortfolioStore.decode(data, path: fuzzPath)
    } catch let error as StoreError {
        return error.description.contains(fuzzPath) ? nil : "the refusal does not name the file: \(error)"
    } catch {
        return "decode threw something other than a StoreError: \(error)"
    }
    let report = fuzzValidator.validate(portfolio, today: fuzzToday)
    _ = report.isReady
    let saved: Data
    do { saved = try PortfolioStore.encode(portfolio) } catch { return "a portfolio that loads cannot be saved: \(error)" }
    let again: Portfolio
    do { again = try PortfolioStore.decode(saved, path: fuzzPath) } catch { return "a saved portfolio does not load again: \(error)" }
    if again != portfolio { return "save → load changed the portfolio" }
    guard let resaved = try? PortfolioStore.encode(again), resaved == saved else { return "save → load → save changed the bytes" }
    return nil
}

#if FUZZING
    /// libFuzzer calls this with each input.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzLoaderTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
        FuzzSupport.testOneInput(bytes, count, checkLoader)
    }

    @_cdecl("FuzzLoader_main")
    public func fuzzLoaderMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
        FuzzSupport.runDriver(argc, argv) { fuzzLoaderTestOneInput($0, $1) }
    }
#else
    @main
    enum FuzzLoaderReplay {
        static func main() { FuzzSupport.replay("FuzzLoader", checkLoader) }
    }
#endif
