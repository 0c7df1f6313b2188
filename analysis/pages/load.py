"""The table a page reads: a file (read once per kernel), folders of reports, and its facts.

Every notebook page starts with `pages.load_observations(data)`; a kernel that renders page
after page (`analysis render`) reads a file and works out its facts once while it is unchanged.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import compare
from ..compare.inputs import check_observations
from ..compare.schemas import FACTS
from ..errors import ParameterError
from ..observations import OBSERVATIONS, STAMP_KEY, TableDigest, remember

# The reading chain (read -> normalise -> document -> corpus) is imported where a report is read
# (seeds, walkthrough): pages of a ready table start ~0.15 s sooner in a fresh kernel without it.

PROJECT = Path(__file__).resolve().parents[2]
SEEDS = PROJECT / "seeds"


def load_observations(data: str = "") -> pd.DataFrame:
    """The observations table: a CSV or Parquet file made by `python -m analysis
    extract`, a folder of reports (read with its manifest.csv, if it has one), or, for "",
    the project's seeds/ read with their manifest.

    A file is read and checked once per process while it is unchanged (same size and
    modification time): a batch of pages in one kernel shares the work. Each call gets
    its own copy. A Parquet file this project wrote whose rows are still those it wrote (its
    stamp, `stamped`) is not checked again: a page of it does not load pandera."""
    if not data:
        return read_folders([SEEDS])
    path = Path(data)
    if path.is_dir():
        return read_folders([path])
    if path.suffix.lower() not in (".csv", ".parquet") or not path.is_file():
        raise ParameterError(f"data {data!r} is not a .csv or .parquet file; valid: such a file "
                             "made by `python -m analysis extract`, a folder of reports, or '' for the "
                             "project's seeds")  # fmt: skip
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if _LOADED.get("key") != key:
        _LOADED.clear()  # one table at a time: memory stays that of one table
        if path.suffix.lower() == ".parquet":
            frame = pd.read_parquet(path)
            if stamped(path, frame):
                remember(OBSERVATIONS, frame)  # the table as written: it passed the schema then
        else:
            frame = pd.read_csv(path, keep_default_na=False,
                                na_values={"value": [""], "value_norm": [""], "value_high": [""]})  # fmt: skip
        _LOADED.update(key=key, frame=check_observations(frame))
    return _LOADED["frame"].copy(deep=not _COPY_ON_WRITE)


def stamped(path: Path, frame: pd.DataFrame) -> bool:
    """Whether `frame`, read from the Parquet file `path`, is the table this project validated
    and wrote there: the file's stamp (`observations.TableDigest`, kept in its footer by
    `reading.corpus.TableWriter`) is the digest of the frame's columns, dtypes and values. A file
    another program wrote, or changed since, has no stamp or another digest."""
    import pyarrow.parquet as pq  # loaded by pandas' read_parquet already

    try:
        stamp = (pq.read_metadata(path).metadata or {}).get(STAMP_KEY)
    except (OSError, ValueError):
        return False
    return stamp is not None and stamp.decode("ascii", "replace") == TableDigest.of(frame)


def read_folders(folders, jobs: int = 1, corrections=None) -> pd.DataFrame:
    """Every report in each folder (and its subfolders) in one table, each folder read with the
    manifest.csv inside it when there is one (`make report REPORTS="seeds more"`), the
    corrections applied (`corrections`: a file; None: the corrections.csv inside each folder)
    and the checks computed (`compare.checked.read_reports_and_unparsed`).

    Files that cannot be read are named in a warning each and listed in
    ``table.attrs["unreadable"]``, as `read_reports` does; reports of one name in two folders
    are kept apart (their documents are named by the end of their paths), with a warning."""
    return read_folders_and_unparsed(folders, jobs, corrections)[0]


def read_folders_and_unparsed(folders, jobs: int = 1, corrections=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`read_folders`, and the sentences that named an indicator beside a number but gave no row
    (doc, char_start, char_end, sentence), for the review page."""
    from ..compare.checked import read_reports_and_unparsed
    from ..reading.corrections import CorrectionsError
    from ..reading.manifest import Manifest, ManifestError, folder_manifests
    from ..reading.paths import REPORT_SUFFIXES

    if isinstance(folders, (str, Path)) or not list(folders):
        raise ParameterError(f"reports {folders!r} is not a list of folders; valid: e.g. ['seeds']")
    manifest = Manifest()
    for folder in folders:
        if not Path(folder).is_dir():
            raise ParameterError(f"reports {str(folder)!r} is not a folder; valid: folders of "
                                 f"{', '.join(REPORT_SUFFIXES[:-2])} or {REPORT_SUFFIXES[-2]} reports, e.g. seeds")  # fmt: skip
        try:
            manifest.merge(folder_manifests([folder]))
        except ManifestError as error:
            raise ParameterError(f"reports {str(folder)!r}: {error}") from None
    try:
        return read_reports_and_unparsed([Path(f) for f in folders], manifest=manifest, jobs=jobs, corrections=corrections)
    except CorrectionsError as error:
        raise ParameterError(str(error)) from None


# The table last read by load_observations (its file's key, the table, its facts once needed).
_LOADED: dict = {}
# pandas 3 always copies on write: a shallow copy is a safe one (pandas 2 needs a deep copy).
_COPY_ON_WRITE = int(pd.__version__.split(".")[0]) >= 3


def facts_of(observations) -> pd.DataFrame:
    """`compare.facts` of the observations; of the table `load_observations` read (unchanged,
    which `equals` tells in milliseconds), computed once per process: with 1,000 regions they
    take ~9 s, and every page needs them."""
    loaded = _LOADED.get("frame")
    if loaded is None or not isinstance(observations, pd.DataFrame) or not observations.equals(loaded):
        return compare.facts(observations)
    if "facts" not in _LOADED:
        _LOADED["facts"] = compare.facts(loaded)
    return _LOADED["facts"].copy(deep=not _COPY_ON_WRITE)


def facts_rows(facts: pd.DataFrame, keep) -> pd.DataFrame:
    """The rows `keep` of facts `facts_of` gave, remembered as checked facts: every rule of the
    facts' shape holds row by row or is a unique key, so rows of checked facts are checked facts,
    and the comparison a page hands them to does not check them again."""
    return remember(FACTS, facts[keep])
