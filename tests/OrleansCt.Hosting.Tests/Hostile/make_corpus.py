#!/usr/bin/env python3
"""Writes corpus.jsonl: the hostile requests HostileCorpusTests replays. Run it again after editing the cases below."""
import base64, json, os

cases = []
J = "application/json"


def add(name, cls, method, path, body, status, field, ctype=J, chunked=False, gen=None):
    case = {"name": name, "class": cls, "method": method, "path": path, "contentType": ctype, "status": status, "field": field}
    if gen is not None:
        case["gen"] = gen
    elif isinstance(body, bytes):
        try:
            case["body"] = body.decode("utf-8")
        except UnicodeDecodeError:
            case["base64"] = base64.b64encode(body).decode("ascii")
    elif body is not None:
        case["body"] = body
    if chunked:
        case["chunked"] = True
    cases.append(case)


def ok_event(i, id_=None, nsw="0.5", day='"1"', extra=""):
    return '{"id": "%s", "features": {"nswprice": %s, "day": %s%s}}' % (id_ if id_ is not None else "e%d" % i, nsw, day, extra)


def batch(events, key="events"):
    return '{"%s": [%s]}' % (key, ", ".join(events))


def events_with(n, bad):
    """n valid events, then one built by bad(n) at index n (so errors must name events[n])."""
    return batch([ok_event(i) for i in range(n)] + [bad(n)])


PRED, EVT, LAB = "/v1/models/{model}/predict", "/v1/models/{model}/events", "/v1/models/{model}/labels"

# 1. Invalid UTF-8 and unpaired surrogates, in every string of every body.
bad_texts = {
    "lone-ff": b"\xff", "lone-continuation": b"\x80", "overlong-slash": b"\xc0\xaf", "overlong-nul": b"\xc0\x80",
    "truncated-3byte": b"\xe2\x82", "utf8-surrogate": b"\xed\xa0\x80", "5-byte": b"\xf8\x88\x80\x80\x80", "above-10ffff": b"\xf4\x90\x80\x80",
    "esc-high-surrogate": b"\\ud800", "esc-low-surrogate": b"\\udc00", "esc-high-then-letter": b"\\ud800\\u0041", "esc-two-highs": b"\\ud800\\ud800",
}
for tag, bad in bad_texts.items():
    raw = lambda i, b=bad: ('{"id": "e%d' % i).encode() + b + b'", "features": {"nswprice": 0.5, "day": "1"}}'
    for path, kind in ((PRED, "predict"), (EVT, "events")):
        add("utf8 %s in id (%s)" % (tag, kind), "utf8", "POST", path,
            b'{"events": [' + b", ".join([ok_event(i).encode() for i in range(3)] + [raw(3)]) + b"]}", 400, "events[3].id")
    add("utf8 %s in category" % tag, "utf8", "POST", PRED,
        b'{"events": [' + ok_event(0).encode() + b', {"id": "e1", "features": {"nswprice": 0.5, "day": "1' + bad + b'"}}]}', 400, "events[1].features.day")
    add("utf8 %s in label id" % tag, "utf8", "POST", LAB,
        b'{"labels": [{"id": "a", "label": "UP"}, {"id": "b' + bad + b'", "label": "UP"}]}', 400, "labels[1].id")
