"""Phone cells as people and spreadsheets write them, for the differential test.

Prints `category<TAB>cell<TAB>reference` lines, deterministically (fixed seed). `reference` is what
python-phonenumbers should read instead of the cell, when the cell is a spreadsheet artefact of a
typed number (`7,9123456789E+10` -> `79123456789`), or `REFUSE` when the cell cannot be read back
(Excel rounded it). Otherwise `reference` is the cell itself.

Categories are `<number kind>/<spelling>`; known-differences.txt matches them with globs.
Only the standard library: python-phonenumbers is the oracle, not the generator.
"""

import random
import sys

SEED = 20261202
COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 120_000

# Russian area codes (Rossvyaz plan): 3-digit codes of big cities, 4- and 5-digit codes of
# regional centres and districts. The subscriber part fills the ten national digits.
RU_AREA_CODES = (
    "495 499 812 813 816 817 818 820 821 831 833 834 835 836 841 842 843 844 845 846 847 848 851 "
    "855 861 862 863 865 866 867 869 871 872 873 877 878 879 301 302 336 341 342 343 345 346 347 "
    "349 351 352 353 365 381 382 383 384 385 388 390 391 394 395 401 411 413 415 416 421 423 424 "
    "426 427 471 472 473 474 475 481 482 483 484 485 486 487 491 492 493 494 496 498 "
    "8172 8182 8202 8112 8142 8152 8162 8212 8332 8342 8352 8362 8412 8422 8442 8452 8462 8482 "
    "8512 8552 8617 8622 8635 8652 8662 8672 8692 8712 8722 8732 8772 8782 3012 3022 3412 3422 "
    "3435 3452 3462 3467 3494 3512 3522 3532 3812 3822 3842 3852 3882 3902 3912 3942 3952 4012 "
    "4112 4132 4152 4162 4212 4232 4242 4262 4272 4712 4722 4732 4742 4752 4812 4822 4832 4842 "
    "4852 4862 4872 4912 4922 4932 4942 4962 4982 "
    "81722 81738 81751 81756 34342 34341 34345 34363 34376 34398 86137 86138 86140 86145 86160 "
    "48439 48453 39546 39543 38822 38841 42137 42141 47531 47535 49232 49234 81531 81532 84722 "
    "84735 35130 35133 81370 81371 83130 83134 84140 84142 87922 87937 30130 30131 41131 41134"
).split()

RU_MOBILE_PREFIXES = [f"9{d:02d}" for d in range(100)]
RU_OTHER_PREFIXES = ["800", "801", "802", "803", "804", "809"]  # toll-free, shared, premium
KZ_PREFIXES = ["700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778",
               "7172", "7212", "7222", "7232", "7252", "7272", "7182", "7132", "7142", "7162"]

# Foreign numbers: country code, national significant number templates (x = random digit),
# and the trunk prefix people write before it at home.
FOREIGN = {
    "DE": ("49", ["30xxxxxxx", "30xxxxxxxx", "89xxxxxxx", "40xxxxxxxx", "15xxxxxxxxx", "17xxxxxxxx",
                  "16xxxxxxxx", "221xxxxxxx", "800xxxxxxx"], "0"),
    "US": ("1", ["212xxxxxxx", "415xxxxxxx", "646xxxxxxx", "800xxxxxxx", "888xxxxxxx", "305xxxxxxx",
                 "202xxxxxxx", "617xxxxxxx"], "1"),
    "CA": ("1", ["416xxxxxxx", "604xxxxxxx", "514xxxxxxx"], "1"),
    "GB": ("44", ["20xxxxxxxx", "7xxxxxxxxx", "800xxxxxxx", "161xxxxxxx", "131xxxxxxx", "845xxxxxxx",
                  "8001111", "1xxxxxxxxx"], "0"),
    "UA": ("380", ["44xxxxxxx", "50xxxxxxx", "67xxxxxxx", "93xxxxxxx", "800xxxxxx", "32xxxxxxx"], "0"),
    "BY": ("375", ["17xxxxxxx", "29xxxxxxx", "33xxxxxxx", "44xxxxxxx", "8xxxxxxxxx", "25xxxxxxx"], "8"),
    "FR": ("33", ["1xxxxxxxx", "6xxxxxxxx", "7xxxxxxxx", "800xxxxxx", "4xxxxxxxx", "9xxxxxxxx"], "0"),
    "CN": ("86", ["10xxxxxxxx", "13xxxxxxxxx", "18xxxxxxxxx", "21xxxxxxxx", "755xxxxxxxx", "400xxxxxxx"],
           "0"),
    "IT": ("39", ["06xxxxxxxx", "02xxxxxxxx", "3xxxxxxxxx", "800xxxxxx"], ""),
    "TR": ("90", ["212xxxxxxx", "5xxxxxxxxx"], "0"),
    "UZ": ("998", ["71xxxxxxx", "90xxxxxxx", "93xxxxxxx"], ""),
    "AM": ("374", ["10xxxxxx", "77xxxxxx", "91xxxxxx"], "0"),
    "GE": ("995", ["32xxxxxxx", "5xxxxxxxx"], "0"),
    "AZ": ("994", ["12xxxxxxx", "50xxxxxxx"], "0"),
    "KG": ("996", ["312xxxxxx", "5xxxxxxxx", "7xxxxxxxx"], "0"),
    "IL": ("972", ["2xxxxxxx", "5xxxxxxxx"], "0"),
    "AE": ("971", ["4xxxxxxx", "5xxxxxxxx"], "0"),
    "IN": ("91", ["9xxxxxxxxx", "11xxxxxxxx"], "0"),
    "AR": ("54", ["11xxxxxxxx", "911xxxxxxxx"], "0"),
    "MX": ("52", ["55xxxxxxxx", "1xxxxxxxxxx"], ""),
    "JP": ("81", ["3xxxxxxxx", "90xxxxxxxx"], "0"),
    "FI": ("358", ["9xxxxxxx", "40xxxxxxx"], "0"),
    "EE": ("372", ["6xxxxxx", "5xxxxxxx"], ""),
    "LV": ("371", ["6xxxxxxx", "2xxxxxxx"], ""),
    "PL": ("48", ["22xxxxxxx", "5xxxxxxxx"], ""),
}

