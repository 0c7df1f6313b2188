"""Reading reports: files -> the observations table (DATA_CONTRACT.md).

The modules follow the flow of one document:

- `paths`: which files a run reads and the names it gives them (`shown` escapes a name for a
  message).
- `files`: bytes -> text (encodings, saved web pages, PDF files), only regular files up to a
  size; the only module that opens reports. `word`: Word files, streamed.
- `normalise`: traditional -> simplified, full-width -> half-width, scraping and PDF debris
  removed, offsets kept.
- `metadata`: the report's region, level, parent, type and year, and the evidence for them
  (how far each may be trusted), from `report_region` (the government the text speaks as)
  and `report_year` (the session's year from what the text says of this year and last).
- `sections`: review and plan parts, the session's year and the year planned.
- `tokens`: indicator wordings and printed values.
- `sentences`: which sentences hold figures, and what their paragraphs say of them.
- `pairing`: one sentence's indicators and values paired, each with its period and kind.
- `appendix_tables`: appendix and yearbook tables flattened into lines -> mentions.
- `document`: the whole flow for one document.
- `manifest`: the user's manifest, read exactly as written.
- `corpus`: many documents: parallel extraction, streaming writers.
- `outputs`: outputs checked before a run, written whole through locked temporary files.
- `corrections`: a reviewer's corrections file (drop, set, confirm, add), applied to the rows.
- `export`: Stata and Excel files of the table.
"""
