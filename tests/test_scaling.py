"""The Dask recipe of docs/scaling.md, run as written on a local cluster.

The cluster runs in a subprocess: importing Dask's distributed changes how every
exception class already defined pickles (it installs tblib's pickling), which must not
leak into the other tests of this process.
"""

from __future__ import annotations

import importlib.util
import json
import os
import pathlib
import re
import subprocess
import sys

import pytest

import imrparse
from imrparse.export.rows import TABLES, to_rows

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("distributed") is None, reason="dask[distributed] is not installed"
)

ROOT = pathlib.Path(__file__).parent.parent
SEEDS = sorted((ROOT / "tests" / "data" / "letters").glob("seed_*.txt"))

# Runs the recipe on a local cluster of two worker processes and prints its failures.
CLUSTER_RUN = """
import json, sys
import dask
from dask.distributed import Client, LocalCluster
from imrparse_dask_recipe import letters_to_parquet

if __name__ == "__main__":
    paths, out_dir = json.loads(sys.argv[1]), sys.argv[2]
    # A worker that dies fails the run at once, instead of being retried for ever.
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        as cluster,
        Client(cluster),
    ):
        print(json.dumps(letters_to_parquet(paths, out_dir, letters_per_task=4)))
"""


def write_dask_recipe(folder: pathlib.Path) -> None:
    """Write the code block that docs/scaling.md marks as the Dask recipe as a module."""
    text = (ROOT / "docs" / "scaling.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- dask-recipe[^>]*-->\n```python\n(.*?)\n```", text, re.DOTALL)
    assert found, "docs/scaling.md has no marked Dask recipe"
    (folder / "imrparse_dask_recipe.py").write_text(found.group(1), encoding="utf-8")
    (folder / "cluster_run.py").write_text(CLUSTER_RUN, encoding="utf-8")


def test_the_dask_recipe_gives_the_tables_of_a_sequential_run(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    letters = tmp_path / "letters"
    letters.mkdir()
    texts = [path.read_text(encoding="utf-8") for path in SEEDS]
    for i in range(10):
        (letters / f"letter_{i:02}.txt").write_text(texts[i % 3], encoding="utf-8")
    broken = letters / "broken.txt"
    broken.write_text(texts[0].replace("CLINICAL CASE SUMMARY", ""), encoding="utf-8")
    paths = sorted(str(path) for path in letters.iterdir())
    write_dask_recipe(tmp_path)

    # The workers import the recipe as the client does: from a folder on their path.
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(tmp_path), environment.get("PYTHONPATH")])
    )
    done = subprocess.run(
        [sys.executable, str(tmp_path / "cluster_run.py"), json.dumps(paths), str(tmp_path / "t")],
        capture_output=True,
        text=True,
        env=environment,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr

    with pytest.raises(imrparse.ParseError) as caught:
        imrparse.parse_file(broken)
    assert json.loads(done.stdout) == [
        {"path": str(broken), "error": "ParseError", "message": str(caught.value)}
    ]
    assert sorted(path.name for path in (tmp_path / "t" / "decisions").iterdir()) == [
        "part-000000.parquet",
        "part-000001.parquet",
        "part-000002.parquet",
    ]
    for table in TABLES:
        read = pq.read_table(tmp_path / "t" / table).to_pylist()
        expected = [
            {k: list(v) if isinstance(v, tuple) else v for k, v in row.items()}
            for path in paths
            if path != str(broken)
            for row in to_rows(imrparse.parse_file(path), letter_id=path)[table]
        ]
        assert read == expected, table
