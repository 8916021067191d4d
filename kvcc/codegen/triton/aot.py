"""Child process for AOT compilation (see ``build.compile_aot_many``): reads a JSON
list of ``{"spec", "arch", "function"}`` on stdin, writes the results as JSON."""

from __future__ import annotations

import base64
import json
import sys

from kvcc.codegen.triton.build import _compile_here, spec_from_text


def main() -> int:
    jobs = json.load(sys.stdin)
    out = []
    for j in jobs:
        k = _compile_here(spec_from_text(j["spec"]), j["arch"], j["function"])
        out.append({"name": k.name, "arch": k.arch, "cubin": base64.b64encode(k.cubin).decode(),
                    "ptx": k.ptx, "shared": k.shared, "registers": k.registers,
                    "num_warps": k.num_warps, "stack": k.stack,
                    "profile": k.profile.row() if k.profile else None})
    json.dump(out, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
