/// The shell of a self-contained HTML report: one file, inline CSS, no scripts, prints on A4.
///
/// Reports write their body with the classes of `baseCSS` (cards, tables, chips, meters) and
/// may add their own rules. Nothing is loaded from outside the file.
public enum HTMLPage {
    /// A complete document: `title` (escaped here) and `body` (markup, already escaped).
    public static func document(title: String, body: String, css: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title.xmlEscaped)</title>
        <style>
        \(baseCSS)\(css)</style>
        </head>
        <body>
        <main class="page">
        \(body)</main>
        </body>
        </html>

        """
    }

    /// Shared styles: typography, layout, tables, chips, meters and print rules.
    public static let baseCSS = """
    :root {
      --ink: #1f2933; --muted: #52606d; --faint: #7b8794; --line: #d9e2ec; --soft: #f0f4f8;
      --accent: #0b4f8a; --accent-soft: #e3eef9; --good: #1e7a4f; --warn: #9c5a00; --bad: #b4341c;
    }
    * { box-sizing: border-box; }
    html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    body { margin: 0; background: #eef1f5; color: var(--ink);
      font: 15px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
    .page { max-width: 1060px; margin: 24px auto; background: #fff; padding: 36px 44px 28px;
      border-radius: 10px; box-shadow: 0 1px 3px rgba(16, 42, 67, .12); }
    h1 { font-size: 28px; line-height: 1.2; margin: 2px 0 6px; letter-spacing: -.01em; }
    h2 { font-size: 19px; margin: 34px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--ink); }
    h3 { font-size: 16px; margin: 22px 0 8px; }
    p { margin: 6px 0; }
    .eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; font-weight: 700; color: var(--accent); }
    .meta { color: var(--muted); font-size: 14px; }
    .muted { color: var(--muted); }
    .small { font-size: 13px; }
    .lead { color: var(--muted); margin-bottom: 14px; }
    .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 16px; margin-top: 22px; }
    .card { border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; background: #fff; }
    .card .label { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); font-weight: 700; }
    .card .big { font-size: 34px; font-weight: 750; line-height: 1.15; margin: 4px 0 6px; color: var(--accent); }
    .card .big span { font-size: 22px; font-weight: 600; color: var(--ink); }
    table { border-collapse: collapse; width: 100%; font-size: 14px; }
    th, td { text-align: left; padding: 7px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
    th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); font-weight: 700;
      border-bottom: 2px solid var(--line); }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .chip { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12.5px; font-weight: 600;
      border: 1px solid currentColor; white-space: nowrap; line-height: 1.6; }
    .meter { position: relative; height: 10px; background: var(--soft); border-radius: 5px; border: 1px solid var(--line); }
    .meter > span { position: absolute; left: 0; top: 0; bottom: 0; background: var(--accent); border-radius: 5px 0 0 5px; }
    .meter > i { position: absolute; top: -4px; bottom: -4px; width: 0; border-left: 2px solid var(--ink); }
    figure { margin: 0; }
    figure svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
    figcaption { color: var(--muted); font-size: 13px; margin-top: 6px; text-align: center; }
    footer.report-footer { margin-top: 34px; padding-top: 12px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12.5px; }
    @page { size: A4; margin: 14mm 13mm; }
    @media print {
      body { background: #fff; font-size: 10.5pt; }
      .page { max-width: none; margin: 0; padding: 0; box-shadow: none; border-radius: 0; }
      h1 { font-size: 20pt; }
      h2 { font-size: 14pt; margin-top: 20pt; break-after: avoid; }
      h3 { break-after: avoid; }
      figure, .card, tr, .keep { break-inside: avoid; }
      figure svg { max-height: 120mm; width: auto; }
      .cards { grid-template-columns: repeat(2, 1fr); }
    }

    """
}
