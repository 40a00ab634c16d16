#!/usr/bin/env bash
# Lints the container files before the build: hadolint has no Debian package or Maven artifact
# here, so this checks what matters to ops with python3's YAML parser.
#   docker/compose.yaml  parses; every service has an image or a build; depends_on, volumes and
#                        secrets name things that exist; bind-mounted files exist (secrets/ aside:
#                        the operator writes those); published ports bind 127.0.0.1 or are 8080
#   docker/Dockerfile    a non-root USER before ENTRYPOINT/CMD; a HEALTHCHECK on the readiness probe;
#                        every FROM has a tag and none is :latest
#   docker/prometheus.yml, docker/grafana/**.yml parse; docker/grafana-dashboard.json has panels
# Usage: .ci/lint-docker.sh [docker-folder]   (default: docker/ next to this script)
set -euo pipefail
dir="${1:-$(dirname "$0")/../docker}"

# The first python3 that has a YAML parser; else Debian's python3 with its python3-yaml package
# (a python3 earlier on PATH, such as a pyenv one, would not see Debian's package).
PY=
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import yaml' 2>/dev/null; then
    PY=$candidate
    break
  fi
done
if [ -z "$PY" ]; then
  echo "python3-yaml not found: installing it from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq python3 python3-yaml >/dev/null
  PY=/usr/bin/python3
fi

"$PY" - "$dir" <<'PY'
import glob, json, os, re, sys
import yaml

d = sys.argv[1]
problems = []

def problem(where, text):
    problems.append(f"{where}: {text}")

# ---- compose
compose_path = os.path.join(d, "compose.yaml")
with open(compose_path) as f:
    compose = yaml.safe_load(f)
services = compose.get("services") or {}
volumes = set((compose.get("volumes") or {}).keys())
secrets = compose.get("secrets") or {}
for name in ("rebound", "postgres", "prometheus", "grafana"):
    if name not in services:
        problem(compose_path, f"no service '{name}'")
for name, svc in services.items():
    where = f"{compose_path} service {name}"
    if "image" not in svc and "build" not in svc:
        problem(where, "has neither image nor build")
    image = svc.get("image", "")
    if image and (":" not in image or image.endswith(":latest")):
        problem(where, f"image '{image}' is not pinned to a version")
    deps = svc.get("depends_on") or []
    for dep in (deps.keys() if isinstance(deps, dict) else deps):
        if dep not in services:
            problem(where, f"depends_on '{dep}', which is no service")
    for v in svc.get("volumes") or []:
        source = v.split(":")[0] if isinstance(v, str) else v.get("source", "")
        if source.startswith((".", "/")):
            path = os.path.normpath(os.path.join(d, source))
            if not os.path.exists(path):
                problem(where, f"mounts {source}, which does not exist")
        elif source and source not in volumes:
            problem(where, f"uses volume '{source}', not declared under volumes:")
    for s in svc.get("secrets") or []:
        s = s if isinstance(s, str) else s.get("source")
        if s not in secrets:
            problem(where, f"uses secret '{s}', not declared under secrets:")
    for p in svc.get("ports") or []:
        p = str(p)
        if not p.startswith("127.0.0.1:") and p.split(":")[-1] != "8080":
            problem(where, f"publishes {p} on every interface; bind it to 127.0.0.1")

# ---- Dockerfile
dockerfile = os.path.join(d, "Dockerfile")
lines = []
with open(dockerfile) as f:
    text = re.sub(r"\\\n", " ", f.read())
for raw in text.splitlines():
    line = raw.strip()
    if line and not line.startswith("#"):
        lines.append(line)
instr = [(l.split()[0].upper(), l) for l in lines]
for kind, line in instr:
    if kind == "FROM":
        image = line.split()[1]
        if ":" not in image or image.endswith(":latest"):
            problem(dockerfile, f"'{line}': pin the base image to a version")
last_stage = max(i for i, (k, _) in enumerate(instr) if k == "FROM")
final = instr[last_stage:]
users = [l.split()[1] for k, l in final if k == "USER"]
if not users:
    problem(dockerfile, "the final stage has no USER: the service would run as root")
elif users[-1] in ("root", "0") or users[-1].startswith(("root:", "0:")):
    problem(dockerfile, f"the final stage runs as {users[-1]}")
start = [i for i, (k, _) in enumerate(final) if k in ("ENTRYPOINT", "CMD")]
user_at = [i for i, (k, _) in enumerate(final) if k == "USER"]
if start and user_at and user_at[-1] > start[0]:
    problem(dockerfile, "USER comes after ENTRYPOINT/CMD")
checks = [l for k, l in final if k == "HEALTHCHECK"]
if not checks or "NONE" in checks[-1].split()[1:2]:
    problem(dockerfile, "no HEALTHCHECK")
elif "/actuator/health/readiness" not in checks[-1]:
    problem(dockerfile, "the HEALTHCHECK should ask /actuator/health/readiness")
elif "/dev/tcp" in checks[-1] and '"sh"' in checks[-1]:
    problem(dockerfile, "the HEALTHCHECK uses /dev/tcp under sh; that is a bash feature")

# ---- Prometheus, Grafana
for path in [os.path.join(d, "prometheus.yml")] + glob.glob(os.path.join(d, "grafana", "**", "*.yml"), recursive=True):
    with open(path) as f:
        if not yaml.safe_load(f):
            problem(path, "is empty")
with open(os.path.join(d, "grafana-dashboard.json")) as f:
    dashboard = json.load(f)
if not dashboard.get("panels"):
    problem("grafana-dashboard.json", "has no panels")
for panel in dashboard.get("panels", []):
    for t in panel.get("targets", []):
        if not t.get("expr"):
            problem("grafana-dashboard.json", f"panel '{panel.get('title')}' has a target without expr")

if problems:
    print("Container files have problems:")
    for p in problems:
        print("  - " + p)
    sys.exit(1)
print(f"Container files OK: {len(services)} compose services, Dockerfile, Prometheus and Grafana files")
PY