for tag in ("lone-ff", "esc-high-surrogate", "utf8-surrogate", "overlong-slash"):
    raw_only = not tag.startswith("esc")
    bad = bad_texts[tag]
    add("utf8 %s in label (events)" % tag, "utf8", "POST", EVT,
        b'{"events": [{"id": "e0", "label": "U' + bad + b'", "features": {"nswprice": 0.5, "day": "1"}}]}', 400, "events[0].label")
    add("utf8 %s in label (labels)" % tag, "utf8", "POST", LAB, b'{"labels": [{"id": "a", "label": "U' + bad + b'"}]}', 400, "labels[0].label")
    add("utf8 %s in feature name" % tag, "utf8", "POST", PRED,
        b'{"events": [{"id": "e0", "features": {"nswprice": 0.5, "day": "1", "x' + bad + b'": 1}}]}', 400, "events[0].features")
    add("utf8 %s in event field name" % tag, "utf8", "POST", PRED,
        b'{"events": [{"id": "e0", "features": {"nswprice": 0.5, "day": "1"}, "t' + bad + b'": 1}]}', 400, "events[0]")
    add("utf8 %s in time" % tag, "utf8", "POST", PRED,
        b'{"events": [{"id": "e0", "time": "2026-01-01' + bad + b'", "features": {"nswprice": 0.5, "day": "1"}}]}', 400, "events[0].time")
    add("utf8 %s in top-level name" % tag, "utf8", "POST", PRED, b'{"ev' + bad + b'": []}', 400, "body")
    add("utf8 %s in definition class" % tag, "utf8", "PUT", "/v1/models/{new}",
        b'{"task": "binary", "target": "c", "classes": ["a' + bad + b'", "b"], "features": [{"name": "x", "type": "numeric"}]}', 400, "classes[0]")
    add("utf8 %s in definition feature name" % tag, "utf8", "PUT", "/v1/models/{new}",
        b'{"task": "regression", "target": "y", "features": [{"name": "x' + bad + b'", "type": "numeric"}]}', 400, "features[0].name")
    add("utf8 %s in definition category" % tag, "utf8", "PUT", "/v1/models/{new}",
        b'{"task": "regression", "target": "y", "features": [{"name": "c", "type": "categorical", "categories": ["ok", "b' + bad + b'"]}]}', 400, "features[0].categories[1]")
    add("utf8 %s in alert id" % tag, "utf8", "POST", "/v1/models/{model}/alerts/acknowledge", b'{"id": "drift:' + bad + b'", "by": "ana"}', 400, "id")
    add("utf8 %s in reference from" % tag, "utf8", "POST", "/v1/models/{model}/reference", b'{"from": "2026' + bad + b'", "to": 10}', 400, "from")
    if raw_only:
        add("utf8 %s in reference csv" % tag, "utf8", "POST", "/v1/models/{model}/reference",
            b"nswprice,day,class\n0.5,1" + bad + b",UP\n", 400, "body", ctype="text/csv")

# 3. Query parameters that overflow or make no sense.
for w in ("1e308d", "2e307h", "1e308", "1e400d", "36526d", "3200000000", "-1h", "0", "0d", "NaN", "Infinity", "1e-400s", "h", "1x", "10000e", "", "1d1"):
    if w == "":
        continue
    add("drift window=%s" % w, "query", "GET", "/v1/models/{model}/drift?window=" + w, None, 400, "window")
for w in ("1e308d", "2e307h", "1e400m", "36526d", "1e13e", "1e300e", "-5e", "NaNe", "Infinityd", "e", "5x", "0e", "0s"):
    add("stats window=%s" % w, "query", "GET", "/v1/models/{model}/stats?window=" + w, None, 400, "window")
for p, v in (("from", "1e308"), ("from", "-1e308"), ("to", "1e400"), ("from", "NaN"), ("to", "Infinity"), ("from", "253402300801"),
             ("from", "10000-01-01T00:00:00Z"), ("to", "yesterday"), ("from", "0x10")):
    add("drift %s=%s" % (p, v), "query", "GET", "/v1/models/{model}/drift?%s=%s" % (p, v), None, 400, p)
add("drift to before from", "query", "GET", "/v1/models/{model}/drift?from=100&to=10", None, 400, "to")
for s in ("closed", "OPEN", "", "open,resolved", "%00"):
    add("alerts state=%s" % s, "query", "GET", "/v1/models/{model}/alerts?state=" + s, None, 400, "state")
for c in ("0", "-1", "1e9", "99999999999", "10000001", "abc", "2147483648", " 5"):
    add("reference chunkRows=%s" % c, "query", "POST", "/v1/models/{model}/reference?chunkRows=" + c.replace(" ", "%20"), '{"from": 0, "to": 10}', 400, "chunkRows")
for a in ("yes", "1", "maybe"):
    add("reference accept=%s" % a, "query", "POST", "/v1/models/{model}/reference?accept=" + a, '{"from": 0, "to": 10}', 400, "accept")

