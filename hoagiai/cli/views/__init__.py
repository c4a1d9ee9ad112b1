"""What the command line prints: each view takes the data a library call (hoagiai.operations)
returned and prints it for the clerk — rich tables on a terminal, their plain-text form
(no colour, never cut) anywhere else. The library itself never prints.

Rich is imported by these modules: the commands import them inside their bodies, so `--help`
stays instant.
"""
