#!/usr/bin/env python3
"""Checks, with an independent validator (Python's jsonschema), that every bundled example
fits Resources/portfolio.schema.json, that the bundled frameworks and a good fixture pack fit
Resources/framework-pack.schema.json, and that deliberately broken documents do not."""
import copy
import json
import pathlib
import sys

import jsonschema

root = pathlib.Path(__file__).resolve().parents[2]
schema = json.loads((root / "Resources/portfolio.schema.json").read_text(encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

passed = failed = 0
examples = sorted((root / "Resources/examples").glob("*.json"))
if not examples:
    print("no examples found"); sys.exit(1)
for path in examples:
    errors = list(validator.iter_errors(json.loads(path.read_text(encoding="utf-8"))))
    if errors:
        failed += 1
        print(f"FAIL {path.name}: " + "; ".join(f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:5]))
    else:
        passed += 1

base = json.loads((root / "Resources/examples/continuing-practice.json").read_text(encoding="utf-8"))
def broken(name, change):
    doc = copy.deepcopy(base); change(doc); return name, doc
cases = [
    broken("missing profile.name", lambda d: d["profile"].pop("name")),
    broken("schemaVersion as a string", lambda d: d.__setitem__("schemaVersion", "1")),
    broken("unknown evidence kind", lambda d: d["evidence"][0].__setitem__("kind", "blog")),
    broken("link without its framework", lambda d: d["evidence"][0].__setitem__("links", ["1.2.a"])),
    broken("GMC number with 6 digits", lambda d: d["profile"].__setitem__("gmcNumber", "123456")),
    broken("rating level 10", lambda d: d.__setitem__("ratings", {"mlcf:1.1": {"level": 10, "note": ""}})),
    broken("rating keyed without its framework", lambda d: d.__setitem__("ratings", {"1.1": {"level": 2, "note": ""}})),
    broken("schemaVersion 1", lambda d: d.__setitem__("schemaVersion", 1)),
    broken("misspelt field", lambda d: d["evidence"][0].__setitem__("tittle", "x")),
    broken("date in the wrong form", lambda d: d["evidence"][0].__setitem__("date", "12/03/2026")),
]
merged = copy.deepcopy(base)
merged["conflicts"] = [{"path": ["evidence", "ev-0001", "title"], "base": "a", "ours": "b", "theirs": "c"},
                       {"path": ["evidence", "ev-0002"], "base": {"id": "ev-0002"}, "theirs": {"id": "ev-0002"}}]
if validator.is_valid(merged):
    passed += 1
else:
    failed += 1; print("FAIL a merged document with conflicts is refused")
cases.append(broken("conflict without its path", lambda d: d.__setitem__("conflicts", [{"ours": 1}])))
saved = copy.deepcopy(base)
saved["versions"] = ["9f86d081884c7d65", "2c26b46b68ffc68f"]
if validator.is_valid(saved):
    passed += 1
else:
    failed += 1; print("FAIL a document with its recorded versions is refused")
cases.append(broken("a version id that is not 16 hex characters", lambda d: d.__setitem__("versions", ["v1"])))
# A closed year keeps the items brought into its document, and why (a new period moves them there).
archived = copy.deepcopy(base)
archived["history"][-1]["broughtForward"] = [{"evidence": "cp-21", "reason": "Where this year's project began."}]
if validator.is_valid(archived):
    passed += 1
else:
    failed += 1; print("FAIL a closed year with its brought-forward items is refused")
cases.append(broken("a brought-forward mark without its item",
                    lambda d: d["history"][-1].__setitem__("broughtForward", [{"reason": "x"}])))
for name, doc in cases:
    if validator.is_valid(doc):
        failed += 1; print(f"FAIL broken document accepted: {name}")
    else:
        passed += 1

# Framework packs (Resources/framework-pack.schema.json): the bundled frameworks and the good
# fixture fit; the bad fixture and one-problem variants of the good one do not.
pack_schema = json.loads((root / "Resources/framework-pack.schema.json").read_text(encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(pack_schema)
pack_validator = jsonschema.Draft202012Validator(pack_schema)
fixtures = root / "Tests/fixtures"
bundled = sorted((root / "Resources/framework").glob("*.json"))
if len(bundled) < 3:
    print("bundled frameworks not found"); sys.exit(1)
minimal = {"id": "x", "title": "X", "scale": ["low", "high"], "items": [{"id": "1", "name": "One", "items": []}]}
for name, doc in [(p.name, json.loads(p.read_text(encoding="utf-8"))) for p in bundled + [fixtures / "framework-pack-good.json"]] + [("minimal pack", minimal)]:
    errors = list(pack_validator.iter_errors(doc))
    if errors:
        failed += 1
        print(f"FAIL {name}: " + "; ".join(f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:5]))
    else:
        passed += 1

good_pack = json.loads((fixtures / "framework-pack-good.json").read_text(encoding="utf-8"))
def broken_pack(name, change):
    doc = copy.deepcopy(good_pack); change(doc); return name, doc
pack_cases = [
    ("the bad fixture", json.loads((fixtures / "framework-pack-bad.json").read_text(encoding="utf-8"))),
    broken_pack("framework id with a capital", lambda d: d.__setitem__("id", "Fy")),
    broken_pack("scale of 1", lambda d: d.__setitem__("scale", ["only"])),
    broken_pack("scale of 10", lambda d: d.__setitem__("scale", [str(i) for i in range(10)])),
    broken_pack("empty scale label", lambda d: d.__setitem__("scale", ["a", " "])),
    broken_pack("colon in an item id", lambda d: d["items"][0]["items"][0].__setitem__("id", "T1:1")),
    broken_pack("space in an item id", lambda d: d["items"][0].__setitem__("id", "T 1")),
    broken_pack("empty name", lambda d: d["items"][1]["items"][0].__setitem__("name", "")),
    broken_pack("ragged depth", lambda d: d["items"][1].pop("items")),
    broken_pack("fourth level", lambda d: d["items"][0]["items"][0].__setitem__(
        "items", [{"id": "a", "name": "A", "items": [{"id": "b", "name": "B"}]}])),
    broken_pack("levels do not match the depth", lambda d: d.__setitem__("levels", ["theme"])),
    broken_pack("example for an unknown stage", lambda d: d["items"][0]["items"][0].__setitem__("examples", {"postgrad": "x"})),
    broken_pack("no items", lambda d: d.__setitem__("items", [])),
    broken_pack("missing title", lambda d: d.pop("title")),
]
for name, doc in pack_cases:
    if pack_validator.is_valid(doc):
        failed += 1; print(f"FAIL broken framework pack accepted: {name}")
    else:
        passed += 1

print(f"schema: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
