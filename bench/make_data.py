#!/usr/bin/env python3
"""Writes the benchmark inputs into bench/data/ (run once; the output is committed).

Every case is bench/data/<dir>/body.json (the exact body bytes) and request.json (method, target and headers for
the whole-request benchmarks). bench/data/cases.json lists the cases in order with their expected verdict; the
benchmark binary checks that verdict with reqprobe and with the baselines before timing anything.

Deterministic: values come from hashes of their index, never from a random generator, so re-running this script
rewrites byte-identical files.
"""
import hashlib
import json
import pathlib

import make_realworld

DATA = pathlib.Path(__file__).resolve().parent / "data"
HOSTILE_BYTES = 64 * 1024

# The request line and headers of reqprobe's own full example (corpus/examples/valid-full-query-and-images.json).
REQUEST = {
    "method": "POST",
    "target": "/v5/0f7e0b2c/image/image-scan/tasks?enterprise_project_id=all_granted_eps&global_image_type=registry",
    "headers": [
        ["X-Auth-Token", "MIIZkQYJKoZIhvcNAQcCoIIZgjCCGX4CAQExDTALBglghkgBZQMEAgEwgXYGCSqGSIb3DQEHAaBpBGd7InRva2VuIjp7fX0"],
        ["Content-Type", "application/json"],
        ["region", "cn-north-4"],
    ],
}


def hexdigest(text, length=64):
    return hashlib.sha256(text.encode()).hexdigest()[:length]


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def typical_query_info():
    """All 22 query_info members with realistic values (what a console sends when filtering a scan)."""
    return {
        "local_image_type": "swr_image",
        "host_id": "9d8f2a4c-6b1e-4c3f-a7d2-0e5b8c1f3a6d",
        "host_name": "ecs-prod-build-runner-01.cn-north-4",
        "public_ip": "100.85.12.7",
        "private_ip": "192.168.10.124",
        "cluster_id": "c7e1a2b3-44d5-11ef-9c1a-0255ac100032",
        "container_id": "3f2a9c1e7b5d8e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f",
        "container_name": "payment-gateway-sidecar",
        "pod_id": "5b0c1a7e-8f2d-4b9c-a1e3-6d7f8a9b0c1d",
        "pod_name": "payment-gateway-7c9f6d5b8-x2kqp",
        "app_name": "openssl",
        "has_vul": True,
        "namespace": "team-payments",
        "image_name": "library/payment-gateway",
        "image_version": "v2.14.3-alpine3.19",
        "image_type": "private_image",
        "scan_status": "success",
        "image_size": 187654321,
        "start_latest_update_time": 1717200000000,
        "end_latest_update_time": 1719791999000,
        "start_latest_scan_time": 1717200000000,
        "end_latest_scan_time": 1719791999000,
    }


def typical():
    return {"scan_scope": 2147483647, "rate_limit": 200, "is_all": False, "query_info": typical_query_info()}


REGISTRY_TYPES = ["SwrPrivate", "SwrShared", "SwrEnterprise", "Harbor", "Jfrog", "Other", "Local"]


def image_item(i):
    """One image_info item with all 11 members; values vary with i."""
    return {
        "id": 100000 + i,
        "image_id": "sha256:" + hexdigest(f"id{i}"),
        "image_digest": "sha256:" + hexdigest(f"digest{i}"),
        "registry_id": f"swr-cn-north-4-{hexdigest(f'reg{i % 7}', 8)}",
        "registry_name": "SWR" if i % 3 else "harbor-prod",
        "image_name": f"team-{i % 13}/service-{i:03d}",
        "image_version": f"v{i % 5}.{i % 11}.{i % 17}",
        "namespace": f"team-{i % 13}",
        "instance_id": hexdigest(f"inst{i}", 32),
        "instance_url": f"https://registry-{i % 4}.example.internal",
        "registry_type": REGISTRY_TYPES[i % len(REGISTRY_TYPES)],
    }


def large():
    return {"scan_scope": 983040, "rate_limit": 0, "is_all": False, "image_info": [image_item(i) for i in range(200)]}


def at_max(max_length):
    """A string of exactly max_length code points, each a 4-byte UTF-8 sequence: the most bytes a valid string
    can have without escapes, so UTF-8 decoding and code point counting do their most work."""
    return "\U0001F600" * max_length


