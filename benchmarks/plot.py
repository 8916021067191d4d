"""Plots from a results.json: kvcc against each anchor, per benchmark (matplotlib)."""

from __future__ import annotations

import json
import pathlib
import sys
import textwrap


def plot(results_json: pathlib.Path, out: pathlib.Path) -> list[pathlib.Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    data = json.loads(pathlib.Path(results_json).read_text())
    env = data["environment"]
    made = []
    for unit, fname, ylabel, ceil in (
            ("flop", "prefill.png", "TFLOP/s", data["ceilings"]["matmul_tflops"]),
            ("byte", "decode.png", "TB/s of KV read", data["ceilings"]["copy_tbps"])):
        rows = [r for r in data["results"] if r["unit"] == unit and not r["error"]]
        if not rows:
            continue
        names = sorted({n for r in rows for n in r["rates"]}, key=lambda n: (n != "kvcc", n))
        fig, ax = plt.subplots(figsize=(max(6, 1.9 * len(rows)), 4.5))
        width = 0.8 / len(names)
        for i, n in enumerate(names):
            xs = [j + i * width for j, r in enumerate(rows) if n in r["rates"]]
            ys = [r["rates"][n] for r in rows if n in r["rates"]]
            ax.bar(xs, ys, width, label=n)
        ax.axhline(ceil, color="k", lw=0.8, ls="--", label="measured ceiling")
        ax.set_xticks([j + 0.4 - width / 2 for j in range(len(rows))])
        ax.set_xticklabels([r["id"] + "\n" + textwrap.fill(r["shape"], 20) for r in rows],
                           fontsize=6)
        ax.set_ylabel(ylabel)
        ax.set_title(f"kvcc vs anchors on {env['gpu']} ({env['dtype']})", fontsize=9)
        ax.legend(fontsize=6)
        fig.tight_layout()
        path = pathlib.Path(out) / fname
        fig.savefig(path, dpi=120)
        plt.close(fig)
        made.append(path)
    return made


if __name__ == "__main__":
    print(plot(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else ".")))
