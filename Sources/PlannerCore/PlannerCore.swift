// The core is four targets so that a wrong-way import cannot be written (issue 14): the
// model and catalog at the bottom, storage and the rules on it, the export on the rules.
// This target only gathers them, so the UI, the app, the CLI, the bench and the fuzzers keep
// one `import PlannerCore`.
@_exported import PlannerExport
@_exported import PlannerModel
@_exported import PlannerRules
@_exported import PlannerStorage
