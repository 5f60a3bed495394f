"""Turns bench/run's raw measurements into bench/RESULTS.md (medians and kubefile/upstream ratios)."""
import argparse
import datetime
import statistics
import sys

TARGETS = {"cold": 1 / 3, "warm": 1 / 15, "incremental": 1 / 10}

parser = argparse.ArgumentParser()
parser.add_argument("--scale", required=True)
parser.add_argument("--runs", required=True)
parser.add_argument("--machine", required=True)
parser.add_argument("--versions", required=True)
args = parser.parse_args()

data = {}
for line in sys.stdin:
    key, wall, rss = line.split()
    tool, scenario, _ = key.split(",")
    data.setdefault((tool, scenario), []).append((float(wall), int(rss)))

def median(tool, scenario, index):
    return statistics.median(v[index] for v in data[(tool, scenario)])

print("# Benchmark results: W1")
print()
print(f"- date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}")
print(f"- machine: {args.machine}")
print(f"- versions: {args.versions}")
print(f"- scale: {args.scale} (12 images x 3 layers of {16*int(args.scale)}/{16*int(args.scale)}/{8*int(args.scale)} MB, "
      f"first layer shared by 6; opt/ {128*int(args.scale)} MB); median of {args.runs} runs")
print("- command: `bench/run --scale %s --runs %s`" % (args.scale, args.runs))
print()
print("| scenario | upstream wall (s) | kubefile wall (s) | ratio | target | upstream peak RSS (MB) | kubefile peak RSS (MB) |")
print("|---|---|---|---|---|---|---|")
for scenario in ("cold", "warm", "incremental"):
    up = median("upstream", scenario, 0)
    kf = median("kubefile", scenario, 0)
    ratio = kf / up if up else float("nan")
    target = TARGETS[scenario]
    verdict = "met" if ratio <= target else "NOT met"
    print(f"| {scenario} | {up:.2f} | {kf:.2f} | {ratio:.3f} | <= {target:.3f} ({verdict}) | "
          f"{median('upstream', scenario, 1) / 1024:.0f} | {median('kubefile', scenario, 1) / 1024:.0f} |")
print()
print("Upstream pipeline = one `skopeo copy` at a time into a `docker-registry` whose storage is "
      "`<context>/registry` (what sealos's saver does), then `buildah build --storage-driver vfs "
      "--isolation chroot`. Its peak RSS is the largest of its steps (the registry process is not counted).")
print("Kubefile = `kubefile build -q --root STORE -t bench:w1 CONTEXT` (discovery, registry/ save, build).")
print("Warm = the same inputs again; incremental = one manifest line changed.")
print()
print("All runs (wall s, peak RSS KB):")
print()
for (tool, scenario), values in sorted(data.items()):
    print(f"- {tool} {scenario}: " + ", ".join(f"{w:.2f}s/{r}KB" for w, r in values))

notes = __import__("pathlib").Path(__file__).with_name("NOTES.md")
if notes.exists():
    print()
    print(notes.read_text().rstrip())

