#!/usr/bin/env python3
"""Seeds for schema_fuzzer and the YAML side of contract_load_fuzzer (fuzz/README.md).

string_fuzzer: every pattern of the suite and the test documents with a few texts, and dates on both sides of the
calendar (string_seeds()). schema_fuzzer: every test of the vendored JSON-Schema-Test-Suite's draft 7 (and 2020-12 groups whose schema also
reads as draft 7), written as schema, NUL, instance; each also with integral numbers as integers and, where the
schema has no "type", with the instance's type added (variants()). contract_load_fuzzer: the OAI example documents, YAML and JSON.
Files are named by the SHA-1 of their bytes, like every corpus here; existing files are kept.

    fuzz/make_schema_seeds.py            (from the repository root)
"""
import hashlib
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SUITE = os.path.join(ROOT, "tests", "jsts", "suite", "tests")
MAX_LEN = 4096


def write(corpus, data):
    os.makedirs(corpus, exist_ok=True)
    path = os.path.join(corpus, hashlib.sha1(data).hexdigest())
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(data)
        return 1
    return 0


def integral(value):
    """The value with every float that holds an integer written as an integer (3.0 -> 3): the suite writes bounds and
    instances such as exclusiveMaximum 3.0 with fractions, which schema_fuzzer's valijson comparison filters out."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, list):
        return [integral(v) for v in value]
    if isinstance(value, dict):
        return {k: integral(v) for k, v in value.items()}
    return value


def json_type(value):
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if value is None:
        return "null"
    return {str: "string", list: "array", dict: "object"}[type(value)]


def variants(schema, instance):
    """The test as written, with integral numbers as integers, and with the instance's "type" added to an untyped
    schema: a typed node takes the engine's fast path (body_scanner.h), an untyped one the general path, so each
    keyword is seeded on both."""
    yield schema, instance
    yield integral(schema), integral(instance)
    if isinstance(schema, dict) and "type" not in schema and "$ref" not in schema:
        yield dict(schema, type=json_type(integral(instance))), integral(instance)


PATTERN_TEXTS = ["", "a", "abc", "abc1", "ab-12", "AB-123", "deadbeef", "deadbeefx", "xdeadbeef", "2024-01-01",
                 "+441632960961", "caf\u00e9", "\u65e5\u672c", "a\nb"]
DATES = ["2024-02-29", "2023-02-29", "2024-04-30", "2024-04-31", "2024-13-01", "2000-02-29", "1900-02-29",
         "0000-01-01", "9999-12-31"]
DATE_TIMES = ["2024-02-29T12:30:45Z", "2023-02-29T12:30:45Z", "2024-04-31T00:00:00Z", "2024-06-30T23:59:60Z",
              "2024-02-29T12:30:45.123+01:00", "2024-12-31t23:59:59z"]


def patterns():
    """Every `pattern` and patternProperties key of the test suite's draft 7 and 2020-12 schemas and of the
    project's test documents, as written."""
    found = set()

    def walk(value):
        if isinstance(value, dict):
            for k, v in value.items():
                if k == "pattern" and isinstance(v, str):
                    found.add(v)
                if k == "patternProperties" and isinstance(v, dict):
                    found.update(v.keys())
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for draft in ("draft7", "draft2020-12"):
        folder = os.path.join(SUITE, draft)
        for name in sorted(os.listdir(folder)):
            if name.endswith(".json"):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    walk(json.load(f))
    for folder in ("fuzz/documents", "tests/data/openapi/generator", "tests/data/openapi/oai-examples"):
        for name in sorted(os.listdir(os.path.join(ROOT, folder))):
            text = open(os.path.join(ROOT, folder, name), encoding="utf-8").read()
            for line in text.splitlines():  # YAML or JSON: the pattern's quoted value on its line
                for key in ("pattern: ", '"pattern": '):
                    at = line.find(key)
                    if at >= 0:
                        value = line[at + len(key):].strip().rstrip(",}").strip()
                        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                            found.add(value[1:-1].replace("''", "'") if value[0] == "'" else json.loads(value))
    return sorted(found)


def string_seeds():
    """string_fuzzer: byte 0 even, a pattern, NUL, a text (each pattern with each text of PATTERN_TEXTS); byte 0 odd,
    then 0 (date) or 1 (date-time) and a text."""
    corpus = os.path.join(ROOT, "corpus", "string_fuzzer")
    added = 0
    for pattern in patterns():
        for text in PATTERN_TEXTS:
            added += write(corpus, b"\0" + pattern.encode() + b"\0" + text.encode())
    for text in DATES:
        added += write(corpus, b"\1\0" + text.encode())
    for text in DATE_TIMES:
        added += write(corpus, b"\1\1" + text.encode())
    return added


def main():
    added = 0
    corpus = os.path.join(ROOT, "corpus", "schema_fuzzer")
    for draft in ("draft7", "draft2020-12"):
        folder = os.path.join(SUITE, draft)
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".json"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                groups = json.load(f)
            for group in groups:
                schema = json.dumps(group["schema"], separators=(",", ":"), ensure_ascii=False)
                if draft != "draft7" and ("$defs" in schema or "prefixItems" in schema or "$dynamic" in schema):
                    continue  # 2020-12 only: draft 7 reads it as something else
                for test in group["tests"]:
                    for s, i in variants(group["schema"], test["data"]):
                        data = (json.dumps(s, separators=(",", ":"), ensure_ascii=False).encode() + b"\0" +
                                json.dumps(i, separators=(",", ":"), ensure_ascii=False).encode())
                        if len(data) <= MAX_LEN:
                            added += write(corpus, data)
    added += string_seeds()
    examples = os.path.join(ROOT, "tests", "data", "openapi", "oai-examples")
    for name in sorted(os.listdir(examples)):
        if name.endswith((".yaml", ".json")):
            with open(os.path.join(examples, name), "rb") as f:
                added += write(os.path.join(ROOT, "corpus", "contract_load_fuzzer"), f.read())
    print(f"make_schema_seeds: {added} new seed files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
