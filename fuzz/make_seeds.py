#!/usr/bin/env python3
# Writes the seed corpus under fuzz/corpus/<target>/ from the examples the
# project already has: the demo data (data/demo), the unit tests' opening
# hours and photos, and hand-written requests, forms and files. Run from the
# repository root; it replaces the seed files it writes (names seed-*), and
# leaves any other file there alone. Kept so the seeds can be rebuilt when
# the formats change; the corpus itself is committed.
import hashlib
import json
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "corpus")


def write(target, data, name=None):
    if isinstance(data, str):
        data = data.encode("utf-8")
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    name = name or hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def read(path, mode="r"):
    with open(os.path.join(ROOT, path), mode, **({} if "b" in mode else {"encoding": "utf-8"})) as f:
        return f.read()


facilities = json.loads(read("data/demo/lishi-facilities.json"))["facilities"]
categories = json.loads(read("data/demo/lishi-appeal-categories.json"))["categories"]
areas = json.loads(read("data/demo/lishi-areas.geojson"))

# ---- opening_hours: the demo's hours and the unit tests' expressions ----
hours = {f["opening_hours"] for f in facilities if f.get("opening_hours")}
test = read("src/core/opening_hours_test.cpp") + read("tests/diff/opening_hours.test.mjs")
for lit in re.findall(r'"((?:[^"\\]|\\.)*)"', test):
    if re.search(r"\d{4}-\d\d-\d\dT", lit) or len(lit) < 2 or len(lit) > 200:
        continue
    if re.search(r"\d\d:\d\d|24/7|\b(Mo|Tu|We|Th|Fr|Sa|Su|PH|WD|OD|off|closed|Jan|Dec)\b", lit):
        hours.add(lit.encode().decode("unicode_escape").encode("latin-1").decode("utf-8", "replace"))
for h in sorted(hours):
    write("opening_hours", h)

# ---- photos: the unit tests' real 8x8 pictures and the browser fixture ----
photos = read("src/appeals/photos_test.cpp")
for name in ("kGreyJpeg", "kProgressiveJpeg", "kLossyWebp", "kLosslessWebp"):
    m = re.search(r"const std::string " + name + r" = from_hex\((.*?)\);", photos, re.S)
    hexes = "".join(re.findall(r'"([0-9a-f]*)"', m.group(1)))
    write("photos", bytes.fromhex(hexes), name)
write("photos", read("tests/browser/fixtures/pothole.png", "rb"), "pothole.png")
# A JPEG with an Exif APP1 (GPS) to drop, and a PNG with a tEXt chunk.
grey = bytes.fromhex("".join(re.findall(r'"([0-9a-f]*)"', re.search(
    r"const std::string kGreyJpeg = from_hex\((.*?)\);", photos, re.S).group(1))))
exif = b"Exif\0\0GPSLatitude=37.5"
write("photos", grey[:2] + b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif + grey[2:],
      "jpeg-exif")
png = read("tests/browser/fixtures/pothole.png", "rb")
import zlib
text = b"tEXtComment\0from a phone"
chunk = (len(text) - 4).to_bytes(4, "big") + text + zlib.crc32(text).to_bytes(4, "big")
write("photos", png[:33] + chunk + png[33:], "png-text")

# ---- json_bodies: first byte picks the reader (json_bodies_fuzz.cpp) ----
def body(selector, obj):
    write("json_bodies", bytes([selector]) + json.dumps(obj, ensure_ascii=False).encode())

appeal = {"category": "roads", "description": "路面塌陷，有坑", "channel": "web",
          "attributes": {"count": 3, "blocks": ["fire_lane"]}, "lat": 37.52, "lon": 111.14,
          "address": "凤山路108号", "anonymous": False,
          "contact": {"name": "王芳", "phone": "13812345678"},
          "photos": ["data:image/png;base64,iVBORw0KGgo="]}
body(0, appeal)
body(1, dict(appeal, anonymous=True, contact=None))
for s in ({"step": "dispatch", "note": "请处理", "public": True, "org_id": 7},
          {"step": "dispatch", "area_id": 3},
          {"step": "reply", "note": "已修复", "outcome": "solved"},
          {"step": "rate", "contacted": True, "solved": True, "satisfaction": "satisfied"},
          {"step": "merge", "into_id": 12}, {"step": "return", "note": "不属于本部门"}):
    body(2, s)
for c in categories[:4]:
    c = {k: v for k, v in c.items() if k != "department"}
    c["department_org_id"] = 3
    body(3, c)
    body(4, {k: v for k, v in c.items() if k != "code"})
for f in facilities[::5]:
    f = {k: v for k, v in f.items() if k != "keeper"}
    body(5, f)
body(6, {"name": "新名字", "opening_hours": None, "status": "suspended",
         "suspended_reason": "维修", "suspended_until": "2026-03-01T08:00:00+08:00",
         "amenities": {"capacity": 40, "free_minutes": 30}})
