"""The government whose report a text is, from what the text says of itself.

First the roles that only the report's own government takes: its congress in the meeting
line ("在青云谱区第十七届人民代表大会"), its head as speaker (青云谱区人民政府区长), its name in
the title (南城县政府工作报告, 廣安區2021年經濟運行情況). An excerpt that names no role may
still speak as its government (全市, 我县, 本区): it is the region of that name's kind that the
text names, alone or with only the places above it (赣州市 beside 江西), or named far more often
than any other. A text about several regions (15个副省级城市GDP, 广东、江苏、山东3省份) has none
of its own: a statistics office it quotes is a source, not its government. A file name in
Chinese that names a place and a report (南宁市2016年政府工作报告.txt) is the last resort.
"""

from __future__ import annotations

import re
from collections import Counter

from .. import regions

# Up to 24 characters: the longest names are autonomous counties of 15 (双江拉祜族佤族布朗族傣族自治县),
# written after their city's (临沧市双江…自治县).
_ADMIN_NAME = r"[\u4e00-\u9fff]{2,24}?(?:省|市|区|县|旗|州)"
_NUMERAL = "[一二三四五六七八九十\\d]+"
# Places named in the roles that only the report's own government takes, each with the words
# every match of it holds: a pattern that may begin at any character is tried only on the
# windows (_role_windows) holding them.
_ROLE_PATTERNS = [(re.compile(pattern), re.compile(words)) for pattern, words in [
    (rf"在({_ADMIN_NAME})第{_NUMERAL}届人民代表大会", "人民代表大会"),
    (rf"({_ADMIN_NAME})第{_NUMERAL}届人民代表大会", "人民代表大会"),
    (rf"({_ADMIN_NAME})人民政府(?:区长|县长|市长|省长|代区长|代县长|代市长|代省长)", "人民政府"),
    (rf"代表({_ADMIN_NAME})人民政府", "人民政府"),
    (rf"\d{{4}}年({_ADMIN_NAME})(?:人民)?政府工作报告", "政府工作报告"),
    (rf"\n({_ADMIN_NAME})(?:\d{{4}}年)?(?:人民)?政府工作报告", "政府工作报告"),  # a title: 南城县政府工作报告(2021年)
    (rf"({_ADMIN_NAME})\d{{4}}年国民经济和社会发展", "国民经济和社会发展"),
    (rf"\d{{4}}年({_ADMIN_NAME})(?:人民政府)?国民经济和社会发展", "国民经济和社会发展"),
    (rf"关于({_ADMIN_NAME})\d{{4}}年", "关于"),
    (rf"({_ADMIN_NAME})\d{{4}}年国民经济和社会发展统计公报", "统计公报"),
    (rf"(?<![\u4e00-\u9fff])({_ADMIN_NAME})\d{{4}}年(?:全年)?经济运行情况", "经济运行情况"),  # a statistics office's release
    (rf"({_ADMIN_NAME})第?{_NUMERAL}届人大{_NUMERAL}次会议", "人大"),
    (rf"({_ADMIN_NAME})(?:区长|县长|市长|省长)", "区长|县长|市长|省长"),
]]  # fmt: skip
# An office that publishes figures: the report's own in a bulletin's byline, a source quoted
# in a news article ("深圳市统计局的数据显示"), which on a text about several regions is none.
_OFFICE_PATTERN = (re.compile(rf"({_ADMIN_NAME})(?:发展和改革委员会|发改委|统计局)"), re.compile("发展和改革委员会|发改委|统计局"))  # fmt: skip
# The State Council's report: its meeting line and its speaker (DATA_CONTRACT.md, "National
# reports"). A local report that mentions the national session in passing has its own roles,
# which win a tie.
_NATIONAL_ROLES = re.compile(
    rf"在第{_NUMERAL}届全国人民代表大会第{_NUMERAL}次会议上|(?:^|——|\n)\s*国务院总理|国务院政府工作报告"
    r"|代表国务院[,，]?(?:向大会)?(?:作|报告)|向第[一二三四五六七八九十]+届全国人民代表大会第[一二三四五]次会议报告"
)
# A role phrase reaches at most this far from its role word ("在" + a name of up to 25
# characters + "第十七届" before 人民代表大会).
_ROLE_REACH = 36
_ROLE_WORDS = re.compile(r"人民代表大会|人民政府|国民经济和社会发展|统计公报|发展和改革|发改委|统计局|关于|人大|区长|县长"
                         r"|市长|省长|政府工作报告|经济运行情况")  # fmt: skip
# Regions counted or listed as the subject of a text about several of them: "15个副省级城市",
# "3省份", "10强县(市)", "各县(市、区)", "市县(市、区)两级". Said twice near the top.
# (Its first character is read first, then which of the wordings it begins: a pattern that begins
# with a character class is searched much faster than one that begins with alternatives.)
_SEVERAL = re.compile(
    r"[\d两二三四五六七八九十各市](?:(?:(?<=\d)\d*|(?<=[两二三四五六七八九十])[两二三四五六七八九十]*)"
    r"(?:个|强)?(?:副省级城市|省份|省区市|省市区|省市|地市|城市|市州|县市|县\(市|区县)"
    r"|(?<=各)(?:省份|省区市|地市|市州|县\(市|县市区|县区)|(?<=市)县\(市、区\))"
)
SEVERAL_MENTIONS = 2
# The words a government uses of its own area, by the last character of its name (全市 in
# 上海市's report and 瑞金市's as in 南昌市's).
_OWN_AREA = {"省": "全省|我省|本省", "市": "全市|我市|本市", "县": "全县|我县|本县", "区": "全区|我区|本区",
             "旗": "全旗|我旗|本旗", "州": "全州|我州|本州"}  # fmt: skip
