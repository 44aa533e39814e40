#!/usr/bin/env python3
"""One entry point for every derived artifact; needs only Python 3.11+ on the machine.

    python3 make.py build     install, re-run every notebook, rewrite figures/, the figure
                              manifest and the HTML report (build 02: only notebooks 02_*)
    python3 make.py test      install, run the unit tests and nbval over every notebook, and
                              check that the re-run reproduced every figure byte for byte
    python3 make.py report    install, write the static HTML report to report/
    python3 make.py bench     install, run the scaling benchmark (prints figures;
                              bench --adversarial: every text function on pathological text;
                              bench --tables: make.py tables on Dask, time and peak memory)

`python3 make.py COMMAND --help` describes each command's options. Installs come from
requirements.lock (exact versions) into .venv/ (set VENV=path to use another folder).

This file only checks the interpreter and hands over to tools/tasks.py; it is written so that
any Python, even a very old one, can read it far enough to say what it needs.
"""

import os
import sys

NEEDED = (3, 11)

if sys.version_info[:2] < NEEDED:
    sys.exit("make.py needs Python %d.%d or newer; found Python %s at %s"
             % (NEEDED[0], NEEDED[1], sys.version.split()[0], sys.executable))

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "tools"))

from tasks import main  # noqa: E402

if __name__ == "__main__":
    main(sys.argv[1:])
