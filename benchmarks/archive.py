"""File a GPU run's results in the repository and show them in the README.

``python -m benchmarks.archive OUT_DIR`` copies the files that ``gpu_check.sh``
wrote to ``benchmarks/results/<gpu-slug>-<date>/`` and rewrites the README's
"Performance" section to show the latest table of each card, with date and
versions. Only GPU runs are accepted: CPU-mode results say nothing about speed.
"""

from __future__ import annotations

import datetime
import json
import pathlib
import re
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
FILES = ("results.json", "results.md", "correctness.txt", "compile.txt", "compile.json",
         "prefill.png", "decode.png", "bench.log", "tests.txt")


def slug(gpu: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", gpu.lower()).strip("-")


def archive(out: pathlib.Path, results: pathlib.Path = RESULTS,
            date: datetime.date | None = None) -> pathlib.Path:
    data = json.loads((out / "results.json").read_text())
    env = data["environment"]
    if env.get("mode") != "gpu":
        raise ValueError(f"{out} holds {env.get('mode')} results; only GPU runs are archived")
    dest = results / f"{slug(env['gpu'])}-{(date or datetime.date.today()).isoformat()}"
    dest.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        if (out / name).exists():
            shutil.copy2(out / name, dest / name)
    return dest


def performance_section(results: pathlib.Path = RESULTS) -> str:
    """The README section: the newest run of each card."""
    latest: dict[str, tuple[pathlib.Path, dict]] = {}
    for d in sorted(p for p in results.iterdir() if (p / "results.json").exists()):
        env = json.loads((d / "results.json").read_text())["environment"]
        latest[env["gpu"]] = d, env  # sorted by name: the date suffix makes the last newest
    if not latest:
        return ("## Performance\n\nNo GPU run has happened yet, so there are no measured "
                "numbers.\n")
    parts = ["## Performance\n",
             "Measured by `benchmarks/gpu_check.sh`; each table compares kvcc with the anchors "
             "in the same run on one card. Numbers from different cards are not comparable.\n"]
    for gpu, (d, env) in sorted(latest.items()):
        rel = d.relative_to(ROOT) if d.is_relative_to(ROOT) else d
        parts.append(f"### {gpu} ({d.name[-10:]}, torch {env['torch']}, triton "
                     f"{env['triton']})\n\nFiles: `{rel}/`.\n\n" + (d / "results.md").read_text())
    return "\n".join(parts)


def update_readme(readme: pathlib.Path = ROOT / "README.md",
                  results: pathlib.Path = RESULTS) -> None:
    text = readme.read_text()
    section = performance_section(results)
    m = re.search(r"^## Performance\n.*?(?=^## |\Z)", text, flags=re.S | re.M)
    text = text[:m.start()] + section + "\n" + text[m.end():] if m else text + "\n" + section
    readme.write_text(text.rstrip() + "\n")


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    dest = archive(pathlib.Path(sys.argv[1]))
    update_readme()
    print(f"archived to {dest}; README Performance section updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
