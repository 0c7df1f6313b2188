"""The review page: report by report, the rows a careful reader would look at again.

`python -m analysis review DATA -o review.html`, `make report` (reports/review.html) and the
notebook review.ipynb (`pages.review_page`) show the same page. Per report: the rows with checks first (rows a
corrections file has not yet confirmed or corrected before those it has, and rows whose only
check is `period_from_position` after the others), each with its checks
in words, its sentence with the figure marked, the statements that disagree with it side by
side, its row_id and the lines to paste into corrections.csv; then the rows without checks, in
short; then the sentences that named an indicator beside a number and gave no row, each with a
ready `add` line to complete. Everything from a report is escaped; the page needs no network,
filters by check and report with a few lines of inline script, and prints without them.
"""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import pandas as pd

from ..codebook import value_meanings
from ..compare.checks import disagreements
from ..compare.evidence import highlight_spans, mark_records, marked_text, table_columns
from ..errors import ParameterError
from ..labels import indicator_label
from ..observations import CHECKS
from ..units import format_number
from .load import SEEDS, load_observations, read_folders_and_unparsed
from .webfont import with_font

HEADING = "Rows to look at again, one check at a time"
HEADING_ZH = "需要复核的行（按检查）"
TITLE = "Rows to look at again"
UNPARSED = ["doc", "char_start", "char_end", "sentence"]


