#!/usr/bin/env python3
"""Seeds for schema_fuzzer and the YAML side of contract_load_fuzzer (fuzz/README.md).

schema_fuzzer: every test of the vendored JSON-Schema-Test-Suite's draft 7 (and 2020-12 groups whose schema also
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
    examples = os.path.join(ROOT, "tests", "data", "openapi", "oai-examples")
    for name in sorted(os.listdir(examples)):
        if name.endswith((".yaml", ".json")):
            with open(os.path.join(examples, name), "rb") as f:
                added += write(os.path.join(ROOT, "corpus", "contract_load_fuzzer"), f.read())
    print(f"make_schema_seeds: {added} new seed files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
