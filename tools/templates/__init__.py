"""Generator of the Nghị định 30/2020/NĐ-CP Word templates in templates/ (see frame.py)."""
