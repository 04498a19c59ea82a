#!/usr/bin/env python3
"""Writes corpus/docx/*.docx and corpus/expected/*.json from the data in
the seed*.py and variants.py modules. Run from anywhere:
    python3 tools/corpus/gen.py
The outputs are committed; tests do not need this generator."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))

import seed000  # noqa: E402
import seed001  # noqa: E402
import seed002  # noqa: E402
import seed003  # noqa: E402
import seed004  # noqa: E402
import variants  # noqa: E402

MODULES = [seed000, seed001, seed002, seed003, seed004, variants]


def main():
    ddir = os.path.join(ROOT, 'corpus', 'docx')
    edir = os.path.join(ROOT, 'corpus', 'expected')
    os.makedirs(ddir, exist_ok=True)
    os.makedirs(edir, exist_ok=True)
    for m in MODULES:
        for name, expected in m.build_all(ddir) if hasattr(m, 'build_all') else [m.build(ddir)]:
            out = os.path.join(edir, os.path.splitext(name)[0] + '.json')
            with open(out, 'w', encoding='utf-8') as f:
                json.dump(expected, f, ensure_ascii=False, indent=2)
                f.write('\n')
            print('wrote', name)


if __name__ == '__main__':
    main()
