"""`pipeline.py serve`: the clerk's monthly work in a browser (docs/contract.md §7).

Nothing heavy is imported here, so the CLI starts fast; `create_app` lives in `app.py`."""
