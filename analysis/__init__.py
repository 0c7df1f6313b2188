"""Read Chinese local-government reports into one tidy, validated table of headline figures.

>>> import analysis
>>> table = analysis.extract("政府工作报告\\n——2022年2月12日在南昌县第十届人民代表大会第二次会议上\\n"
...                          "2022年工作安排\\n地区生产总值增长7.5%以上。", doc="example.txt")
>>> table[["region", "parent_region", "indicator", "period", "kind", "value", "qualifier"]].values.tolist()
[['南昌县', '南昌市', 'gdp', 2022, 'target', 7.5, 'at_least']]
"""

from .corpus import load_manifest, read_reports, write_table
from .document import extract
from .read import ReadError, read_text
from .table import COLUMNS, INDICATORS, OBSERVATIONS

__all__ = [
    "COLUMNS",
    "INDICATORS",
    "OBSERVATIONS",
    "ReadError",
    "extract",
    "load_manifest",
    "read_reports",
    "read_text",
    "write_table",
]
