#!/usr/bin/env python3
"""Real-world-shaped inputs for issue 12's benchmarks, written by make_data.py (imported) into bench/data/:

- realworld/order.schema.json: a draft-07 JSON Schema shaped like the order APIs of public documents: nested
  $refs into definitions, allOf (a base object extended), oneOf over payment methods told apart by a "type"
  const (JSON Schema's form of a discriminator), patterns, formats (uuid, date-time, email), integer and
  fractional number bounds, enums, uniqueItems, additionalProperties false on the closed objects.
- realworld_* cases: a small order (3 items), a large order (800 items), and two invalid large orders (the
  error at the first item, and at the last). Amounts are integer cents, so no baseline's binary floating point
  can disagree with reqprobe's exact decimals on the verdict.
- openapi_large/openapi.json and openapi_small/openapi.json: OpenAPI 3.1 documents with 500 and 5 operations
  (path templates, parameters, bodies by $ref), for the contract-compile and routing benchmarks.

Deterministic, like make_data.py: values come from hashes of their index.
"""
import hashlib
import json
import pathlib

DATA = pathlib.Path(__file__).resolve().parent / "data"


def h(text, length=8):
    return hashlib.sha256(text.encode()).hexdigest()[:length]


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "Order",
    "type": "object",
    "required": ["id", "created_at", "customer", "items", "payment", "currency"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "created_at": {"type": "string", "format": "date-time"},
        "status": {"type": "string", "enum": ["pending", "paid", "shipped", "delivered", "cancelled"]},
        "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
        "customer": {"$ref": "#/definitions/Customer"},
        "items": {"type": "array", "minItems": 1, "maxItems": 1000, "items": {"$ref": "#/definitions/LineItem"}},
        "payment": {"$ref": "#/definitions/Payment"},
        "shipping": {"$ref": "#/definitions/Shipping"},
        "discount_percent": {"type": "number", "minimum": 0, "exclusiveMaximum": 100},
        "notes": {"type": ["string", "null"], "maxLength": 500},
        "tags": {"type": "array", "uniqueItems": True, "maxItems": 20,
                 "items": {"type": "string", "pattern": "^[a-z0-9-]{1,32}$"}},
    },
    "definitions": {
        "Address": {
            "type": "object",
            "required": ["line1", "city", "postcode", "country"],
            "properties": {
                "line1": {"type": "string", "minLength": 1, "maxLength": 100},
                "line2": {"type": "string", "maxLength": 100},
                "city": {"type": "string", "minLength": 1, "maxLength": 60},
                "postcode": {"type": "string", "pattern": "^[0-9A-Z -]{3,10}$"},
                "country": {"type": "string", "enum": ["DE", "FR", "GB", "NL", "US", "CN", "JP", "BR", "IN", "ZA"]},
            },
        },
        "Customer": {
            "allOf": [
                {"$ref": "#/definitions/Party"},
                {
                    "type": "object",
                    "required": ["email"],
                    "properties": {
                        "email": {"type": "string", "format": "email", "maxLength": 254},
                        "phone": {"type": "string", "pattern": "^\\+[1-9][0-9]{6,14}$"},
                        "loyalty_tier": {"type": "integer", "minimum": 0, "maximum": 5},
                    },
                },
            ]
        },
        "Party": {
            "type": "object",
            "required": ["id", "name", "address"],
            "properties": {
                "id": {"type": "string", "format": "uuid"},
                "name": {"type": "string", "minLength": 1, "maxLength": 120},
                "address": {"$ref": "#/definitions/Address"},
            },
        },
        "Money": {
            "type": "object",
            "required": ["amount_cents"],
            "additionalProperties": False,
            "properties": {"amount_cents": {"type": "integer", "minimum": 0, "maximum": 100000000000}},
        },
        "LineItem": {
            "type": "object",
            "required": ["sku", "quantity", "unit_price"],
            "additionalProperties": False,
            "properties": {
                "sku": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]{6}$"},
                "name": {"type": "string", "maxLength": 200},
                "quantity": {"type": "integer", "minimum": 1, "maximum": 1000},
                "unit_price": {"$ref": "#/definitions/Money"},
                "weight_kg": {"type": "number", "exclusiveMinimum": 0, "maximum": 1000},
                "gift": {"type": "boolean"},
            },
        },
        "Payment": {
            "oneOf": [
                {"$ref": "#/definitions/CardPayment"},
                {"$ref": "#/definitions/BankPayment"},
                {"$ref": "#/definitions/WalletPayment"},
            ]
        },
        "CardPayment": {
            "type": "object",
            "required": ["type", "last4", "expiry"],
            "additionalProperties": False,
            "properties": {
                "type": {"const": "card"},
                "last4": {"type": "string", "pattern": "^[0-9]{4}$"},
                "expiry": {"type": "string", "pattern": "^(0[1-9]|1[0-2])/[0-9]{2}$"},
                "brand": {"type": "string", "enum": ["visa", "mastercard", "amex", "unionpay"]},
            },
        },
        "BankPayment": {
            "type": "object",
            "required": ["type", "iban"],
            "additionalProperties": False,
            "properties": {
                "type": {"const": "bank"},
                "iban": {"type": "string", "pattern": "^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$"},
            },
        },
        "WalletPayment": {
            "type": "object",
            "required": ["type", "provider"],
            "additionalProperties": False,
            "properties": {
                "type": {"const": "wallet"},
                "provider": {"type": "string", "enum": ["applepay", "googlepay", "alipay", "wechatpay"]},
            },
        },
        "Shipping": {
            "type": "object",
            "required": ["method", "address"],
            "properties": {
                "method": {"type": "string", "enum": ["standard", "express", "pickup"]},
                "address": {"$ref": "#/definitions/Address"},
                "eta": {"type": "string", "format": "date"},
            },
        },
    },
}


