#!/usr/bin/env python3
"""Drives a mixed load through nginx for scripts/scale.sh and prints what happened.

Several users, each with one access token from the loopback Entra ID (as the pane keeps its token),
each opening the pane once (the radar) before the load. Workers: the radar, a thread's analysis,
drafts, template edits with If-Match (accepted edits are counted and compared with the template's
versions at the end), and invite double clicks (two requests per idempotency key at once, both
through nginx, whose round robin sends them to both instances; X-Upstream says which answered).
The faults are injected by scale.sh at the times it passes in; each answer is recorded with its
time, so the summary can say what the API answered while each fault lasted. Standard library only.
"""
import http.client
import itertools
import json
import ssl
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict

base_host, base_port = sys.argv[1].split(":")
duration = float(sys.argv[2])
phases_file = sys.argv[3]  # scale.sh appends "name start end" lines (Unix times) as faults happen
entra = sys.argv[4]  # the loopback Entra ID's base address (HTTPS)
entra_certificate = sys.argv[5]  # its certificate, the only one trusted for it
user_count = int(sys.argv[6])
out = {"records": []}
lock = threading.Lock()
start = time.time()


def now():
    return time.time() - start


tokens = []  # one access token per user, for the whole run
turn = itertools.count()


def sign_in():
    context = ssl.create_default_context(cafile=entra_certificate)
    for n in range(1, user_count + 1):
        host = entra.split("//", 1)[1].rstrip("/")
        conn = http.client.HTTPSConnection(host, timeout=30, context=context)
        conn.request("POST", f"/loopback/users/{n}/token")
        tokens.append(json.loads(conn.getresponse().read())["access_token"])
        conn.close()


def request(method, path, body=None, headers=None, record=True, user=None):
    conn = http.client.HTTPConnection(base_host, int(base_port), timeout=30)
    token = tokens[(next(turn) if user is None else user) % len(tokens)]
    hdrs = {"Content-Type": "application/json", "Host": "127.0.0.1", "Authorization": f"Bearer {token}"}
    hdrs.update(headers or {})
    t0 = now()
    try:
        conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=hdrs)
        resp = conn.getresponse()
        data = resp.read()
        status = resp.status
        retry_after = resp.getheader("Retry-After")
        upstream = resp.getheader("X-Upstream")
        etag = resp.getheader("ETag")
        upstream = upstream.split(",")[-1].strip() if upstream else None  # the instance that answered last
    except Exception as e:  # connection refused or reset: an error the caller saw
        data, status, retry_after, upstream, etag = str(e).encode(), 0, None, None, None
        if record:
            with lock:
                out.setdefault("failures", []).append(f"at {t0:.1f} s: {type(e).__name__}: {e}")
    finally:
        conn.close()
    if record or status:
        with lock:
            out["records"].append((t0, method, path.split("?")[0], status, retry_after))
    try:
        parsed = json.loads(data) if data else None
    except ValueError:
        parsed = None
    return status, parsed, etag, upstream


stop = threading.Event()


def loop(fn):
    def run():
        while not stop.is_set():
            fn()
    return run


def radar():
    request("GET", "/api/threads")


def analysis():
    request("GET", "/api/threads/demo-harrowgate-proposal/analysis")


kinds = ["worried-check-in", "action-consequence", "urgency-test", "calendar-invite"]
draft_count = [0]


def drafts():
    draft_count[0] += 1
    request("POST", "/api/drafts", {"conversationId": "demo-harrowgate-proposal", "kind": kinds[draft_count[0] % len(kinds)]})


template = {}
edits = Counter()


def edit():
    status, body, etag, _ = request("GET", f"/api/templates/{template['id']}", user=0)
    if status != 200 or not etag:
        time.sleep(0.2)
        return
    n = edits["attempted"] + 1
    edits["attempted"] += 1
    payload = {"name": "Scale run", "kind": "worried-check-in", "subject": "Checking in",
               "body": f"Hi {{{{contactFirstName}}}}, edit {n}.", "tags": []}
    status, _, _, _ = request("PUT", f"/api/templates/{template['id']}", payload, {"If-Match": etag}, user=0)
    with lock:
        edits[status] += 1


invites = defaultdict(list)
slot = {}