# The kinds of area below a level: a city's report that says 全区 more often than 全市 is a
# district's (全省 in it is the province's ranking: 全省第一).
_BELOW = {"province": "市州县区旗", "city": "县区旗"}
OFTEN = 3  # named this often, and twice as often as any place not above it


def several_regions(head: str) -> str:
    """The words that make a text one about several regions, or ""."""
    found = [m.group(0) for m in _SEVERAL.finditer(head)]
    return "、".join(list(dict.fromkeys(found))[:3]) if len(found) >= SEVERAL_MENTIONS else ""


def find_region(head: str, text: str, several: bool = False) -> tuple[regions.Region, str] | None:
    """The government whose report this is, and the words that say so: the most named in
    the report's roles; namesakes (南昌市西湖区, 杭州市西湖区) are told apart by the places
    named in those roles first ("2022年南昌市西湖区人民政府工作报告"), then by the whole
    text. The State Council's meeting line or speaker make it 全国. On a text about
    `several` regions, an office it quotes is no role."""
    votes: Counter[str] = Counter()
    phrases: dict[str, list[str]] = {}
    # A line is read with the next one: pages break "在青云谱区第十七届⏎人民代表大会".
    rows = [line.strip() for line in head.splitlines() if line.strip()]
    pairs = [a + b for a, b in zip(rows, [*rows[1:], ""])]
    # (Each window on a line of its own, a line break before the first: a title's pattern starts there.)
    windows = ["\n" + window for pair in pairs for window in _role_windows(pair)]
    for pattern, words in _ROLE_PATTERNS + ([] if several else [_OFFICE_PATTERN]):
        found = (match for window in windows if words.search(window) for match in pattern.finditer(window))
        for match in found:
            name = _known_suffix(match.group(1))
            if name:
                votes[name] += 1
                phrases.setdefault(name, []).append(match.group(0).strip())
    national = _NATIONAL_ROLES.search(head) if "国务院" in head or "全国人民代表大会" in head else None
    if national:
        votes[regions.NATION] += 1
        phrases[regions.NATION] = [national.group(0).strip("—\n ")]
    if not votes:
        return None
    name = max(votes, key=lambda n: (votes[n], regions.by_name()[n][0].level not in ("province", "country")))
    context = "".join(phrases[name]) * 20 + text
    region = regions.lookup(name, context=context)
    return (region, f"role: {phrases[name][0]}") if region else None


def _role_windows(line: str) -> list[str]:
    """The stretches of a line around its role words: the role patterns, which may begin
    at any character, are tried there and not along whole paragraphs."""
    spans: list[list[int]] = []
    for match in _ROLE_WORDS.finditer(line):
        start, end = max(0, match.start() - _ROLE_REACH), match.end() + _ROLE_REACH
        if spans and start <= spans[-1][1]:
            spans[-1][1] = end
        else:
            spans.append([start, end])
    return [line[start:end] for start, end in spans]


def region_of_places_named(text: str) -> tuple[regions.Region, str] | None:
    """For an excerpt that names no role: the place the text speaks as, with the words that
    say so. A place qualifies where the text speaks of its own area by that place's kind (全市
    for 赣州市, 全县 for 凤庆县) at least as often as of any area below it, and every other place
    it names is above it (江西 beside 赣州), or it is named at least three times and twice as
    often as any place not above it. A place a report mentions often in passing (香港 in a national report,
    北京 in a city's) is not its region.

    >>> region_of_places_named("视察江西和赣州重要讲话精神。我市地区生产总值增长8%。")[0].name
    '赣州市'
    """
    from .places import regions_named_all  # (the division table's names, read on first use)

    counts = Counter(regions_named_all(text))
    own = {last: len(re.findall(words, text)) for last, words in _OWN_AREA.items()}
    for region, times in counts.most_common():
        others = [n for place, n in counts.items() if place != region and not _above(place, region)]
        often = times >= OFTEN and all(2 * n <= times for n in others)
        said = own.get(region.name[-1], 0)
        below = [
            n for last, n in own.items() if last in _BELOW.get(region.level, "") and last != region.name[-1]
        ]
        if (often or not others) and said and all(said >= n for n in below):
            own_words = re.search(_OWN_AREA[region.name[-1]], text).group(0)
            return region, f"places named: {region.name} {times}×, {own_words} {said}×"
    return None


def _above(place: regions.Region, region: regions.Region) -> bool:
    """Whether `place` contains `region` (江西省 and 赣州市 contain 瑞金市; 全国 contains all)."""
    if place == region:
        return False
    width = {"country": 0, "province": 2, "city": 4}.get(place.level)
    return width is not None and place.adcode[:width] == region.adcode[:width]


def region_of_file_name(name: str) -> tuple[regions.Region, str] | None:
    """A place named in a file name in Chinese that also names a report (南宁市2016年政府工作报告.txt,
    2019_吉林省_统计公报.pdf): the region as a last resort."""
    stem = re.sub(r"[\s_\-.]+", "", name.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    if not re.search(r"政府工作报告|统计公报|计划", stem):
        return None
    for match in re.finditer(_ADMIN_NAME, re.sub(r"\d", "\n", stem)):
        found = _known_suffix(match.group(0))
        region = regions.lookup(found, context=stem) if found else None
        if region is not None:
            return region, f"file name: {name}"
    return None


def _known_suffix(phrase: str) -> str:
    """The longest tail of `phrase` that is a region name (赣州市赣县区 -> 赣县区)."""
    for start in range(len(phrase) - 1):
        if phrase[start:] in regions.by_name():
            return phrase[start:]
    return ""
