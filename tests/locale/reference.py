"""Compares how Obzvon writes counts, numbers, dates and times with Babel's CLDR data.

    python reference.py OURS

OURS: lines from server/examples/locale_forms.rs for the numbers this script printed with
`--cases`. Babel is an independent reading of the Unicode CLDR (plural rules, number and date
patterns); the one intended difference is the Russian thousands separator: CLDR writes U+00A0,
Obzvon U+202F (the narrow no-break space Russian typography uses), so only that is normalised.
Exits 1 on any disagreement, printing the first ones.
"""

import datetime
import sys

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_decimal


def cases():
    """0..10,000 (every plural residue many times), then larger numbers of each shape."""
    numbers = list(range(0, 10_001))
    for power in range(4, 19):
        base = 10**power
        numbers += [base - 1, base, base + 1, base + 11, base + 21, base + 112, 2 * base + 4]
    return numbers


def expected(n):
    ru, en = Locale("ru"), Locale("en")
    epoch = datetime.date(2000, 1, 1)
    day = epoch + datetime.timedelta(days=n % 40_000)
    time = datetime.time((n // 60) % 24, n % 60)
    return [
        str(n),
        ru.plural_form(n),
        en.plural_form(n),
        format_decimal(n, locale="ru").replace("\u00a0", "\u202f"),
        format_decimal(n, locale="en"),
        format_date(day, "short", locale="ru"),
        # English pages show ISO dates (CLDR's en short "1/1/00" is ambiguous to a Russian reader).
        day.isoformat(),
        format_time(time, "HH:mm", locale="ru"),
    ]


def main():
    if sys.argv[1:] == ["--cases"]:
        print("\n".join(map(str, cases())))
        return 0
    ours = open(sys.argv[1], encoding="utf-8").read().splitlines()
    numbers = cases()
    if len(ours) != len(numbers):
        print(f"locale: {len(ours)} lines from Obzvon for {len(numbers)} cases")
        return 1
    problems = []
    for n, line in zip(numbers, ours):
        want = expected(n)
        got = line.split("\t")
        if got != want:
            problems.append(f"{n}: ours {got!r}, CLDR {want!r}")
    print(f"locale: {len(numbers)} numbers compared with Babel's CLDR data, {len(problems)} disagreements")
    for problem in problems[:20]:
        print("  " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