def double_click():
    key = f"scale-{uuid.uuid4().hex[:12]}"
    user = next(turn)
    body = {"slot": slot["value"], "conversationId": "demo-harrowgate-proposal", "idempotencyKey": key}
    results = []

    # Two clicks at once, both through nginx: its round robin sends them to both instances while both live.
    def one():
        status, parsed, _, upstream = request("POST", "/api/invites", body, record=True, user=user)
        results.append((status, parsed, upstream))
    threads = [threading.Thread(target=one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for status, parsed, upstream in results:
        with lock:
            meeting = (parsed or {}).get("webLink") if isinstance(parsed, dict) else None
            invites[key].append((status, meeting, upstream))
    time.sleep(0.05)


def main():
    sign_in()
    # Each user opens the pane once (the radar) before the load, as a user would.
    for n in range(len(tokens)):
        status, body, _, _ = request("GET", "/api/threads", user=n)
        if status != 200:
            print(f"scale: user {n + 1} could not open the radar ({status}): {body}")
            sys.exit(1)
    status, body, etag, _ = request("POST", "/api/templates", {"name": "Scale run", "kind": "worried-check-in", "subject": "Checking in",
                                                              "body": "Hi {{contactFirstName}}, edit 0.", "tags": []}, user=0)
    if status != 201:
        print(f"scale: could not create the template ({status}): {body}")
        sys.exit(1)
    template["id"] = body["id"]
    status, body, _, _ = request("POST", "/api/invites/proposals", {"conversationId": "demo-harrowgate-proposal"}, user=0)
    if status != 200:
        print(f"scale: could not get a slot ({status}): {body}")
        sys.exit(1)
    slot["value"] = {"start": body["slots"][0]["start"], "end": body["slots"][0]["end"]}
    out["records"].clear()
    global start
    start = time.time()
    with open(phases_file + ".ready", "w") as f:
        f.write("ready")

    workers = [radar, analysis, drafts, drafts, edit, edit, edit, double_click]
    threads = [threading.Thread(target=loop(w), daemon=True) for w in workers]
    for t in threads:
        t.start()
    time.sleep(duration)
    stop.set()
    for t in threads:
        t.join(timeout=35)

    # ---- the end state ----
    status, versions, _, _ = request("GET", f"/api/templates/{template['id']}/versions", user=0)
    present = len(versions) - 1 if isinstance(versions, list) else -1  # version 1 is the create
    records = out["records"]
    phases = []
    with open(phases_file) as f:
        for line in f:
            name, a, b = line.split()
            phases.append((name, float(a) - start, float(b) - start if b != "-" else 1e9))

    # A request that began up to a second before a fault may meet it (the time is when it was sent).
    def in_phase(t, name):
        return any(p == name and a - 1.0 <= t < b for p, a, b in phases)

    by_status = Counter(r[3] for r in records)
    # A 503 with Retry-After while the database is down is the answer asked for, not an error.
    expected = [r for r in records if r[3] == 503 and r[4] and in_phase(r[0], "postgresql-down")]
    errors = [r for r in records if (r[3] >= 500 or r[3] == 0) and r not in expected]
    print(f"requests: {len(records)} in {duration:.0f} s through nginx; by status: "
          + ", ".join(f"{k if k else 'no answer'}: {v}" for k, v in sorted(by_status.items())))
    for name, a, b in phases:
        print(f"fault: {name} from {a:.1f} s to {'the end' if b > 1e8 else f'{b:.1f} s'}")
    if errors:
        seconds = Counter(int(r[0]) for r in errors)
        print(f"errors (5xx or no answer): {len(errors)}, at seconds " + ", ".join(f"{s}s×{n}" for s, n in sorted(seconds.items())))
        for r in errors[:5]:
            print(f"  {r[0]:.1f}s {r[1]} {r[2]} -> {r[3] or 'no answer'}")
    else:
        print("errors (5xx or no answer): 0")
    print(f"503 with Retry-After while PostgreSQL was down: {len(expected)}")
    for failure in out.get("failures", [])[:3]:
        print(f"  no answer: {failure}")
    five_hundreds = sum(1 for r in records if r[3] == 500)
    print(f"500 answers: {five_hundreds}")

    accepted = edits[200]
    print(f"template edits: {edits['attempted']} tried, {accepted} accepted (200), {edits[412]} stale (412), "
          f"{edits[503]} refused while the store was down (503); versions present at the end: {present}; lost: {accepted - present}")

    # One meeting per key: every answer for a key names the same meeting (Graph's webLink), and the
    # calendar holds as many meetings as there were keys (scale.sh prints the calendar's count).
    keys = len(invites)
    per_key = Counter()
    both = 0
    for key, rs in invites.items():
        meetings = {m for s, m, _ in rs if s in (200, 201) and m}
        per_key[len(meetings)] += 1
        if len({u for _, _, u in rs if u}) > 1:
            both += 1
    created = sum(1 for rs in invites.values() for s, _, _ in rs if s == 201)
    print(f"invite double clicks: {keys} keys, both clicks through nginx, {both} keys answered by both instances (X-Upstream); meetings per key: "
          + ", ".join(f"{n}: {c} keys" for n, c in sorted(per_key.items())) + f"; 201 Created answers: {created}")

    pg = [r for r in records if in_phase(r[0], "postgresql-down") and r[2].startswith(("/api/templates", "/api/invites"))]
    pg_status = Counter((r[3], bool(r[4])) for r in pg)
    print("while PostgreSQL was down (templates, invites): " + (", ".join(
        f"{s}{' with Retry-After' if ra else ''}: {n}" for (s, ra), n in sorted(pg_status.items())) or "no requests"))
    redis = [r for r in records if in_phase(r[0], "redis-down")]
    print("while Redis was down: " + (", ".join(f"{s}: {n}" for s, n in sorted(Counter(r[3] for r in redis).items())) or "no requests"))

    ok = (five_hundreds == 0 and accepted == present and all(n <= 1 for n in per_key) and both > 0
          and all(s in (503,) and ra for (s, ra) in pg_status if s >= 500))
    print(f"summary json: {json.dumps({'requests': len(records), 'errors': len(errors), 'lost_edits': accepted - present, 'keys': keys, 'keys_on_both': both, 'keys_with_meeting': sum(c for n, c in per_key.items() if n >= 1), 'duplicate_keys': sum(c for n, c in per_key.items() if n > 1), 'five_hundreds': five_hundreds, 'store_down_503': len(expected)})}")
    print("drive: PASS" if ok else "drive: FAIL")
    sys.exit(0 if ok else 1)


main()