def load_review(data="", unparsed=None, corrections=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The table and the unparsed sentences a review page shows. `data`: a .csv/.parquet made by
    `python -m analysis extract` (its `checks` as written; `unparsed` the CSV of its
    `--unparsed`, if any), a folder of reports or a list of them (read with their manifest.csv
    and corrections.csv, or the `corrections` file), or "" for the project's seeds/."""
    folders = [data] if isinstance(data, (str, Path)) else list(data)
    folders = [SEEDS] if folders in ([""], []) else folders
    if all(Path(f).is_dir() for f in folders):
        return read_folders_and_unparsed(folders, corrections=corrections)
    if len(folders) > 1:
        raise ParameterError(f"data {data!r}: one table file, or folders of reports")
    table = load_observations(str(folders[0]))
    if unparsed is None:
        return table, pd.DataFrame(columns=UNPARSED)
    try:
        return table, pd.read_csv(unparsed, keep_default_na=False, usecols=UNPARSED)
    except (OSError, ValueError) as error:
        raise ParameterError(f"unparsed {str(unparsed)!r}: not a CSV of `extract --unparsed` ({error})") from None


def parameter_sets(facts: pd.DataFrame, observations: pd.DataFrame, lang: str, folders) -> list[tuple[dict, str]]:
    """A page for each check that flags rows (reports/review.html, written beside them, has
    every row with a check)."""
    counts = observations["checks"].str.split(";").explode().value_counts()
    return [({"check": check}, f"{counts[check]} rows checked {check}, report by report")
            for check in CHECKS if check in counts]  # fmt: skip


def review_page(data="", doc: str = "", check: str = ""):
    """The review page of `data` (as `load_review` reads it) for a notebook: one report (`doc`)
    or one check (`check`), "" for all."""
    from IPython.display import HTML

    table, unparsed = load_review(data)
    return HTML(review_body(table, unparsed, doc=doc, check=check))


def review_header(data="", doc: str = "", check: str = ""):
    """The notebook page's head: "Rows to look at again: <check>", the data and how many rows."""
    from .header import page_header

    table, _ = load_review(data)
    chosen = table[table["checks"] != ""]
    if check:
        chosen = chosen[chosen["checks"].str.split(";").map(lambda ids: check in ids)]
    if doc:
        chosen = chosen[chosen["doc"] == doc]
    what = ", ".join(filter(None, [check, doc]))
    title = f"Rows to look at again: {what}" if what else TITLE
    intro = f"{len(chosen)} rows of {chosen['doc'].nunique()} reports, each with its sentence and the lines for corrections.csv."
    return page_header(title, table, data if isinstance(data, str) else "", "en", intro)


def write_review(table: pd.DataFrame, path, unparsed: pd.DataFrame | None = None, *, doc: str = "",
                 check: str = "") -> Path:  # fmt: skip
    """The review page (`review_html`) written to `path`, whole or not at all."""
    from ..reading.outputs import write_whole

    path = Path(path)
    page = review_html(table, unparsed, doc=doc, check=check)  # a bad parameter stops before any file
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_whole(path, lambda tmp: Path(tmp).write_text(page, encoding="utf-8"))


def review_html(table: pd.DataFrame, unparsed: pd.DataFrame | None = None, *, doc: str = "", check: str = "") -> str:
    """The review page as a standalone HTML document, with its filters."""
    body = review_body(table, unparsed, doc=doc, check=check)
    checks = [c for c in CHECKS if table["checks"].str.contains(rf"(?:^|;){c}(?:;|$)").any()]
    filters = (f'<form class="filters">check <select id="check"><option value="">all</option>{_options(checks)}'
               f'</select> report <select id="report"><option value="">all</option>'
               f'{_options(sorted(set(table["doc"])))}</select></form>')  # fmt: skip
    return with_font(f"<!doctype html>\n<html lang='en'><head><meta charset='utf-8'>"
                     f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>{TITLE}</title>"
                     f"<style>{STYLE}{PAGE_STYLE}</style></head>\n<body>\n{filters}\n{body}\n<script>{SCRIPT}</script>\n"
                     "</body></html>\n")  # fmt: skip


def _options(values) -> str:
    return "".join(f'<option value="{html.escape(v, quote=True)}">{html.escape(v)}</option>' for v in values)


def review_body(table: pd.DataFrame, unparsed: pd.DataFrame | None = None, *, doc: str = "", check: str = "") -> str:
    """The page's content (for a notebook: no filters, no script): a summary, then each report."""
    unparsed = pd.DataFrame(columns=UNPARSED) if unparsed is None else unparsed
    docs = sorted(set(table["doc"]) | set(unparsed["doc"]))
    _choose("doc", doc, docs)
    _choose("check", check, CHECKS, where="the checks")
    table = table.reset_index(drop=True)
    elsewhere, within = disagreements(table), disagreements(table, same_report=True)
    others = {i: within.get(i, []) + elsewhere.get(i, []) for i in {*elsewhere, *within}}
    marks, cells = _marks(table), table_columns(table, "en")
    flagged = int((table["checks"] != "").sum())
    counts = table["checks"].str.split(";").explode().value_counts()
    summary = ", ".join(f"{c} {counts[c]}" for c in CHECKS if c in counts)
    parts = [f'<div class="review"><h1>{TITLE}</h1>',
             f"<p>{flagged} of {len(table)} rows in {table['doc'].nunique()} reports carry a check"
             f"{': ' + html.escape(summary) if summary else ''}; {len(unparsed)} sentences name an indicator "
             "beside a number and gave no row. Paste a line below into <code>corrections.csv</code> in the "
             "folder of the reports (columns <code>row_id,action,column,value,note</code>) and run again: "
             "<code>drop</code> leaves the row out, <code>set</code> changes one column, <code>confirm</code> "
             "marks it checked, <code>add</code> adds a figure the reader missed.</p>"]  # fmt: skip
    for name in [doc] if doc else docs:
        rows = table[table["doc"] == name]
        if check and not rows["checks"].str.split(";").apply(lambda ids: check in ids).any():
            continue
        parts.append(_report(name, rows, unparsed[unparsed["doc"] == name], table, others, marks, cells, check))
    parts.append("</div>")
    return "\n".join(parts)


def _choose(name: str, value: str, valid, where: str = "the data") -> None:
    if value and value not in valid:
        raise ParameterError(f"{name} {value!r} not in {where}; valid: {', '.join(valid) or 'none'}")


def _marks(table: pd.DataFrame) -> dict[int, tuple[int, int]]:
    """Position of each row -> where its figure stands in its sentence (`evidence.mark_records`;
    a figure printed in words, as 百分之十八点六 or 突破万亿, by `_printed_in_words`)."""
    order = table.sort_values(["doc", "char_start"], kind="stable")
    records = mark_records(order.to_dict("records"))
    return {i: (r["mark_start"], r["mark_end"]) if r["mark_start"] >= 0 else _printed_in_words(r)
            for i, r in zip(order.index, records)}  # fmt: skip


# A number printed in Chinese numerals or with a numeral of magnitude (百分之十八点六, 2千亿元, 破万亿).
_IN_WORDS = re.compile(r"(?:百分之)?[\d.零〇一二两三四五六七八九十百千万亿点]*[零〇一二两三四五六七八九十百千万亿点]"
                       r"[\d.零〇一二两三四五六七八九十百千万亿点]*(?:个百分点|%|[万亿]?(?:美元|元|人|斤|吨|公斤))?")


def _printed_in_words(row: dict) -> tuple[int, int]:
    """The figure where its number is printed in words: the first such run after the indicator's
    words that is as long as the figure's evidence in the report (char_end - char_start), else the
    first such run after them; (-1, -1) where there is none."""
    text, length = row["source_text"], row["char_end"] - row["char_start"]
    after = max(0, text.find(row["indicator_text"]))
    runs = [m.span() for m in _IN_WORDS.finditer(text, after)]
    return next((span for span in runs if span[1] - span[0] == length), runs[0] if runs else (-1, -1))


def _report(doc, rows, unparsed, table, others, marks, cells, check) -> str:
    first = rows.iloc[0] if len(rows) else None
    about = f" — {first['region']}, {first['report_type']} {first['report_year']}" if first is not None else ""
    flagged = rows[rows["checks"] != ""]
    if check:
        flagged = flagged[flagged["checks"].str.split(";").apply(lambda ids: check in ids)]
    # Rows a corrections file has not settled first; among them, rows whose only check is where the
    # sentence stands last: on real reports that check alone flags a third of all rows.
    flagged = flagged.assign(seen=flagged["review"] != "", position_only=flagged["checks"] == "period_from_position")
    flagged = flagged.sort_values(["seen", "position_only", "char_start"], kind="stable")
    parts = [f'<section class="report" data-doc="{html.escape(doc, quote=True)}">',
             f"<h2>{html.escape(doc + about)}</h2>",
             f"<p>{len(rows)} rows, {len(flagged)} with checks, {len(unparsed)} sentences with no row.</p>"]  # fmt: skip
    parts += [_flagged(i, row, table, others.get(i, []), marks, cells) for i, row in flagged.iterrows()]
    if not check:
        parts.append(_unflagged(rows[rows["checks"] == ""], marks))
        parts += [_unparsed(row) for row in unparsed.to_dict("records")]
    parts.append("</section>")
    return "\n".join(parts)


def _figure(row) -> str:
    value = row["text"] if pd.isna(row["value"]) else f"{format_number(row['value'], 6)}{row['unit']}"
    qualifier = f" ({row['qualifier']})" if row["qualifier"] not in ("exact", "") else ""
    basis = f" {row['basis']}" if row["basis"] else ""
    return f"{value}{qualifier}{basis}"


def _heading(row) -> str:
    label = f"{indicator_label(row['indicator'], 'zh')} ({row['indicator']})"
    review = f' <span class="state">{html.escape(row["review"])}</span>' if row["review"] else ""
    return (f"<code>{html.escape(row['row_id'])}</code> {html.escape(row['region'])} · {html.escape(label)} · "
            f"{row['period']} {row['kind']} {row['measure']}: <b>{html.escape(_figure(row))}</b>{review}")  # fmt: skip


def _sentence(row, mark: tuple[int, int], cells: dict) -> str:
    """The row's sentence, its figure marked; a table row under the year and kind of each cell."""
    spans = [mark] if mark[0] >= 0 else []
    read_as = cells.get((row["doc"], row["source_text"]), ())
    return f'<blockquote class="evidence" lang="zh">{marked_text(row["source_text"], spans, read_as, "en")}</blockquote>'


def _flagged(i, row, table, partners, marks, cells) -> str:
    meanings = value_meanings()
    ids = row["checks"].split(";")
    where = f"characters {row['char_start']}–{row['char_end']}" + (f", page {row['page']}" if pd.notna(row["page"]) else "")
    parts = [f'<article class="row" id="{html.escape(row["row_id"], quote=True)}" '
             f'data-checks="{html.escape(" ".join(ids), quote=True)}">',
             f"<h3>{_heading(row)}</h3>",
             '<ul class="checks">' + "".join(f"<li><b>{html.escape(c)}</b>: {html.escape(meanings['checks', c])}</li>"
                                             for c in ids) + "</ul>",
             _sentence(row, marks[i], cells), f'<p class="where">{html.escape(row["doc"])}, {where}</p>']  # fmt: skip
    if partners:
        sides = "".join(f'<div><p>{html.escape(table.at[j, "doc"])}: <b>{html.escape(_figure(table.loc[j]))}</b> '
                        f"<code>{html.escape(table.at[j, 'row_id'])}</code></p>{_sentence(table.loc[j], marks[j], cells)}</div>"
                        for j in partners)  # fmt: skip
        parts.append(f'<div class="others"><div><p>{html.escape(row["doc"])} (this row): '
                     f"<b>{html.escape(_figure(row))}</b></p>{_sentence(row, marks[i], cells)}</div>{sides}</div>")  # fmt: skip
    parts.append(f'<pre class="lines">{html.escape(correction_lines(row))}</pre></article>')
    return "\n".join(parts)


def correction_lines(row) -> str:
    """The lines of corrections.csv that confirm, drop or fix a row (its value, or a target's words).

    >>> print(correction_lines({"row_id": "r0123456789ab", "value": 9.0, "text": ""}), end="")
    r0123456789ab,confirm,,,
    r0123456789ab,drop,,,
    r0123456789ab,set,value,9,
    """
    column, value = ("text", row["text"]) if pd.isna(row["value"]) else ("value", exact(row["value"]))
    return _csv_lines([[row["row_id"], "confirm", "", "", ""], [row["row_id"], "drop", "", "", ""],
                       [row["row_id"], "set", column, value, ""]])  # fmt: skip


def exact(value: float) -> str:
    """A number as a corrections file takes it back, every digit kept, never 1.62061e+06.

    >>> exact(1620612.5), exact(9.0), exact(0.43)
    ('1620612.5', '9', '0.43')
    """
    return format(float(value), ".10f").rstrip("0").rstrip(".")


def add_line(doc: str, sentence: str) -> str:
    """A line of corrections.csv adding a figure of `sentence`: the fields marked ? are the
    reviewer's to fill in (the line is refused as it stands).

    >>> print(add_line("a.txt", "出口增长9%"), end="")
    ,add,,doc=a.txt;indicator=?;period=?;kind=?;measure=?;value=?;unit=?;evidence=出口增长9%,
    """
    fields = ";".join([f"doc={doc}", *(f"{name}=?" for name in ("indicator", "period", "kind", "measure",
                                                               "value", "unit")), f"evidence={sentence}"])  # fmt: skip
    return _csv_lines([["", "add", "", fields, ""]])


def _csv_lines(rows: list[list]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _unflagged(rows, marks) -> str:
    if rows.empty:
        return ""
    items = "".join(f"<li>{_heading(row)}: …{_excerpt(row, marks[i])}…</li>" for i, row in rows.iterrows())
    return f'<details class="plain"><summary>{len(rows)} rows without checks</summary><ul>{items}</ul></details>'


def _excerpt(row, mark: tuple[int, int], reach: int = 12) -> str:
    """A few words on either side of the figure, the figure marked."""
    start, end = mark
    if start < 0:
        return html.escape(row["source_text"][: 2 * reach])
    text = row["source_text"][max(0, start - reach) : end + reach]
    return highlight_spans(text, [(start - max(0, start - reach), end - max(0, start - reach))])


def _unparsed(row: dict) -> str:
    return (f'<article class="unparsed"><h3>No row: {html.escape(row["doc"])}, characters '
            f"{row['char_start']}–{row['char_end']}</h3><blockquote lang='zh'>{html.escape(row['sentence'])}</blockquote>"
            f'<pre class="lines">{html.escape(add_line(row["doc"], row["sentence"]))}</pre></article>')  # fmt: skip


STYLE = (".review{line-height:1.55;color:#222}"
         ".review h2{margin-top:2rem;border-bottom:1px solid #ccc}.review h3{font-size:1rem;margin:.2rem 0}"
         ".review article{border-left:4px solid #d6604d;padding:.3rem .8rem;margin:1rem 0;break-inside:avoid}"
         ".review article.unparsed{border-color:#4393c3}.review .state{background:#e0f3db;padding:0 .3rem}"
         ".review blockquote{margin:.3rem 0;padding:.3rem .6rem;background:#f7f7f7}"
         ".review mark{background:#fee08b;font-weight:bold}.review .where{color:#666;font-size:.85rem;margin:0}"
         ".review .others{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:.6rem}"
         ".review pre.lines{background:#f0f0f0;padding:.3rem .6rem;white-space:pre-wrap;user-select:all}"
         ".review ul.checks{margin:.2rem 0}.review details.plain li{font-size:.9rem}")  # fmt: skip
PAGE_STYLE = ("body{max-width:60rem;margin:1.5rem auto;padding:0 1rem}.filters{position:sticky;top:0;"
              "background:#fff;padding:.4rem 0;border-bottom:1px solid #ddd}"
              "@media print{.filters{display:none}.review details.plain{display:none}}")  # fmt: skip
# Filters without a server: hide the rows without the check chosen, the reports not chosen.
SCRIPT = """
const check = document.getElementById('check'), report = document.getElementById('report');
function filter() {
  document.querySelectorAll('section.report').forEach(s => {
    s.hidden = report.value !== '' && s.dataset.doc !== report.value;
    s.querySelectorAll('article.row').forEach(a => {
      a.hidden = check.value !== '' && !a.dataset.checks.split(' ').includes(check.value);
    });
    s.querySelectorAll('article.unparsed, details.plain').forEach(e => { e.hidden = check.value !== ''; });
  });
}
check.addEventListener('change', filter);
report.addEventListener('change', filter);
"""
