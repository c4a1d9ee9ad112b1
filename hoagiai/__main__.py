"""`python -m hoagiai …`: the same command line as `hoagiai …` and `python pipeline.py …`."""

from .cli import main

if __name__ == "__main__":
    main(prog_name="hoagiai")
