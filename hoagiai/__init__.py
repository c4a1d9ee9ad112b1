"""hoagiai — hồ sơ hòa giải ở cơ sở cho UBND cấp xã.

Data flows one way: load → validate → context → render → convert → bundle.
Each stage is its own module; `pipeline.py` is only the command-line shell.
"""

__version__ = "0.1.0"
