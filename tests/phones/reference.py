"""Compares our phone normaliser with python-phonenumbers over the generated cells.

    python reference.py CASES OURS KNOWN_DIFFERENCES

CASES: `category<TAB>cell<TAB>reference` lines from generate.py. OURS: one line per case from
server/examples/normalize_phones.rs, `ok<TAB>digits` or `refuse<TAB>reason`.

The reference reads `reference` with region RU: `is_valid_number` gives E.164 without `+`, anything
else (a parse error, an invalid number, `REFUSE` for an Excel-rounded cell) is a refusal.

A disagreement is explained when a rule in KNOWN_DIFFERENCES matches its category (glob) and its
direction (`refuse ok`: we refuse what the reference accepts, `ok refuse`: the other way). Two
different numbers for the same cell are never explained: one of them calls a stranger.
Exits 1 on any unexplained disagreement.
"""

import collections
import fnmatch
import sys

import phonenumbers


def reference(cell):
    if cell == "REFUSE":
        return ("refuse", "")
    try:
        number = phonenumbers.parse(cell, "RU")
    except phonenumbers.NumberParseException as error:
        return ("refuse", str(error))
    if not phonenumbers.is_valid_number(number):
        return ("refuse", "invalid")
    return ("ok", phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)[1:])


def load_rules(path):
    rules = []
    with open(path, encoding="utf-8") as file:
        for number, line in enumerate(file, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            fields = [f.strip() for f in line.split("|")]
            if len(fields) != 4 or fields[1] not in ("ok", "refuse") or fields[2] not in ("ok", "refuse") \
                    or fields[1] == fields[2] or not fields[3]:
                sys.exit(f"{path}:{number}: want `category glob | ours | reference | reason`, got {line!r}")
            rules.append({"glob": fields[0], "ours": fields[1], "reference": fields[2], "reason": fields[3],
                          "used": 0})
    return rules


def main():
    cases_path, ours_path, rules_path = sys.argv[1:4]
    rules = load_rules(rules_path)
    with open(cases_path, encoding="utf-8") as file:
        cases = [line.rstrip("\n").split("\t") for line in file]
    with open(ours_path, encoding="utf-8") as file:
        ours = [line.rstrip("\n").split("\t", 1) for line in file]
    if len(cases) != len(ours):
        sys.exit(f"{len(cases)} cells but {len(ours)} answers from our normaliser")

    per_category = collections.defaultdict(collections.Counter)
    examples = collections.defaultdict(list)
    verdicts = collections.Counter()
    for (category, cell, ref_cell), (our_kind, our_value) in zip(cases, ours):
        ref_kind, ref_value = reference(ref_cell)
        counts = per_category[category]
        counts["cells"] += 1
        if our_kind == ref_kind and (our_kind == "refuse" or our_value == ref_value):
            counts["agree"] += 1
            continue
        if our_kind == ref_kind:
            verdict = "WRONG NUMBER"
        else:
            rule = next((r for r in rules if r["ours"] == our_kind and r["reference"] == ref_kind
                         and fnmatch.fnmatchcase(category, r["glob"])), None)
            if rule:
                rule["used"] += 1
                counts["explained"] += 1
                continue
            verdict = f"we {our_kind}, reference {ref_kind}"
        counts["unexplained"] += 1
        verdicts[verdict] += 1
        if len(examples[category]) < 3:
            examples[category].append(f"{cell!r}: ours {our_kind} {our_value!r}, "
                                      f"reference {ref_kind} {ref_value!r} ({verdict})")

    total = collections.Counter()
    print(f"{'category':34} {'cells':>7} {'agree':>7} {'explained':>9} {'unexplained':>11}")
    for category in sorted(per_category):
        counts = per_category[category]
        total.update(counts)
        print(f"{category:34} {counts['cells']:7} {counts['agree']:7} {counts['explained']:9} "
              f"{counts['unexplained']:11}")
    print(f"{'total':34} {total['cells']:7} {total['agree']:7} {total['explained']:9} "
          f"{total['unexplained']:11}")
    for rule in rules:
        print(f"known difference used {rule['used']:6} times: {rule['glob']} | {rule['ours']} | "
              f"{rule['reference']} | {rule['reason']}")
    for verdict, count in verdicts.most_common():
        print(f"unexplained: {count:6} {verdict}")
    if total["unexplained"]:
        print("\nUnexplained disagreements (a few per category):")
        for category in sorted(examples):
            for example in examples[category]:
                print(f"  {category}: {example}")
        print(f"\nPhone cells disagree with python-phonenumbers and no rule in {rules_path} explains them.")
    passed = total["agree"] + total["explained"]
    print(f"phones: {passed} passed, {total['unexplained']} failed")
    return 1 if total["unexplained"] else 0


if __name__ == "__main__":
    sys.exit(main())
