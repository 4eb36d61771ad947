"""The compiled wheel against the pure Python package: letters/s of each, in one run.

Builds the compiled wheel from this checkout (``hatch_build.py``; needs hatchling, mypy,
setuptools and a C compiler, about a minute) or takes one unpacked with ``--compiled
DIR``, then runs ``bench_parse.py`` on the pure sources (``src/``) and on the compiled
build in turn, ``--turns`` times each, and prints the best of each set of letters, the
ratio, and the regex-split factor of each (a shared machine slows both builds alike, so
the ratio is the figure to compare). ``--against REV`` compares the pure sources of git
revision REV with this checkout's in the same way:

    IMRPARSE_CORPUS=../shared/corpus python benchmarks/bench_compiled.py
    python benchmarks/bench_compiled.py --compiled /tmp/site --turns 5 --rounds 20
    python benchmarks/bench_compiled.py --against db2aa5a   # pure: an older revision vs now
"""

from __future__ import annotations

import argparse
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import bench_cli

ROOT = pathlib.Path(__file__).resolve().parent.parent
_LINE = re.compile(
    r"^(?P<name>\S.*?\S)\s+\d+ letters x \d+\s+(?P<rate>[\d,]+) letters/s.*"
    r"\(parse is (?P<factor>[\d,.]+)x slower\)"
)


def build_compiled(into: pathlib.Path) -> pathlib.Path:
    """Build the compiled wheel and unpack it into ``into``; return ``into``."""
    wheels = into / "wheel"
    code = "import sys; from hatchling.build import build_wheel; print(build_wheel(sys.argv[1]))"
    env = {**os.environ, "HATCH_BUILD_HOOK_ENABLE_CUSTOM": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code, str(wheels)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    site = into / "site"
    with zipfile.ZipFile(wheels / done.stdout.split()[-1]) as archive:
        archive.extractall(site)
    return site


def bench(path: pathlib.Path, rounds: int) -> dict[str, tuple[float, float]]:
    """Letters/s and the split factor of each set, from one run of bench_parse.py."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_parse.py"), "--rounds", str(rounds)],
        env={**os.environ, "PYTHONPATH": str(path)},
        check=True,
        capture_output=True,
        text=True,
    )
    lines = done.stdout.splitlines()
    print("  " + lines[0], flush=True)
    found = {}
    for line in lines[1:]:
        match = _LINE.match(line)
        if match:
            rate = float(match["rate"].replace(",", ""))
            found[match["name"]] = (rate, float(match["factor"].replace(",", "")))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compiled", type=pathlib.Path, help="an unpacked compiled wheel")
    parser.add_argument(
        "--against", metavar="REV", help="time git revision REV's pure sources, not the wheel"
    )
    parser.add_argument("--turns", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        if args.against:
            builds = {
                args.against: pathlib.Path(bench_cli.old_source(args.against, pathlib.Path(work))),
                "new": ROOT / "src",
            }
        else:
            compiled = args.compiled or build_compiled(pathlib.Path(work))
            builds = {"pure": ROOT / "src", "compiled": compiled}
        best: dict[str, dict[str, tuple[float, float]]] = {build: {} for build in builds}
        for _ in range(args.turns):
            for build, path in builds.items():
                for name, (rate, factor) in bench(path, args.rounds).items():
                    old = best[build].get(name, (0.0, 0.0))
                    best[build][name] = (rate, factor) if rate > old[0] else old
    first, second = builds
    print(f"{'letters':<22} {first:>12} {second:>12} {'ratio':>6}  split factor")
    for name, (slow, slow_factor) in best[first].items():
        fast, fast_factor = best[second][name]
        print(
            f"{name:<22} {slow:>8,.0f} l/s {fast:>8,.0f} l/s {fast / slow:>5.2f}x"
            f"  {slow_factor:.0f}x -> {fast_factor:.0f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
