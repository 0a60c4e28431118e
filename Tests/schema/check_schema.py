#!/usr/bin/env python3
"""Checks, with an independent validator (Python's jsonschema), that every bundled example
fits Resources/portfolio.schema.json and that deliberately broken documents do not."""
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
for name, doc in cases:
    if validator.is_valid(doc):
        failed += 1; print(f"FAIL broken document accepted: {name}")
    else:
        passed += 1

print(f"schema: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
