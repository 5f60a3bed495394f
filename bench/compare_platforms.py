"""Checks that bench/run-multiplatform's tools built the same images, platform by platform.

Reads OCI layouts directly (kubefile's store is one; buildah's images are pushed to one), applies
each platform's layers in order and compares the resulting files (path, type, size, SHA-256 of the
content). docker-registry keeps bookkeeping files that kubefile's saver does not write the same way
(upload leftovers, `tags/*/index`), so registry/ is compared by what a registry serves: the blobs and
the tags' current manifest links. Also checks each platform's config (os, architecture) and prints
a summary. Exits non-zero on any difference.
"""
import argparse
import hashlib
import json
import pathlib
import re
import sys
import tarfile

parser = argparse.ArgumentParser()
parser.add_argument("--kubefile", required=True)
parser.add_argument("--kubefile-ref", required=True)
parser.add_argument("--buildah", required=True)
parser.add_argument("--single", required=True)
parser.add_argument("--single-ref", required=True)
parser.add_argument("arches", nargs="+")
args = parser.parse_args()


def blob(layout, digest):
    algo, hexd = digest.split(":")
    return pathlib.Path(layout, "blobs", algo, hexd)


def json_blob(layout, digest):
    return json.loads(blob(layout, digest).read_bytes())


def named(layout, name):
    index = json.loads(pathlib.Path(layout, "index.json").read_text())
    for m in index["manifests"]:
        if m.get("annotations", {}).get("org.opencontainers.image.ref.name") == name:
            return m
    sys.exit(f"{layout}: no image named {name}")


def platform_manifest(layout, name, arch):
    desc = named(layout, name)
    doc = json_blob(layout, desc["digest"])
    if "manifests" in doc:
        for m in doc["manifests"]:
            if m.get("platform", {}).get("architecture") == arch:
                return m["digest"], json_blob(layout, m["digest"])
        sys.exit(f"{layout} {name}: no {arch} manifest")
    return desc["digest"], doc


# What a registry serves from registry/: blobs, and each tag's current manifest link.
SERVED = re.compile(r"registry/docker/registry/v2/(blobs/.*/data|repositories/.*/_manifests/tags/[^/]+/current/link)$")


def files(layout, manifest):
    tree = {}
    for layer in manifest["layers"]:
        with tarfile.open(blob(layout, layer["digest"]), "r:*") as tar:
            for entry in tar:
                path = entry.name.lstrip("./").rstrip("/")
                if path.startswith("registry/") and not SERVED.match(path):
                    continue
                if entry.isfile():
                    h = hashlib.sha256()
                    src = tar.extractfile(entry)
                    for chunk in iter(lambda: src.read(1 << 20), b""):
                        h.update(chunk)
                    tree[path] = ("file", entry.size, h.hexdigest())
                elif entry.issym():
                    tree[path] = ("symlink", entry.linkname)
                elif entry.islnk():
                    tree[path] = tree.get(entry.linkname.lstrip("./"), ("hardlink", entry.linkname))
    return tree


failed = False


def compare(label, a, b):
    global failed
    if a == b:
        print(f"{label}: same {len(a)} files")
        return
    failed = True
    print(f"{label}: DIFFERENT")
    for p in sorted(set(a) | set(b)):
        if a.get(p) != b.get(p):
            print(f"  {p}: {a.get(p)} vs {b.get(p)}")


for arch in args.arches:
    kd, km = platform_manifest(args.kubefile, args.kubefile_ref, arch)
    bd, bm = platform_manifest(args.buildah, arch, arch)
    kc = json_blob(args.kubefile, km["config"]["digest"])
    bc = json_blob(args.buildah, bm["config"]["digest"])
    for label, c in (("kubefile", kc), ("buildah", bc)):
        if (c.get("os"), c.get("architecture")) != ("linux", arch):
            failed = True
            print(f"{label} {arch}: config says {c.get('os')}/{c.get('architecture')}")
    print(f"{arch}: kubefile manifest {kd} (config linux/{kc['architecture']}, {len(km['layers'])} layers), "
          f"buildah config linux/{bc['architecture']}")
    kf = files(args.kubefile, km)
    blobs = sum(1 for p in kf if p.endswith("/data"))
    print(f"{arch}: kubefile registry/ serves {blobs} blobs, "
          f"{sum(1 for p in kf if p.endswith('current/link'))} tags")
    compare(f"{arch}: kubefile two-platform vs buildah --platform linux/{arch}", kf, files(args.buildah, bm))
    if arch == args.arches[0]:
        _, sm = platform_manifest(args.single, args.single_ref, arch)
        compare(f"{arch}: kubefile two-platform vs kubefile single-platform", kf, files(args.single, sm))
sys.exit(1 if failed else 0)
