"""The rule files (`rules/`): the schema language, one reader per family of rule files, and the
check of a whole rule set before any document is built (docs/rule-files.md).

- `schema`: reading YAML safely and checking it against a schema (types, keys, placeholders);
- `van_ban`: the kind files `rules/van_ban/<kind>.yaml`, every key and placeholder of each kind;
- `lich_bao_cao`, `thu_lao`, `can_cu`, `de_an`, `bieu_thong_ke`, `dinh_chinh`, `thuat_ngu`,
  `bo_quy_tac`: one module per top-level rule file; `kiem_tra`: the shape of the validation rules;
- `catalogue`: every file of a rule set checked up front; `rule_set`: the rule set a build records
  (path, version, digest); `illustrative`: the warnings for values marked as not yet law.
The validation rules (`rules/kiem_tra/`) are applied by hoagiai.validate.ruleset, the column specs
(`rules/du_lieu/`) by hoagiai.load.spec.
"""
