#!/usr/bin/env python3
"""A tiny OTLP/HTTP receiver on loopback, for scripts/otlp-check.sh.

Accepts POST /v1/traces, /v1/metrics and /v1/logs (protobuf), answers 200, and keeps only counts,
sizes and the readable names inside each payload. Bounded: it stops after --seconds or --max-requests,
whichever comes first (or on POST /stop), and then prints a JSON summary. It also reports whether any --canary string
appeared in any payload, and for each --metric (a counter's name) its latest value per service.name
(cumulative, as the .NET exporter sends sums), decoded from the OTLP protobuf; GET /metrics answers
those values while it runs (scripts/scale.sh reads the warning counter that way).
"""
import argparse
import json
import re
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--port-file", required=True)
parser.add_argument("--seconds", type=float, default=60)
parser.add_argument("--max-requests", type=int, default=500)
parser.add_argument("--max-bytes", type=int, default=8 * 1024 * 1024)
parser.add_argument("--canary", action="append", default=[])
parser.add_argument("--metric", action="append", default=[])
args = parser.parse_args()

lock = threading.Lock()
summary = {"requests": 0, "signals": {}, "names": {}, "canaries_found": [], "metrics": {m: {} for m in args.metric}}
done = threading.Event()
# Protobuf keeps strings as raw UTF-8: runs of readable characters are the names and attribute keys.
readable = re.compile(rb"[A-Za-z][A-Za-z0-9_./{}: -]{3,}")


def fields(buf):
    """The (field number, value) pairs of one protobuf message: ints for varints, bytes otherwise."""
    i, out = 0, []
    while i < len(buf):
        key, i = varint(buf, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, i = varint(buf, i)
        elif wire == 1:
            value, i = buf[i:i + 8], i + 8
        elif wire == 2:
            length, i = varint(buf, i)
            value, i = buf[i:i + length], i + length
        elif wire == 5:
            value, i = buf[i:i + 4], i + 4
        else:
            raise ValueError(f"wire type {wire}")
        out.append((number, value))
    return out


def varint(buf, i):
    shift = result = 0
    while True:
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        if b < 0x80:
            return result, i
        shift += 7


def read_sums(body):
    """ExportMetricsServiceRequest -> {(service.name, metric name): summed value of its data points}."""
    found = {}
    for n, resource_metrics in fields(body):
        if n != 1:
            continue
        service, scopes = "?", []
        for m, part in fields(resource_metrics):
            if m == 1:  # Resource.attributes (KeyValue: key 1, AnyValue 2 with string_value 1)
                for a, attribute in fields(part):
                    kv = dict(fields(attribute)) if a == 1 else {}
                    if kv.get(1) == b"service.name":
                        service = dict(fields(kv.get(2, b""))).get(1, b"?").decode()
            elif m == 2:
                scopes.append(part)
        for scope in scopes:
            for k, metric in fields(scope):
                if k != 2:
                    continue
                parts = dict((f, v) for f, v in fields(metric) if f in (1, 7))
                name = parts.get(1, b"").decode()
                if name not in args.metric or 7 not in parts:
                    continue
                total = 0
                for d, point in fields(parts[7]):
                    if d != 1:
                        continue
                    for f, v in fields(point):
                        if f == 6:  # as_int (sfixed64)
                            total += int.from_bytes(v, "little", signed=True)
                        elif f == 4:  # as_double
                            total += struct.unpack("<d", v)[0]
                found[(service, name)] = total
    return found


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        with lock:
            payload = json.dumps(summary["metrics"]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_POST(self):
        if self.path == "/stop":
            self.send_response(204)
            self.end_headers()
            done.set()
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > args.max_bytes:
            self.send_response(413)
            self.end_headers()
            return
        body = self.rfile.read(length)
        signal = self.path.rsplit("/", 1)[-1]
        with lock:
            summary["requests"] += 1
            stats = summary["signals"].setdefault(signal, {"requests": 0, "bytes": 0})
            stats["requests"] += 1
            stats["bytes"] += len(body)
            names = summary["names"].setdefault(signal, set())
            for match in readable.findall(body):
                text = match.decode("ascii", "replace")
                if text.startswith(("ghostassist", "http.server", "http.client", "GET ", "POST ", "analyze", "draft")):
                    names.add(text)
            if signal == "metrics" and args.metric:
                try:
                    for (service, name), value in read_sums(body).items():
                        summary["metrics"][name][service] = value
                except (ValueError, IndexError):
                    summary.setdefault("undecoded", 0)
                    summary["undecoded"] = summary["undecoded"] + 1
            for canary in args.canary:
                if canary.encode() in body and canary not in summary["canaries_found"]:
                    summary["canaries_found"].append(canary)
            if summary["requests"] >= args.max_requests:
                done.set()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(args.port_file, "w") as f:
    f.write(str(server.server_address[1]))
threading.Thread(target=server.serve_forever, daemon=True).start()
done.wait(args.seconds)
server.shutdown()
with lock:
    summary["names"] = {k: sorted(v) for k, v in summary["names"].items()}
    json.dump(summary, sys.stdout, indent=2)
    print()
