#!/usr/bin/env bash
# check-flatpak.sh MANIFEST
#
# Loads the Flatpak manifest with flatpak-builder --show-manifest (which
# fails on bad JSON and warns of unknown properties) and checks what it
# promises: a supported GNOME runtime (47 or later), the mercato command,
# libcsv and libpq built from checksummed tarballs, libgsf and
# libxlsxwriter from release tags pinned to their commits, and no
# permission beyond IPC, Wayland, X11 as a fallback, the GPU and the
# network (a database on another host; files come through the portal,
# passwords through the Secret portal, so no keyring bus name). Exits 77
# when flatpak-builder is missing: tests/install-deps.sh installs it.
set -u
manifest=$(readlink -f "$1")
command -v flatpak-builder >/dev/null || { echo "SKIP: flatpak-builder is not installed (tests/install-deps.sh installs it)"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: python3 is not installed"; exit 77; }

# flatpak-builder leaves its state folder in the current one.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mercato-flatpak.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

flatpak-builder --show-manifest "$manifest" >"$tmp/manifest.json" 2>"$tmp/stderr.txt"
status=$?
cat "$tmp/stderr.txt"
[ $status -eq 0 ] || { echo "FAIL: flatpak-builder --show-manifest exited with $status"; exit 1; }
if grep -qiE 'warning|unknown property' "$tmp/stderr.txt"; then
  echo "FAIL: flatpak-builder warned about the manifest"
  exit 1
fi

python3 - "$tmp/manifest.json" <<'PY' || exit 1
import json, re, sys

m = json.load(open(sys.argv[1]))
problems = []
def want(cond, what):
    print(("ok - " if cond else "not ok - ") + what)
    if not cond:
        problems.append(what)

want(m.get("id") == "org.mercato.Mercato", "id is org.mercato.Mercato")
want(m.get("runtime") == "org.gnome.Platform", "runtime is org.gnome.Platform")
version = m.get("runtime-version", "")
want(version.isdigit() and int(version) >= 47, "runtime-version is a supported GNOME runtime, 47 or later (got %r)" % version)
want(m.get("sdk") == "org.gnome.Sdk", "sdk is org.gnome.Sdk")
want(m.get("command") == "mercato", "command is mercato")
allowed = {"--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri", "--share=network"}
args = m.get("finish-args", [])
want(set(args) == allowed and len(args) == len(allowed),
     "finish-args are exactly " + ", ".join(sorted(allowed)) + " (got " + ", ".join(args) + ")")
modules = {mod.get("name"): mod for mod in m.get("modules", []) if isinstance(mod, dict)}
# meson.build's dependency('libpq'): not in the GNOME runtime, so built here.
libpq = [s for s in modules.get("libpq", {}).get("sources", []) if s.get("type") == "archive"]
want(len(libpq) == 1 and re.fullmatch(r"https://\S+/postgresql-15_15\.\d+\.orig\.tar\.bz2", libpq[0].get("url", "")) is not None
     and re.fullmatch(r"[0-9a-f]{64}", libpq[0].get("sha256", "")) is not None,
     "libpq is built from a checksummed PostgreSQL 15 tarball")
names = [mod.get("name") for mod in m.get("modules", []) if isinstance(mod, dict)]
want("libpq" in names and "mercato" in names and names.index("libpq") < names.index("mercato"),
     "libpq is built before mercato")
libcsv = modules.get("libcsv", {})
sources = [s for s in libcsv.get("sources", []) if s.get("type") == "archive"]
want(len(sources) == 1 and re.fullmatch(r"https://\S+/libcsv-3\.0\.3\.tar\.gz", sources[0].get("url", "")) is not None,
     "libcsv is built from its 3.0.3 release tarball")
want(len(sources) == 1 and re.fullmatch(r"[0-9a-f]{64}", sources[0].get("sha256", "")) is not None,
     "the libcsv tarball has a sha256")
for name in ("libgsf", "libxlsxwriter"):
    git = [s for s in modules.get(name, {}).get("sources", []) if s.get("type") == "git"]
    want(len(git) == 1 and git[0].get("tag") and re.fullmatch(r"[0-9a-f]{40}", git[0].get("commit", "")) is not None,
         name + " is built from a release tag pinned to its commit")
names = [mod.get("name") for mod in m.get("modules", []) if isinstance(mod, dict)]
want(names[-1:] == ["mercato"] and modules.get("mercato", {}).get("buildsystem") == "meson",
     "mercato is the last module, built with meson")
for name in ("libcsv", "libgsf", "libxlsxwriter"):
    want(name in names and "mercato" in names and names.index(name) < names.index("mercato"),
         name + " is built before mercato")
if problems:
    print("FAIL: " + "; ".join(problems))
    sys.exit(1)
print("PASS")
PY
