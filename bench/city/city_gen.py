#!/usr/bin/env python3
"""A city-year of appeals for warmcity (bench/city, issue #15), into a database
that already has the schema (`warmcity migrate`).

Shape (deterministic for a given --seed):
  areas       150 sub-districts, 1,500 communities, 15,000 grids: square
              GeoJSON polygons on a 150 x 100 lattice of 0.005-degree cells
              over a Lüliang-like box (lon 110.725-111.475, lat 37.25-37.75);
              a grid is 0.005 deg, a community 5 x 2 grids, a sub-district
              2 x 5 communities.
  orgs        20 departments, one organisation per sub-district and per
              community (kind subdistrict / community, area_id set).
  categories  30, in 6 groups; 21 name a department, 9 go to the grid.
  appeals     N, submitted from 2026-01-01 00:00 (Asia/Shanghai) until the
              earlier of 2027-01-01 and --now, denser in the urban core;
              8 % without a location. Each one's trail is simulated step by
              step (submit, accept, dispatch, [return, dispatch], start,
              reply, callback, [system reopen, start, reply, callback],
              close; 3 % merged into an earlier open appeal of the category,
              1.5 % stalled in progress) and cut at --now: the appeal's state,
              timestamps, deadlines, running clock and escalation are those
              of its last event before --now, as the workflow would have left
              them (src/appeals/steps.cpp, deadlines.h).
Loads SQLite with the sqlite3 module (one transaction) and PostgreSQL with
COPY through psql. Prints a progress line per chunk on stderr.
"""
import argparse
import math
import os
import random
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

CST = timezone(timedelta(hours=8))
YEAR_FROM = int(datetime(2026, 1, 1, tzinfo=CST).timestamp())
YEAR_UNTIL = int(datetime(2027, 1, 1, tzinfo=CST).timestamp())
CREATED = YEAR_FROM - 30 * 86400

GX, GY = 150, 100  # grid lattice
CELL = 0.005
LON0, LAT0 = 110.725, 37.25
N_SUB, N_COMM, N_GRID = 150, 1500, 15000
COMM0, GRID0 = N_SUB + 1, N_SUB + N_COMM + 1
N_DEPT = 20
DEPT_NAMES = ["城管局", "住建局", "交通运输局", "生态环境局", "水务局", "市场监管局", "公安局",
              "人社局", "卫健委", "教育局", "民政局", "自然资源局", "供电公司", "燃气公司",
              "热力公司", "通信管理办", "文旅局", "应急管理局", "农业农村局", "信访局"]
GROUPS = ["市容环境", "道路交通", "住房物业", "公用事业", "社会保障", "其他"]
ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"


def tracking_code(i):
    # i -> (7919 i + 104729) mod 29^8 is one-to-one (7919 is prime to 29), so
    # codes are unique; spelled in the app's alphabet (tracking_code.h).
    n = (i * 7919 + 104729) % (29 ** 8)
    s = []
    for _ in range(8):
        n, r = divmod(n, 29)
        s.append(ALPHABET[r])
    return "".join(s)


def square(x0, y0, w, h):
    x1, y1 = x0 + w, y0 + h
    ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
    return '{"type":"Polygon","coordinates":[%s]}' % (
        "[" + ",".join("[%.6f,%.6f]" % (x, y) for x, y in ring) + "]")


