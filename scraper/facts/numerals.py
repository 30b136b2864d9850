"""Numerals to exact `Decimal` values: Arabic, Chinese, mixed, fractions and English words.

Every function is pure and returns `None` for text it cannot read, never a float: `1.13万`
is 11300 exactly. `format_chinese` writes integers back out in Chinese numerals (the
property tests parse its output back).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from scraper.facts.tables import ZH_FORMAL_NUMERALS

CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
CN_SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)
_FORMAL = str.maketrans(ZH_FORMAL_NUMERALS)

SCALES: dict[str, Decimal] = {
    "十": Decimal(10), "百": Decimal(100), "千": Decimal(1000), "万": Decimal(10_000),
    "亿": Decimal(100_000_000), "百万": Decimal(1_000_000), "千万": Decimal(10_000_000),
    "万亿": Decimal(10**12),
    "hundred": Decimal(100), "thousand": Decimal(1000), "million": Decimal(10**6),
    "billion": Decimal(10**9), "trillion": Decimal(10**12),
    "k": Decimal(1000), "m": Decimal(10**6), "mn": Decimal(10**6), "bn": Decimal(10**9),
}

EN_UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
EN_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
EN_DENOMINATORS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10,
}
FOUR_PLACES = Decimal("0.0001")
_UNIT = Decimal(1)


def parse_arabic(text: str) -> Decimal | None:
    """`1,234.5` → 1234.5; full-width digits allowed; None when not a number."""
    cleaned = text.replace(",", "").replace("，", "").strip()
    if not cleaned.isascii():
        cleaned = cleaned.translate(_FULLWIDTH)
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


def parse_chinese(text: str) -> Decimal | None:
    """`一百二十万` → 1200000, `三十` → 30, `二〇二四` → 2024, `三点五` → 3.5, `壹佰` → 100;
    None if unreadable."""
    if not text:
        return None
    text = text.translate(_FORMAL)  # 壹佰 → 一百
    whole, dot, decimals = text.partition("点")
    if dot and not (whole and decimals):
        return None
    if decimals:
        if any(ch not in CN_DIGITS for ch in decimals):
            return None
        fraction = "".join(str(CN_DIGITS[ch]) for ch in decimals)
        head = parse_chinese(whole)
        return None if head is None else head + Decimal("0." + fraction)
    if any(ch not in CN_NUMERAL_CHARS for ch in whole):
        return None
    if len(whole) > 1 and all(ch in CN_DIGITS for ch in whole):
        # digit by digit, as in years (二〇二四) and codes
        return Decimal("".join(str(CN_DIGITS[ch]) for ch in whole))
    return _positional(whole)


def _positional(text: str) -> Decimal | None:
    done = 0  # the part already closed by 亿
    wan = 0  # the part closed by 万 since the last 亿
    section = 0  # the part below 万
    digit: int | None = None
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            section += (1 if digit is None else digit) * CN_SMALL_UNITS[ch]
            digit = None
        elif ch == "万":
            wan += (section + (digit or 0) or 1) * 10_000
            section, digit = 0, None
        else:  # 亿: closes everything before it, 万 included (万亿 = 10^12)
            done += (wan + section + (digit or 0) or 1) * 100_000_000
            wan, section, digit = 0, 0, None
    return Decimal(done + wan + section + (digit or 0))


def parse_english(words: str) -> Decimal | None:
    """`twenty-five` → 25, `three hundred` → 300, `a dozen` → 12; None if not number words."""
    tokens = words.lower().replace("-", " ").split()
    if not tokens:
        return None
    if tokens == ["a", "dozen"] or tokens == ["dozen"]:
        return Decimal(12)
    if tokens[0] == "a" and len(tokens) == 2 and tokens[1] in SCALES:
        return SCALES[tokens[1]]
    total = 0
    current = 0
    seen = False
    for token in tokens:
        if token == "and" and seen:
            continue
        if token in EN_UNITS:
            current += EN_UNITS[token]
        elif token in EN_TENS:
            current += EN_TENS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in ("thousand", "million", "billion", "trillion"):
            total += (current or 1) * int(SCALES[token])
            current = 0
        else:
            return None
        seen = True
    return Decimal(total + current)


def parse_english_fraction(words: str) -> Decimal | None:
    """`two-thirds` → 0.6667 (four places); None if not a fraction."""
    tokens = words.lower().replace("-", " ").split()
    if len(tokens) != 2 or tokens[1] not in EN_DENOMINATORS:
        return None
    numerator = Decimal(1) if tokens[0] in ("a", "an") else parse_english(tokens[0])
    if numerator is None:
        return None
    return fraction(numerator, Decimal(EN_DENOMINATORS[tokens[1]]))


def fraction(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """numerator / denominator to four places; None for a zero denominator."""
    if denominator == 0:
        return None
    return (numerator / denominator).quantize(FOUR_PLACES).normalize()


def scaled(value: Decimal, scale: str) -> Decimal:
    """Apply a multiplier word (`万`, `千万`, `million`, `bn`) exactly."""
    multiplier = SCALES.get(scale.lower())
    if multiplier is None:
        multiplier = Decimal(1)
        for ch in scale:
            multiplier *= SCALES.get(ch, Decimal(1))
    return tidy(value * multiplier)


def tidy(value: Decimal) -> Decimal:
    """Integral values without trailing decimal zeros (`11300.00` → `11300`).

    An integral value with more digits than the context's precision (`1391234567813912345678
    trillion`) cannot be written with exponent 0: it stays in exponent form.
    """
    if value == value.to_integral_value():
        try:
            return value.quantize(_UNIT)
        except InvalidOperation:
            return value.normalize()
    return value.normalize()


_CN_DIGIT_CHARS = "零一二三四五六七八九"
_SMALL = ((1000, "千"), (100, "百"), (10, "十"))


def format_chinese(number: int) -> str:
    """Write a non-negative integer below 10^16 in Chinese numerals (`120` → `一百二十`)."""
    if number < 0 or number >= 10**16:
        raise ValueError(f"cannot write {number} in Chinese numerals")
    if number == 0:
        return "零"
    groups = [(number // 10**8) // 10**4, (number // 10**8) % 10**4,
              (number // 10**4) % 10**4, number % 10**4]
    suffixes = ["万亿", "亿", "万", ""]
    parts: list[str] = []
    need_zero = False
    for group, suffix in zip(groups, suffixes, strict=True):
        if group == 0:
            need_zero = bool(parts)
            continue
        if parts and (need_zero or group < 1000):
            parts.append("零")
        parts.append(_four(group) + suffix)
        need_zero = False
    text = "".join(parts)
    if text.startswith("一十"):
        text = text[1:]
    return text


def _four(group: int) -> str:
    out: list[str] = []
    zero = False
    for size, name in _SMALL:
        digit = group // size % 10
        if digit:
            if zero:
                out.append("零")
            out.append(_CN_DIGIT_CHARS[digit] + name)
            zero = False
        elif out:
            zero = True
    if group % 10:
        if zero:
            out.append("零")
        out.append(_CN_DIGIT_CHARS[group % 10])
    return "".join(out)
