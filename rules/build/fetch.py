"""Fetch the source packages used by the build scripts into a cache directory.

Packages come only from the package registries (PyPI via pip, npm via npm pack),
at pinned versions, so the generated lists are reproducible.
"""
import os
import pathlib
import subprocess
import sys
import tarfile
import tempfile
import zipfile

CPCA_VERSION = "0.5.5"
COUNTRIES_VERSION = "7.14.0"
JIEBA_VERSION = "0.42.1"
CLDR_DATES_VERSION = "48.2.0"
TZDATA_VERSION = "2025.2"

CACHE = pathlib.Path(os.environ.get("ZHKG_BUILD_CACHE", pathlib.Path(tempfile.gettempdir()) / "zhkg-rules-build"))


def _run(cmd, cwd):
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.stderr.write(r.stdout + r.stderr)
        raise SystemExit(f"failed: {' '.join(cmd)}")


def cpca() -> pathlib.Path:
    """Return the unpacked cpca wheel directory (contains cpca/resources/)."""
    root = CACHE / f"cpca-{CPCA_VERSION}"
    if not (root / "cpca" / "resources" / "adcodes.csv").exists():
        root.mkdir(parents=True, exist_ok=True)
        _run([sys.executable, "-m", "pip", "download", "--no-deps",
              "--only-binary=:all:", f"cpca=={CPCA_VERSION}", "-d", str(root)], root)
        whl = next(root.glob("cpca-*.whl"))
        zipfile.ZipFile(whl).extractall(root)
    return root


def countries() -> pathlib.Path:
    """Return the unpacked i18n-iso-countries npm package directory."""
    root = CACHE / f"i18n-iso-countries-{COUNTRIES_VERSION}"
    if not (root / "package" / "langs" / "zh.json").exists():
        root.mkdir(parents=True, exist_ok=True)
        _run(["npm", "pack", f"i18n-iso-countries@{COUNTRIES_VERSION}"], root)
        tgz = next(root.glob("i18n-iso-countries-*.tgz"))
        with tarfile.open(tgz) as t:
            t.extractall(root, filter="data")
    return root / "package"


def tzdata() -> pathlib.Path:
    """Return the zoneinfo directory of the unpacked tzdata wheel (zone.tab)."""
    root = CACHE / f"tzdata-{TZDATA_VERSION}"
    if not (root / "tzdata" / "zoneinfo" / "zone.tab").exists():
        root.mkdir(parents=True, exist_ok=True)
        _run([sys.executable, "-m", "pip", "download", "--no-deps",
              "--only-binary=:all:", f"tzdata=={TZDATA_VERSION}", "-d", str(root)], root)
        whl = next(root.glob("tzdata-*.whl"))
        zipfile.ZipFile(whl).extractall(root)
    return root / "tzdata" / "zoneinfo"


def cldr_dates() -> pathlib.Path:
    """Return the unpacked cldr-dates-full npm package directory."""
    root = CACHE / f"cldr-dates-full-{CLDR_DATES_VERSION}"
    if not (root / "package").exists():
        root.mkdir(parents=True, exist_ok=True)
        _run(["npm", "pack", f"cldr-dates-full@{CLDR_DATES_VERSION}"], root)
        tgz = next(root.glob("cldr-dates-full-*.tgz"))
        with tarfile.open(tgz) as t:
            t.extractall(root, filter="data")
    return root / "package"


def jieba_dict() -> pathlib.Path:
    """Return jieba's dict.txt (word, frequency, POS tag), from the PyPI sdist.

    jieba-rs embeds the same dictionary (src/data/dict.txt), so the two agree.
    """
    root = CACHE / f"jieba-{JIEBA_VERSION}"
    path = root / f"jieba-{JIEBA_VERSION}" / "jieba" / "dict.txt"
    if not path.exists():
        root.mkdir(parents=True, exist_ok=True)
        _run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary=:all:",
              f"jieba=={JIEBA_VERSION}", "-d", str(root)], root)
        sdist = next(root.glob("jieba-*.tar.gz"))
        with tarfile.open(sdist) as t:
            t.extractall(root, filter="data")
    return path


def load_jieba():
    """word -> (freq, tag)"""
    out = {}
    with open(jieba_dict(), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                out[parts[0]] = (int(parts[1]), parts[2])
    return out


RULES = pathlib.Path(__file__).resolve().parent.parent


def read_list(path):
    """Lines of a hand-written list, without comments and blanks."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].rstrip("\r\n").rstrip(" ")
            if line.strip():
                out.append(line)
    return out
