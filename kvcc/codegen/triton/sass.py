"""The static profile of a compiled kernel: what its machine code says before it runs.

``cuobjdump`` (shipped with Triton) disassembles an AOT cubin to SASS. From it and
the resource counts: registers and spill bytes per thread, shared memory per
program, the tensor-core instructions (HGMMA on sm_90, HMMA on sm_80) and how
many, how K and V arrive (TMA bulk copies, 128-bit asynchronous copies into
shared memory, 128-bit or narrower global loads), the instruction count (code
size, and the copies of the key loop a kernel carries), integer compares (index
and predicate work), and how many programs the registers and shared memory let
one SM hold. None of it is a timing; all of it moves before a timing does.
"""

from __future__ import annotations

import collections
import pathlib
import re
import shutil
import subprocess
import tempfile
from dataclasses import asdict, dataclass

# an instruction line: "/*0a30*/  @!P0 HGMMA.64x64x16.F32 ..."; NOPs are counted too
# (they are padding the scheduler chose, and part of the code size)
_INSN = re.compile(r"/\*[0-9a-f]{4,}\*/\s+(?:@!?U?P[T0-9]+\s+)?([A-Z][A-Z0-9_]*(?:\.[A-Z0-9_x]+)*)")

# Per-SM limits by architecture: registers, warps, programs (blocks), shared memory
# (bytes, what one SM can give all its programs), and the 1 KiB each program's
# shared memory costs beside its own (CUDA's reserved shared memory, sm_80 and later).
SM_LIMITS = {
    80: {"registers": 65536, "warps": 64, "blocks": 32, "shared": 164 * 1024, "reserved": 1024},
    86: {"registers": 65536, "warps": 48, "blocks": 16, "shared": 100 * 1024, "reserved": 1024},
    89: {"registers": 65536, "warps": 48, "blocks": 24, "shared": 100 * 1024, "reserved": 1024},
    90: {"registers": 65536, "warps": 64, "blocks": 32, "shared": 228 * 1024, "reserved": 1024},
}


@dataclass(frozen=True)
class StaticProfile:
    """One kernel on one architecture (see the module docstring)."""

    name: str
    arch: int
    num_warps: int
    registers: int
    spill: int  # bytes of local memory per thread
    shared: int  # bytes per program
    instructions: int
    tensor_core: str  # "HGMMA", "HMMA" or "-" (none: fp32 dots on CUDA cores)
    tensor_core_count: int
    tma_loads: int  # UTMALDG
    async_128: int  # LDGSTS ... .128 (global -> shared, 16 bytes per thread)
    ldg_128: int  # LDG ... .128
    ldg_narrow: int  # LDG of 64 bits or less
    int_compares: int  # ISETP
    programs_per_sm: int

    def row(self) -> dict[str, object]:
        return asdict(self)


COLUMNS = ("name", "arch", "num_warps", "registers", "spill", "shared", "instructions",
           "tensor_core", "tensor_core_count", "tma_loads", "async_128", "ldg_128", "ldg_narrow",
           "int_compares", "programs_per_sm")
HEADERS = ("kernel", "sm", "warps", "regs", "spill B", "smem B", "SASS", "TC", "TC n", "TMA ld",
           "async128", "ldg128", "ldg<128", "ISETP", "progs/SM")


def cuobjdump() -> str:
    """The cuobjdump shipped with the Triton this Python imports (or one on PATH)."""
    import triton

    tool = pathlib.Path(triton.__file__).parent / "backends" / "nvidia" / "bin" / "cuobjdump"
    exe = str(tool) if tool.exists() else shutil.which("cuobjdump")
    if not exe:
        raise FileNotFoundError("cuobjdump not found (Triton's NVIDIA backend ships one)")
    return exe


def disassemble(cubin: bytes) -> str:
    """The SASS text of a cubin."""
    with tempfile.NamedTemporaryFile(suffix=".cubin") as f:
        f.write(cubin)
        f.flush()
        r = subprocess.run([cuobjdump(), "-sass", f.name], capture_output=True, text=True,
                           check=True)
    return r.stdout


def opcode_counts(sass: str) -> collections.Counter[str]:
    """Instruction count per full opcode (``HGMMA.64x64x16.F32``, ``LDG.E.128``, ...)."""
    return collections.Counter(_INSN.findall(sass))


def programs_per_sm(arch: int, registers: int, num_warps: int, shared: int) -> int:
    """Resident programs per SM allowed by registers (allocated per warp in units of 256)
    and shared memory; 0 when one program does not fit."""
    lim = SM_LIMITS.get(arch, SM_LIMITS[90])
    per_warp = -(-max(registers, 1) * 32 // 256) * 256
    by_regs = (lim["registers"] // per_warp) // num_warps
    by_warps = lim["warps"] // num_warps
    by_smem = lim["shared"] // (shared + lim["reserved"]) if shared else lim["blocks"]
    return max(0, min(by_regs, by_warps, by_smem, lim["blocks"]))


def profile(name: str, arch: int, cubin: bytes, num_warps: int, shared: int,
            registers: int | None, spill: int | None) -> StaticProfile:
    """The static profile of one AOT-compiled kernel."""
    ops = opcode_counts(disassemble(cubin))

    def count(pred) -> int:
        return sum(n for op, n in ops.items() if pred(op))

    hgmma = count(lambda o: o.startswith("HGMMA"))
    hmma = count(lambda o: o.startswith("HMMA"))
    regs = registers or 0
    return StaticProfile(
        name=name, arch=arch, num_warps=num_warps, registers=regs, spill=spill or 0,
        shared=shared, instructions=sum(ops.values()),
        tensor_core="HGMMA" if hgmma else "HMMA" if hmma else "-",
        tensor_core_count=hgmma or hmma,
        tma_loads=count(lambda o: o.startswith("UTMALDG")),
        async_128=count(lambda o: o.startswith("LDGSTS") and o.endswith(".128")),
        ldg_128=count(lambda o: o.startswith("LDG.") and o.endswith(".128")),
        ldg_narrow=count(lambda o: o.startswith("LDG.") and not o.endswith(".128")),
        int_compares=count(lambda o: o.startswith("ISETP")),
        programs_per_sm=programs_per_sm(arch, regs, num_warps, shared),
    )


def markdown(profiles: list[StaticProfile], title: str) -> str:
    """A table, one row per kernel and architecture."""
    lines = [f"# {title}", "", "| " + " | ".join(HEADERS) + " |",
             "|" + "---|" * len(HEADERS)]
    for p in profiles:
        lines.append("| " + " | ".join(str(getattr(p, c)) for c in COLUMNS) + " |")
    return "\n".join(lines) + "\n"
