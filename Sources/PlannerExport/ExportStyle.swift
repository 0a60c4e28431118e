import PlannerModel

/// The page layout for the PDF, carried inside the Markdown so that one plain command
/// (`pandoc FILE.md -o FILE.pdf --pdf-engine=weasyprint`) gives a clean document with no
/// extra files.
///
/// Page breaks: a heading with the class `new-page` (`# Title {.new-page}`) starts a new
/// page through the CSS below. This is not raw HTML in the text (a `<div>` would have to
/// pass through the same reader that must never let the doctor's `<` through), and
/// unlike `\newpage` it does not depend on a LaTeX engine. The stylesheet travels in the
/// YAML block as a ```` ```{=html} ```` raw block, which pandoc keeps even when raw HTML
/// is switched off (`-f markdown-raw_html`) and which LaTeX and Word outputs ignore.
enum ExportStyle {
    static let newPageClass = "new-page"
    static let writeInClass = "write-in"
    static let signOffClass = "sign-off"

    /// A4, small margins, a sans-serif face that covers Welsh, Irish and other accents
    /// (DejaVu) with a fallback for Chinese and Japanese (Droid Sans Fallback), tables
    /// that stay inside the page and repeat their header row across pages.
    static let css = """
        @page { size: A4; margin: 16mm 15mm 18mm 15mm;
          @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; color: #555; } }
        html { font-family: "DejaVu Sans", "Droid Sans Fallback", "Noto Sans CJK SC", sans-serif; font-size: 10pt; line-height: 1.4; background: none; }
        body { max-width: none; margin: 0; padding: 0; font-size: 10pt; color: #111; }
        header#title-block-header { margin: 40mm 0 14mm 0; text-align: left; }
        h1.title { font-size: 22pt; margin-bottom: 4mm; }
        p.subtitle { font-size: 13pt; margin: 0 0 6mm 0; }
        p.author, p.date { font-size: 11pt; margin: 1mm 0; }
        h1 { font-size: 15pt; margin-top: 0.6em; border-bottom: 0.75pt solid #777; }
        h2 { font-size: 12.5pt; } h3 { font-size: 11pt; } h4, h5, h6 { font-size: 10pt; }
        h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; hyphens: manual; }
        .new-page { break-before: page; page-break-before: always; }
        p, li { orphans: 2; widows: 2; }
        ul { padding-left: 1.3em; margin: 0.4em 0; }
        table { display: table; width: 100%; max-width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 8.5pt; margin: 0.6em 0 1em 0; overflow: visible; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        th { text-align: left; vertical-align: bottom; border-bottom: 0.75pt solid #333; border-top: none; padding: 2pt 4pt; }
        td { text-align: left; vertical-align: top; border-bottom: 0.5pt solid #bbb; padding: 2pt 4pt; overflow-wrap: break-word; word-wrap: break-word; hyphens: auto; }
        tbody { border-top: none; border-bottom: 0.75pt solid #333; }
        a { color: #1a4f8a; text-decoration: none; }
        .write-in { border: 0.75pt solid #555; min-height: 34mm; margin: 0.4em 0 1.2em 0; padding: 2mm; color: #666; }
        .sign-off td { height: 14mm; vertical-align: bottom; }
        """

    /// The `header-includes` entry of the YAML block: the stylesheet as a raw HTML block.
    static var headerIncludes: String {
        var lines = ["header-includes: |", "  ```{=html}", "  <style>"]
        lines += css.split(separator: "\n").map { "  " + $0 }
        lines += ["  </style>", "  ```"]
        return lines.joined(separator: "\n")
    }
}