def maximal():
    int64_max = 9223372036854775807
    query_info = {
        "local_image_type": "other_image",
        "host_id": at_max(128),
        "host_name": at_max(128),
        "public_ip": at_max(128),
        "private_ip": at_max(128),
        "cluster_id": at_max(128),
        "container_id": at_max(128),
        "container_name": at_max(128),
        "pod_id": at_max(64),
        "pod_name": at_max(512),
        "app_name": at_max(256),
        "has_vul": False,
        "namespace": at_max(256),
        "image_name": at_max(256),
        "image_version": at_max(256),
        "image_type": "instance_image",
        "scan_status": "download_failed",
        "image_size": int64_max,
        "start_latest_update_time": int64_max,
        "end_latest_update_time": int64_max,
        "start_latest_scan_time": int64_max,
        "end_latest_scan_time": int64_max,
    }
    item = {
        "id": int64_max,
        "image_id": at_max(128),
        "image_digest": at_max(128),
        "registry_id": at_max(256),
        "registry_name": at_max(128),
        "image_name": at_max(256),
        "image_version": at_max(256),
        "namespace": at_max(256),
        "instance_id": at_max(128),
        "instance_url": at_max(256),
        "registry_type": "SwrEnterprise",
    }
    return {"scan_scope": 2147483647, "rate_limit": 1000, "is_all": False, "query_info": query_info,
            "image_info": [item]}


def invalid_first():
    body = typical()
    body["scan_scope"] = 1  # not in the enum: the first member is wrong
    return body


def invalid_last():
    body = typical()
    body["query_info"]["end_latest_scan_time"] = -1  # below minimum 0: the last member is wrong
    return body


# The hostile bodies take a scale: 1 is the full size, 4 a quarter of it. The quarter-size copies exist only to
# check that rejection time grows linearly with size (bench/compare divides the two times).
def depth_bomb(scale=1):
    half = HOSTILE_BYTES // 2 // scale
    return "[" * half + "]" * half


def huge_string(scale=1):
    head, tail = '{"query_info":{"host_name":"', '"}}'
    return head + "a" * (HOSTILE_BYTES // scale - len(head) - len(tail)) + tail


def many_keys(scale=1):
    # Inside an undeclared member, so a validator that goes on after the first error (reqprobe exhaustive) must
    # still read, limit-check and de-duplicate every one of the 10,000 keys.
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
    keys = [alphabet[i // 1296] + alphabet[(i // 36) % 36] + alphabet[i % 36] for i in range(10000 // scale)]
    return '{"is_all":true,"extra":{' + ",".join(f'"{k}":0' for k in keys) + "}}"


def long_number(scale=1):
    return '{"rate_limit":' + "9" * (10000 // scale) + "}"


# (name, dir, expected verdict, body text, what it is); role "scaling" marks the quarter-size hostile copies, timed
# only by reqprobe and B1.
CASES = [
    ("Minimal", "minimal", True, compact({"is_all": True}), "smallest valid body"),
    ("Typical", "typical", True, compact(typical()), "scan settings plus a full query_info (22 members)"),
    ("Large", "large", True, compact(large()), "image_info with 200 items of 11 members"),
    ("Maximal", "maximal", True, compact(maximal()),
     "every member once, every string at its maxLength in 4-byte UTF-8 code points, integers at their maximum"),
    ("InvalidFirst", "invalid_first", False, compact(invalid_first()), "Typical with scan_scope (first) not in enum"),
    ("InvalidLast", "invalid_last", False, compact(invalid_last()),
     "Typical with query_info.end_latest_scan_time (last) below minimum"),
    ("HostileDepth", "hostile_depth", False, depth_bomb(), "64 KiB of nested arrays (depth 32768)"),
    ("HostileString", "hostile_string", False, huge_string(), "one 64 KiB string in host_name (maxLength 128)"),
    ("HostileKeys", "hostile_keys", False, many_keys(), "10,000 distinct keys inside an undeclared member"),
    ("HostileNumber", "hostile_number", False, long_number(), "rate_limit with 10,000 digits"),
]
SCALING = [
    ("HostileDepthQuarter", "hostile_depth_quarter", False, depth_bomb(4), "HostileDepth at a quarter of the size"),
    ("HostileStringQuarter", "hostile_string_quarter", False, huge_string(4), "HostileString at a quarter of the size"),
    ("HostileKeysQuarter", "hostile_keys_quarter", False, many_keys(4), "HostileKeys with 2,500 keys"),
    ("HostileNumberQuarter", "hostile_number_quarter", False, long_number(4), "HostileNumber with 2,500 digits"),
]


def main():
    manifest = []
    for role, (name, directory, valid, body, about) in [("main", c) for c in CASES] + [("scaling", c) for c in SCALING]:
        folder = DATA / directory
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "body.json").write_bytes(body.encode("utf-8"))
        (folder / "request.json").write_text(json.dumps(REQUEST, indent=2) + "\n")
        manifest.append({"name": name, "dir": directory, "valid": valid, "role": role,
                         "bytes": len(body.encode("utf-8")), "about": about})
    manifest += make_realworld.write()
    (DATA / "cases.json").write_text(json.dumps({"cases": manifest}, indent=2) + "\n")
    for case in manifest:
        print(f"{case['name']:21} {case['bytes']:7} bytes  {'valid' if case['valid'] else 'invalid'}")


if __name__ == "__main__":
    main()
