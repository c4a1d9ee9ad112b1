"""Loading the clerk's workbooks: files → typed `Table`s with Excel row numbers, plus
column-level findings (docs/contract.md §2). Row, group and cross-file rules live in
`hoagiai.validate`.

    load_specs(rules_dir) -> {dataset: DatasetSpec}          # rules/du_lieu/*.yaml
    load_dataset(inputs_dir, spec, *, max_bytes) -> (Table, [Finding])
    load_all(inputs_dir, rules_dir, *, max_bytes) -> ({dataset: Table}, [Finding])
    start(inputs_dir, rules_dir, *, max_bytes) -> Loading   # .result() as load_all; big files in 2 processes

Finding codes (stable, constants in `hoagiai.load.codes`; severity in brackets, E = error,
W = warning):
  file level   missing-file [E] · misnamed-file [E] · duplicate-input-file [E] · file-too-large [E] ·
               suspicious-archive [E] · unreadable-file [E] · empty-file [E] · missing-sheet [E] ·
               split-sheets [E] · csv-legacy-encoding [W]
               (all of these but the last are UNAVAILABLE: documents reading the dataset are blocked)
  sheet        merged-cells [W] (a merged range in the data area: its value applies to every row)
  header       header-not-found [E] · duplicate-header [E] · missing-column [E, or the column's
               `muc_do_bat_buoc`] · legacy-encoding [E] (header typed in TCVN3/VNI) ·
               header-without-diacritics [W] · header-near-miss [W]
  cells        required-missing [E/W per column] · required-if [E] · invalid-date · ambiguous-date ·
               text-too-long [E] ·
               invalid-number [E, or the column's `muc_do_loi_kieu`] · invalid-enum [E] ·
               pattern-mismatch [per rule] · cccd-old-cmnd [W] · leading-zero-lost [W] ·
               legacy-encoding [E] · formula-no-value [E] (a formula whose result the file does not hold)
"""

from .spec import ColumnSpec, DatasetSpec, load_specs

__all__ = ["ColumnSpec", "DatasetSpec", "load_specs", "load_dataset", "load_all", "start", "DEFAULT_MAX_BYTES",
           "UNAVAILABLE"]

DEFAULT_MAX_BYTES = 50_000_000

from ..findings import UNAVAILABLE  # noqa: E402 — re-exported: the loader's codes for an unusable file


def __getattr__(name):  # the loader imports pandas; keep `import hoagiai.load` light
    if name in ("load_dataset", "load_all", "start"):
        from . import dataset
        return getattr(dataset, name)
    raise AttributeError(name)