TRAILING_TEXT = ["Иван", "(моб.)", "раб.", "звонить после 18", "call after 6", "WhatsApp", "или 8-912-0",
                 "/ факс", "?", "!!"]
LEADING_TEXT = ["тел. ", "Тел.: ", "моб. ", "Иван ", "WhatsApp ", "tel ", "т.", "(раб) "]
EXTENSIONS = ["доб. 123", "доб.45", "доб 7", "ext 12", "ext. 305", "#12", "x101", "вн. 22", "добавочный 5"]
SEPARATORS = [" ", "-", ".", "\u00a0", " - ", "\u2011", "\u2013", "/"]


def fill(rng, template):
    return "".join(str(rng.randrange(10)) if c == "x" else c for c in template)


def group(rng, digits, sep):
    """Split digits into groups of 2-4 the way people do, joined by sep."""
    parts, i = [], 0
    while i < len(digits):
        size = rng.choice((2, 2, 3, 3, 4))
        parts.append(digits[i:i + size])
        i += size
    return sep.join(parts)


def ru_grouped(rng, code, subscriber, sep):
    """`(8172) 72-12-34`, `495 123-45-67`."""
    rest = subscriber
    if len(rest) == 7:
        tail = f"{rest[:3]}{sep}{rest[3:5]}{sep}{rest[5:]}"
    elif len(rest) == 6:
        tail = f"{rest[:2]}{sep}{rest[2:4]}{sep}{rest[4:]}"
    else:
        tail = group(rng, rest, sep)
    head = f"({code})" if rng.random() < 0.5 else code
    return f"{head} {tail}" if rng.random() < 0.7 else f"{head}{sep}{tail}"


def excel_scientific(rng, digits):
    """The cell as Excel's CSV export shows a long number: full or rounded mantissa."""
    value = int(digits)
    exponent = len(digits) - 1
    comma = rng.random() < 0.5
    if rng.random() < 0.5:
        mantissa = f"{digits[0]}.{digits[1:]}"
        ref = digits
        kind = "excel-sci-full"
    else:
        significant = rng.choice((6, 7, 8, 9, 10)) if len(digits) > 10 else rng.choice((5, 6, 7, 8))
        significant = min(significant, len(digits) - 1)
        rounded = f"{value:.{significant - 1}e}"  # Python's rounding of the same float Excel rounds
        mantissa, exp = rounded.split("e")
        exponent = int(exp)
        ref = "REFUSE"
        kind = "excel-sci-rounded"
    if comma:
        mantissa = mantissa.replace(".", ",")
    return kind, f"{mantissa}E+{exponent:02d}", ref


def spellings_ru(rng, nsn, code_len):
    """One Russian (or Kazakh) ten-digit national number in one random spelling."""
    code, subscriber = nsn[:code_len], nsn[code_len:]
    sep = rng.choice(SEPARATORS[:5])
    style = rng.randrange(17)
    if style == 0:
        return "plain-11-7", "7" + nsn
    if style == 1:
        return "plain-11-8", "8" + nsn
    if style == 2:
        return "plain-10", nsn
    if style == 3:
        return "plus7", "+7 " + ru_grouped(rng, code, subscriber, sep)
    if style == 4:
        return "trunk8", "8 " + ru_grouped(rng, code, subscriber, sep)
    if style == 5:
        return "plus7-compact", "+7" + nsn
    if style == 6:
        return "idd-810", rng.choice(("810 7 ", "8107", "8-10-7 ")) + ru_grouped(rng, code, subscriber, sep)
    if style == 7:
        return "idd-007", "007 " + ru_grouped(rng, code, subscriber, sep)
    if style == 8:
        return "apostrophe", "'+7" + nsn
    if style == 9:
        return "nbsp", "8\u00a0" + ru_grouped(rng, code, subscriber, "\u00a0")
    if style == 10:
        return "trailing-text", rng.choice(("+7 ", "8 ")) + ru_grouped(rng, code, subscriber, sep) + " " + \
            rng.choice(TRAILING_TEXT)
    if style == 11:
        return "extension", rng.choice(("+7 ", "8 ")) + ru_grouped(rng, code, subscriber, sep) + " " + \
            rng.choice(EXTENSIONS)
    if style == 12:
        typed = rng.choice(("7", "8")) + nsn
        return "float-tail", typed + rng.choice((".0", ",00", ".00")), typed
    if style == 13:
        kind, cell, ref = excel_scientific(rng, rng.choice(("7", "8")) + nsn)
        return kind, cell, ref
    if style == 14:
        return "spaces-around", "  " + rng.choice(("+7", "8", "7")) + " " + group(rng, nsn, sep) + "  "
    if style == 15:
        return "leading-text", rng.choice(LEADING_TEXT) + rng.choice(("+7 ", "8 ")) + \
            ru_grouped(rng, code, subscriber, sep)
    return "dots", "8." + ".".join((code, subscriber[:3], subscriber[3:5], subscriber[5:]))


