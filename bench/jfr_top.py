"""Summarises a JFR recording as Markdown: where the CPU samples and the allocated bytes go.

    python3 bench/jfr_top.py RECORDING.jfr TITLE > out.md

Reads `jfr print` (the JDK's own tool). CPU: the share of execution samples per method on top of the
stack ("self"), and per method of ours anywhere on it ("inclusive"). Allocation: the share of the
sampled bytes per first method of ours on the stack (or the top frame if none is ours)."""
import collections, re, subprocess, sys

OURS = "dev.runsapi."
FRAME = re.compile(r"^\s+([\w.$<>]+)\(.*?\)\s+line:", re.M)


def events(recording, event):
    text = subprocess.run(["jfr", "print", "--events", event, "--stack-depth", "128", recording],
                          check=True, capture_output=True, text=True).stdout
    return [e for e in text.split(event + " {")[1:]]


def main(recording, title):
    samples = events(recording, "jdk.ExecutionSample")
    top, inclusive, n = collections.Counter(), collections.Counter(), 0
    for e in samples:
        frames = FRAME.findall(e)
        if not frames:
            continue
        n += 1
        top[frames[0]] += 1
        for f in set(frames):
            if f.startswith(OURS):
                inclusive[f] += 1
    print(f"#### {title}\n")
    print(f"{n:,} CPU samples of Java threads (JFR `profile` settings; GC and JIT threads are not sampled).\n")
    print("| self | method on top of the stack |\n|---:|---|")
    for k, c in top.most_common(12):
        print(f"| {c / n:.1%} | `{k}` |")
    print("\n| inclusive | method of ours anywhere on the stack |\n|---:|---|")
    for k, c in inclusive.most_common(12):
        print(f"| {c / n:.1%} | `{k}` |")
    weights, total = collections.Counter(), 0.0
    units = {"bytes": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}
    for e in events(recording, "jdk.ObjectAllocationSample"):
        m = re.search(r"weight = ([\d.]+) (\w+)", e)
        if not m:
            continue
        w = float(m.group(1)) * units.get(m.group(2), 1)
        frames = FRAME.findall(e)
        ours = [f for f in frames if f.startswith(OURS)]
        weights[ours[0] if ours else (frames[0] if frames else "?")] += w
        total += w
    if total:
        print(f"\nAllocation: {total / 1e6:,.0f} MB sampled.\n")
        print("| share | first method of ours on the stack (else the top frame) |\n|---:|---|")
        for k, w in weights.most_common(10):
            print(f"| {w / total:.1%} | `{k}` |")
    print()


if __name__ == "__main__":
    main(*sys.argv[1:3])
