"""Finding codes of the validation layer, registered in one place (docs/contract.md §3).

Codes are a public interface: people filter `validate --json` and `build --json` reasons by them,
and the kind files name them (`loi_to`, `khong_chan_boi`, `quy_tac` of the Đề án). A code is
never renamed or reused for another meaning. Two sources:

- codes the Python of this layer writes itself (`PYTHON_CODES`);
- codes the shipped rule files choose (`rules/kiem_tra/*.yaml`, `rules/thuat_ngu.yaml`): the
  files own them, this registry lists them so that renaming one in a file fails a test
  (tests/test_validate_codes.py) instead of silently breaking a filter. A rule file a unit
  adds may use new codes; they are not registered and need not be.

The loader's codes that this layer reacts to are listed last (hoagiai.load owns them).
"""

from __future__ import annotations

# --- written by Python (hoagiai/validate/terms.py) -------------------------------------------
WRONG_LEGAL_NAME = "wrong-legal-name"              # a known wrong name of a law (rules/thuat_ngu.yaml ten_sai)

PYTHON_CODES = frozenset({WRONG_LEGAL_NAME})

# --- chosen by the shipped rule files --------------------------------------------------------
MIXED_TONE_PLACEMENT = "mixed-tone-placement"      # rules/thuat_ngu.yaml dau_thanh.ma

# rules/kiem_tra/hang.yaml (one row)
FUTURE_DATE = "future-date"
DATE_ORDER = "date-order"
STOP_BEFORE_RECOGNITION = "stop-before-recognition"
PENDING_WITH_END_DATE = "pending-with-end-date"
MISSING_MEDIATION_GROUND = "missing-mediation-ground"
MEDIATOR_UNDER_18 = "mediator-under-18"
MEDIATOR_IN_TWO_TEAMS = "mediator-in-two-teams"
LATE_START = "late-start"
DUPLICATE_INSPECTION = "duplicate-inspection"
DUPLICATE_CCCD = "duplicate-cccd"
DUPLICATE_CASE_CODE = "duplicate-case-code"
DEADLINE_BEFORE_INSPECTION = "deadline-before-inspection"
TO_TRUONG_VOTE_SHARE = "to-truong-vote-share"
CCCD_MISMATCH = "cccd-mismatch"

# rules/kiem_tra/nhom.yaml (team composition, Luật HGCS Điều 12)
TEAM_MIN_MEMBERS = "team-min-members"
TEAM_NEEDS_WOMAN = "team-needs-woman"
TEAM_LEADER_COUNT = "team-leader-count"
TEAM_NEEDS_ETHNIC_MINORITY = "team-needs-ethnic-minority"
TEAM_MISSING = "team-missing"

# rules/kiem_tra/lien_tep.yaml (across files)
UNKNOWN_THON = "unknown-thon"
UNKNOWN_MEDIATOR = "unknown-mediator"
MEDIATOR_NOT_ACTIVE = "mediator-not-active"
INSPECTION_HEAD_COUNT = "inspection-head-count"

RULE_FILE_CODES = frozenset({
    MIXED_TONE_PLACEMENT, FUTURE_DATE, DATE_ORDER, STOP_BEFORE_RECOGNITION, PENDING_WITH_END_DATE,
    MISSING_MEDIATION_GROUND, MEDIATOR_UNDER_18, MEDIATOR_IN_TWO_TEAMS, LATE_START, INSPECTION_HEAD_COUNT,
    DUPLICATE_INSPECTION, DUPLICATE_CCCD, DUPLICATE_CASE_CODE, DEADLINE_BEFORE_INSPECTION,
    TO_TRUONG_VOTE_SHARE, CCCD_MISMATCH, TEAM_MIN_MEMBERS, TEAM_NEEDS_WOMAN, TEAM_LEADER_COUNT,
    TEAM_NEEDS_ETHNIC_MINORITY, TEAM_MISSING, UNKNOWN_THON, UNKNOWN_MEDIATOR, MEDIATOR_NOT_ACTIVE,
})

#: every code this layer emits with the shipped rules
ALL = PYTHON_CODES | RULE_FILE_CODES

# --- the loader's codes this layer reacts to (owned by hoagiai.load) --------------------------
from ..findings import UNAVAILABLE  # noqa: E402 — kept beside the codes it stands for
from ..load.codes import MISSING_COLUMN  # noqa: E402,F401

#: the dataset could not be read at all: its rules are skipped (no cascade of findings)
UNREADABLE = UNAVAILABLE
