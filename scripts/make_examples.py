"""Regenerate the example scenarios shipped in ``data/`` from ``roster.examples``.

The generators are the source of truth; the files are there so people can open, copy and
edit a real centre without writing Python. Run from the repository root after changing a
generator: ``.venv/bin/python scripts/make_examples.py``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from roster.examples import example_centre, example_three_shift
from roster.io import write_scenario

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "data", help="folder to write into")
    args = parser.parse_args()
    out: Path = args.out
    centre = example_centre()
    targets = [
        (centre, out / "example"),
        (centre, out / "example.xlsx"),
        (example_three_shift(), out / "example-3shift"),
    ]
    for scenario, path in targets:
        write_scenario(scenario, path)
        print(f"wrote {path} ({len(scenario.staff)} people, {scenario.start:%Y-%m})")


if __name__ == "__main__":
    main()
