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
    static let runningHeadClass = "running-head"
    static let contentsClass = "contents"
    static let gapClass = "gap"
    /// A block kept on one page (a write-in box with its heading, the signatures).
    static let keepClass = "keep"

    /// A4, small margins, a sans-serif face that covers Welsh, Irish and other accents
    /// (DejaVu) with a fallback for Chinese and Japanese (Droid Sans Fallback), tables
    /// that stay inside the page and repeat their header row across pages.
    static let css = """
        @page { size: A4; margin: 18mm 15mm 18mm 15mm;
          @top-left { content: string(running); font-size: 8pt; color: #444; }
          @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; color: #555; } }
        html { font-family: "DejaVu Sans", "Droid Sans Fallback", "Noto Sans CJK SC", sans-serif; font-size: 10pt; line-height: 1.35; background: none; }
        body { max-width: none; margin: 0; padding: 0; font-size: 10pt; color: #111; }
        * { hyphens: manual; -webkit-hyphens: manual; }
        header#title-block-header { margin: 0 0 3mm 0; text-align: left; }
        h1.title { font-size: 16pt; margin: 0 0 1mm 0; border: none; }
        p.subtitle { font-size: 10pt; margin: 0 0 1mm 0; }
        p.author, p.date { display: none; }
        .running-head { height: 0; overflow: hidden; margin: 0; }
        .running-head p { string-set: running content(); margin: 0; }
        h1 { font-size: 15pt; margin-top: 0.8em; border-bottom: 0.75pt solid #777; }
        h2 { font-size: 12.5pt; } h3 { font-size: 11pt; } h4, h5, h6 { font-size: 10pt; }
        h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
        h1 + *, h2 + *, h3 + *, h4 + * { break-before: avoid; page-break-before: avoid; }
        .new-page { break-before: page; page-break-before: always; }
        p, li { orphans: 3; widows: 3; }
        ul { padding-left: 1.3em; margin: 0.4em 0; }
        .contents ul { list-style: none; padding-left: 0; }
        .contents a::after { content: leader(". ") target-counter(attr(href), page); }
        table { display: table; width: 100%; max-width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 8.5pt; margin: 0.6em 0 1em 0; overflow: visible; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        th { text-align: left; vertical-align: bottom; border-bottom: 0.75pt solid #333; border-top: none; padding: 2pt 4pt; }
        td { text-align: left; vertical-align: top; border-bottom: 0.5pt solid #bbb; padding: 2pt 4pt; overflow-wrap: break-word; word-wrap: break-word; }
        tbody { border-top: none; border-bottom: 0.75pt solid #333; }
        .gap { background: #d9d9d9; font-weight: bold; padding: 0 2pt; }
        a { color: #1a4f8a; text-decoration: none; }
        .write-in { border: 0.75pt solid #555; min-height: 34mm; margin: 0.4em 0 1.2em 0; padding: 2mm; color: #666; }
        .sign-off td { height: 14mm; vertical-align: bottom; }
        .keep, .sign-off table { break-inside: avoid; page-break-inside: avoid; }
        """

    /// The `header-includes` entry of the YAML block: the stylesheet as a raw HTML block.
    static var headerIncludes: String {
        var lines = ["header-includes: |", "  ```{=html}", "  <style>"]
        lines += css.split(separator: "\n").map { "  " + $0 }
        lines += ["  </style>", "  ```"]
        return lines.joined(separator: "\n")
    }
}
