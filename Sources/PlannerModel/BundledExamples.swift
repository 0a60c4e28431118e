/// The example portfolios built into the binary, so an installed `mlcf` can show one.
public enum BundledExamples {
    public static var continuingPractice: [UInt8] { PackageResources.continuing_practice_json }
    public static var postgraduate: [UInt8] { PackageResources.postgraduate_json }
    public static var undergraduate: [UInt8] { PackageResources.undergraduate_json }
}
