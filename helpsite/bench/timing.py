"""Time full builds: ours (scripts.build_site: MkDocs, finishing, Pagefind, swap) against stock
(`mkdocs build` with Material's own search). Each is a fresh process, as a person runs it.

Runs alternate between ours and stock, so a machine that gets busier or quieter during the run
affects both alike; the median of the runs is reported.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass

from .metrics import median


class BuildError(RuntimeError):
    """A benchmark build failed (its output is in the message)."""


@dataclass(frozen=True)
class BuildJob:
    name: str
    argv: list[str]
    cwd: str
    out: str
    env: dict

    def run(self) -> float:
        """Seconds of wall time for one build from scratch (the old output is removed first)."""
        shutil.rmtree(self.out, ignore_errors=True)
        start = time.perf_counter()
        result = subprocess.run(self.argv, cwd=self.cwd, env={**os.environ, **self.env},
                                capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            tail = "\n".join((result.stderr + result.stdout).strip().splitlines()[-15:])
            raise BuildError(f"{self.name}: build failed ({' '.join(self.argv)} in {self.cwd}):\n{tail}")
        return seconds


def ours(name: str, repo_or_root: str, config: str, out: str, env: dict) -> BuildJob:
    return BuildJob(name, [sys.executable, "-m", "scripts.build_site", "--config", config, "--out", out],
                    repo_or_root, out, {"NO_MKDOCS_2_WARNING": "1", **env})


def stock(name: str, cwd: str, config: str, out: str, env: dict) -> BuildJob:
    return BuildJob(name, [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", config, "-d", out],
                    cwd, out, {"NO_MKDOCS_2_WARNING": "1", **env})


def compare(jobs: list[BuildJob], runs: int, log=None) -> dict[str, dict]:
    """{job name: {"runs_s": [...], "median_s": m}}, the jobs' runs interleaved."""
    times: dict[str, list[float]] = {job.name: [] for job in jobs}
    for i in range(runs):
        for job in jobs:
            times[job.name].append(job.run())
            if log:
                log(f"  {job.name}: run {i + 1}/{runs}: {times[job.name][-1]:.2f} s")
    return {name: {"runs_s": [round(t, 3) for t in ts], "median_s": round(median(ts), 3)}
            for name, ts in times.items()}
