"""The Dask recipe of docs/scaling.md, run as written on a local cluster.

The cluster runs in a subprocess (the recipe is a script): importing Dask's distributed
changes how every exception class already defined pickles (it installs tblib's
pickling), which must not leak into the other tests of this process.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pathlib
import re
import subprocess
import sys

import pytest

import imrparse
from imrparse.batch.many import letter_key
from imrparse.export.rows import TABLES, to_rows

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("distributed") is None, reason="dask[distributed] is not installed"
)

ROOT = pathlib.Path(__file__).parent.parent
SEEDS = sorted((ROOT / "tests" / "data" / "letters").glob("seed_*.txt"))


def write_dask_recipe(folder: pathlib.Path) -> pathlib.Path:
    """Write the block that docs/scaling.md gives as imrparse_dask_recipe.py."""
    text = (ROOT / "docs" / "scaling.md").read_text(encoding="utf-8")
    found = re.search(
        r"<!-- file: imrparse_dask_recipe\.py -->\n```python\n(.*?)\n```", text, re.DOTALL
    )
    assert found, "docs/scaling.md has no Dask recipe"
    path = folder / "imrparse_dask_recipe.py"
    path.write_text(found.group(1), encoding="utf-8")
    return path


def run_recipe(recipe: pathlib.Path, cwd: pathlib.Path, *args: str) -> subprocess.CompletedProcess:
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT / "src"), environment.get("PYTHONPATH")])
    )
    return subprocess.run(
        [sys.executable, str(recipe), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=environment,
        timeout=600,
        check=False,
    )


def test_the_dask_recipe_gives_the_tables_of_a_sequential_run(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    letters = tmp_path / "letters"
    letters.mkdir()
    texts = [path.read_text(encoding="utf-8") for path in SEEDS]
    for i in range(10):
        text = texts[i % 3] + "\n" * (i // 3)  # ten different files
        (letters / f"letter_{i:02}.txt").write_text(text, encoding="utf-8")
    broken = letters / "broken.txt"
    broken.write_text(texts[0].replace("CLINICAL CASE SUMMARY", ""), encoding="utf-8")
    paths = sorted(str(path.relative_to(tmp_path)) for path in letters.iterdir())
    recipe = write_dask_recipe(tmp_path)

    done = run_recipe(recipe, tmp_path, "letters", "t")
    assert done.returncode == 0, done.stderr
    with pytest.raises(imrparse.ParseError) as caught:
        imrparse.parse_file(broken)
    assert done.stdout == "11 letters: 10 read, 1 failed\n"
    assert (
        done.stderr.splitlines()[0]
        == f"letters/broken.txt: template: {caught.value}".split("\n")[0]
    )
    # 11 letters on 2 local workers (one per core here, at least): tasks of 2 letters.
    workers = os.cpu_count()
    per_task = max(1, -(-11 // (4 * workers)))
    assert len(list((tmp_path / "t" / "decisions").iterdir())) == -(-11 // per_task)
    for table in TABLES:
        read = pq.read_table(tmp_path / "t" / table).to_pylist()
        expected = []
        for path in paths:
            if path == "letters/broken.txt":
                continue
            data = (tmp_path / path).read_bytes()
            record = imrparse.parse_file(tmp_path / path)
            key = letter_key(hashlib.sha256(data).hexdigest(), record)
            expected += [
                {k: list(v) if isinstance(v, tuple) else v for k, v in row.items()}
                for row in to_rows(record, letter_id=key)[table]
            ]
        assert read == expected, table

    # A second run into the same folder is refused, before any cluster is started.
    again = run_recipe(recipe, tmp_path, "letters", "t")
    assert (again.returncode, again.stderr) == (
        1,
        "t is not empty: remove it, or give a new folder\n",
    )
