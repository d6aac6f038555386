#!/usr/bin/env python3
"""Writes docs/DEPENDENCIES.md: every package Qalam builds with, links,
bundles, serves or tests with, its installed version and its licences.

The Debian packages are read from scripts/install-deps.sh (the one list the
build installs from, so this file cannot drift from it); each one's role and
use come from ROLES below, and a package there without a role is an error.
Versions come from dpkg-query, licences from the machine-readable (DEP-5)
/usr/share/doc/PKG/copyright: the licence of its `Files: *` paragraph and
every other distinct `License:` name in it. The npm packages are read from
the lockfiles: the desk's editor (bundled into the binary) and the browser
tests (test only).

  python3 scripts/dependencies.py            # prints the document
  python3 scripts/dependencies.py --write    # writes docs/DEPENDENCIES.md
  python3 scripts/dependencies.py --check    # fails when the committed file
      lists other packages, roles or npm versions than the sources say
      (Debian versions and licences are the generating machine's: not compared)
  python3 scripts/dependencies.py --self-test  # the check finds what it should
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INSTALL_DEPS = os.path.join(ROOT, "scripts", "install-deps.sh")
OUTPUT = os.path.join(ROOT, "docs", "DEPENDENCIES.md")
EDITOR_LOCK = os.path.join(ROOT, "src", "render", "rich_editor", "package-lock.json")
BROWSER_LOCK = os.path.join(ROOT, "tests", "browser", "package-lock.json")

LINKED = "linked library"
HEADERS = "header-only library (compiled in)"
RUNTIME = "run-time data"
BUILD = "build tool"
TEST = "test only"

# Every package install-deps.sh names: (role, what Qalam uses it for).
ROLES = {
    "g++": (BUILD, "the C++20 compiler"),
    "cmake": (BUILD, "the build"),
    "ninja-build": (BUILD, "the build"),
    "ccache": (BUILD, "compiler cache"),
    "pkg-config": (BUILD, "finds the libraries for CMake"),
    "libboost-dev": (HEADERS, "Boost.Beast and Asio: the HTTP server and `qalam import --fetch-media`"),
    "libsqlite3-dev": (LINKED, "SQLite: the store, FTS5 search"),
    "libicu-dev": (LINKED, "ICU: normalization, Arabic dates, plurals and lists"),
    "libkainjow-mustache-dev": (HEADERS, "Mustache templates"),
    "nlohmann-json3-dev": (HEADERS, "JSON"),
    "libcmark-gfm-dev": (LINKED, "cmark-gfm: article bodies' Markdown"),
    "libcmark-gfm-extensions-dev": (LINKED, "cmark-gfm's tables, strikethrough and autolinks"),
    "zlib1g-dev": (LINKED, "gzip"),
    "libcli11-dev": (HEADERS, "the command line's options"),
    "libspdlog-dev": (LINKED, "logs and the access log"),
    "libfmt-dev": (LINKED, "formatting, for spdlog"),
    "libstemmer-dev": (LINKED, "Snowball's Arabic stemmer, compared with Qalam's own"),
    "libsodium-dev": (LINKED, "argon2id passwords, random tokens, signatures"),
    "libvips-dev": (LINKED, "images: sniffing, sizes, WebP"),
    "libfasttext-dev": (LINKED, "the comment classifier"),
    "libxml2-dev": (LINKED, "WordPress exports, feeds, sitemaps, images' XMP"),
    "libgumbo-dev": (LINKED, "WordPress posts' HTML"),
    "libarchive-dev": (LINKED, "backups and restores"),
    "libssl-dev": (LINKED, "OpenSSL: https for `qalam import --fetch-media`"),
    "ca-certificates": (RUNTIME, "the certificates `--fetch-media` trusts"),
    "fonts-noto-core": (RUNTIME, "Noto Naskh and Kufi Arabic, served to readers"),
    "curl": (BUILD, "scripts (demo, CI)"),
    "esbuild": (BUILD, "bundles the desk's rich editor"),
    "nodejs": (BUILD, "runs npm and esbuild's bundle step; the browser tests"),
    "npm": (BUILD, "installs the rich editor's pinned packages"),
    "libgtest-dev": (TEST, "GoogleTest"),
    "libgmock-dev": (TEST, "GoogleMock"),
    "chromium": (TEST, "the browser tests"),
    "python3-feedparser": (TEST, "feeds checked by a real parser"),
    "libxml2-utils": (TEST, "xmllint: sitemaps against their XSDs"),
    "python3-jsonschema": (TEST, "the Content API's answers against its OpenAPI document"),
    "clang": (TEST, "the sanitizer and fuzzing build (scripts/test.sh, scripts/fuzz.sh)"),
    "libclang-rt-14-dev": (TEST, "clang's AddressSanitizer, UndefinedBehaviorSanitizer and libFuzzer runtimes"),
}


def install_deps_packages():
    """(package, test_only) in the order install-deps.sh names them."""
    text = open(INSTALL_DEPS, encoding="utf-8").read()
    out = []
    for pattern, test in ((r"^packages=\((.*?)\)", False), (r"^\s*packages\+=\((.*?)\)", True),
                          (r"^\s*missing\+=\((.*?)\)", False)):
        for block in re.findall(pattern, text, re.S | re.M):
            for name in block.split():
                if not any(p == name for p, _ in out):
                    out.append((name, test))
    if not out:
        sys.exit("dependencies.py: no package list found in " + INSTALL_DEPS)
    return out


def dpkg(fields, package):
    try:
        r = subprocess.run(["dpkg-query", "-W", "-f=" + fields, package], capture_output=True, text=True)
    except FileNotFoundError:
        return None
    return r.stdout if r.returncode == 0 else None


def runtime_packages(dev):
    """The shared-library packages a -dev package brings, from its own source."""
    info = dpkg("${source:Package}\t${Depends}", dev)
    if not info or not dev.endswith("-dev"):
        return []
    source, _, depends = info.partition("\t")
    out = []
    for alternative in depends.split(","):
        name = alternative.split("|")[0].split("(")[0].split(":")[0].strip()
        if not name or name.endswith(("-dev", "-devtools")) or name.startswith("gir1.2") or name in out:
            continue
        if (dpkg("${source:Package}", name) or "").strip() == source:
            out.append(name)
    return out


def licences(package):
    """(licence of `Files: *`, other distinct licence names), or a note."""
    path = "/usr/share/doc/%s/copyright" % package
    try:
        text = open(path, encoding="utf-8", errors="replace").read()
    except OSError:
        return None, "no copyright file installed"
    if not re.match(r"Format:\s*\S*copyright-format", text):
        return None, "not machine-readable: see " + path
    main, names = None, []
    for stanza in re.split(r"\n\s*\n", text):
        files = re.search(r"^Files:\s*(.*)$", stanza, re.M)
        lic = re.search(r"^License:\s*(.*)$", stanza, re.M)
        if not lic or not lic.group(1).strip():
            continue
        name = lic.group(1).strip()
        if files and files.group(1).split() and files.group(1).split()[0] == "*" and main is None:
            main = name
        if name.lower() not in (n.lower() for n in names):
            names.append(name)
    others = [n for n in names if main is None or n.lower() != main.lower()]
    return main, ", ".join(others)


def npm_packages(lockfile):
    data = json.load(open(lockfile, encoding="utf-8"))
    out = []
    for key, p in sorted(data.get("packages", {}).items()):
        if not key:
            continue
        out.append((key.split("node_modules/")[-1], p.get("version", ""), p.get("license", "?"), p.get("dev", False)))
    return out


def cell(s):
    return (s or "—").replace("|", "\\|")


def render():
    lines = [
        "# Qalam's dependencies",
        "",
        "Generated by `scripts/dependencies.py --write`; do not edit by hand. The Debian",
        "packages are those `scripts/install-deps.sh` installs; versions and licences",
        "are those installed on the machine that generated this file (licences from",
        "each package's machine-readable `/usr/share/doc/PKG/copyright`: the licence of",
        "its `Files: *` paragraph, then every other licence named in it, which may",
        "cover only some files). `ctest -R dependencies` fails when this file lists",
        "other packages or roles than install-deps.sh, or other npm versions than the",
        "lockfiles. Qalam uses nothing outside Debian's packages except the npm",
        "packages below.",
        "",
        "Roles: **%s** (in the `qalam` binary's link line; the run-time package is" % LINKED,
        "what a server needs installed), **%s**, **%s** (read by the" % (HEADERS, RUNTIME),
        "server at run time), **%s** (only to build), **%s**." % (BUILD, TEST),
        "",
        "## Debian packages",
        "",
        "| package | role | used for | run-time package | version | licence (`Files: *`) | other licences in the package |",
        "|---|---|---|---|---|---|---|",
    ]
    for package, test in install_deps_packages():
        if package not in ROLES:
            sys.exit("dependencies.py: %s (install-deps.sh) has no role in ROLES: add it" % package)
        role, use = ROLES[package]
        if test and role != TEST:
            sys.exit("dependencies.py: %s is installed for tests only but its role is %s" % (package, role))
        version = (dpkg("${Version}", package) or "").strip() or "not installed"
        runtime = ", ".join(runtime_packages(package)) if role == LINKED else ""
        main, others = licences(package)
        lines.append("| %s | %s | %s | %s | %s | %s | %s |" % (
            package, role, cell(use), cell(runtime), cell(version), cell(main), cell(others)))
    lines += [
        "",
        "## npm packages bundled into the desk's editor",
        "",
        "Pinned by `src/render/rich_editor/package-lock.json`, installed by `npm ci` at",
        "build time and bundled by esbuild into the desk's `rich-editor.js` (embedded in",
        "the binary; nothing is fetched at run time). Licences as the lockfile records them.",
        "",
        "| package | version | licence |",
        "|---|---|---|",
    ]
    for name, version, lic, dev in npm_packages(EDITOR_LOCK):
        lines.append("| %s | %s | %s |" % (name, version, cell(lic) + (" (dev)" if dev else "")))
    lines += [
        "",
        "## npm packages for the browser tests (test only)",
        "",
        "Pinned by `tests/browser/package-lock.json`; never built into Qalam.",
        "",
        "| package | version | licence |",
        "|---|---|---|",
    ]
    for name, version, lic, _ in npm_packages(BROWSER_LOCK):
        lines.append("| %s | %s | %s |" % (name, version, cell(lic)))
    return "\n".join(lines) + "\n"


# What must not differ between machines: each Debian package with its role,
# and each npm package with its version.
def stable_rows(text):
    rows = set()
    section = None
    for line in text.splitlines():
        if line.startswith("## "):
            section = line[3:]
        elif line.startswith("| ") and not line.startswith("| package") and section:
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            rows.add((section, cells[0], cells[1]))
    return rows


def differences(want_text, have_text):
    want, have = stable_rows(want_text), stable_rows(have_text)
    return (["missing from docs/DEPENDENCIES.md: " + " / ".join(r) for r in sorted(want - have)] +
            ["not in the sources any more: " + " / ".join(r) for r in sorted(have - want)])


def self_test():
    """The check finds a dropped row, a changed role and a changed npm version."""
    text = render()
    cases = {
        "a dropped package": re.sub(r"^\| libsodium-dev \|.*\n", "", text, flags=re.M),
        "a changed role": re.sub(r"^\| libvips-dev \| linked library", "| libvips-dev | build tool", text, flags=re.M),
        "a changed npm version": re.sub(r"^\| prosemirror-model \| [^|]*", "| prosemirror-model | 0.0.1 ", text,
                                        flags=re.M),
    }
    for name, changed in cases.items():
        if changed == text or not differences(text, changed):
            sys.exit("self-test: the check missed " + name)
    print("self-test: the check finds " + ", ".join(cases))


def main():
    if "--self-test" in sys.argv:
        return self_test()
    if "--check" in sys.argv:
        committed = open(OUTPUT, encoding="utf-8").read()
        text = render()
        problems = differences(text, committed)
        if problems:
            print("\n".join(problems))
            print("run: python3 scripts/dependencies.py --write")
            sys.exit(1)
        print("docs/DEPENDENCIES.md lists every package of install-deps.sh and the lockfiles (%d rows)" %
              len(stable_rows(text)))
        return
    text = render()
    if "--write" in sys.argv:
        with open(OUTPUT, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
