#!/usr/bin/env python3
"""A minimal webhook receiver as a same-run yardstick for bench/seq_latency.py: Python's stdlib
http.server, one sqlite3 row per POST, committed (synchronous=FULL, the default) before the 202.
It checks X-Api-Key and parses the JSON; it is NOT the prior tool (not available here).

  python3 bench/python_receiver.py 18561 /tmp/receiver.db
"""
import json
import sqlite3
import sys
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer

port = int(sys.argv[1])
db = sqlite3.connect(sys.argv[2], check_same_thread=False)
db.execute("CREATE TABLE IF NOT EXISTS delivery (id TEXT PRIMARY KEY, path TEXT, body BLOB)")
db.commit()
SECRETS = {"bench-azure-monitor-secret", "bench-databricks-secret"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.headers.get("X-Api-Key") not in SECRETS:
            return self.answer(401, {"error": "unauthorized"})
        try:
            json.loads(body)
        except ValueError:
            return self.answer(400, {"error": "invalid_json"})
        delivery = str(uuid.uuid4())
        db.execute("INSERT INTO delivery VALUES (?, ?, ?)", (delivery, self.path, body))
        db.commit()
        self.answer(202, {"deliveryId": delivery, "status": "accepted"})

    def answer(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


HTTPServer(("127.0.0.1", port), Handler).serve_forever()
