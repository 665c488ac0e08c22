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


def read_lines(path):
    """(number, text) of every line, streamed: lines end with "\\n" only, and the file is never read whole."""
    with open(path, encoding="utf-8", newline="\n") as f:
        for number, line in enumerate(f, start=1):
            yield number, line[:-1] if line.endswith("\n") else line


def main(argv):
    parser = argparse.ArgumentParser(
        description="Check a Custodia chain-of-custody export (custodia log export) without Custodia.",
    )
    parser.add_argument("export", metavar="EXPORT.jsonl", help="the file written by `custodia log export --out FILE`")
    parser.add_argument(
        "--public-key",
        metavar="HEX",
        help="the vault's Ed25519 public key (64 hex digits) as received separately from the sender; "
        "without it the key in the export's own header is used",
    )
    args = parser.parse_args(argv)
    # Text from the log (names, ids) must not crash a console that cannot show it.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    pinned = None
    if args.public_key is not None:
        try:
            pinned = parse_key(args.public_key, "--public-key")
        except ValueError as error:
            parser.error(str(error))

    problems = []
    notes = []

    def problem(kind, line, message, seq=None):
        where = f"line {line}" + (f", event {seq}" if seq is not None else "")
        problems.append(f"PROBLEM {kind} ({where}): {message}")
        print(problems[-1])

    # First pass: count the lines and keep the last one, which must be the checkpoint.
    try:
        line_count, last_line = 0, ""
        for line_count, last_line in read_lines(args.export):
            pass
    except OSError as error:
        sys.stderr.write(f"verify-custody-log: cannot read {args.export}: {error.strerror}\n")
        return 2
    except UnicodeDecodeError as error:
        print(f"PROBLEM format: the file is not UTF-8 text ({error.reason} at byte {error.start} of a block)")
        print("FAILED: the export cannot be read.")
        return 1
    if line_count == 0:
        print("PROBLEM format: the file is empty")
        print("FAILED: the export cannot be read.")
        return 1
    checkpoint = None
    if line_count > 1:
        try:
            candidate = parse_json(last_line)
        except ValueError:
            candidate = None
        if isinstance(candidate, dict) and candidate.get("type") == "checkpoint":
            checkpoint = candidate
    checkpoint_seq = checkpoint.get("seq") if checkpoint is not None else None
    hash_at_checkpoint_seq = None

    # Line 1: the header.
    lines = read_lines(args.export)
    _, first_line = next(lines)
    try:
        header = parse_json(first_line)
    except ValueError as error:
        header = None
        problem("format", 1, f"the header is not JSON ({error})")
    if not isinstance(header, dict) or header.get("type") != "custodia-custody-log":
        if header is not None:
            problem("format", 1, 'line 1 is not a Custodia custody-log header ("type": "custodia-custody-log")')
        print("FAILED: not a Custodia custody-log export.")
        return 1
    for field, expected in (("v", FORMAT_VERSION), ("signature", "ed25519"), ("hash", "sha256")):
        if header.get(field) != expected:
            problem("format", 1, f'header "{field}" is {header.get(field)!r}; this script checks {expected!r}')
    vault_id = header.get("vaultId")
    if not isinstance(vault_id, str):
        problem("format", 1, "the header has no vaultId")
    header_key = None
    try:
        header_key = parse_key(str(header.get("publicKey")), "the header's publicKey")
    except ValueError as error:
        problem("format", 1, str(error))

    if pinned is not None:
        key_hex = pinned
        if header_key is not None and header_key != pinned:
            problem(
                "public-key",
                1,
                f"the export names the key {header_key}, not the key given with --public-key: "
                "it was not signed by the vault you expected (every signature is checked against the key you gave)",
            )
    elif header_key is not None:
        key_hex = header_key
        notes.append(
            "note: no --public-key given, so signatures are checked against the key in the export's own header: "
            + key_hex
            + ". This proves the log is intact and signed by that key, not whose key it is; compare it with "
            "the key you received separately from the sender (or pass it with --public-key)."
        )
    else:
        print("FAILED: no usable public key (give one with --public-key).")
        return 1
    verify_key = VerifyKey(bytes.fromhex(key_hex))

    def signature_valid(signature_hex, message):
        if not HEX128.fullmatch(signature_hex):
            return False
        try:
            verify_key.verify(message, bytes.fromhex(signature_hex))
            return True
        except (BadSignatureError, CryptoError, ValueError, TypeError):
            return False

    # The events, one at a time.
    expected_seq = 1
    previous_hash = GENESIS
    count = 0
    first_time = last_time = None
    for index, line in lines:
        if index == line_count and checkpoint is not None:
            break
        if line == "":
            problem("format", index, "an empty line")
            continue
        try:
            record = parse_json(line)
        except ValueError as error:
            problem("format", index, f"not a JSON line ({error})")
            continue
        kind = record.get("type") if isinstance(record, dict) else None
        if kind == "checkpoint":
            problem("format", index, "a checkpoint before the end (only the last line may be one)")
            continue
        if kind != "event":
            problem("format", index, f"neither an event nor a checkpoint (type {kind!r})")
            continue
        shape = event_shape_error(record)
        if shape:
            problem("format", index, f"malformed event: {shape}", record.get("seq") if is_int(record.get("seq")) else None)
            continue

        e = record
        seq = e["seq"]
        count += 1
        first_time = first_time or e["time"]
        last_time = e["time"]
        if seq != expected_seq:
            problem(
                "event-sequence",
                index,
                f"event {seq} follows event {expected_seq - 1}: "
                + ("events are missing" if seq > expected_seq else "events are out of order"),
                seq,
            )
        if e["prev"] != previous_hash:
            problem(
                "event-link", index, f"event {seq} does not link to the event before it (deleted, inserted or reordered events)", seq
            )
        try:
            recomputed = hashlib.sha256(utf8(canonical_json(event_body(e)))).hexdigest()
        except NotCanonical as error:
            recomputed = None
            problem("event-hash", index, f"event {seq} ({e['action']}) cannot be encoded canonically: {error}", seq)
        if recomputed is not None and recomputed != e["hash"]:
            problem("event-hash", index, f"event {seq} ({e['action']}) was altered: its content no longer matches its hash", seq)
        if not HEX64.fullmatch(e["hash"]) or not signature_valid(e["signature"], bytes.fromhex(e["hash"])):
            problem("event-signature", index, f"event {seq} ({e['action']}) is not signed by this vault's key (forged or altered)", seq)
        if e["action"] not in ACTIONS:
            notes.append(f"note: event {seq} has the action {e['action']!r}, which is not in the version-1 vocabulary")
        if e["subject"]["kind"] not in SUBJECT_KINDS:
            notes.append(f"note: event {seq} has the subject kind {e['subject']['kind']!r}, which is not in the version-1 vocabulary")
        if e["subject"]["kind"] == "vault" and e["subject"]["id"] != vault_id:
            problem("vault-id", index, f"event {seq} ({e['action']}) concerns vault {e['subject']['id']}, not vault {vault_id}", seq)
        if seq == 1 and e["action"] != "vault-created":
            problem("format", index, f"event 1 is {e['action']!r}, not 'vault-created': the log does not start with the vault", seq)
        elif seq == 1 and e["details"].get("publicKey") != key_hex:
            problem(
                "public-key",
                index,
                f"the vault-created event records the key {e['details'].get('publicKey')}, not the key the log is checked with",
                seq,
            )
        if seq == checkpoint_seq and hash_at_checkpoint_seq is None:
            hash_at_checkpoint_seq = e["hash"]
        expected_seq = seq + 1
        previous_hash = e["hash"]

    last_seq = expected_seq - 1
    if count == 0:
        problem("event-sequence", 1, "the export holds no events")

    # The last line: the signed checkpoint.
    if checkpoint is None:
        problem("checkpoint-missing", line_count, "the last line is not a signed checkpoint: the export may have been cut short")
    else:
        shape = checkpoint_shape_error(checkpoint)
        if shape:
            problem("format", line_count, f"malformed checkpoint: {shape}")
        else:
            try:
                message = utf8(canonical_json(checkpoint_body(checkpoint)))
            except NotCanonical as error:
                message = None
                problem("checkpoint-signature", line_count, f"the checkpoint cannot be encoded canonically: {error}")
            if message is not None and not signature_valid(checkpoint["signature"], message):
                problem("checkpoint-signature", line_count, "the checkpoint is not signed by this vault's key (forged or altered)")
            if checkpoint["vaultId"] != vault_id:
                problem("vault-id", line_count, f"the checkpoint is of vault {checkpoint['vaultId']}, not vault {vault_id}")
            if checkpoint_seq > last_seq:
                problem(
                    "checkpoint-head",
                    line_count,
                    f"the checkpoint vouches for event {checkpoint_seq} but the export ends at event {last_seq}: events were removed",
                )
            elif hash_at_checkpoint_seq != checkpoint["head"]:
                problem(
                    "checkpoint-head",
                    line_count,
                    f"event {checkpoint_seq} is not the one the checkpoint vouches for: history was rewritten",
                )
            elif checkpoint_seq < last_seq:
                problem(
                    "checkpoint-head",
                    line_count,
                    f"events {checkpoint_seq + 1} to {last_seq} come after the checkpoint at event {checkpoint_seq}: "
                    "they were added after the export",
                )

    for note in notes:
        print(note)
    if problems:
        print(f"FAILED: {len(problems)} problem(s) in {count} event(s) of vault {vault_id}.")
        return 1
    print(
        f"OK: {count} events of vault {vault_id} ({first_time} to {last_time}), each hashed, linked and signed; "
        f"checkpoint at event {checkpoint_seq} of {checkpoint['time']} signed; key {key_hex}"
        + (" (as given with --public-key)." if pinned else " (from the export's header).")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