def areas():
    rows = []
    for sy in range(10):
        for sx in range(15):
            i = sy * 15 + sx
            rows.append((1 + i, "subdistrict", None, "街道%03d" % (i + 1), "SD%03d" % (i + 1),
                         square(LON0 + sx * 10 * CELL, LAT0 + sy * 10 * CELL, 10 * CELL,
                                10 * CELL), CREATED, CREATED))
    for cy in range(50):
        for cx in range(30):
            i = cy * 30 + cx
            parent = 1 + (cy // 5) * 15 + cx // 2
            rows.append((COMM0 + i, "community", parent, "社区%04d" % (i + 1), "C%04d" % (i + 1),
                         square(LON0 + cx * 5 * CELL, LAT0 + cy * 2 * CELL, 5 * CELL, 2 * CELL),
                         CREATED, CREATED))
    for gy in range(GY):
        for gx in range(GX):
            i = gy * GX + gx
            parent = COMM0 + (gy // 2) * 30 + gx // 5
            rows.append((GRID0 + i, "grid", parent, "网格%05d" % (i + 1), "G%05d" % (i + 1),
                         square(LON0 + gx * CELL, LAT0 + gy * CELL, CELL, CELL), CREATED, CREATED))
    return rows


def organisations():
    rows = []
    for d in range(N_DEPT):
        rows.append((1 + d, "department", DEPT_NAMES[d], CREATED, None))
    for s in range(N_SUB):
        rows.append((N_DEPT + 1 + s, "subdistrict", "街道办%03d" % (s + 1), CREATED, 1 + s))
    for c in range(N_COMM):
        rows.append((N_DEPT + N_SUB + 1 + c, "community", "社区居委会%04d" % (c + 1), CREATED,
                     COMM0 + c))
    return rows


def categories(rng):
    rows = []
    for i in range(30):
        dept = 1 + (i % N_DEPT) if i % 10 < 7 else None  # 21 with a department, 9 to the grid
        rows.append((1 + i, "cat%02d" % (i + 1), "类别%02d" % (i + 1), "Category %02d" % (i + 1),
                     GROUPS[i % len(GROUPS)], dept, rng.choice([2, 4, 24, 24, 48]),
                     rng.choice([3, 5, 10, 10, 15, 20]), "[]", 1, CREATED, CREATED))
    return rows


class Appeals:
    """Simulates each appeal's trail and cuts it at `now`."""

    def __init__(self, rng, cats, now, n):
        self.rng = rng
        self.cats = cats
        self.now = now
        self.until = min(YEAR_UNTIL, now)
        self.n = n
        # Category weights: a few categories take most appeals (Zipf-like).
        w = [1.0 / (k + 1) ** 0.9 for k in range(len(cats))]
        self.cat_cum = list(_cumulate(w))
        self.recent = {}  # category id -> [(id, events)] of the last appeals, for merges
        self.next_event_id = 1

    def pick_grid(self):
        r = self.rng
        if r.random() < 0.6:  # urban core around (111.1 E, 37.5 N)
            gx = int(r.gauss(75, 12))
            gy = int(r.gauss(50, 10))
        else:
            gx = r.randrange(GX)
            gy = r.randrange(GY)
        return min(GX - 1, max(0, gx)), min(GY - 1, max(0, gy))

    def one(self, i):
        """Returns (appeal row, [event rows], [extra event rows for other appeals])."""
        r = self.rng
        t0 = YEAR_FROM + (self.until - YEAR_FROM) * (i - 1) // self.n + r.randrange(
            max(1, (self.until - YEAR_FROM) // self.n))
        cat = self.cats[_bisect(self.cat_cum, r.random())]
        cat_id, dept, resp_h, res_d = cat[0], cat[5], cat[6], cat[7]
        channel = r.choices(["phone", "web", "liaison_station", "representative_visit"],
                            [55, 33, 9, 3])[0]
        if r.random() < 0.08:
            lat = lon = sub = comm = grid = None
        else:
            gx, gy = self.pick_grid()
            lon = LON0 + (gx + r.random()) * CELL
            lat = LAT0 + (gy + r.random()) * CELL
            grid = GRID0 + gy * GX + gx
            comm = COMM0 + (gy // 2) * 30 + gx // 5
            sub = 1 + (gy // 20) * 15 + gx // 10
        response_due = t0 + resp_h * 3600
        res_span = res_d * 86400 * 7 // 5  # working days, weekends skipped
        resolution_due = t0 + res_span
        ev = []  # (at, actor_role, action, from, to, note, public, detail, note_public)
        state = "submitted"

        def step(at, role, action, to, note="", public=1, detail="{}", note_public=0):
            nonlocal state
            ev.append((at, role, action, state, to, note, public, detail, note_public))
            state = to

        ev.append((t0, "anonymous" if channel == "web" else "worker", "submit", None, "submitted",
                   "", 1, "{}", 0))
        t = t0 + int(resp_h * 3600 * (r.uniform(0.05, 0.9) if r.random() < 0.9
                                      else r.uniform(1.0, 3.0)))
        merged_into = None
        extra = []
        if r.random() < 0.03:
            if r.random() < 0.5:
                step(t, "worker", "accept", "accepted")
                t += r.randrange(600, 7200)
            kept = self.open_at(cat_id, t)
            if kept is not None:
                merged_into = kept
                step(t, "worker", "merge", "closed", detail='{"into_id":%d,"into_code":"%s"}' % (
                    kept, tracking_code(kept)))
                extra.append((kept, t, "worker", "merged_from", None, None, "", 1,
                              '{"from_id":%d}' % i, 1))
            elif state == "submitted":
                step(t, "worker", "accept", "accepted")
        else:
            step(t, "worker", "accept", "accepted")
        reopen_at = None
        if merged_into is None:
            stalled = r.random() < 0.015
            rounds = 0
            while True:
                rounds += 1
                t += r.randrange(600, 3 * 3600)
                target = self.target(dept, grid, comm)
                step(t, "worker", "dispatch", "dispatched", detail=target)
                if r.random() < 0.05:
                    t += r.randrange(2 * 3600, 2 * 86400)
                    step(t, "department", "return", "returned", note="不属于本单位职责，请改派",
                         public=0)
                    t += r.randrange(3600, 86400)
                    step(t, "worker", "dispatch", "dispatched",
                         detail='{"org_id":%d}' % (1 + r.randrange(N_DEPT)))
                t += r.randrange(3600, 86400)
                step(t, "department", "start", "in_progress")
                if stalled:
                    break
                start = reopen_at if reopen_at else t0
                due = resolution_due
                span = due - start
                t = max(t + 3600, start + int(span * (r.uniform(0.1, 0.95) if r.random() < 0.88
                                                      else r.uniform(1.0, 1.6))))
                outcome = "solved" if r.random() < 0.85 else "not_solvable"
                step(t, "department", "reply", "replied",
                     note="已处理完毕，感谢您的反映" if outcome == "solved" else "经核实暂无法解决，已说明原因",
                     detail='{"outcome":"%s"}' % outcome, note_public=1)
                t += r.randrange(4 * 3600, 3 * 86400)
                contacted = r.random() < 0.95
                solved = outcome == "solved" and r.random() < 0.92
                sat = r.choices(["satisfied", "basically_satisfied", "dissatisfied"],
                                [80, 14, 6] if solved else [25, 40, 35])[0]
                step(t, "worker", "callback", "callback", public=0,
                     detail='{"contacted":%s,"solved":%s,"satisfaction":"%s"}' % (
                         "true" if contacted else "false", "true" if solved else "false", sat))
                if sat == "dissatisfied" and rounds == 1 and r.random() < 0.6:
                    t += 1
                    step(t, "system", "reopen", "dispatched",
                         detail='{"reason":"dissatisfied_callback"}')
                    reopen_at = t
                    resolution_due_new = t + res_span
                    ev[-1] = ev[-1] + (resolution_due_new,)
                    resolution_due = resolution_due_new
                    # the reopen dispatches to the same target: start again
                    t += r.randrange(3600, 86400)
                    step(t, "department", "start", "in_progress")
                    start = reopen_at
                    span = resolution_due - start
                    t = max(t + 3600, start + int(span * r.uniform(0.1, 1.2)))
                    step(t, "department", "reply", "replied", note="已重新处理", note_public=1,
                         detail='{"outcome":"solved"}')
                    t += r.randrange(4 * 3600, 3 * 86400)
                    sat = r.choices(["satisfied", "basically_satisfied", "dissatisfied"],
                                    [60, 25, 15])[0]
                    step(t, "worker", "callback", "callback", public=0,
                         detail='{"contacted":true,"solved":true,"satisfaction":"%s"}' % sat)
                t += r.randrange(60, 2 * 3600)
                step(t, "worker", "close", "closed")
                break
        return self.cut(i, t0, cat_id, channel, lat, lon, sub, comm, grid, response_due, res_span,
                        ev, merged_into, extra)

    def target(self, dept, grid, comm):
        if dept is not None:
            return '{"org_id":%d}' % dept
        if grid is not None:
            return '{"area_id":%d}' % grid
        return '{"org_id":%d}' % (1 + self.rng.randrange(N_DEPT))

    def open_at(self, cat_id, t):
        """An earlier appeal of the category still open (and not merged) at t."""
        for aid, evs in reversed(self.recent.get(cat_id, [])):
            last = None
            for e in evs:
                if e[0] <= t:
                    last = e
            if last is not None and last[4] != "closed" and last[2] != "merge":
                return aid
        return None

    def cut(self, i, t0, cat_id, channel, lat, lon, sub, comm, grid, response_due, res_span,
            ev, merged_into, extra):
        now = self.now
        kept = [e for e in ev if e[0] <= now]
        rec = self.recent.setdefault(cat_id, [])
        rec.append((i, ev))
        if len(rec) > 40:
            del rec[0]
        state = kept[-1][4]
        accepted_at = replied_at = closed_at = None
        outcome = contacted = solved = sat = None
        org = area = None
        reopen_count = 0
        resolution_due = t0 + res_span
        clock_start = t0
        for e in kept:
            a = e[2]
            if a == "accept":
                accepted_at = e[0]
            elif a == "dispatch":
                d = e[7]
                if '"org_id"' in d:
                    org, area = int(d.split(":")[1].rstrip("}")), None
                else:
                    org, area = None, int(d.split(":")[1].rstrip("}"))
            elif a == "reply":
                replied_at = e[0]
                outcome = "solved" if "solved" in e[7] and "not_solvable" not in e[7] else \
                    "not_solvable"
            elif a == "callback":
                contacted = 1 if '"contacted":true' in e[7] else 0
                solved = 1 if '"solved":true' in e[7] else 0
                sat = e[7].rsplit('"', 2)[1]
            elif a in ("close", "merge"):
                closed_at = e[0]
            elif a == "reopen":
                reopen_count += 1
                resolution_due = e[9]
                clock_start = e[0]
        if state == "submitted":
            clock = (t0, response_due)
        elif state in ("accepted", "dispatched", "returned", "in_progress"):
            clock = (clock_start, resolution_due)
        else:
            clock = None
        if clock:
            cs, due = clock
            nearly = cs + -(-(due - cs) * 4 // 5)
            esc = 2 if due <= now else (1 if nearly <= now else 0)
        else:
            cs = due = nearly = None
            esc = 0
        anonymous = 1 if channel == "web" and self.rng.random() < 0.4 else 0
        contact_name = None if anonymous else "居民"
        contact_phone = None if anonymous else "1380000%04d" % (i % 10000)
        appeal = (i, tracking_code(i), cat_id, channel, state, "城市问题反映 %d：请尽快处理" % i,
                  "{}", lat, lon, None, sub, comm, grid, "[]", None, anonymous, contact_name,
                  contact_phone, org, area, t0, response_due, resolution_due, accepted_at,
                  replied_at, closed_at, outcome, contacted, solved, sat, merged_into, 0,
                  reopen_count, cs, due, nearly, esc, kept[-1][0])
        events = [(i,) + e[:9] for e in kept]
        extra = [x for x in extra if x[1] <= now]
        return appeal, events, extra


def _cumulate(w):
    s = sum(w)
    acc = 0.0
    for x in w:
        acc += x / s
        yield acc


def _bisect(cum, u):
    lo, hi = 0, len(cum) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if cum[mid] < u:
            lo = mid + 1
        else:
            hi = mid
    return lo


AREA_COLS = "id, level, parent_id, name, code, boundary, created_at, updated_at"
ORG_COLS = "id, kind, name, created_at, area_id"
CAT_COLS = ("id, code, name_zh, name_en, group_name, department_org_id, response_hours, "
            "resolution_days, attributes, active, created_at, updated_at")
APPEAL_COLS = ("id, tracking_code, category_id, channel, state, description, attributes, lat, lon, "
               "address, subdistrict_id, community_id, grid_id, photos, reporter_user_id, "
               "anonymous, contact_name, contact_phone, assigned_org_id, assigned_area_id, "
               "submitted_at, response_due, resolution_due, accepted_at, replied_at, closed_at, "
               "reply_outcome, callback_contacted, callback_solved, satisfaction, merged_into, "
               "followers, reopen_count, clock_start, due_at, nearly_at, escalation, updated_at")
EVENT_COLS = ("appeal_id, at, actor_role, action, from_state, to_state, note, public, detail, "
              "note_public")


def ncols(cols):
    return len(cols.split(","))


class SqliteSink:
    def __init__(self, path):
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=DELETE")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("PRAGMA cache_size=-1000000")
        self.db.execute("BEGIN")

    def put(self, table, cols, rows):
        q = "INSERT INTO %s (%s) VALUES (%s)" % (table, cols, ",".join("?" * ncols(cols)))
        self.db.executemany(q, rows)

    def finish(self):
        self.db.execute("COMMIT")
        self.db.execute("ANALYZE")
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.close()


def copy_field(v):
    if v is None:
        return "\\N"
    if isinstance(v, float):
        return repr(v)
    s = str(v)
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


class PostgresSink:
    def __init__(self, url):
        self.p = subprocess.Popen(["psql", url, "-q", "-v", "ON_ERROR_STOP=1", "-X"],
                                  stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
        self.w = self.p.stdin
        self.w.write(b"BEGIN;\n")

    def put(self, table, cols, rows):
        out = ["COPY %s (%s) FROM STDIN;\n" % (table, cols)]
        for row in rows:
            out.append("\t".join(copy_field(v) for v in row))
            out.append("\n")
        out.append("\\.\n")
        self.w.write("".join(out).encode())

    def finish(self):
        for t in ("areas", "organisations", "appeal_categories", "appeals", "appeal_events"):
            self.w.write(("SELECT setval(pg_get_serial_sequence('%s', 'id'), "
                          "(SELECT max(id) FROM %s));\n" % (t, t)).encode())
        self.w.write(b"COMMIT;\nANALYZE;\n")
        self.w.close()
        if self.p.wait() != 0:
            sys.exit("psql failed")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="SQLite file or postgresql:// URL")
    ap.add_argument("--appeals", type=int, required=True)
    ap.add_argument("--now", type=int, default=int(time.time()))
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--chunk", type=int, default=50000)
    a = ap.parse_args()
    if a.appeals < 1:
        sys.exit("--appeals must be at least 1")
    if a.now <= YEAR_FROM:
        sys.exit("--now must be after 2026-01-01")
    rng = random.Random(a.seed)
    pg = a.db.startswith("postgresql://") or a.db.startswith("postgres://")
    sink = PostgresSink(a.db) if pg else SqliteSink(a.db)
    sink.put("areas", AREA_COLS, areas())
    sink.put("organisations", ORG_COLS, organisations())
    cats = categories(rng)
    sink.put("appeal_categories", CAT_COLS, cats)
    gen = Appeals(rng, cats, a.now, a.appeals)
    started = time.time()
    n_events = 0
    for lo in range(1, a.appeals + 1, a.chunk):
        hi = min(a.appeals, lo + a.chunk - 1)
        appeals, events = [], []
        for i in range(lo, hi + 1):
            row, evs, extra = gen.one(i)
            appeals.append(row)
            events.extend(evs)
            events.extend(extra)
        sink.put("appeals", APPEAL_COLS, appeals)
        events.sort(key=lambda e: (e[1], e[0]))
        sink.put("appeal_events", EVENT_COLS, events)
        n_events += len(events)
        el = time.time() - started
        print("seed: %d/%d appeals, %d events, %.0f s, %.0f appeals/s" % (
            hi, a.appeals, n_events, el, hi / max(el, 1e-9)), file=sys.stderr, flush=True)
    sink.finish()
    print("seed: done in %.0f s" % (time.time() - started), file=sys.stderr)


if __name__ == "__main__":
    main()
