#!/usr/bin/env python3
"""Adds COUNT elders with active red cards to a demo district's SQLite file,
for bench/canteens/counter-sale.sh's FIRST_MEALS runs: every sale then is an
elder's first meal of the slot (subsidised: her month's sums and the subsidy
rules read), as at a real counter, instead of the demo's 36 elders' second
and later ones. Each new elder is a copy of one of the district's (birth
date, categories, grid), so the tiers are the demo's; her card number is ten
digits whose last is the Damm check digit (eldercare/card_number.h).
Writes the new cards, one per line, to CARDS_FILE.
Usage: more-elders.py DB COUNT CARDS_FILE"""
import sqlite3
import sys

# The Damm quasigroup (core/damm.h).
DAMM = ["0317598642", "7092154863", "4206871359", "1750983426", "6123045978",
        "3674209581", "5869720134", "8945362017", "9438617205", "2581436790"]


def damm_digit(digits):
    interim = 0
    for d in digits:
        interim = int(DAMM[interim][int(d)])
    return str(interim)


def main():
    db, count, cards_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    con = sqlite3.connect(db)
    columns = [r[1] for r in con.execute("PRAGMA table_info(elders)") if r[1] != "id"]
    model_ids = [r[0] for r in con.execute("SELECT id FROM elders WHERE closed = 0 ORDER BY id")]
    card = con.execute("SELECT committee_phone, team_phone, issued_at, issued_by FROM elder_cards"
                       " WHERE state = 'active' LIMIT 1").fetchone()
    if not model_ids or not card:
        sys.exit("more-elders.py: the database has no open elder with an active card")
    taken = {r[0] for r in con.execute("SELECT number FROM elder_cards")}
    copy = "INSERT INTO elders ({0}) SELECT {0} FROM elders WHERE id = ?".format(", ".join(columns))
    numbers = []
    serial = 200000000  # the first nine digits of the next number to try
    with con:
        for k in range(count):
            elder_id = con.execute(copy, (model_ids[k % len(model_ids)],)).lastrowid
            number = ""
            while not number or number in taken:  # a demo card may hold it already
                number = str(serial) + damm_digit(str(serial))
                serial += 1
            con.execute("INSERT INTO elder_cards (elder_id, number, state, committee_phone,"
                        " team_phone, issued_at, issued_by) VALUES (?, ?, 'active', ?, ?, ?, ?)",
                        (elder_id, number) + tuple(card))
            numbers.append(number)
    with open(cards_file, "w") as out:
        out.write("\n".join(numbers) + "\n")
    print(f"added {len(numbers)} elders with cards (copies of {len(model_ids)} demo elders)")


if __name__ == "__main__":
    main()
