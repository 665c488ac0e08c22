#!/usr/bin/env python3
"""Checks a Custodia chain-of-custody export without Custodia.

    python3 verify-custody-log.py EXPORT.jsonl [--public-key HEX]

EXPORT.jsonl is what `custodia log export --out FILE` writes (format: docs/custody-log.md).
Checks every event's hash, its link to the event before it, the numbering, every Ed25519
signature, and the signed checkpoint on the last line. Prints one line per problem and a
summary. Exit status: 0 everything holds, 1 problems found, 2 the check could not run.

Needs only the Python 3 standard library and PyNaCl (Debian/Ubuntu: apt-get install python3-nacl;
then run Debian's /usr/bin/python3 if another python3 comes first on PATH).
"""

import argparse
import hashlib
import json
import re
import sys

try:
    from nacl.exceptions import BadSignatureError, CryptoError
    from nacl.signing import VerifyKey
except ImportError:
    sys.stderr.write(
        "verify-custody-log: PyNaCl is missing: install the python3-nacl package "
        "(apt-get install python3-nacl) and run this script with /usr/bin/python3\n"
    )
    sys.exit(2)

FORMAT_VERSION = 1
GENESIS = "0" * 64
MAX_SAFE_INTEGER = 2**53 - 1
# The version-1 vocabulary (CUSTODY_ACTIONS in electron/archive/custody/log.ts).
ACTIONS = {
    "vault-created",
    "case-created",
    "acquired",
    "imported",
    "linked",
    "unlinked",
    "metadata-changed",
    "viewed",
    "exported",
    "verified",
    "derived",
    "transferred",
    "received",
    "withdrawn",
}
SUBJECT_KINDS = {"vault", "case", "item", "person"}
HEX64 = re.compile(r"[0-9a-f]{64}")
HEX128 = re.compile(r"[0-9a-f]{128}")
SURROGATE = re.compile("[\ud800-\udfff]")


class NotCanonical(ValueError):
    pass


def canonical_json(value):
    """Custodia's canonical encoding (electron/archive/custody/canonical.ts).

    The same text as json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False),
    also in the two corners where that call alone would differ from Custodia: keys are ordered by
    UTF-16 code units (as JavaScript compares strings) and an unpaired surrogate is written as a
    \\uXXXX escape (as JavaScript's JSON.stringify does). Only safe integers are allowed.
    """
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        # JSON.parse reads 5.0 or 5e0 as the integer 5: accept what JavaScript would.
        if not value.is_integer():
            raise NotCanonical(f"{value!r} is not an integer")
        value = int(value)
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise NotCanonical(f"{value} is beyond the safe integer range")
        return str(value)
    if isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
        return SURROGATE.sub(lambda m: "\\u%04x" % ord(m.group()), text)
    if isinstance(value, list):
        return "[" + ",".join(canonical_json(v) for v in value) + "]"
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: k.encode("utf-16-be", "surrogatepass"))
        return "{" + ",".join(canonical_json(k) + ":" + canonical_json(value[k]) for k in keys) + "}"
    raise NotCanonical(f"cannot encode {type(value).__name__}")


def utf8(text):
    return text.encode("utf-8", "surrogatepass")


def event_body(e):
    return {
        "v": FORMAT_VERSION,
        "seq": e["seq"],
        "time": e["time"],
        "actor": e["actor"],
        "action": e["action"],
        "subject": {"kind": e["subject"]["kind"], "id": e["subject"]["id"]},
        "details": e["details"],
        "prev": e["prev"],
    }


def checkpoint_body(c):
    return {k: c[k] for k in ("v", "type", "vaultId", "seq", "head", "time")}


def parse_json(text):
    def no_constants(name):
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=no_constants)


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def event_shape_error(e):
    if not is_int(e.get("seq")) or e["seq"] < 1:
        return "seq is not a positive integer"
    for field in ("time", "actor", "action", "prev", "hash", "signature"):
        if not isinstance(e.get(field), str):
            return f"{field} is missing or not a string"
    subject = e.get("subject")
    if not isinstance(subject, dict) or not isinstance(subject.get("kind"), str) or not (
        subject.get("id") is None or isinstance(subject.get("id"), str)
    ):
        return 'subject is not {"kind": string, "id": string or null}'
    if not isinstance(e.get("details"), dict):
        return "details is missing or not an object"
    return None


def checkpoint_shape_error(c):
    if c.get("v") != FORMAT_VERSION:
        return f"checkpoint version {c.get('v')!r} is not {FORMAT_VERSION}"
    if not is_int(c.get("seq")) or c["seq"] < 0:
        return "seq is not an integer"
    for field in ("vaultId", "head", "time", "signature"):
        if not isinstance(c.get(field), str):
            return f"{field} is missing or not a string"
    return None


def parse_key(text, what):
    cleaned = re.sub(r"[\s:]", "", text).lower()
    if not HEX64.fullmatch(cleaned):
        raise ValueError(f"{what} is not 32 bytes of hex (64 hex digits): {text!r}")
    return cleaned


