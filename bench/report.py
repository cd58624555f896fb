"""Turns bench/run's raw output (wrk text, JMH json, machine.txt) into docs/benchmarks.md and a plot."""
import glob, json, os, re, statistics, subprocess, sys

out, report, plot, mode, wrk_desc, jmh_opts = sys.argv[1:7]
machine = dict(l.rstrip("\n").split("=", 1) for l in open(os.path.join(out, "machine.txt")) if "=" in l)

def ms(v, unit):
    return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

def parse_wrk(path):
    t = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    lat = {p: ms(v, u) for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", t, re.M)}
    non2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", t)) else 0
    sock = sum(map(int, m.groups())) if (m := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", t)) else 0
    reqs = int(re.search(r"(\d+) requests in", t).group(1))
    return dict(rps=rps, p50=lat["50"], p99=lat["99"], non2xx=non2xx, sock=sock, reqs=reqs)

size = " (100,000 runs)" if mode == "full" else ""
names = {"mock": f"runs-mock-server{size}", "mock-pg": f"runs-mock-server on PostgreSQL{size}",
         "wiremock": f"WireMock {machine['wiremock']} (same body)", "prism": f"Prism {machine['prism']}"}
http = {}
for s in names:
    found = [parse_wrk(p) for p in sorted(glob.glob(os.path.join(out, f"wrk-{s}-[0-9]*.txt")))]
    if found:
        http[s] = found

def med(s, k): return statistics.median(r[k] for r in http[s])
def spread(s, k):
    v = [r[k] for r in http[s]]; return f"{min(v):,.2f}–{max(v):,.2f}" if k != "rps" else f"{min(v):,.0f}–{max(v):,.0f}"

L = []
L.append("# Benchmarks of the Runs API mock server\n")
L.append("Made by `bench/run` (issue 5); every figure below is from one run of it. "
         + ("This is a **smoke** run with tiny sizes: its figures mean nothing.\n" if mode != "full" else "\n"))
L.append("## Machine and versions\n")
L.append("| | |\n|---|---|")
for k in ("cores", "memory", "cpu", "jdk", "os", "wrk", "node", "prism", "wiremock", "commit", "started", "finished",
          "uptime_before", "uptime_after"):
    L.append(f"| {k} | `{machine.get(k, '?')}` |")
L.append("\nThe load average in `uptime` shows whether anything else was running: another engineer's Maven "
         f"builds may have run on the same {machine.get('cores', '?')} cores during this run if it is well above 1.\n")
L.append("Rerun: `bench/run` from the repository root (installs wrk and gnuplot with apt-get if missing, "
         "Prism with `npm ci` into `bench/node_modules`, WireMock with `mvn dependency:copy`).\n")

L.append("## 1. HTTP load: the mock, in memory and on PostgreSQL, against WireMock and Prism\n")
L.append(f"Each server in turn, in each round: {wrk_desc}, all on 127.0.0.1. "
         "The query: `GET /api/v1/run?app_id=app-acme&api_key=…&start_time=2024-05-15T00:00:00Z"
         "&end_time=2024-05-16T00:00:00Z&type=llm&tags=production&limit=50` "
         "(one day, one type, one tag, 50 a page). The mock runs with `--rate-limit 0 -Xmx1g`, once in memory and "
         f"once on PostgreSQL (`--db-url`, the embedded server of section 2 on the same {machine.get('cores', '?')} cores, the same runs "
         "loaded at start; its answer is checked byte for byte against the in-memory one); WireMock "
         "answers every `GET /api/v1/run` with the very bytes the mock answered (a stub file, no request "
         "journal); Prism mocks `openapi/runs-api.yaml` (validating the request, generating an example body).\n")
L.append("Medians over the rounds, the spread (min–max) beside them.\n")
L.append("| server | requests/s | spread | p50 ms | spread | p99 ms | spread | non-2xx | socket errors | requests/s vs ours |")
L.append("|---|---:|---|---:|---|---:|---|---:|---:|---:|")
base = med("mock", "rps")
for s in http:
    L.append(f"| {names[s]} | {med(s,'rps'):,.0f} | {spread(s,'rps')} | {med(s,'p50'):.2f} | {spread(s,'p50')} | "
             f"{med(s,'p99'):.2f} | {spread(s,'p99')} | {sum(r['non2xx'] for r in http[s])} | "
             f"{sum(r['sock'] for r in http[s])} | {med(s,'rps')/base:.2f} |")
ratio_wm = base / med("wiremock", "rps"); ratio_pr = base / med("prism", "rps")
L.append(f"\nOurs is **{ratio_wm:.2f}×** WireMock's throughput (target ≥ 3×) and **{ratio_pr:.1f}×** Prism's "
         f"(target ≥ 10×), p99 {med('mock','p99'):.2f} ms (target < 3 ms), "
         f"{sum(r['non2xx'] + r['sock'] for r in http['mock'])} errors (target 0).\n")
if "mock-pg" in http:
    L.append(f"On PostgreSQL the mock answers **{med('mock-pg','rps'):,.0f}** requests/s "
             f"({med('mock-pg','rps')/base:.2f}× in memory), p99 {med('mock-pg','p99'):.2f} ms, "
             f"{sum(r['non2xx'] + r['sock'] for r in http['mock-pg'])} errors.\n")

L.append("## 2. The store's query path (JMH), in memory and on PostgreSQL\n")
L.append(f"`StoreQueryBenchmark` (bench/src/main/java), JMH {jmh_opts}, average time per query in µs, "
         "on the built-in dataset (seed 42), which spreads its runs over May 2024 whatever their number. "
         "Queries, all `order=desc`: *selectiveWindow* a window from 2024-05-15T12:00Z to the createdAt of the "
         "20th run from there, so that it holds 20 runs at every size (the answer stays the same, only finding "
         "it may cost more), limit 50; "
         "*broadFilters* the whole month, three models, two tags, two types, limit 50; *deepPage* the whole "
         "month unfiltered, limit 100, the middle page; *totalOfBroadFilter* the whole month, three tags, three "
         "types, limit 1 (the cost of counting `total`); *monthTotal* the whole month unfiltered, limit 1. *memory* is the in-memory store built in the trial; "
         "*postgres* the PostgreSQL store (`PostgresRunStore`, its SQL over JDBC, HikariCP) on an embedded "
         "PostgreSQL on the same machine, the same dataset loaded beforehand by the store's loader "
         "(`PgBenchServer`; load times below).\n")
jmh = json.load(open(os.path.join(out, "jmh.json")))
res = {}
for b in jmh:
    name = b["benchmark"].rsplit(".", 1)[1]; n = int(b["params"]["runs"])
    key = (name, b["params"].get("store", "memory"))
    res.setdefault(key, {})[n] = (float(b["primaryMetric"]["score"]), float(b["primaryMetric"]["scoreError"]))
sizes = sorted({n for v in res.values() for n in v})
keys = sorted(res, key=lambda k: (k[1] != "memory", k))
L.append("| query | store | " + " | ".join(f"{n:,} runs" for n in sizes) + " | largest ÷ smallest |")
L.append("|---|---|" + "---:|" * len(sizes) + "---:|")
for key in keys:
    cells = []
    for n in sizes:
        sc, err = res[key].get(n, (float("nan"), float("nan")))
        cells.append(f"{sc:,.2f} ± {err:,.2f}" if err == err else f"{sc:,.2f}")
    g = res[key][sizes[-1]][0] / res[key][sizes[0]][0]
    L.append(f"| {key[0]} | {key[1]} | " + " | ".join(cells) + f" | {g:,.1f}× |")
if len(sizes) > 1:
    for store in sorted({k[1] for k in keys}, key=lambda st: st != "memory"):
        sel = res[("selectiveWindow", store)][sizes[-1]][0] / res[("selectiveWindow", store)][sizes[0]][0]
        L.append(f"\nSelective query at {sizes[-1]:,} vs {sizes[0]:,}, {store}: **{sel:.2f}×**"
                 + (" (target ≤ 2×)." if store == "memory" else "."))
    L.append("")
with open(os.path.join(out, "jmh.dat"), "w") as f:
    for n in sizes:
        f.write(f"{n} " + " ".join(str(res[k][n][0]) for k in keys) + "\n")
queries = sorted({q for q, _ in keys})  # one colour per query, dashed on PostgreSQL
gp = [f"set terminal pngcairo size 900,640 noenhanced", f"set output '{plot}'", "set logscale xy",
      "set xlabel 'runs in the store'", "set ylabel 'µs per query (JMH average)'", "set key below maxrows 4", "set grid",
      "set title 'StoreQueryBenchmark: time per query against dataset size (dashed: PostgreSQL)'",
      "plot " + ", ".join(f"'{out}/jmh.dat' using 1:{i+2} with linespoints lw 2 lc {queries.index(k[0]) + 1}"
                          f" dt {1 if k[1] == 'memory' else 2} title '{k[0]} ({k[1]})'" for i, k in enumerate(keys))]
subprocess.run(["gnuplot"], input="\n".join(gp), text=True, check=True)
L.append(f"\n![time per query against dataset size]({os.path.basename(plot)})\n")

pg_load = os.path.join(out, "pg-load.tsv")
if os.path.exists(pg_load):
    rows = [l.rstrip("\n").split("\t") for l in open(pg_load)][1:]
    L.append("### Loading PostgreSQL\n")
    L.append(f"`PgBenchServer` loads each dataset with the store's loader (`PostgresRunLoader`): into the empty "
             f"table, COPY straight into `runs`, the secondary indexes built afterwards, `ANALYZE`, one "
             f"transaction; then `VACUUM ANALYZE`. PostgreSQL {rows[0][4] if rows else '?'} (zonky's embedded "
             f"binaries: fsync off, default memory settings), on the same {machine.get('cores', '?')} cores as the JVM that sends the rows.\n")
    L.append("| runs | load | runs/s | then VACUUM ANALYZE | table with indexes |\n|---:|---:|---:|---:|---:|")
    for runs, load, vacuum, size, _ in rows:
        L.append(f"| {int(runs):,} | {float(load):.1f} s | {int(runs) / float(load):,.0f} | {float(vacuum):.1f} s "
                 f"| {int(size) / 2**20:,.0f} MiB |")
    L.append("\nTarget: 1,000,000 runs in under 60 s.\n")

L.append("## 3. Memory and start-up\n")
big = int(machine["big_runs"])
start_failed = machine["start_big_ms"] == "fail"
L.append(f"The mock started with `java -Xmx1g -jar runs-mock-server.jar --rate-limit 0 --data FILE`, once with a "
         f"one-run file and once with {big:,} runs (the built-in dataset, dumped to NDJSON, "
         f"{int(machine['data_file_bytes'])/2**20:,.0f} MiB). Time: from launching `java` to the first 200 of the "
         "benchmark query (polled every 50 ms). Heap: `jcmd PID GC.heap_info` after `jcmd PID GC.run`.\n")
if start_failed:
    L.append(f"**{big:,} runs did not start at `-Xmx1g`** (see start-big.err: OutOfMemoryError).\n")
else:
    per_run = (int(machine["heap_big_kib"]) - int(machine["heap_small_kib"])) * 1024 / big
    L.append("| | 1 run | " + f"{big:,} runs |\n|---|---:|---:|")
    L.append(f"| start to first answer | {int(machine['start_small_ms'])/1000:.2f} s | {int(machine['start_big_ms'])/1000:.2f} s |")
    L.append(f"| heap used after GC | {int(machine['heap_small_kib'])/1024:,.0f} MiB | {int(machine['heap_big_kib'])/1024:,.0f} MiB |")
    L.append(f"\nHeap per run: **{per_run:,.0f} bytes**; {big:,} runs fit in `-Xmx1g` (target: 1 GiB), answering "
             f"{int(machine['start_big_ms'])/1000:.1f} s after start (target ≤ 5 s).\n")
readme = [int(v) for v in machine.get("start_readme_ms", "").split() if v.isdigit()]
if readme:
    L.append(f"The README's command, `java -jar runs-mock-server.jar` (with `--port 0` for a free port; the built-in "
             f"dataset, the default rate limit, no JVM flag), started {len(readme)} times: "
             + ", ".join(f"{v/1000:.2f} s" for v in readme)
             + f" to the first 200 of the benchmark query; median **{statistics.median(readme)/1000:.2f} s** "
             "(target ≤ 1.5 s).\n")
if machine.get("heap_text64_kib", "fail") not in ("", "fail"):
    text_runs = 2500  # the built-in dataset: 2,000 runs of app-acme and 500 of app-globex
    text_per_run = (int(machine["heap_text64_kib"]) - int(machine["heap_small_kib"])) * 1024 / text_runs
    L.append(f"Big texts: the built-in {text_runs:,} runs with `--text-size 65536` (about 64 KB of input and output "
             f"a run; equal texts held once, 16 paddings of each of the dataset's 20 sentences): "
             f"{int(machine['heap_text64_kib'])/1024:,.0f} MiB of heap after GC, **{text_per_run:,.0f} bytes a run**, "
             f"answering {int(machine['start_text64_ms'])/1000:.1f} s after start.\n")
profiles = [os.path.join(out, f) for f in ("profile-http.md", "profile-load.md")]
if any(os.path.exists(p) for p in profiles):
    L.append("## 4. Where the time goes (JFR)\n")
    L.append("Recorded by the same run (`jcmd JFR.start` under the same wrk load; a separate, untimed start "
             "with `-XX:StartFlightRecording`), summarised by `bench/jfr_top.py`; the `.jfr` files stay in "
             "`bench/target/full/` for JDK Mission Control.\n")
    for p in profiles:
        if os.path.exists(p):
            L.append(open(p).read().rstrip() + "\n")
def targets():
    """Issue 14's table: each figure before the issue (docs/benchmarks.md of 2026-11-29), its target, this run's."""
    def jmh(name, store, n):
        v = res.get((name, store), {}).get(n)
        return v[0] / 1000 if v else None  # ms
    def fmt(v, f):
        return "n/a" if v is None else f(v)
    top, low = sizes[-1], sizes[0]
    big = f"{top:,} runs"
    growth = [res[(q, "memory")][top][0] / res[(q, "memory")][low][0]
              for q in ("broadFilters", "deepPage", "totalOfBroadFilter")
              if top != low and (q, "memory") in res] or None
    readme = [int(v) for v in machine.get("start_readme_ms", "").split() if v.isdigit()]
    start_big = "fail" if start_failed else machine.get("start_big_ms", "fail")
    per_run = None
    if start_big != "fail" and machine.get("heap_big_kib", "").isdigit() and machine.get("heap_small_kib", "").isdigit():
        per_run = (int(machine["heap_big_kib"]) - int(machine["heap_small_kib"])) * 1024 / int(machine["big_runs"])
    pg_month = [jmh(q, "postgres", top) for q in ("monthTotal", "totalOfBroadFilter")]
    rows = [
        ("wrk, the benchmark query: requests/s vs WireMock serving the same bytes", "1.44×", "≥ 3×",
         f"{ratio_wm:.2f}×"),
        ("the same vs Prism", "3.3×", "≥ 10×", f"{ratio_pr:.1f}×"),
        ("p99 at that load", "7.09 ms", "< 3 ms", f"{med('mock', 'p99'):.2f} ms"),
        (f"broadFilters at {big} (memory)", "26.2 ms", "≤ 3 ms",
         fmt(jmh("broadFilters", "memory", top), lambda v: f"{v:,.3f} ms")),
        (f"totalOfBroadFilter at {big} (memory)", "73.0 ms", "≤ 2 ms",
         fmt(jmh("totalOfBroadFilter", "memory", top), lambda v: f"{v:,.3f} ms")),
        (f"deepPage at {big} (memory)", "41.7 ms", "≤ 5 ms",
         fmt(jmh("deepPage", "memory", top), lambda v: f"{v:,.3f} ms")),
        (f"broad queries, {top:,} vs {low:,} runs (memory)", "480–890×", "≤ 100×",
         fmt(growth, lambda g: f"{min(g):,.0f}–{max(g):,.0f}×")),
        ("start to ready, the README command, built-in dataset", "3.0 s (median of 5)", "≤ 1.5 s",
         f"{statistics.median(readme) / 1000:.2f} s (median of {len(readme)})" if readme else "n/a"),
        (f"start to first answer with {int(machine.get('big_runs', 0)):,} runs from a file", "12.6 s", "≤ 5 s",
         "did not start" if start_big == "fail" else f"{int(start_big) / 1000:.1f} s"),
        (f"heap per run with {int(machine.get('big_runs', 0)):,} runs (after GC)", "255 bytes",
         "1,000,000 runs in 1 GiB with room", fmt(per_run, lambda v: f"{v:,.0f} bytes")),
        ("on PostgreSQL: wrk requests/s, same query", "166", "≥ 1,000",
         f"{med('mock-pg', 'rps'):,.0f}" if "mock-pg" in http else "n/a"),
        (f"on PostgreSQL: a whole month's `total` at {big} (monthTotal; totalOfBroadFilter)", "0.45 s; 0.76 s",
         "≤ 50 ms", "; ".join(fmt(v, lambda x: f"{x:,.1f} ms") for v in pg_month)),
    ]
    T = ["## Issue 14's targets\n",
         "Each figure before issue 14 (docs/benchmarks.md of 2026-11-29, commit `ccc2aaf`), its target, and this "
         "run's." + (" A smoke run's sizes are tiny: its figures mean nothing." if mode != "full" else "") + "\n",
         "| figure | before | target | this run |", "|---|---:|---:|---:|"]
    T += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return T + [""]

at = L.index("## 1. HTTP load: the mock, in memory and on PostgreSQL, against WireMock and Prism\n")
L[at:at] = targets()
analysis = os.path.join(os.path.dirname(os.path.abspath(__file__)), "analysis.md")
if mode == "full" and os.path.exists(analysis):
    L.append(open(analysis).read().rstrip() + "\n")
os.makedirs(os.path.dirname(report), exist_ok=True)
open(report, "w").write("\n".join(L) + "\n")
