"""``--device`` / ``models.device`` reaches the embedding backends through the pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrascope.cli import main
from narrascope.errors import ModelError
from narrascope.models import embeddings
from narrascope.pipeline import Pipeline
from narrascope.settings import Settings


@pytest.fixture(autouse=True)
def _restore_device() -> Iterator[None]:
    yield
    embeddings.set_default_device("auto")


@pytest.mark.parametrize("device", ["cpu", "cuda", "auto"])
def test_pipeline_sets_the_embedder_device(device: str) -> None:
    Pipeline(Settings.load(None, {"models.device": device}), [])._components()
    minilm = embeddings.get_embedder("minilm")
    assert isinstance(minilm, embeddings.MiniLMEmbedder) and minilm._device == device
    assert embeddings.get_embedder("minilm", "cpu") is embeddings.get_embedder("minilm", "cpu")


def test_cli_device_flag_flows_into_settings(tmp_path: Path, examples: Path) -> None:
    cfg = tmp_path / "cfg.toml"
    cfg.write_text('[components.sentences]\nmodel = "blank:en"\n', encoding="utf-8")
    args = ["--config", str(cfg), "analyze", str(examples / "01_gomel-offer.txt"), "--components", "sentences",
            "--device", "cpu", "-q", "--db", str(tmp_path / "x.db")]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    assert embeddings._DEVICE[0] == "cpu"
    bad = CliRunner().invoke(main, ["analyze", "x.txt", "--device", "tpu"])
    assert bad.exit_code == 2 and "tpu" in bad.output


def test_unknown_device_is_refused() -> None:
    with pytest.raises(ModelError, match="choose auto, cpu or cuda"):
        embeddings.set_default_device("tpu")
