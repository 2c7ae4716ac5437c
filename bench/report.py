"""The Markdown table of a run, the machine line, and the smoke run's sanity checks."""

import datetime
import os
import platform


def machine() -> dict:
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as meminfo:
            kib = int(meminfo.readline().split()[1])
            memory = f"{kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "memory": memory,
        "python": platform.python_version(),
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _verdict(key: str, entry: dict, scenarios: dict) -> str:
    target = entry["target"]
    t = scenarios.get("T")
    if not target or not t:
        return ""
    if target.startswith(">="):
        wanted = float(target.split()[1])
        return "pass" if entry["rps"] / t["rps"] >= wanted else "**miss**"
    if target.startswith("<= 3"):
        beyond = _beyond_chrome(entry, scenarios)
        if beyond is None:
            return ""
        return "pass" if beyond <= 3 else "**miss**"
    return ""


def _beyond_chrome(entry: dict, scenarios: dict) -> float | None:
    """A report page's time beyond the admin chrome page's (`report_chrome`), in lesson pages:
    its own work (reading and showing its figures), which the reports' target bounds."""
    lesson, chrome = scenarios.get("lesson"), scenarios.get("report_chrome")
    if not lesson or not chrome or not entry["target"].startswith("<= 3"):
        return None
    return (entry["p50_ms"] - chrome["p50_ms"]) / lesson["p50_ms"]


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = [
        f"Machine: {m['cores']} cores, {m['cpu']}, {m['memory']} RAM, Python {m['python']}; "
        f"{m['date']}; tier {results['tier']}"
        + (" (smoke run: figures not meaningful)" if results["smoke"] else ""),
        "",
    ]
    scenarios = results.get("scenarios", {})
    t = scenarios.get("T")
    if scenarios and t:
        lines += [
            f"wrk, 1 thread, 4 connections, {results['rounds']} interleaved rounds of "
            f"{results['seconds']:.0f} s per scenario; medians. gunicorn 2 sync workers, "
            "PostgreSQL 15, Redis; `lms.settings.production`, DEBUG off.",
            "",
            "| scenario | req/s | × T | p50 ms | p95 ms | p50 × T | p50 × lesson "
            "| beyond the chrome × lesson | errors | target | result |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
        ]
        lesson_p50 = (scenarios.get("lesson") or {}).get("p50_ms")
        for key, entry in scenarios.items():
            times_lesson = f"{entry['p50_ms'] / lesson_p50:.1f}" if lesson_p50 else ""
            beyond = _beyond_chrome(entry, scenarios)
            lines.append(
                f"| {entry['label']} | {entry['rps']:.0f} | {entry['rps'] / t['rps']:.3f} | "
                f"{entry['p50_ms']:.1f} | {entry['p95_ms']:.1f} | "
                f"{entry['p50_ms'] / t['p50_ms']:.1f} | {times_lesson} | "
                f"{'' if beyond is None else f'{beyond:.1f}'} | {entry['errors']} | "
                f"{entry['target']} | {_verdict(key, entry, scenarios)} |"
            )
        lesson, theirs = scenarios.get("lesson"), scenarios.get("wagtail_lms")
        if lesson and theirs:
            ratio = lesson["rps"] / theirs["rps"]
            verdict = "pass" if ratio >= 2 else "**miss**"
            lines.append(
                f"| our lesson page ÷ wagtail-lms's lesson page | {ratio:.2f} × | | | | | | | | "
                f">= 2 × | {verdict} |"
            )
        lines.append("")
    replay = results.get("replay")
    if replay:
        lines += _replay_lines(replay)
    weight = results.get("weight")
    queries = results.get("queries")
    if weight or queries:
        lines += [
            "",
            "| page | SQL queries | first visit bytes (requests) | repeat visit bytes (requests) |",
            "|---|---:|---:|---:|",
        ]
        for key in list(dict.fromkeys([*(queries or {}), *(weight or {})])):
            q = (queries or {}).get(key, {})
            w = (weight or {}).get(key, {})
            label = q.get("label") or w.get("label") or key
            first = f"{w['first_bytes']:,} ({w['first_requests']})" if w else ""
            repeat = f"{w['repeat_bytes']:,} ({w['repeat_requests']})" if w else ""
            lines.append(f"| {label} | {q.get('queries', '')} | {first} | {repeat} |")
        lines.append("")
    return "\n".join(lines) + "\n"


def _replay_lines(replay: dict) -> list[str]:
    lines = [
        "",
        f"Training-round replay (Locust, loopback): each learner opens the quiz, starts, answers "
        f"{replay['questions']} questions one per screen with autosave and "
        f"{replay['think']} think time, finishes and reads the result; "
        f"{replay['stage_seconds']} s per stage.",
        "",
        "| stage: concurrent learners | learners finished | learners/hour | requests | errors | "
        "p95 ms | verdict |",
        "|---:|---:|---:|---:|---:|---:|---|",
    ]
    for stage in replay["stages"]:
        lines.append(
            f"| {stage['users']} | {stage['finished']} | {stage['per_hour']:,.0f} | "
            f"{stage['requests']} | {stage['errors']} | {stage['p95_ms']:.0f} | "
            f"{'ok' if stage['ok'] else 'over'} |"
        )
    best = replay.get("best_per_hour", 0)
    verdict = "pass" if best >= 7400 and replay["integrity"]["ok"] else "**miss**"
    integrity = replay["integrity"]
    lines += [
        "",
        f"Highest sustained rate with zero errors and p95 < 1 s: **{best:,.0f} learners/hour** "
        f"(target ≥ 7,400: {verdict}). Database check: {integrity['answers_sent']} answers "
        f"sent, {integrity['answers_stored']} stored as sent, {integrity['answers_missing']} "
        f"missing, {integrity['answers_wrong']} different; {integrity['attempts']} attempts, "
        f"{integrity['graded_once']} graded exactly once.",
    ]
    return lines


def sanity(results: dict, parts: set) -> list[str]:
    """What a smoke run checks: every scenario ran and its numbers are plausible."""
    problems = []
    if "wrk" in parts:
        for key, entry in results.get("scenarios", {}).items():
            if entry["requests"] <= 0 or entry["rps"] <= 0:
                problems.append(f"{key}: no request completed")
            if entry["errors"]:
                problems.append(f"{key}: {entry['errors']} errors")
            if not 0 < entry["p50_ms"] < 120_000:
                problems.append(f"{key}: implausible latency {entry['p50_ms']} ms")
        if not results.get("scenarios"):
            problems.append("no wrk scenario ran")
    if "replay" in parts:
        replay = results.get("replay") or {}
        if not replay.get("stages"):
            problems.append("replay: no stage ran")
        elif not replay["integrity"]["ok"]:
            problems.append(f"replay: database check failed {replay['integrity']}")
    if "queries" in parts and not results.get("queries"):
        problems.append("queries: nothing measured")
    if "weight" in parts and not results.get("weight"):
        problems.append("weight: nothing measured")
    return problems
