#!/usr/bin/env python3
"""Write the labelled corpus of configuration changes under this folder.

Each case is a folder `<format>/<name>/` with `before.<ext>` (absent for an added file),
`after.<ext>` (absent for a deleted file) and `expected.txt`: the rule codes the change must raise,
one per line, or `clean` for a change that must raise nothing that counts. The scenarios are written
from the semantics of each format (see the crate README); names, namespaces, quoting, list styles and
JSON layout vary with a fixed seed, so regenerating gives the same files:

    python3 make_corpus.py
"""

import os
import random
import shutil

import make_cloud
import make_rbac

HERE = os.path.dirname(os.path.abspath(__file__))
EXT = {"rbac": "yaml", "iam": "json", "terraform": "tf", "gha": "yml"}


def write(fmt, cases):
    root = os.path.join(HERE, fmt)
    shutil.rmtree(root, ignore_errors=True)
    for i, (name, before, after, expected) in enumerate(cases, 1):
        d = os.path.join(root, f"{i:03d}-{name}")
        os.makedirs(d)
        if before:
            open(os.path.join(d, f"before.{EXT[fmt]}"), "w").write(before)
        if after:
            open(os.path.join(d, f"after.{EXT[fmt]}"), "w").write(after)
        open(os.path.join(d, "expected.txt"), "w").write("\n".join(expected) + "\n" if expected else "clean\n")


def main():
    rnd = random.Random(20261130)
    write("rbac", make_rbac.cases(rnd))
    write("iam", make_cloud.iam_cases(rnd))
    write("terraform", make_cloud.tf_cases(rnd))
    write("gha", make_cloud.gha_cases(rnd))


if __name__ == "__main__":
    main()
