"""The locks the README commands install from are made from the current requirement files."""

from __future__ import annotations

import hashlib
import re

from dashboard import config

INPUTS = ("requirements.txt", "requirements-dev.txt", "requirements-build.txt")
LOCKS = {
    "requirements.lock": ("requirements.txt", "requirements-build.txt"),
    "requirements-dev.lock": INPUTS,
}
NAME = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)", re.MULTILINE)


def names(text: str) -> set[str]:
    """Normalised package names of requirement lines (comments and hash lines skipped)."""
    lines = [line for line in text.splitlines() if line and not line.startswith(("#", " "))]
    return {re.sub(r"[-_.]+", "-", NAME.match(line).group(1)).lower() for line in lines}


def test_each_lock_was_made_from_the_current_requirements():
    digest = hashlib.sha256(
        b"".join((config.REPO_ROOT / name).read_bytes() for name in INPUTS)
    ).hexdigest()
    for lock in LOCKS:
        first_line = (config.REPO_ROOT / lock).read_text(encoding="utf-8").split("\n", 1)[0]
        assert first_line == f"# inputs-sha256: {digest}", (
            f"{lock} is older than the requirement files: run `bash scripts/lock.sh`"
        )


def test_each_lock_pins_every_requirement_with_hashes():
    for lock, inputs in LOCKS.items():
        text = (config.REPO_ROOT / lock).read_text(encoding="utf-8")
        pinned = names(text)
        wanted = set().union(*(names((config.REPO_ROOT / n).read_text()) for n in inputs))
        assert wanted <= pinned, f"{lock} misses {sorted(wanted - pinned)}"
        pins = re.findall(r"^\S+==\S+.*\\\n((?:\s+--hash=sha256:[0-9a-f]{64}.*\n)+)", text, re.M)
        assert len(pins) == len(pinned), f"{lock}: a pin without hashes"