body(6, {"lat": 37.5, "lon": 111.1, "contact_phone": "0358-8268813", "keeper_org_id": None})
for f in facilities:
    if f.get("amenities"):
        kinds = ["service_centre", "liaison_station", "love_station", "canteen", "toilet",
                 "parking", "venue", "clinic_site", "afterschool_site"]
        body(7 + 11 * kinds.index(f["kind"]), f["amenities"])
for feat in areas["features"][:6]:
    body(8, {"level": feat["properties"].get("level"), "name": "网格", "boundary": feat["geometry"]})
body(9, {"days": [{"date": "2026-01-01", "kind": "holiday", "name": "元旦"},
                  {"date": "2026-01-04", "kind": "workday", "name": "元旦调休"}]})
body(10, {"username": "grid.wang", "display_name": "王网格员", "role": "worker",
          "password": "correct horse battery", "phone": "13812345678"})
body(10, {"username": "A", "display_name": "", "role": "emperor", "password": "123456"})

# ---- import_files: first byte picks the reader (import_files_fuzz.cpp) ----
def imp(selector, data):
    write("import_files", bytes([selector]) + (data.encode() if isinstance(data, str) else data))

csv = ("kind,name,address,lon,lat,opening_hours,contact_phone,amenities\r\n"
       "toilet,凤山公厕,凤山路1号,111.12,37.51,24/7,,\"{\"\"accessible\"\":true}\"\r\n"
       "parking,\"停车场, 北\",滨河路,111.13,37.52,\"Mo-Fr 18:00-08:00; Sa,Su 00:00-24:00\","
       "0358-8268813,\"{\"\"capacity\"\":50}\"\r\n"
       "love_station,'=爱心驿站,\"多行\n地址\",111.1,37.5,,,\r\n"
       "venue,坏行,地址,abc,37.5,Mo-Xx,12345,{\r\n")
imp(0, csv)
imp(1, csv.encode("gb18030"))
imp(0, "\ufeff" + csv)
imp(0, csv.encode("gb18030"))
feats = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [f["lon"], f["lat"]]},
          "properties": {k: v for k, v in f.items() if k not in ("lat", "lon", "keeper")}}
         for f in facilities[:6]]
feats.append({"type": "Feature", "geometry": None, "properties": {"name": 3}})
imp(2, json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False))
small = dict(areas, features=areas["features"][:5])
imp(3, json.dumps(small, ensure_ascii=False))
imp(3, json.dumps({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"level": "community", "name": "新社区", "code": "NEW",
                                       "parent_code": "LS"},
     "geometry": {"type": "Polygon", "coordinates": [[[111.1, 37.5], [111.2, 37.5],
                                                      [111.2, 37.6], [111.1, 37.5]]]}}]}))
imp(4, csv)
imp(4, csv.encode("gb18030"))
imp(4, 'a,"b ""q""",c\n\n,,\r\n" x",y\n')

# ---- open311_form ----
for form in ("service_code=roads&lat=37.52&long=111.14&description=%E8%B7%AF%E9%9D%A2%E5%A1%8C"
             "&attribute[size]=big&attribute[count]=3&attribute[blocks][]=fire_lane"
             "&attribute[blocks][]=crossing&first_name=%E8%8A%B3&last_name=%E7%8E%8B"
             "&phone=13812345678&email=a%40b.cn",
             "api_key=k&service_code=roads&address_string=%E5%87%A4%E5%B1%B1%E8%B7%AF+1%E5%8F%B7"
             "&attribute%5Bsize%5D=small&attribute%5Blane%5D=left&attribute%5Bseen%5D="
             "2026-03-01T08%3A00%3A00%2B08%3A00&account_id=7",
             "service_code=roads&address_id=A12&attribute[size]=x&attribute[notes]=a+b",
             "lat=1&attribute[x]=1&attribute[x]=2",
             "lat=abc&long=&attribute[bad=1&%ZZ"):
    write("open311_form", form)

# ---- http_request: requests as a client sends them ----
reqs = [
    "GET /api/v1/items?limit=20&cursor=MTIz&tag=a&tag=b&q=%E5%8E%95%E6%89%80+x HTTP/1.1\r\n"
    "Host: x\r\n\r\n",
    "GET /api/v1/items/42 HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n"
    "GET /api/v1/items/abc HTTP/1.1\r\nHost: x\r\n\r\n",
    "POST /api/v1/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    "Content-Length: 27\r\n\r\n{\"name\":\"\u5395\",\"count\":3}",
    "POST /api/v1/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n2\r\n1}\r\n0\r\n\r\n",
    "POST /api/v1/items HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
    "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "PATCH /api/v1/items/7/notes/%E5%A4%87%E6%B3%A8 HTTP/1.1\r\nHost: x\r\n"
    "Authorization: Bearer admin\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
    "PATCH /api/v1/items/7/notes/n HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer nope\r\n"
    "Content-Length: 0\r\n\r\n",
    "DELETE /api/v1/items HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET /nowhere?%zz HTTP/1.0\r\n\r\n",
    "GET /api/v1/items?limit=0&cursor=!! HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n",
]
for r in reqs:
    write("http_request", r)
