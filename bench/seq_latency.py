#!/usr/bin/env python3
"""Sequential webhook latency: one client, one connection at a time (a new TCP connection per post,
as Azure Monitor and Databricks send them), interleaved rounds of one ADF alert and one Databricks
job failure, ROUNDS rounds after WARMUP untimed rounds. Prints p50/p95/p99 per kind.

  python3 bench/seq_latency.py http://127.0.0.1:18560 [rounds] [warmup]

Paths and headers are Rebound's (X-Api-Key); the same bodies go to any receiver that takes POST
on those paths (bench/python_receiver.py does).
"""
import http.client
import os
import statistics
import sys
import time
import urllib.parse

url = urllib.parse.urlparse(sys.argv[1])
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 100
warmup = int(sys.argv[3]) if len(sys.argv) > 3 else 200
payloads = os.environ.get("REBOUND_PAYLOADS", "../shared/payloads")
keep_alive = os.environ.get("KEEP_ALIVE", "0") == "1"
# EXPECT_STATUS=401 with a wrong secret measures the floor: the same client, connection and HTTP
# stack, refused at authentication, nothing stored.
expect = int(os.environ.get("EXPECT_STATUS", "202"))
kinds = [
    ("adf", "/webhooks/azure-monitor", os.environ.get("ADF_SECRET", "bench-azure-monitor-secret"),
     open(f"{payloads}/azure-monitor/adf_log_alert_v2_copy_2200_blob_not_exist.json", "rb").read()),
    ("databricks", "/webhooks/databricks", os.environ.get("DATABRICKS_SECRET", "bench-databricks-secret"),
     open(f"{payloads}/databricks/databricks_job_failure.json", "rb").read()),
]
conn = None


def post(path, secret, body):
    global conn
    if conn is None:
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    start = time.perf_counter()
    conn.request("POST", path, body, {"Content-Type": "application/json", "X-Api-Key": secret})
    response = conn.getresponse()
    response.read()
    elapsed = (time.perf_counter() - start) * 1000
    if not keep_alive:
        conn.close()
        conn = None
    if response.status != expect:
        raise SystemExit(f"{path} answered {response.status}")
    return elapsed


for _ in range(warmup):
    for _, path, secret, body in kinds:
        post(path, secret, body)
times = {kind: [] for kind, *_ in kinds}
for _ in range(rounds):
    for kind, path, secret, body in kinds:
        times[kind].append(post(path, secret, body))


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1)]


for kind, values in [(k, v) for k, v in times.items() if v]:
    print(f"RESULT kind={kind} n={len(values)} p50_ms={pct(values, 50):.2f} p95_ms={pct(values, 95):.2f}"
          f" p99_ms={pct(values, 99):.2f} max_ms={max(values):.2f} mean_ms={statistics.mean(values):.2f}")
