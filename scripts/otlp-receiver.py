#!/usr/bin/env python3
"""A tiny OTLP/HTTP receiver on loopback, for scripts/otlp-check.sh.

Accepts POST /v1/traces, /v1/metrics and /v1/logs (protobuf), answers 200, and keeps only counts,
sizes and the readable names inside each payload. Bounded: it stops after --seconds or --max-requests,
whichever comes first (or on POST /stop), and then prints a JSON summary. It also reports whether any --canary string
appeared in any payload.
"""
import argparse
import json
import re
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
args = parser.parse_args()

lock = threading.Lock()
summary = {"requests": 0, "signals": {}, "names": {}, "canaries_found": []}
done = threading.Event()
# Protobuf keeps strings as raw UTF-8: runs of readable characters are the names and attribute keys.
readable = re.compile(rb"[A-Za-z][A-Za-z0-9_./{}: -]{3,}")


class Handler(BaseHTTPRequestHandler):
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
