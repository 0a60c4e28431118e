import Foundation

/// The Word styles `mlcf export --docx` gives pandoc (`--reference-doc`): A4, gridlines on
/// tables, the "Write-in box" of the appraiser's sections. Made from pandoc's own default by
/// `Resources/export/make-reference-docx.py` and embedded, so the binary needs no files beside it.
public enum WordStyles {
    public static var referenceDocument: Data { Data(PackageResources.reference_docx) }
}