# 4. Body size: over the 64 MB limit by Content-Length and chunked; between Kestrel's old 28.6 MB and 64 MB.
MB = 1024 * 1024
big_id = lambda n: [['{"events": [{"id": "', 1], ["a", n], ['", "features": {"nswprice": 0.5, "day": "1"}}]}', 1]]
add("body 65 MB (content-length)", "size", "POST", PRED, None, 413, "body", gen=big_id(65 * MB))
add("body 65 MB (chunked)", "size", "POST", PRED, None, 413, "body", gen=big_id(65 * MB), chunked=True)
add("body 40 MB id (content-length)", "size", "POST", PRED, None, 400, "events[0].id", gen=big_id(40 * MB))
add("body 40 MB id (chunked)", "size", "POST", EVT, None, 400, "events[0].id", gen=big_id(40 * MB), chunked=True)
add("labels 35 MB id", "size", "POST", LAB, None, 400, "labels[0].id", gen=[['{"labels": [{"label": "UP", "id": "', 1], ["b", 35 * MB], ['"}]}', 1]])
add("definition 65 MB", "size", "PUT", "/v1/models/{new}", None, 413, "body", gen=[['{"task": "regression", "target": "', 1], ["y", 65 * MB], ['"}', 1]])
add("reference csv 65 MB chunked", "size", "POST", "/v1/models/{model}/reference", None, 413, "body", ctype="text/csv",
    gen=[["nswprice,day,class\n", 1], ["0.5,1,UP\n", 65 * MB // 9 + 1]], chunked=True)
add("alert action 65 MB", "size", "POST", "/v1/models/{model}/alerts/resolve", None, 413, "body", gen=[['{"by": "ana", "id": "', 1], ["x", 65 * MB], ['"}', 1]])
add("10001 events", "size", "POST", PRED, None, 413, "events", gen=[['{"events": [', 1], [ok_event(0, "x") + ", ", 10000], [ok_event(0, "y") + "]}", 1]])
add("10001 labels", "size", "POST", LAB, None, 413, "labels", gen=[['{"labels": [', 1], ['{"id": "a", "label": "UP"}, ', 10000], ['{"id": "b", "label": "UP"}]}', 1]])
add("empty events", "size", "POST", PRED, '{"events": []}', 400, "events")
add("empty labels", "size", "POST", LAB, '{"labels": []}', 400, "labels")

# 5. Amplification: long and many names, values, classes, features; answers that would be huge.
add("category 257 chars", "amplification", "POST", PRED, events_with(2, lambda i: ok_event(i, extra=', "note": "%s"' % ("c" * 257))), 400, "events[2].features.note")
add("category 1 MB", "amplification", "POST", EVT, None, 400, "events[1].features.note",
    gen=[['{"events": [%s, {"id": "e1", "features": {"nswprice": 0.5, "day": "1", "note": "' % ok_event(0), 1], ["c", MB], ['"}}]}', 1]])
add("category 257 escaped chars", "amplification", "POST", PRED, events_with(0, lambda i: ok_event(i, extra=', "note": "%s"' % ("\\u00e9" * 257))), 400, "events[0].features.note")
add("id 257 chars", "amplification", "POST", PRED, events_with(2, lambda i: ok_event(i, "i" * 257)), 400, "events[2].id")
add("label id 257 chars", "amplification", "POST", LAB, '{"labels": [{"id": "%s", "label": "UP"}]}' % ("i" * 257), 400, "labels[0].id")
add("predict 201 events x 1000 classes", "amplification", "POST", "/v1/models/{wide}/predict",
    batch(['{"id": "w%d", "features": {"x": 1}}' % i for i in range(201)]), 400, "events")
add("events 201 events x 1000 classes", "amplification", "POST", "/v1/models/{wide}/events",
    batch(['{"id": "w%d", "features": {"x": 1}, "label": "c1"}' % i for i in range(201)]), 400, "events")


def definition(classes=None, features=None, task="binary", extra=""):
    classes = classes if classes is not None else ["a", "b"]
    features = features if features is not None else ['{"name": "x", "type": "numeric"}']
    return '{"task": "%s", "target": "t", %s"features": [%s]%s}' % (
        task, ('"classes": %s, ' % json.dumps(classes)) if task != "regression" else "", ", ".join(features), extra)


add("1001 classes", "amplification", "PUT", "/v1/models/{new}", definition(["c%d" % i for i in range(1001)], task="multiclass"), 400, "classes")
add("20000 classes", "amplification", "PUT", "/v1/models/{new}", definition(["c%d" % i for i in range(20000)], task="multiclass"), 400, "classes")
add("class name 257 chars", "amplification", "PUT", "/v1/models/{new}", definition(["k" * 257, "b"]), 400, "classes[0]")
add("2001 features", "amplification", "PUT", "/v1/models/{new}", definition(features=['{"name": "f%d", "type": "numeric"}' % i for i in range(2001)]), 400, "features")
add("feature name 129 chars", "amplification", "PUT", "/v1/models/{new}", definition(features=['{"name": "%s", "type": "numeric"}' % ("n" * 129)]), 400, "features[0].name")
add("10001 categories", "amplification", "PUT", "/v1/models/{new}",
    definition(features=['{"name": "x", "type": "numeric"}', '{"name": "c", "type": "categorical", "categories": %s}' % json.dumps(["v%d" % i for i in range(10001)])]), 400, "features[1].categories")
add("category 257 chars in definition", "amplification", "PUT", "/v1/models/{new}",
    definition(features=['{"name": "c", "type": "categorical", "categories": ["ok", "%s"]}' % ("v" * 257)]), 400, "features[0].categories[1]")
add("unknown feature name 10 KB", "amplification", "POST", PRED, events_with(0, lambda i: ok_event(i, extra=', "%s": 1' % ("u" * 10000))), 400, "events[0].features")

# Reference CSV cells and rows: the event limits (a value is at most a category's 256 characters, a name a feature's 128), at most
# 4,000 columns, and a cell over 64 KiB refused while the body arrives (so a 10 MB cell is not read whole).
REF, CSV = "/v1/models/{model}/reference", "text/csv"
add("reference csv category 257 chars", "amplification", "POST", REF, "nswprice,day,note,class\n0.5,1,%s,UP\n" % ("c" * 257), 400, "note", ctype=CSV)
add("reference csv unknown column value 257 chars", "amplification", "POST", REF, "nswprice,day,class,extra\n0.5,1,UP,%s\n" % ("x" * 257), 400, "extra", ctype=CSV)
add("reference csv column name 129 chars", "amplification", "POST", REF, "nswprice,day,class,%s\n0.5,1,UP,1\n" % ("n" * 129), 400, "n" * 128, ctype=CSV)
add("reference csv 4001 columns", "amplification", "POST", REF,
    "nswprice,day,class,%s\n0.5,1,UP,%s\n" % (",".join("x%d" % i for i in range(3998)), ",".join("1" for _ in range(3998))), 400, "body", ctype=CSV)
add("reference csv row of 100000 fields", "amplification", "POST", REF, "nswprice,day,class\n" + ",".join("1" for _ in range(100000)) + "\n", 400, "body", ctype=CSV)
ten_mb_cell = [["nswprice,day,note,class\n0.5,1,", 1], ["c", 10 * MB], [",UP\n", 1]]
add("reference csv cell 10 MB (content-length)", "size", "POST", REF, None, 400, "note", ctype=CSV, gen=ten_mb_cell)
add("reference csv cell 10 MB (chunked)", "size", "POST", REF, None, 400, "note", ctype=CSV, gen=ten_mb_cell, chunked=True)
add("reference csv quoted cell 10 MB of commas, quotes and line breaks", "size", "POST", REF, None, 400, "note", ctype=CSV,
    gen=[['nswprice,day,note,class\n0.5,1,"', 1], ['a,\n""', 2 * MB], ['",UP\n', 1]])
add("reference csv column name 10 MB", "size", "POST", REF, None, 400, "body", ctype=CSV, gen=[["nswprice,day,class,", 1], ["h", 10 * MB], ["\n0.5,1,UP,1\n", 1]])

# 7. Leniency, decided: duplicate keys refused; numbers only as JSON numbers; content types checked; depth names the field.
dups = [
    ("duplicate events key", PRED, '{"events": [%s], "events": [%s]}' % (ok_event(0), ok_event(1)), "events"),
    ("duplicate id key", PRED, batch([ok_event(0), '{"id": "a", "id": "b", "features": {"nswprice": 0.5, "day": "1"}}']), "events[1].id"),
    ("duplicate feature key", PRED, batch([ok_event(0), ok_event(1), '{"id": "c", "features": {"nswprice": 0.5, "day": "1", "nswprice": 0.7}}']), "events[2].features.nswprice"),
    ("duplicate features key", PRED, batch(['{"id": "a", "features": {"nswprice": 0.5, "day": "1"}, "features": {"nswprice": 0.5, "day": "1"}}']), "events[0].features"),
    ("duplicate time key", EVT, batch(['{"id": "a", "time": 1, "time": 2, "features": {"nswprice": 0.5, "day": "1"}}']), "events[0].time"),
    ("duplicate label key (events)", EVT, batch(['{"id": "a", "label": "UP", "label": "DOWN", "features": {"nswprice": 0.5, "day": "1"}}']), "events[0].label"),
    ("duplicate label key (labels)", LAB, '{"labels": [{"id": "a", "label": "UP", "label": "DOWN"}]}', "labels[0].label"),
    ("duplicate labels key", LAB, '{"labels": [{"id": "a", "label": "UP"}], "labels": []}', "labels"),
    ("duplicate escaped key", PRED, batch(['{"id": "a", "features": {"nswprice": 0.5, "day": "1", "nswpric\\u0065": 0.1}}']), "events[0].features.nswprice"),
]
for name, path, body, field in dups:
    add(name, "leniency", "POST", path, body, 400, field)
add("duplicate definition key", "leniency", "PUT", "/v1/models/{new}", '{"task": "regression", "task": "binary", "target": "y", "features": [{"name": "x", "type": "numeric"}]}', 400, "task")
add("duplicate feature spec key", "leniency", "PUT", "/v1/models/{new}", '{"task": "regression", "target": "y", "features": [{"name": "x", "name": "z", "type": "numeric"}]}', 400, "features[0].name")
add("duplicate alert key", "leniency", "POST", "/v1/models/{model}/alerts/acknowledge", '{"id": "a", "id": "b", "by": "ana"}', 400, "id")
add("duplicate reference key", "leniency", "POST", "/v1/models/{model}/reference", '{"from": 0, "from": 5, "to": 10}', 400, "from")
for field, body in (("learner.learningRate", '"learner": {"kind": "sgd", "learningRate": "0.1"}'), ("features[0].min", None), ("monitoring.bucketSeconds", '"monitoring": {"bucketSeconds": "3600"}')):
    d = definition(task="regression", features=['{"name": "x", "type": "numeric", "min": "0"}']) if body is None else definition(task="regression", extra=", " + body)
    add("number as string %s" % field, "leniency", "PUT", "/v1/models/{new}", d, 400, field)
add("number as string in feature", "leniency", "POST", PRED, events_with(1, lambda i: ok_event(i, nsw='"0.1"')), 400, "events[1].features.nswprice")
add("number as string in time", "leniency", "POST", PRED, events_with(1, lambda i: '{"id": "t", "time": "1800", "features": {"nswprice": 0.5, "day": "1"}}'), 400, "events[1].time")
for ctype, path in (("text/plain", PRED), ("", PRED), ("application/xml", EVT), ("text/csv", LAB), ("application/json; charset=latin1", PRED),
                    ("application/json; charset=utf-16", LAB), ("application/x-www-form-urlencoded", PRED), ("multipart/form-data; boundary=x", EVT),
                    ("application/jsonx", PRED), ("json", PRED), ("text/json", PRED), ("*/*", PRED)):
    add("content type '%s' on %s" % (ctype, path.rsplit("/", 1)[1]), "leniency", "POST", path, batch([ok_event(0)]), 415, "Content-Type", ctype=ctype or None)
add("content type text/plain on PUT", "leniency", "PUT", "/v1/models/{new}", definition(), 415, "Content-Type", ctype="text/plain")
add("no content type on PUT", "leniency", "PUT", "/v1/models/{new}", definition(), 415, "Content-Type", ctype=None)
add("content type text/plain on reference", "leniency", "POST", "/v1/models/{model}/reference", "nswprice,day,class\n0.5,1,UP\n", 415, "Content-Type", ctype="text/plain")
add("content type text/csv latin1 on reference", "leniency", "POST", "/v1/models/{model}/reference", "nswprice,day,class\n0.5,1,UP\n", 415, "Content-Type", ctype="text/csv; charset=iso-8859-1")
add("content type text/xml on alert", "leniency", "POST", "/v1/models/{model}/alerts/resolve", '{"id": "a", "by": "b"}', 415, "Content-Type", ctype="text/xml")
deep = lambda n, at: [[at, 1], ["[", n], ["1", 1], ["]", n], ["}}]}", 1]]
add("feature value 10000 deep", "leniency", "POST", PRED, None, 400, "events[0].features.nswprice", gen=deep(10000, '{"events": [{"id": "a", "features": {"day": "1", "nswprice": '))
add("feature value 65 deep", "leniency", "POST", EVT, None, 400, "events[0].features.nswprice", gen=deep(65, '{"events": [{"id": "a", "features": {"day": "1", "nswprice": '))
add("unknown field 10000 deep", "leniency", "POST", PRED, None, 400, "events[0].features.zz", gen=deep(10000, '{"events": [{"id": "a", "features": {"day": "1", "nswprice": 0.5, "zz": '))
add("objects 10000 deep in label", "leniency", "POST", LAB, None, 400, "labels[0].label",
    gen=[['{"labels": [{"id": "a", "label": ', 1], ['{"k": ', 10000], ["1", 1], ["}", 10000], ["}]}", 1]])
add("definition 10000 deep", "leniency", "PUT", "/v1/models/{new}", None, 400, "learner",
    gen=[['{"task": "regression", "target": "y", "features": [{"name": "x", "type": "numeric"}], "learner": ', 1], ["[", 10000], ["]", 10000], ["}", 1]])
add("root array 10000 deep", "leniency", "POST", PRED, None, 400, "body", gen=[["[", 10000], ["]", 10000]])

# Broken JSON, wrong shapes, extreme numbers.
broken = {
    "truncated": '{"events": [{"id": "a", "features": {"nswprice": 0.5',
    "trailing comma": batch([ok_event(0) + ","]),
    "comment": '{"events": [/* hi */ %s]}' % ok_event(0),
    "single quotes": "{'events': []}",
    "unquoted key": '{events: [%s]}' % ok_event(0),
    "NaN literal": batch([ok_event(0, nsw="NaN")]),
    "Infinity literal": batch([ok_event(0, nsw="Infinity")]),
    "leading zero": batch([ok_event(0, nsw="00.5")]),
    "hex number": batch([ok_event(0, nsw="0x1")]),
    "plus sign": batch([ok_event(0, nsw="+1")]),
    "bare dot": batch([ok_event(0, nsw=".5")]),
    "dot without digits": batch([ok_event(0, nsw="1.")]),
    "exponent without digits": batch([ok_event(0, nsw="1e")]),
    "lone minus": batch([ok_event(0, nsw="-")]),
    "empty body": "",
    "whitespace only": "   \n\t ",
    "null root": "null",
    "array root": "[]",
    "string root": '"events"',
    "number root": "1",
    "trailing garbage": batch([ok_event(0)]) + "x",
    "two documents": batch([ok_event(0)]) + batch([ok_event(1)]),
    "raw control char in string": '{"events": [{"id": "a\x01", "features": {"nswprice": 0.5, "day": "1"}}]}',
    "raw newline in string": '{"events": [{"id": "a\nb", "features": {"nswprice": 0.5, "day": "1"}}]}',
    "invalid escape": '{"events": [{"id": "a\\x41", "features": {"nswprice": 0.5, "day": "1"}}]}',
    "short unicode escape": '{"events": [{"id": "a\\u41", "features": {"nswprice": 0.5, "day": "1"}}]}',
    "unclosed string": '{"events": [{"id": "a',
    "missing colon": '{"events" [%s]}' % ok_event(0),
    "nul byte outside string": batch([ok_event(0)]).replace(", ", ",\x00 ", 1),
}
for name, body in broken.items():
    add("broken json: %s" % name, "json", "POST", PRED, body, 400, "body" if name not in ("NaN literal", "Infinity literal", "leading zero", "hex number", "plus sign", "bare dot", "dot without digits", "exponent without digits", "lone minus") else "")
add("broken json: utf-16 body", "json", "POST", PRED, batch([ok_event(0)]).encode("utf-16"), 400, "body")
add("broken json: utf-8 BOM", "json", "POST", PRED, b"\xef\xbb\xbf" + batch([ok_event(0)]).encode() + b"x", 400, "body")
shapes = {
    "events is object": ('{"events": {}}', "events"), "events is null": ('{"events": null}', "events"), "extra top-level": ('{"events": [%s], "x": 1}' % ok_event(0), "x"),
    "event is array": (batch(["[]"]), "events[0]"), "event is number": (batch([ok_event(0), "7"]), "events[1]"),
    "id missing": (batch(['{"features": {"nswprice": 0.5, "day": "1"}}']), "events[0].id"), "id empty": (batch([ok_event(0, "")]), "events[0].id"),
    "id number": (batch(['{"id": 1, "features": {"nswprice": 0.5, "day": "1"}}']), "events[0].id"),
    "id duplicate": (batch([ok_event(0, "d"), ok_event(1, "d")]), "events[1].id"),
    "features missing": (batch(['{"id": "a"}']), "events[0].features"), "features array": (batch(['{"id": "a", "features": []}']), "events[0].features"),
    "required feature missing": (batch(['{"id": "a", "features": {"day": "1"}}']), "events[0].features.nswprice"),
    "unknown feature": (batch([ok_event(0, extra=', "ghost": 1')]), "events[0].features.ghost"),
    "category is object": (batch([ok_event(0, day="{}")]), "events[0].features.day"), "category is bool": (batch([ok_event(0, day="true")]), "events[0].features.day"),
    "category is fraction": (batch([ok_event(0, day="1.5")]), "events[0].features.day"),
    "numeric is bool": (batch([ok_event(0, nsw="false")]), "events[0].features.nswprice"), "numeric is array": (batch([ok_event(0, nsw="[1]")]), "events[0].features.nswprice"),
    "label on predict": (batch(['{"id": "a", "label": "UP", "features": {"nswprice": 0.5, "day": "1"}}']), "events[0].label"),
    "alias twice": (batch([ok_event(0)]).replace("}}", ', "NSWPRICE": 1}}'), "events[0].features.NSWPRICE"),
}
for name, (body, field) in shapes.items():
    add("shape: %s" % name, "json", "POST", PRED, body, 400, field)
for v in ("1e400", "-1e400", "1e309", "-1.8e308", "1" + "0" * 400, "123456789e999999999999", "-0e99999999999", "1e-99999999999999999999999"):
    expect_ok = v.startswith("-0e") or v.startswith("1e-9")
    if expect_ok:
        # Zero and underflow to zero are finite: refuse the batch by a second, bad event so nothing is stored.
        add("number %s beside a bad event" % v[:20], "numbers", "POST", PRED, batch([ok_event(0, nsw=v), ok_event(1, nsw="true")]), 400, "events[1].features.nswprice")
    else:
        add("number %s in feature" % v[:20], "numbers", "POST", PRED, events_with(1, lambda i, v=v: ok_event(i, nsw=v)), 400, "events[1].features.nswprice")
        add("number %s in time" % v[:20], "numbers", "POST", EVT, batch(['{"id": "a", "time": %s, "features": {"nswprice": 0.5, "day": "1"}}' % v]), 400, "events[0].time")
for v in ("1e300", "-1e300", "253402300801", "1.7976931348623157e308"):
    add("time %s out of range" % v, "numbers", "POST", PRED, batch(['{"id": "a", "time": %s, "features": {"nswprice": 0.5, "day": "1"}}' % v]), 400, "events[0].time")
add("time year 10000", "numbers", "POST", PRED, batch(['{"id": "a", "time": "10000-01-01T00:00:00Z", "features": {"nswprice": 0.5, "day": "1"}}']), 400, "events[0].time")
add("category 2^64", "numbers", "POST", PRED, batch([ok_event(0, day="18446744073709551616")]), 400, "events[0].features.day")
add("definition min 1e400", "numbers", "PUT", "/v1/models/{new}", definition(task="regression", features=['{"name": "x", "type": "numeric", "min": 1e400}']), 400, "features[0].min")
add("definition max -1e400", "numbers", "PUT", "/v1/models/{new}", definition(task="regression", features=['{"name": "x", "type": "numeric", "max": -1e400}']), 400, "features[0].max")
add("definition learningRate 1e400", "numbers", "PUT", "/v1/models/{new}", definition(task="regression", extra=', "learner": {"kind": "sgd", "learningRate": 1e400}'), 400, "learner.learningRate")
add("reference to 1e400", "numbers", "POST", "/v1/models/{model}/reference", '{"from": 0, "to": 1e400}', 400, "to")
add("reference from 1e300", "numbers", "POST", "/v1/models/{model}/reference", '{"from": 1e300, "to": 1e301}', 400, "from")
add("regression label 1e400", "numbers", "POST", LAB, '{"labels": [{"id": "a", "label": 1e400}]}', 400, "labels[0].label")

# Names, methods, routes.
for name, expect in (("a" * 65, 400), ("bad%20name", 400), ("%C3%A9t%C3%A9", 400), ("a%2Fb", 400), ("%FF", 400), ("-", 404)):
    add("model name %s" % name[:20], "names", "GET", "/v1/models/" + name, None, expect, "model")
    add("predict model name %s" % name[:20], "names", "POST", "/v1/models/%s/predict" % name, batch([ok_event(0)]), expect, "model")
add("unknown model predict", "names", "POST", "/v1/models/nobody-here/predict", batch([ok_event(0)]), 404, "model")
add("unknown model labels", "names", "POST", "/v1/models/nobody-here/labels", '{"labels": [{"id": "a", "label": "UP"}]}', 404, "model")
add("unknown model stats", "names", "GET", "/v1/models/nobody-here/stats", None, 404, "model")
add("unknown model drift", "names", "GET", "/v1/models/nobody-here/drift", None, 404, "model")
add("unknown model alerts", "names", "GET", "/v1/models/nobody-here/alerts", None, 404, "model")
add("unknown alert acknowledge", "names", "POST", "/v1/models/{model}/alerts/acknowledge", '{"id": "drift:none:1", "by": "ana"}', 404, "id")
for method, path in (("DELETE", "/v1/models/{model}"), ("POST", "/v1/models/{model}"), ("GET", PRED), ("PUT", PRED), ("PATCH", EVT), ("DELETE", LAB),
                     ("GET", "/v1/models/{model}/retention"), ("PUT", "/v1/models/{model}/stats"), ("GET", "/v1/models/{model}/alerts/resolve")):
    add("method %s %s" % (method, path.replace("/v1/models/{model}", "")), "methods", method, path, batch([ok_event(0)]) if method != "GET" else None, 405, "")
# Kestrel refuses a NUL in the path itself, before any app code: a bare 400 (no problem body), marked "bare".
add("model name with %00", "names", "GET", "/v1/models/a%00b", None, 400, "")
cases[-1]["bare"] = True
add("unknown route", "methods", "GET", "/v1/nothing", None, 404, "")
add("alert action missing by", "json", "POST", "/v1/models/{model}/alerts/acknowledge", '{"id": "a"}', 400, "by")
add("alert action by number", "json", "POST", "/v1/models/{model}/alerts/acknowledge", '{"id": "a", "by": 5}', 400, "by")
add("reference json missing to", "json", "POST", "/v1/models/{model}/reference", '{"from": 0}', 400, "to")
add("reference csv empty", "json", "POST", "/v1/models/{model}/reference", "", 400, "body", ctype="text/csv")
add("reference csv unclosed quote", "json", "POST", "/v1/models/{model}/reference", 'nswprice,day,class\n"0.5,1,UP\n', 400, "body", ctype="text/csv")

# Definitions that must be refused (on a new name: nothing may be created) or conflict (on the model: nothing may change).
defs = [
    ("unknown task", '{"task": "clustering", "target": "y", "features": [{"name": "x", "type": "numeric"}]}', "task"),
    ("no features", definition(task="regression", features=[]), "features"),
    ("unknown feature type", definition(task="regression", features=['{"name": "x", "type": "vector"}']), "features[0].type"),
    ("min above max", definition(task="regression", features=['{"name": "x", "type": "numeric", "min": 2, "max": 1}']), "features[0].min"),
    ("empty feature name", definition(task="regression", features=['{"name": "", "type": "numeric"}']), "features[0].name"),
    ("feature listed twice", definition(task="regression", features=['{"name": "x", "type": "numeric"}', '{"name": "x", "type": "numeric"}']), "features[1].name"),
    ("binary with 3 classes", definition(["a", "b", "c"]), "classes"),
    ("class listed twice", definition(["a", "a"]), "classes[1]"),
    ("positive class unknown", definition(extra=', "positiveClass": "z"'), "positiveClass"),
    ("bucketSeconds 1e308", definition(task="regression", extra=', "monitoring": {"bucketSeconds": 1e308}'), "monitoring.bucketSeconds"),
    ("bucketSeconds -1", definition(task="regression", extra=', "monitoring": {"bucketSeconds": -1}'), "monitoring.bucketSeconds"),
    ("ring 1e9", definition(task="regression", extra=', "monitoring": {"ring": 1000000000}'), "monitoring.ring"),
    ("categoryCap 2^31", definition(task="regression", extra=', "monitoring": {"categoryCap": 2147483648}'), "monitoring.categoryCap"),
    ("unknown learner", definition(task="regression", extra=', "learner": {"kind": "magic"}'), "learner"),
    ("onViolation other", definition(task="regression", extra=', "validation": {"onViolation": "ignore"}'), "validation.onViolation"),
    ("definition is array", "[]", "body"),
    ("definition is null", "null", "body"),
    ("definition truncated", '{"task": "regression", "target": ', "target"),
]
for name, body, field in defs:
    add("definition: %s" % name, "definitions", "PUT", "/v1/models/{new}", body, 400, field)
add("model name too long on PUT", "definitions", "PUT", "/v1/models/" + "m" * 65, definition(), 400, "model")
add("conflicting update changes classes", "definitions", "PUT", "/v1/models/{model}",
    '{"task": "binary", "target": "class", "classes": ["NO", "YES"], "features": [{"name": "nswprice", "type": "numeric"}]}', 409, "")

here = os.path.dirname(os.path.abspath(__file__))
names = set()
with open(os.path.join(here, "corpus.jsonl"), "w", encoding="utf-8", newline="\n") as out:
    for case in cases:
        assert case["name"] not in names, case["name"]
        names.add(case["name"])
        out.write(json.dumps(case, ensure_ascii=True) + "\n")
from collections import Counter
print(len(cases), dict(Counter(c["class"] for c in cases)))
