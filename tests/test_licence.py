"""The content licence (CC BY 4.0) and the code licence (MIT) are stated where they must be."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_licence_file_has_both_licences_in_full() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0 International Public License" in text
    for section in range(1, 9):
        assert f"Section {section} –" in text, f"CC BY 4.0 section {section} missing"
    assert "Permission is hereby granted, free of charge" in text  # MIT
    assert "data/published/" in text and "keep their own copyright" in text


def test_every_page_footer_names_the_licence() -> None:
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    footer = config["html"]["extra_footer"]
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in footer
    assert "CC BY 4.0" in footer and "MIT" in footer


def test_data_dictionary_explains_transcribed_numbers() -> None:
    text = (ROOT / "chapters" / "data_dictionary.md").read_text(encoding="utf-8")
    assert "## Licence and reuse" in text
    assert "keep their own copyright" in text
