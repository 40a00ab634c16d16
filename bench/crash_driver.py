#!/usr/bin/env python3
"""Kill -9 driver for bench/crash.sh (standard library only; everything on 127.0.0.1).

Posts distinct Databricks cluster failures to a running Rebound, kills the JVM with SIGKILL at
random moments, restarts it on the same database, and at the end counts per failure what was
acknowledged, stored, decided, planned and done (actions counted by the Databricks stand-in).
"""
import argparse
import concurrent.futures as futures
import json
import os
import random
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict


def http(method, url, body=None, headers=None, timeout=10):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


class App:
    """One Rebound JVM at a time, started with the same command on the same database."""

    def __init__(self, args):
        self.args = args
        self.process = None
        self.starts = 0
        self.base = f"http://127.0.0.1:{args.port}"

    def start(self):
        log = open(self.args.log, "a")
        log.write(f"\n===== start {self.starts + 1} at {time.strftime('%H:%M:%S')} =====\n")
        log.flush()
        self.process = subprocess.Popen(
            self.args.command, shell=True, cwd=self.args.workdir, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True)
        self.starts += 1
        deadline = time.time() + self.args.start_timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"Rebound exited at start; see {self.args.log}")
            try:
                status, _ = http("GET", self.base + "/actuator/health/readiness", timeout=2)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.25)
        sys.exit(f"Rebound was not ready within {self.args.start_timeout} s; see {self.args.log}")

    def kill9(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=90)
        except subprocess.TimeoutExpired:
            self.kill9()

    def api(self, path):
        status, body = http("GET", self.base + path,
                            headers={"Authorization": "Bearer " + self.args.admin_token})
        return status, (json.loads(body) if body else None)


def post_failure(args, body_template, cluster, spread):
    time.sleep(random.uniform(0, spread))
    body = body_template.replace("1234-567890-reef123", cluster).encode()
    try:
        status, text = http("POST", f"http://127.0.0.1:{args.port}/webhooks/databricks", body,
                            {"Content-Type": "application/json", "X-Api-Key": args.secret})
    except OSError:
        return cluster, None, time.time()
    if status == 202:
        return cluster, json.loads(text)["deliveryId"], time.time()
    return cluster, None, time.time()


def stand_in_requests(args):
    _, text = http("GET", f"http://127.0.0.1:{args.stand_in_port}/__admin/requests")
    return json.loads(text)["requests"]


def stub_clusters(args, clusters, terminated_body, running_body):
    """Each cluster is TERMINATED until a clusters/start succeeds, then RUNNING (the health check).
    Every fifth cluster's first start answers 500: its plan waits a backoff and retries."""
    def add(mapping):
        status, text = http("POST", f"http://127.0.0.1:{args.stand_in_port}/__admin/mappings",
                            json.dumps(mapping).encode(), {"Content-Type": "application/json"})
        if status != 201:
            sys.exit(f"The stand-in refused a mapping ({status}): {text}")

    for n, cluster in enumerate(clusters):
        scenario = "cluster-" + cluster
        flaky = n % 5 == 0
        get = {"method": "GET", "urlPath": "/api/2.1/clusters/get",
               "queryParameters": {"cluster_id": {"equalTo": cluster}}}
        start = {"method": "POST", "urlPath": "/api/2.1/clusters/start",
                 "bodyPatterns": [{"matchesJsonPath": {"expression": "$.cluster_id",
                                                       "equalTo": cluster}}]}
        json_headers = {"Content-Type": "application/json"}
        terminated = {"status": 200, "headers": json_headers,
                      "body": terminated_body.replace("1234-567890-reef123", cluster)}
        for state in (["Started", "failed-once"] if flaky else ["Started"]):
            add({"scenarioName": scenario, "requiredScenarioState": state, "request": get,
                 "response": terminated})
        if flaky:
            add({"scenarioName": scenario, "requiredScenarioState": "Started",
                 "newScenarioState": "failed-once", "request": start,
                 "response": {"status": 500, "headers": json_headers, "fixedDelayMilliseconds":
                              int(args.action_delay * 1000),
                              "jsonBody": {"error_code": "INTERNAL_ERROR",
                                           "message": "crash harness: the first start fails"}}})
        add({"scenarioName": scenario, "requiredScenarioState": "failed-once" if flaky else "Started",
             "newScenarioState": "running", "request": start,
             "response": {"status": 200, "headers": json_headers, "jsonBody": {},
                          "fixedDelayMilliseconds": int(args.action_delay * 1000)}})
        add({"scenarioName": scenario, "requiredScenarioState": "running", "request": get,
             "response": {"status": 200, "headers": json_headers,
                          "body": running_body.replace("1234-567890-reef123", cluster)}})


