#!/usr/bin/env python3
"""Regenerate every generated list in rules/ and check all lexicons."""
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
STEPS = ["build_china.py", "build_countries.py", "build_world_cities.py", "build_nations.py", "build_not_person.py", "build_dictionary_names.py",
         "build_noun_heads.py", "lexicon_tool.py"]

for step in STEPS:
    print(f"== {step}", file=sys.stderr)
    subprocess.run([sys.executable, str(HERE / step)], cwd=HERE, check=True)