def spellings_foreign(rng, country, cc, nsn, trunk):
    sep = rng.choice(SEPARATORS[:4])
    style = rng.randrange(10)
    if style == 0:
        return "plus", f"+{cc} " + group(rng, nsn, sep)
    if style == 1:
        return "plus-compact", f"+{cc}{nsn}"
    if style == 2:
        return "idd-810", f"810 {cc} " + group(rng, nsn, sep)
    if style == 3:
        return "idd-00", f"00{cc} " + group(rng, nsn, sep)
    if style == 4:
        return "no-plus", f"{cc}{nsn}"
    if style == 5 and trunk == "0":
        return "plus-trunk", f"+{cc} (0){nsn[:2]} " + group(rng, nsn[2:], sep)
    if style == 6:
        return "national", f"{trunk}{nsn}"
    if style == 7:
        return "extension", f"+{cc} " + group(rng, nsn, sep) + " " + rng.choice(EXTENSIONS)
    if style == 8:
        kind, cell, ref = excel_scientific(rng, cc + nsn)
        return kind, cell, ref
    return "plus-parens", f"+{cc} ({nsn[:3]}) " + group(rng, nsn[3:], sep)


def junk(rng):
    style = rng.randrange(8)
    if style == 0:
        return "short", "".join(str(rng.randrange(10)) for _ in range(rng.randrange(1, 8)))
    if style == 1:
        return "long", "".join(str(rng.randrange(10)) for _ in range(rng.randrange(12, 20)))
    if style == 2:
        return "random-11", rng.choice("0123456789") + "".join(str(rng.randrange(10)) for _ in range(10))
    if style == 3:
        return "random-10", "".join(str(rng.randrange(10)) for _ in range(10))
    if style == 4:
        return "repeated", str(rng.randrange(10)) * rng.randrange(6, 13)
    if style == 5:
        return "plus-random", "+" + "".join(str(rng.randrange(10)) for _ in range(rng.randrange(6, 16)))
    if style == 6:
        return "words", rng.choice(("нет", "n/a", "-", "уточнить", "тел.", "—"))
    return "ru-unassigned", rng.choice(("7", "8", "+7")) + rng.choice("0123456") + \
        "".join(str(rng.randrange(10)) for _ in range(9))


def main():
    rng = random.Random(SEED)
    out = sys.stdout
    for _ in range(COUNT):
        roll = rng.random()
        if roll < 0.25:
            code = rng.choice(RU_AREA_CODES)
            nsn = code + fill(rng, "x" * (10 - len(code)))
            kind = f"ru-landline-{len(code)}"
            spelling, cell, *ref = spellings_ru(rng, nsn, len(code))
        elif roll < 0.45:
            code = rng.choice(RU_MOBILE_PREFIXES)
            nsn = code + fill(rng, "x" * 7)
            kind = "ru-mobile"
            spelling, cell, *ref = spellings_ru(rng, nsn, 3)
        elif roll < 0.55:
            code = rng.choice(RU_OTHER_PREFIXES)
            nsn = code + fill(rng, "x" * 7)
            kind = "ru-tollfree" if code == "800" else "ru-80x"
            spelling, cell, *ref = spellings_ru(rng, nsn, 3)
        elif roll < 0.62:
            code = rng.choice(KZ_PREFIXES)
            nsn = code + fill(rng, "x" * (10 - len(code)))
            kind = "kz"
            spelling, cell, *ref = spellings_ru(rng, nsn, len(code))
        elif roll < 0.92:
            country = rng.choice(sorted(FOREIGN))
            cc, templates, trunk = FOREIGN[country]
            nsn = fill(rng, rng.choice(templates))
            kind = f"foreign-{country}"
            spelling, cell, *ref = spellings_foreign(rng, country, cc, nsn, trunk)
        else:
            kind = "junk"
            spelling, cell = junk(rng)
            ref = []
        if rng.random() < 0.03 and not ref:
            cell = "'" + cell if not cell.startswith("'") else cell
        reference = ref[0] if ref else cell
        assert "\t" not in cell and "\n" not in cell
        out.write(f"{kind}/{spelling}\t{cell}\t{reference}\n")


if __name__ == "__main__":
    main()
