#!/usr/bin/env python3
"""Structural checks behind scripts/qa/ops.sh that need a parser rather than grep.

  ops_checks.py dockerfile-plan docker/Dockerfile   prints the build stage as shell steps
  ops_checks.py dockerfile-runtime docker/Dockerfile BUILD_ROOT
                                                    checks COPY --from=build sources exist, prints
                                                    ENTRYPOINT and HEALTHCHECK as JSON
  ops_checks.py compose RENDERED.yml PROFILE        checks one profile of `docker-compose config`
  ops_checks.py dashboard DASHBOARD.json METRICS.txt
                                                    checks the dashboard, prints its queries
  ops_checks.py rules ALERTS.yml METRICS.txt        checks every rule refers to real series

Each command exits 1 with one line per problem on stderr.
"""

import fnmatch
import json
import os
import re
import shlex
import sys

PROBLEMS = []


def problem(message):
    PROBLEMS.append(message)


def finish():
    for message in PROBLEMS:
        print("  " + message, file=sys.stderr)
    sys.exit(1 if PROBLEMS else 0)


# --- Dockerfile ------------------------------------------------------------------------------


def instructions(path):
    """(stage, keyword, argument) per instruction, continuation lines joined, comments dropped."""
    stage, joined, result = None, "", []
    with open(path) as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not joined and (not line.strip() or line.lstrip().startswith("#")):
                continue
            if line.endswith("\\"):
                joined += line[:-1] + " "
                continue
            joined += line
            keyword, _, arg = joined.strip().partition(" ")
            keyword = keyword.upper()
            if keyword == "FROM":
                parts = arg.split()
                stage = parts[2] if len(parts) >= 3 and parts[1].upper() == "AS" else parts[0]
            result.append((stage, keyword, arg.strip()))
            joined = ""
    return result


def dockerignore_allows(path, patterns):
    """Docker's rule: the last matching pattern wins; a match on a parent directory counts."""
    allowed = True
    parts = path.strip("/").split("/")
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pattern in patterns:
        negate = pattern.startswith("!")
        pattern = pattern[1:] if negate else pattern
        pattern = pattern.strip("/")
        if any(fnmatch.fnmatch(c, pattern) for c in candidates):
            allowed = negate
    return allowed


def dockerfile_plan(dockerfile):
    """Prints the build stage as `cd`, `copy SRC DST` and `run CMD` lines for ops.sh to replay."""
    ignore_file = ".dockerignore"
    patterns = []
    if os.path.exists(ignore_file):
        with open(ignore_file) as f:
            patterns = [p.strip() for p in f if p.strip() and not p.startswith("#")]
    steps = [i for i in instructions(dockerfile) if i[0] == "build"]
    if not steps:
        problem("no stage named 'build' in " + dockerfile)
    for _, keyword, arg in steps:
        if keyword == "WORKDIR":
            print("cd " + arg)
        elif keyword == "COPY":
            words = shlex.split(arg)
            if any(w.startswith("--") for w in words):
                problem("build-stage COPY with flags cannot be replayed: " + arg)
                continue
            *sources, dest = words
            for source in sources:
                if not os.path.exists(source):
                    problem("COPY source missing in the repository: " + source)
                elif not dockerignore_allows(source, patterns):
                    problem("COPY source excluded by .dockerignore: " + source)
                print("copy " + source + " " + dest)
        elif keyword == "RUN":
            if arg.startswith("["):
                problem("exec-form RUN cannot be replayed: " + arg)
            print("run " + arg)
        elif keyword not in ("FROM", "ENV", "ARG", "LABEL"):
            problem("build-stage instruction ops.sh cannot replay: " + keyword)


def dockerfile_runtime(dockerfile, build_root):
    """Checks the runtime stage's COPY --from=build sources exist in the replayed build."""
    workdir = None
    result = {}
    runtime = [i for i in instructions(dockerfile) if i[0] != "build"]
    for _, keyword, arg in instructions(dockerfile):
        if keyword == "WORKDIR" and workdir is None:
            workdir = arg
    for _, keyword, arg in runtime:
        if keyword == "COPY" and "--from=build" in arg:
            source = shlex.split(arg)[1]
            local = os.path.join(build_root, os.path.relpath(source, workdir))
            if not os.path.exists(local):
                problem("COPY --from=build source not produced by the build stage: " + source)
            result.setdefault("copies", []).append([source, shlex.split(arg)[2]])
        elif keyword == "ENTRYPOINT":
            result["entrypoint"] = json.loads(arg)
        elif keyword == "HEALTHCHECK":
            result["healthcheck"] = json.loads(arg[arg.index("CMD") + 3 :].strip())
        elif keyword == "USER":
            if arg.split(":")[0] in ("0", "root"):
                problem("runtime stage runs as root")
            result["user"] = arg
    for key in ("entrypoint", "healthcheck", "user"):
        if key not in result:
            problem("runtime stage has no " + key.upper())
    print(json.dumps(result))


# --- compose ---------------------------------------------------------------------------------

PROFILE_SERVICES = {
    "full": {"x0tta6bl4", "prometheus", "grafana", "jaeger"},
    "minimal": {"x0tta6bl4-minimal"},
}


