#!/usr/bin/env python3
"""hoagiai command line: `python pipeline.py --help`. The library is the `hoagiai` package."""

from hoagiai.cli import main

if __name__ == "__main__":
    main(prog_name="pipeline.py")
