// swift-tools-version: 6.0
import PackageDescription

/// Swift 6 language mode (strict concurrency) on every target, set once here.
let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "mlcf-planner",
    // Linux (Debian 12 and the like) is the platform: the code uses Glibc and links ncursesw
    // and tinfo. SwiftPM has no way to state that here, so no Apple platform is claimed either.
    products: [
        .executable(name: "mlcf", targets: ["mlcf"]),
        .library(name: "PlannerCore", targets: ["PlannerCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // The CSV reader behind `mlcf import` (issue 17): small, Foundation only, no dependencies.
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
    ],
    targets: [
        // The core, Foundation only (no terminal), in four targets whose imports point one way
        // (issue 14): export → rules → model, storage → model.
        // The model and the catalog: the records, their tables (and the byte-level reader and
        // writer the tables drive), the frameworks, the taxonomy and the stage rules' data.
        .target(
            name: "PlannerModel",
            resources: [
                .embedInCode("../../Resources/framework/mlcf.json"),
                .embedInCode("../../Resources/framework/senior-leaders.json"),
                .embedInCode("../../Resources/framework/hlm.json"),
                .embedInCode("../../Resources/taxonomy.json"),
                .embedInCode("../../Resources/rules/default-rules.json"),
                .embedInCode("../../Resources/portfolio.schema.json"),
                .embedInCode("../../Resources/examples/undergraduate.json"),
                .embedInCode("../../Resources/examples/postgraduate.json"),
                .embedInCode("../../Resources/examples/continuing-practice.json"),
            ],
            swiftSettings: strict
        ),
        // Files on disk: atomic saves, stamps, the lock, loading and its error messages.
        .target(name: "PlannerStorage", dependencies: ["PlannerModel"], swiftSettings: strict),
        // Judging a portfolio: the validator, live validation, coverage and the PII guard.
        .target(name: "PlannerRules", dependencies: ["PlannerModel"], swiftSettings: strict),
        // The Markdown export; it writes its file through storage's atomic write.
        // The Word styles of `--docx` come with it (Resources/export/make-reference-docx.py makes them),
        // and the script that puts each doctor's running head into a private copy of them.
        .target(
            name: "PlannerExport", dependencies: ["PlannerRules", "PlannerStorage"],
            resources: [.embedInCode("../../Resources/export/reference.docx"), .embedInCode("../../Resources/export/docx-header.py")],
            swiftSettings: strict),
        // Spreadsheets in and out (`mlcf import`, `mlcf export --csv`): the CSV library sits
        // behind this target's adapter, so the rest of the core never sees it. Foundation only.
        .target(
            name: "PlannerImport",
            dependencies: ["PlannerModel", "PlannerRules", .product(name: "CSV", package: "CSV.swift")],
            swiftSettings: strict),
        // Only re-exports the four, so its users keep one `import PlannerCore`.
        .target(
            name: "PlannerCore", dependencies: ["PlannerModel", "PlannerStorage", "PlannerRules", "PlannerExport"],
            swiftSettings: strict),
        // App state, pure update function and views drawing into a cell grid. No curses.
        .target(name: "PlannerUI", dependencies: ["PlannerCore"], swiftSettings: strict),
        // The run loop on an open portfolio: background saves, the draft journal, effects. It
        // sees the terminal only through PlannerUI's `Terminal` protocol, so tests use a fake.
        .target(name: "PlannerApp", dependencies: ["PlannerCore", "PlannerUI"], swiftSettings: strict),
        // The C shim: the only place that sees ncurses headers and globals.
        .target(
            name: "CNcurses",
            cSettings: [.define("_XOPEN_SOURCE", to: "600"), .define("NCURSES_WIDECHAR", to: "1")],
            linkerSettings: [.linkedLibrary("ncursesw"), .linkedLibrary("tinfo")]
        ),
        // Thin backend: copies a Screen to the terminal and turns key codes into Keys.
        .target(name: "CursesTerminal", dependencies: ["PlannerUI", "CNcurses"], swiftSettings: strict),
        .executableTarget(
            name: "mlcf",
            dependencies: [
                "PlannerCore", "PlannerUI", "PlannerApp", "CursesTerminal", "PlannerImport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // What the test targets share: the repository root, the examples, a ready portfolio, scratch folders.
        .target(name: "TestSupport", dependencies: ["PlannerCore"], path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(
            name: "PlannerCoreTests",
            dependencies: ["PlannerCore", "PlannerModel", "PlannerStorage", "PlannerRules", "PlannerExport", "PlannerImport", "TestSupport"],
            swiftSettings: strict),
        // The monkey's invariants, one copy for the UI tests and the update fuzzer.
        .target(name: "UIInvariants", dependencies: ["PlannerUI", "PlannerCore"], path: "Tests/UIInvariants", swiftSettings: strict),
        .testTarget(
            name: "PlannerUITests", dependencies: ["PlannerUI", "PlannerCore", "TestSupport", "UIInvariants"], exclude: ["Snapshots"],
            swiftSettings: strict),
        .testTarget(name: "PlannerAppTests", dependencies: ["PlannerApp", "PlannerUI", "PlannerCore", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["PlannerCore", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "ReliabilityTests", dependencies: ["PlannerCore", "PlannerStorage", "PlannerExport", "TestSupport"], swiftSettings: strict),
        // libFuzzer targets for the loader and the Markdown escaping (`make fuzz`); without -DFUZZING they replay inputs.
        .target(name: "FuzzSupport", swiftSettings: strict),
        .executableTarget(name: "FuzzLoader", dependencies: ["PlannerCore", "FuzzSupport"], swiftSettings: strict),
        .executableTarget(name: "FuzzEscaping", dependencies: ["PlannerExport", "FuzzSupport"], swiftSettings: strict),
        .executableTarget(name: "FuzzUpdate", dependencies: ["PlannerUI", "PlannerCore", "FuzzSupport", "UIInvariants"], swiftSettings: strict),
        // `make bench`: synthetic career-sized portfolios and the benchmark against jq, CPython json and orjson (issue 8).
        .executableTarget(
            name: "mlcf-bench",
            dependencies: ["PlannerCore", "PlannerUI", "PlannerImport", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict),
    ]
)
