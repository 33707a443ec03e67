"""The lead-check benchmark's peer: the same check with python-phonenumbers.

    python check_leads.py LEADS.csv

Reads the Windows-1251 CSV with `;` that the benchmark wrote (header `ФИО;Телефон;…`, a quoted
comment with a line break in each row), reads each phone cell with region RU, keeps the valid
numbers in E.164 and prints how many different numbers there are. On stderr: the seconds from
opening the file to the count, without the interpreter's start and the import.
"""

import csv
import io
import sys
import time

started = time.perf_counter()
import phonenumbers  # noqa: E402  (timed apart: the import is the interpreter's start-up)
from phonenumbers import NumberParseException, PhoneNumberFormat  # noqa: E402

imported = time.perf_counter()


def main():
    checked = time.perf_counter()
    with open(sys.argv[1], "rb") as file:
        text = file.read().decode("cp1251")
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    phone = next(rows).index("Телефон")
    numbers = set()
    for row in rows:
        if len(row) <= phone:
            continue
        try:
            number = phonenumbers.parse(row[phone], "RU")
        except NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            numbers.add(phonenumbers.format_number(number, PhoneNumberFormat.E164))
    done = time.perf_counter()
    print(len(numbers))
    print(f"check {done - checked:.6f} import {imported - started:.6f}", file=sys.stderr)


if __name__ == "__main__":
    main()
