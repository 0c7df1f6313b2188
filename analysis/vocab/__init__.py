"""Language knowledge as data: analysis/vocab/language.yaml, loaded once."""

from __future__ import annotations

from importlib import resources

import yaml


def load(name: str) -> dict:
    with resources.files(__package__).joinpath(name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


LANGUAGE: dict = load("language.yaml")