def classify_kill(kill_at, posting, requests, action_delay):
    if posting:
        return "intake"
    for r in requests:
        logged = r["request"]["loggedDate"] / 1000.0
        if (r["request"]["url"].startswith("/api/2.1/clusters/start")
                and kill_at - action_delay - 0.05 <= logged <= kill_at):
            return "mid-action"
    return "decision/plan/backoff"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", required=True)
    parser.add_argument("--command", required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--stand-in-port", type=int, required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--admin-token", required=True)
    parser.add_argument("--body", required=True)
    parser.add_argument("--running-body", required=True)
    parser.add_argument("--failures", type=int, default=200)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--senders", type=int, default=16)
    parser.add_argument("--max-kill-delay", type=float, default=5.0)
    parser.add_argument("--action-delay", type=float, default=0.4)
    parser.add_argument("--settle-timeout", type=float, default=180)
    parser.add_argument("--start-timeout", type=float, default=180)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--summary", required=True)
    args = parser.parse_args()
    random.seed(args.seed)
    started = time.time()

    body_template = open(args.body).read()
    run = f"{int(time.time()) % 100000:05d}"
    clusters = [f"1203-{run}-{args.label}{i:04d}" for i in range(args.failures)]
    stub_clusters(args, clusters, body_template, open(args.running_body).read())
    chunks = [clusters[i::args.kills] for i in range(args.kills)]

    app = App(args)
    acks = defaultdict(list)  # cluster -> delivery ids answered 202
    posts = Counter()
    unanswered = []
    kills = []
    senders = futures.ThreadPoolExecutor(max_workers=args.senders)

    for k in range(args.kills):
        app.start()
        batch = chunks[k]
        spread = min(2.0, args.max_kill_delay)
        pending = [senders.submit(post_failure, args, body_template, c, spread) for c in batch]
        for c in batch:
            posts[c] += 1
        time.sleep(random.uniform(0.2, args.max_kill_delay))
        kill_at = time.time()
        posting = any(not f.done() for f in pending)
        app.kill9()
        for f in pending:
            cluster, delivery, _ = f.result()
            if delivery:
                acks[cluster].append(delivery)
            else:
                unanswered.append(cluster)
        kills.append({"kill": k + 1, "at": kill_at, "posting": posting})
        print(f"[{args.label}] kill {k + 1}/{args.kills}: {sum(1 for f in pending if f.result()[1])}"
              f" of {len(batch)} posts answered 202 before the kill", flush=True)

    # Final start: the sender retries what was never answered, then everything must settle.
    app.start()
    retry = [c for c in unanswered if not acks[c]]
    for f in [senders.submit(post_failure, args, body_template, c, 0.5) for c in retry]:
        cluster, delivery, _ = f.result()
        posts[cluster] += 1
        if delivery:
            acks[cluster].append(delivery)
    senders.shutdown()

    def incidents():
        found = defaultdict(list)
        page = 0
        while True:
            _, body = app.api(f"/api/incidents?size=500&page={page}")
            for item in body["items"]:
                for c in clusters:
                    if c in (item.get("resource") or "") or c in (item.get("errorMessage") or ""):
                        found[c].append(item)
            if (page + 1) * 500 >= body["total"]:
                return found
            page += 1

    deadline = time.time() + args.settle_timeout
    while True:
        by_cluster = incidents()
        open_ones = [c for c in acks if not by_cluster.get(c)
                     or any(i["status"] not in ("RESOLVED", "ESCALATED") for i in by_cluster[c])]
        if not open_ones or time.time() > deadline:
            break
        time.sleep(2)
    settled_after = time.time()

    # Deliveries answered 202: are they stored?
    lost = []
    for c, ids in acks.items():
        for d in ids:
            status, _ = app.api(f"/api/deliveries/{d}")
            if status == 404:
                lost.append((c, d))
            elif status != 200:
                sys.exit(f"GET /api/deliveries/{d} answered {status}")

    requests = stand_in_requests(args)
    starts_ok, starts_all = Counter(), Counter()
    for r in requests:
        if r["request"]["url"].startswith("/api/2.1/clusters/start"):
            cluster = json.loads(r["request"]["body"]).get("cluster_id")
            starts_all[cluster] += 1
            if r["responseDefinition"]["status"] == 200:
                starts_ok[cluster] += 1
    for kill in kills:
        kill["phase"] = classify_kill(kill["at"], kill["posting"], requests, args.action_delay)

    # Per acknowledged failure: one incident, one successful action, a final status.
    status_counts = Counter()
    escalation_reasons = Counter()
    doubled_incidents, doubled_actions, no_action, stuck = [], [], [], []
    for c in acks:
        found = by_cluster.get(c, [])
        if not found:
            stuck.append((c, "no incident"))
            continue
        if len(found) > 1 and posts[c] == 1:
            doubled_incidents.append(c)
        for incident in found:
            status_counts[incident["status"]] += 1
            if incident["status"] not in ("RESOLVED", "ESCALATED"):
                stuck.append((c, incident["status"]))
            if incident["status"] == "ESCALATED":
                _, detail = app.api(f"/api/incidents/{incident['id']}")
                escalation_reasons[(detail.get("statusReason") or "")[:90]] += 1
        if starts_ok[c] > len(found):
            doubled_actions.append((c, starts_ok[c]))
        if starts_ok[c] == 0:
            no_action.append(c)
    app.stop()

    answered = sum(len(v) for v in acks.values())
    summary = {
        "database": args.label,
        "kills": len(kills),
        "kills_by_phase": dict(Counter(k["phase"] for k in kills)),
        "failures_posted": len(clusters),
        "failures_acknowledged": len(acks),
        "failures_never_acknowledged": len([c for c in clusters if not acks[c]]),
        "deliveries_answered_202": answered,
        "deliveries_stored": answered - len(lost),
        "deliveries_lost": len(lost),
        "incidents_by_status": dict(status_counts),
        "doubled_incidents": len(doubled_incidents),
        "doubled_actions": len(doubled_actions),
        "failures_without_action": len(no_action),
        "stuck": len(stuck),
        "escalation_reasons": dict(escalation_reasons),
        "successful_actions": sum(starts_ok.values()),
        "action_calls": sum(starts_all.values()),
        "settled_in_s": round(settled_after - started, 1),
        "sent_again_after_no_answer": {
            c: {"posts": posts[c], "acknowledged": len(acks[c]),
                "incidents": [i["status"] for i in by_cluster.get(c, [])],
                "successful_starts": starts_ok[c]}
            for c in clusters if posts[c] > 1},
        "examples": {"lost": lost[:5], "stuck": stuck[:5], "doubled_actions": doubled_actions[:5],
                     "without_action": no_action[:5]},
    }
    with open(args.summary, "w") as out:
        json.dump(summary, out, indent=2)
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