def compose(rendered, profile):
    import yaml

    with open(rendered) as f:
        config = yaml.safe_load(f)
    services = config.get("services", {})
    # docker-compose v1 prints every service; v2 only the active ones: filter the same way for both
    active = {n for n, s in services.items() if not s.get("profiles") or profile in s["profiles"]}
    if active != PROFILE_SERVICES[profile]:
        problem(f"profile {profile} runs {sorted(active)}, expected {sorted(PROFILE_SERVICES[profile])}")
    controller = "x0tta6bl4" if profile == "full" else "x0tta6bl4-minimal"
    app = services.get(controller, {})
    env = app.get("environment", {})
    if isinstance(env, list):
        env = dict(e.split("=", 1) for e in env)
    if app.get("read_only") is not True:
        problem(controller + ": read_only is not true")
    if "ALL" not in app.get("cap_drop", []):
        problem(controller + ": cap_drop does not contain ALL")
    if not any("no-new-privileges" in o for o in app.get("security_opt", [])):
        problem(controller + ": security_opt lacks no-new-privileges")
    if not any(str(t).startswith("/tmp") for t in app.get("tmpfs", [])):
        problem(controller + ": no tmpfs on /tmp")
    volumes = app.get("volumes", [])
    if not any(str(v).split(":")[1:2] == ["/data"] or (isinstance(v, dict) and v.get("target") == "/data") for v in volumes):
        problem(controller + ": no volume on /data")
    if env.get("DATA_DIR") != "/data":
        problem(controller + ": DATA_DIR is not /data")
    if not env.get("API_TOKEN"):
        problem(controller + ": API_TOKEN is empty")
    if "healthcheck" not in app:
        problem(controller + ": no healthcheck")
    if profile == "full":
        if env.get("OTEL_EXPORTER_OTLP_ENDPOINT") != "http://jaeger:4318":
            problem("x0tta6bl4: OTEL_EXPORTER_OTLP_ENDPOINT is not http://jaeger:4318")
        if env.get("OTEL_SERVICE_NAME") != "x0tta6bl4":
            problem("x0tta6bl4: OTEL_SERVICE_NAME is not x0tta6bl4")
    # `config` does not look at bind-mount sources: a renamed file would only fail at `up`
    for name in active:
        for volume in services[name].get("volumes", []):
            source = volume.get("source") if isinstance(volume, dict) else str(volume).split(":")[0]
            if source and source.startswith("/") and not os.path.exists(source):
                problem(f"{name}: bind-mount source does not exist: {source}")


# --- PromQL ----------------------------------------------------------------------------------

KEYWORDS = {
    "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool",
    "offset", "inf", "nan",
}


def metric_names(expr):
    """Metric names in a PromQL expression: identifiers that are not functions, keywords, labels."""
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    expr = re.sub(r"\{[^}]*\}", "", expr)
    expr = re.sub(r"\[[^\]]*\]", "", expr)
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", expr)
    names = set()
    for match in re.finditer(r"(?<![\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)\b(\s*\()?", expr):
        name, call = match.group(1), match.group(2)
        if call or name.lower() in KEYWORDS or name.startswith("__"):
            continue
        names.add(name)
    return names


def exposed(metrics_file):
    with open(metrics_file) as f:
        return {
            re.split(r"[{ ]", line, 1)[0]
            for line in f
            if line.strip() and not line.startswith("#")
        }


def check_names(where, expr, available):
    names = metric_names(expr)
    if not names:
        problem(f"{where}: no metric in {expr!r}")
    for name in sorted(names):
        # `up` and ALERTS are made by Prometheus itself, not by the service
        if name not in available and name not in ("up", "ALERTS"):
            problem(f"{where}: {name} is not in the service's /metrics")


def dashboard(path, metrics_file):
    with open(path) as f:
        board = json.load(f)
    available = exposed(metrics_file)
    ids = set()
    queries = []
    for name in ("uid", "title", "panels", "templating", "schemaVersion"):
        if name not in board:
            problem("dashboard has no " + name)
    variables = {v["name"] for v in board.get("templating", {}).get("list", [])}
    for panel in board.get("panels", []):
        title = panel.get("title", "?")
        if panel.get("id") in ids:
            problem(f"panel {title}: duplicate id {panel.get('id')}")
        ids.add(panel.get("id"))
        grid = panel.get("gridPos", {})
        if not all(isinstance(grid.get(k), int) for k in ("x", "y", "w", "h")) or grid.get("x", 0) + grid.get("w", 0) > 24:
            problem(f"panel {title}: bad gridPos {grid}")
        if panel.get("type") == "row":
            continue
        targets = panel.get("targets", [])
        if not targets:
            problem(f"panel {title}: no query")
        for target in targets:
            expr = target.get("expr", "")
            for variable in re.findall(r"\$\{?(\w+)", expr):
                if variable not in variables and not variable.startswith("__"):
                    problem(f"panel {title}: unknown variable ${variable}")
            check_names(f"panel {title}", expr, available)
            queries.append({"panel": title, "expr": expr})
    print(json.dumps(queries))


def rules(path, metrics_file):
    import yaml

    with open(path) as f:
        groups = yaml.safe_load(f)["groups"]
    available = exposed(metrics_file)
    queries = []
    for group in groups:
        for rule in group["rules"]:
            name = rule.get("alert") or rule.get("record")
            check_names(f"rule {name}", rule["expr"], available)
            if "runbook" not in rule.get("annotations", {}):
                problem(f"rule {name}: no runbook annotation")
            queries.append({"panel": "rule " + name, "expr": rule["expr"]})
    print(json.dumps(queries))


def main(argv):
    commands = {
        "dockerfile-plan": dockerfile_plan,
        "dockerfile-runtime": dockerfile_runtime,
        "compose": compose,
        "dashboard": dashboard,
        "rules": rules,
    }
    if len(argv) < 2 or argv[1] not in commands:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    commands[argv[1]](*argv[2:])
    finish()


if __name__ == "__main__":
    main(sys.argv)
