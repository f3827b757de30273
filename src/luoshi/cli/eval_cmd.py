"""`luoshi eval GOLD_DIR [--floors FILE] [--update-floors] [--allow-lower] [--json] [--per-doc]`.

Extracts every `X.txt` of GOLD_DIR that has an `X.gold.json`, scores the records with the
definitions of the official scorer (shared/gold/score.py) and prints the same figures.
With `--floors` it is the quality gate: exit 1 naming every figure below its floor.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "eval",
        help="score the extractor against a gold directory; the quality gate",
        description=(
            "Extract every X.txt in GOLD_DIR and score it against X.gold.json with the "
            "official scorer's definitions. Exit status: 0 fine, 1 a figure below its floor "
            "(or a refused floor update), 2 usage error."
        ),
    )
    p.add_argument("gold_dir", metavar="GOLD_DIR", help="directory of X.txt + X.gold.json")
    p.add_argument("--floors", metavar="FILE",
                   help="floors file (quality/floors.json): fail when a figure is below its floor")
    p.add_argument("--update-floors", action="store_true",
                   help="raise the floors in FILE to the current figures minus the tolerance")
    p.add_argument("--allow-lower", action="store_true",
                   help="with --update-floors: also lower floors of figures that dropped")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--per-doc", action="store_true",
                   help="print per-document counts on stderr")
    p.add_argument("--predictions", metavar="PRED.jsonl",
                   help="score these records instead of running the extractor")
    p.set_defaults(func=run)


def _err(msg: str) -> None:
    print(f"luoshi eval: {msg}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from luoshi.evaluation.gate import (
        DEFAULT_TARGETS,
        FloorsError,
        FloorsFile,
        check_floors,
        check_targets,
        load_floors,
        save_floors,
        update_floors,
    )
    from luoshi.evaluation.run import extract_predictions
    from luoshi.evaluation.scoring import (
        format_figures,
        gold_documents,
        load_predictions,
        score_predictions,
    )

    gold_dir = Path(args.gold_dir)
    if not gold_dir.is_dir():
        _err(f"{gold_dir}: not a directory")
        return 2
    if not gold_documents(gold_dir):
        _err(f"{gold_dir}: no *.gold.json files")
        return 2
    if args.update_floors and not args.floors:
        _err("--update-floors needs --floors FILE")
        return 2
    if args.allow_lower and not args.update_floors:
        _err("--allow-lower only makes sense with --update-floors")
        return 2

    floors_file: FloorsFile | None = None
    if args.floors:
        try:
            floors_file = load_floors(args.floors)
        except FloorsError as exc:
            if not (args.update_floors and not Path(args.floors).exists()):
                _err(str(exc))
                return 2
            floors_file = FloorsFile(targets=dict(DEFAULT_TARGETS))

    if args.predictions:
        try:
            preds: dict[str, Any] = load_predictions(args.predictions)
        except (OSError, ValueError) as exc:
            _err(f"{args.predictions}: {exc}")
            return 2
    else:
        preds = {k: v for k, v in
                 extract_predictions(gold_dir, lambda p, why: _err(f"{p}: {why}")).items()
                 if v is not None}
    scores = score_predictions(gold_dir, preds)
    figures = scores.figures()
    headline = scores.headline()

    if args.per_doc:
        for d in scores.docs:
            print(f"{d.id}: directives gold={d.directives_gold} pred={d.directives_pred} "
                  f"matched={d.directives_matched}  people gold={d.people_gold} "
                  f"pred={d.people_pred} matched={d.people_matched}"
                  + ("" if d.predicted else "  (no prediction)"), file=sys.stderr)

    status = 0
    report: dict[str, Any] = {}
    lines: list[str] = []
    if floors_file is not None:
        if args.update_floors:
            upd = update_floors(headline, floors_file.floors, floors_file.tolerance,
                                args.allow_lower)
            if upd.refused:
                for s in upd.refused:
                    _err(f"refusing to lower the floor of {s.figure}: {s.value:.3f} is below "
                         f"{s.floor:.3f} (pass --allow-lower to lower it); floors unchanged")
                status = 1
            else:
                floors_file.floors = upd.floors
                if upd.changed:
                    save_floors(args.floors, floors_file)
                for key, old, new in upd.raised:
                    lines.append(f"floor raised  {key:22s} "
                                 f"{'none' if old is None else f'{old:.3f}'} -> {new:.3f}")
                for key, old, new in upd.lowered:
                    lines.append(f"floor LOWERED {key:22s} {old:.3f} -> {new:.3f}")
                if not upd.changed:
                    lines.append("floors unchanged")
            report["floors_update"] = {
                "raised": [{"figure": k, "from": o, "to": n} for k, o, n in upd.raised],
                "lowered": [{"figure": k, "from": o, "to": n} for k, o, n in upd.lowered],
                "refused": [s.figure for s in upd.refused],
                "written": upd.changed,
            }
        shortfalls = check_floors(headline, floors_file.floors)
        for s in shortfalls:
            _err(f"below floor: {s}")
        if shortfalls:
            status = 1
        missing = [k for k in headline if k not in floors_file.floors]
        lines.append(f"gate ({args.floors}): "
                     + ("FAIL, below floor: " + ", ".join(s.figure for s in shortfalls)
                        if shortfalls else "pass")
                     + (f"; no floor for {', '.join(missing)}" if missing else ""))
        targets = check_targets(headline, floors_file.targets)
        if targets:
            met = sum(1 for *_, ok in targets if ok)
            lines.append(f"targets met {met}/{len(targets)} (informational):")
            for key, value, target, ok in targets:
                floor = floors_file.floors.get(key)
                lines.append(f"  {key:22s} {value:.3f}  target {target:.3f}  "
                             f"floor {'-' if floor is None else f'{floor:.3f}'}  "
                             f"{'ok' if ok else 'below target'}")
        report["gate"] = {
            "floors_file": args.floors,
            "passed": not shortfalls,
            "below_floor": [{"figure": s.figure, "value": s.value, "floor": s.floor}
                            for s in shortfalls],
            "targets": {k: {"value": v, "target": t, "met": ok} for k, v, t, ok in targets},
        }

    if args.json:
        print(json.dumps({**figures, **report}, ensure_ascii=False, indent=1))
    else:
        print(format_figures(figures))
        for line in lines:
            print(line)
    return status
