"""Turns bench/run-multiplatform's raw measurements into bench/RESULTS-multiplatform.md."""
import argparse
import datetime
import pathlib
import statistics
import sys

parser = argparse.ArgumentParser()
for option in ("--scale", "--runs", "--machine", "--versions", "--loads", "--verify"):
    parser.add_argument(option, required=True)
args = parser.parse_args()

data = {}
for line in sys.stdin:
    key, wall, rss, cpu = line.split()
    tool, scenario, _ = key.split(",")
    data.setdefault((tool, scenario), []).append((float(wall), int(rss), float(cpu)))


def median(tool, scenario, index=0):
    return statistics.median(v[index] for v in data[(tool, scenario)])


print("# Benchmark results: W1 on two platforms (issue #11)")
print()
print(f"- date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}")
print(f"- machine: {args.machine}, shared with other builds while measuring; load averages (1/5/15 min): {args.loads.strip('; ')}")
print(f"- versions: {args.versions}")
print(f"- scale: {args.scale}: 12 two-platform images x 3 layers of {16*int(args.scale)}/{16*int(args.scale)}/"
      f"{8*int(args.scale)} MB per platform, every layer different between amd64 and arm64, the first "
      f"shared by 6 images; opt/ {128*int(args.scale)} MB; median of {args.runs} runs")
print(f"- command: `bench/run-multiplatform --scale {args.scale} --runs {args.runs}`")
print()
print("| scenario | upstream two-platform (s) | kubefile two-platform (s) | ratio (target <= 0.6) | "
      "kubefile one platform (s) | ratio (target <= 1.3) | CPU s: upstream / kubefile 2p / 1p | peak RSS MB: kubefile 2p / 1p |")
print("|---|---|---|---|---|---|---|---|")
for scenario in ("cold", "warm"):
    up, k2, k1 = (median(t, scenario) for t in ("upstream", "kubefile2", "kubefile1"))
    r1, r2 = k2 / up, k2 / k1
    v1 = "met" if r1 <= 0.6 else "NOT met"
    v2 = "met" if r2 <= 1.3 else "NOT met"
    cpu = " / ".join(f"{median(t, scenario, 2):.1f}" for t in ("upstream", "kubefile2", "kubefile1"))
    rss = " / ".join(f"{median(t, scenario, 1) / 1024:.0f}" for t in ("kubefile2", "kubefile1"))
    print(f"| {scenario} | {up:.2f} | {k2:.2f} | {r1:.3f} ({v1}) | {k1:.2f} | {r2:.3f} ({v2}) | {cpu} | {rss} |")
print()
print("Upstream = per platform, one `skopeo copy --override-arch ARCH` at a time into a `docker-registry` "
      "whose storage is that platform's `<context>/registry` (sealos's saver), then `buildah build "
      "--platform linux/ARCH --storage-driver vfs --isolation chroot`; then `buildah manifest create` and "
      "`buildah manifest add` of both images (a warm run removes the previous list first).")
bo = {s: median("buildah-only", s) for s in ("cold", "warm")}
print(f"Of that, the buildah steps alone (two builds + manifest create/add) took {bo['cold']:.2f} s cold, "
      f"{bo['warm']:.2f} s warm: kubefile two-platform / buildah steps alone = "
      f"{median('kubefile2', 'cold') / bo['cold']:.3f} cold, {median('kubefile2', 'warm') / bo['warm']:.3f} warm "
      f"(kubefile's time includes saving registry/, the buildah steps' does not).")
print("Kubefile two-platform = `kubefile build -q --root STORE --platform linux/amd64,linux/arm64 -t bench:w1 CONTEXT`; "
      "one platform = the same with `--platform linux/amd64`. Both save registry/ from the loopback registry. "
      "Cold = new store and context; warm = the same command again.")
print()
print("Same images (the last run of each tool, checked by `bench/compare_platforms.py`):")
print()
print("```")
print(pathlib.Path(args.verify).read_text().rstrip())
print("```")
print()
print("All runs (wall s / peak RSS KB / CPU s):")
print()
for (tool, scenario), values in sorted(data.items()):
    print(f"- {tool} {scenario}: " + ", ".join(f"{w:.2f}s/{r}KB/{c:.1f}s" for w, r, c in values))
