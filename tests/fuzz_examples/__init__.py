"""Example calls of every public function of igg4lib, one file per module, for the API
fuzz test (tests/test_api_fuzz.py)."""
