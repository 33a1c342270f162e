#!/usr/bin/env python3
"""A tiny HTTP side-effect counter for crash-test.sh (127.0.0.1 only).

  counter-server.py LOG PORT_FILE [DELAY_MS]

Every POST is one side effect: it is appended to LOG at once (one JSON line: seq, time,
Idempotency-Key, body; flushed before the reply), then answered after DELAY_MS with
{"seq": n, "key": ...}, so that a process killed during the delay has caused the side effect
without recording its result. GET /count answers {"calls": n}. The port (chosen by the OS) is
written to PORT_FILE once the server listens.
"""
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

log_path, port_file = sys.argv[1], sys.argv[2]
delay = (float(sys.argv[3]) if len(sys.argv) > 3 else 50.0) / 1000.0
lock = threading.Lock()
state = {"seq": 0}
log = open(log_path, "a", encoding="utf-8")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def reply(self, body):
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with lock:
            calls = state["seq"]
        self.reply({"calls": calls})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode("utf-8", "replace")
        key = self.headers.get("Idempotency-Key")
        with lock:
            state["seq"] += 1
            seq = state["seq"]
            log.write(json.dumps({"seq": seq, "time": time.time(), "key": key, "body": body}) + "\n")
            log.flush()
        time.sleep(delay)
        self.reply({"seq": seq, "key": key})

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # the default listen backlog (5) refuses bursts of calls

    def handle_error(self, request, client_address):
        # A killed or stopping NEX7 resets its kept-alive connections: expected here, not news.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


server = Server(("127.0.0.1", 0), Handler)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
# Renamed once written, so that the reader never sees half a file.
os.replace(port_file + ".tmp", port_file)
server.serve_forever()
