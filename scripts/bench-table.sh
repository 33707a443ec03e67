#!/usr/bin/env bash
# The one table `make bench` ends with: every `BENCH|measure|ours|peer or goal|ratio` line the
# benchmarks printed into the log given, in the order they ran.
set -euo pipefail
log="${1:?usage: scripts/bench-table.sh BENCH-LOG}"
python3 - "$log" <<'PY'
import sys
rows = [line.rstrip("\n").split("|")[1:] for line in open(sys.argv[1], encoding="utf-8", errors="replace")
        if line.startswith("BENCH|")]
rows = [(r + [""] * 4)[:4] for r in rows]
if not rows:
    print("no BENCH lines in", sys.argv[1]); sys.exit(1)
head = ["measure", "ours", "peer / goal", "ratio"]
widths = [max(len(x) for x in col) for col in zip(head, *rows)]
line = lambda cells: "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"
print(line(head))
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for r in rows:
    print(line(r))
PY
