"""What each generated suite covers, said at the end of every run that collected it (by the
terminal summary in conftest.py): a suite that quietly shrank would otherwise still pass."""

SUITE_CASES: dict[str, str] = {}  # suite -> one sentence: how many cases over what
