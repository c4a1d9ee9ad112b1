"""Loading the clerk's workbooks: files → typed `Table`s with Excel row numbers, plus
column-level findings (CONTRACT §2). Row, group and cross-file rules live in
`hoagiai.validate`.

    load_specs(rules_dir) -> {dataset: DatasetSpec}          # rules/du_lieu/*.yaml
    load_dataset(inputs_dir, spec, *, max_bytes) -> (Table, [Finding])
    load_all(inputs_dir, rules_dir, *, max_bytes) -> ({dataset: Table}, [Finding])
"""

from .spec import ColumnSpec, DatasetSpec, load_specs

__all__ = ["ColumnSpec", "DatasetSpec", "load_specs", "load_dataset", "load_all", "DEFAULT_MAX_BYTES"]

DEFAULT_MAX_BYTES = 50_000_000


def __getattr__(name):  # the loader imports pandas; keep `import hoagiai.load` light
    if name in ("load_dataset", "load_all"):
        from . import dataset
        return getattr(dataset, name)
    raise AttributeError(name)