def uuid(i):
    d = h("uuid" + str(i), 32)
    return f"{d[0:8]}-{d[8:12]}-4{d[13:16]}-a{d[17:20]}-{d[20:32]}"


def address(i):
    return {"line1": f"{10 + i % 90} Harbour Street", "city": ["Hamburg", "Lyon", "Leeds", "Utrecht", "Austin"][i % 5],
            "postcode": f"{10000 + i * 37 % 89999}", "country": ["DE", "FR", "GB", "NL", "US"][i % 5]}


def item(i):
    return {"sku": f"{'ABCDEFGH'[i % 8]}{'KLMN'[i % 4]}Q-{100000 + i * 7919 % 899999}",
            "name": f"Stainless steel bottle {h('n' + str(i), 6)} 750 ml", "quantity": 1 + i % 12,
            "unit_price": {"amount_cents": 499 + i * 131 % 20000}, "weight_kg": round(0.25 + (i % 40) * 0.05, 2),
            "gift": i % 9 == 0}


def order(items):
    return {
        "id": uuid(0), "created_at": "2026-11-30T14:05:09Z", "status": "paid", "currency": "EUR",
        "customer": {"id": uuid(1), "name": "Ada Lovelace", "address": address(3), "email": "ada@example.org",
                     "phone": "+441632960961", "loyalty_tier": 3},
        "items": [item(i) for i in range(items)],
        "payment": {"type": "card", "last4": "4242", "expiry": "09/28", "brand": "visa"},
        "shipping": {"method": "express", "address": address(4), "eta": "2026-12-03"},
        "discount_percent": 12.5, "notes": None, "tags": ["gift-wrap", "priority", "b2c"],
    }


def invalid_first():
    body = order(800)
    body["items"][0]["quantity"] = 0  # below minimum
    return body


def invalid_last():
    body = order(800)
    body["items"][-1]["sku"] = "ABQ-12345"  # five digits: the pattern wants six
    return body


def operation(i):
    """One operation of the large OpenAPI document: a resource path with 1 to 3 templated segments."""
    group, res = f"group{i // 10}", f"resource{i}"
    path = [f"/{group}/{res}", f"/{group}/{{groupId}}/{res}/{{id}}", f"/{group}/{{groupId}}/{res}/{{id}}/items/{{itemId}}"][i % 3]
    params = [{"name": n, "in": "path", "required": True, "schema": {"type": "string", "pattern": "^[a-z0-9-]{1,40}$"}}
              for n in ("groupId", "id", "itemId") if "{" + n + "}" in path]
    params.append({"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}})
    method = ["get", "post", "put", "delete", "patch"][i % 5]
    op = {"operationId": f"op{i}", "parameters": params, "responses": {"200": {"description": "ok"}}}
    if method in ("post", "put", "patch"):
        op["requestBody"] = {"required": True, "content": {"application/json": {
            "schema": {"$ref": f"#/components/schemas/Model{i % 50}"}}}}
    return path, method, op


def openapi(operations):
    paths = {}
    for i in range(operations):
        path, method, op = operation(i)
        paths.setdefault(path, {})[method] = op
    models = {}
    for m in range(50 if operations > 5 else 5):
        models[f"Model{m}"] = {
            "type": "object", "required": ["name"],
            "properties": {"name": {"type": "string", "maxLength": 100},
                           "size": {"type": "integer", "minimum": 0},
                           "kind": {"type": "string", "enum": ["a", "b", "c"]},
                           "parent": {"$ref": f"#/components/schemas/Model{(m + 1) % 5 if operations <= 5 else (m + 1) % 50}"},
                           "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                           "created": {"type": "string", "format": "date-time"}}}
    return {"openapi": "3.1.0", "info": {"title": f"Synthetic API with {operations} operations", "version": "1"},
            "servers": [{"url": "https://api.example.com/v1"}], "paths": paths,
            "components": {"schemas": models}}


# (name, dir, expected verdict, body, about)
CASES = [
    ("RealWorldSmall", "realworld_small", True, compact(order(3)),
     "an order: nested $refs, allOf, oneOf payment, patterns, formats; 3 line items"),
    ("RealWorldLarge", "realworld_large", True, compact(order(800)), "the same order with 800 line items"),
    ("RealWorldInvalidFirst", "realworld_invalid_first", False, compact(invalid_first()),
     "RealWorldLarge with the first item's quantity below its minimum"),
    ("RealWorldInvalidLast", "realworld_invalid_last", False, compact(invalid_last()),
     "RealWorldLarge with the last item's sku not matching its pattern"),
]


def write():
    """Writes the files; returns the manifest entries make_data.py appends to cases.json."""
    (DATA / "realworld").mkdir(parents=True, exist_ok=True)
    (DATA / "realworld" / "order.schema.json").write_text(json.dumps(SCHEMA, indent=2) + "\n")
    manifest = []
    for name, directory, valid, body, about in CASES:
        folder = DATA / directory
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "body.json").write_bytes(body.encode("utf-8"))
        manifest.append({"name": name, "dir": directory, "valid": valid, "role": "realworld",
                         "schema": "realworld/order.schema.json", "bytes": len(body.encode("utf-8")), "about": about})
    for name, count in (("openapi_large", 500), ("openapi_small", 5)):
        (DATA / name).mkdir(parents=True, exist_ok=True)
        (DATA / name / "openapi.json").write_text(json.dumps(openapi(count), indent=1) + "\n")
    return manifest
