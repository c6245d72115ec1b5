"""Opens a workbook with openpyxl and checks it cell by cell against one CSV per sheet, in
order: the same header and values, numbers as numbers, dates as real dates, yes/no as booleans,
no formula anywhere, a bold frozen header row and an auto-filter over the table. Exits non-zero
naming every difference.

Usage: python xlsx_openpyxl.py WORKBOOK CSV...
"""
import csv
import datetime
import re
import sys

import openpyxl

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


OFFICE_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def as_office_shows(value):
    """Excel and LibreOffice decode the OOXML `_xHHHH_` character escape in cell text; openpyxl
    returns it raw, so the check decodes it as they do before comparing."""
    if not isinstance(value, str):
        return value
    return OFFICE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)


def expected_text(cell):
    """The CSV neutralises formula triggers with an apostrophe; the workbook needs none."""
    if cell.startswith("'") and cell[1:].startswith(TRIGGERS):
        return cell[1:]
    return cell


def compare(sheet, rows, problems):
    name = sheet.title
    if sheet.freeze_panes != "A2":
        problems.append(f"{name}: header not frozen ({sheet.freeze_panes})")
    if not sheet.auto_filter.ref:
        problems.append(f"{name}: no auto-filter")
    values = list(sheet.iter_rows())
    if len(values) != len(rows):
        problems.append(f"{name}: {len(values)} rows, the CSV has {len(rows)}")
    for r, (cells, expected) in enumerate(zip(values, rows), start=1):
        for c, want in enumerate(expected):
            cell = cells[c] if c < len(cells) else None
            got = as_office_shows(cell.value) if cell is not None else None
            where = f"{name}!{cell.coordinate if cell is not None else (r, c + 1)}"
            if cell is not None and cell.data_type == "f":
                problems.append(f"{where}: a formula")
            if r == 1:
                if got != want:
                    problems.append(f"{where}: header {got!r}, CSV {want!r}")
                if cell is None or not cell.font.b:
                    problems.append(f"{where}: header not bold")
                continue
            if want == "":
                ok = got is None
            elif isinstance(got, bool):
                ok = want == ("true" if got else "false")
            elif isinstance(got, datetime.datetime):
                ok = got.date().isoformat() == want and cell.is_date
            elif isinstance(got, (int, float)):
                ok = str(int(got)) == expected_text(want)
            else:
                ok = got == expected_text(want)
            if not ok:
                problems.append(f"{where}: workbook {got!r}, CSV {want!r}")


def main(workbook_path, csv_paths):
    book = openpyxl.load_workbook(workbook_path)
    problems = []
    if len(book.worksheets) != len(csv_paths):
        problems.append(f"{len(book.worksheets)} sheets for {len(csv_paths)} CSV files")
    for sheet, path in zip(book.worksheets, csv_paths):
        with open(path, newline="", encoding="utf-8") as handle:
            compare(sheet, list(csv.reader(handle)), problems)
    for problem in problems[:50]:
        print(problem, file=sys.stderr)
    print(f"openpyxl read {len(book.worksheets)} sheet(s), {len(problems)} difference(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
