"""py3langid's model unpacked once into the cache folder, mapped after, and the ways back."""

from __future__ import annotations

import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from janalyq import langid_cache, language
from janalyq.language import _MODEL_LANGS, identifier_from_arrays
from tests.test_language import _cases

TEXTS = ["", "123", "Qazaqstan Respublikasy", "Ауыл мектебі жаңа оқу жылына дайын",
         "Министерство сообщило о новых правилах", "Tokayev visited Akmola region", "Şymkent"]


def _restricted(identifier):
    identifier.set_languages(list(_MODEL_LANGS))
    return identifier


@pytest.fixture(scope="module")
def py3langids_own():
    return _restricted(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))


@pytest.mark.parametrize("source", ["cached", "in memory"])
def test_our_two_ways_give_py3langids_own_model(source, tmp_path, py3langids_own):
    arrays = langid_cache.cached_arrays(tmp_path) if source == "cached" else langid_cache.unpacked_in_memory()
    ours = _restricted(identifier_from_arrays(arrays))
    assert ours.nb_classes == py3langids_own.nb_classes and ours.tk_output == py3langids_own.tk_output
    assert ours.tk_nextmove == py3langids_own.tk_nextmove and ours.tk_row == py3langids_own.tk_row
    assert np.array_equal(ours.nb_ptc, py3langids_own.nb_ptc) and np.array_equal(ours.nb_pc, py3langids_own.nb_pc)
    for text in TEXTS + [case.values[0] for case in _cases()]:  # every score, bit for bit
        assert ours.rank(text) == py3langids_own.rank(text), text


def test_the_model_is_unpacked_once_then_mapped_read_only(tmp_path, monkeypatch):
    first = langid_cache.cached_arrays(tmp_path)
    folder = langid_cache.model_folder(tmp_path)
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}.npy" for n in langid_cache.ARRAYS)
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".part")] == []

    def no_second_unpack():
        raise AssertionError("unpacked again")

    monkeypatch.setattr(langid_cache, "unpacked_in_memory", no_second_unpack)
    again = langid_cache.cached_arrays(tmp_path)
    assert isinstance(again["ptc"], np.memmap) and not again["ptc"].flags.writeable
    assert all(np.array_equal(first[n], again[n]) for n in langid_cache.ARRAYS)


def test_a_damaged_copy_is_unpacked_again(tmp_path):
    langid_cache.cached_arrays(tmp_path)
    ptc = langid_cache.model_folder(tmp_path) / "ptc.npy"
    ptc.write_bytes(ptc.read_bytes()[:1000])  # cut short, as a full disk would leave it
    arrays = langid_cache.cached_arrays(tmp_path)
    assert arrays["ptc"].shape == langid_cache.unpacked_in_memory()["ptc"].shape
    assert ptc.stat().st_size > 1000


def test_a_copy_another_process_renamed_first_is_kept(tmp_path):
    folder = langid_cache.model_folder(tmp_path)
    langid_cache.cached_arrays(tmp_path)
    kept = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    langid_cache._unpack_into(folder)  # a second builder that lost the race
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == kept
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_without_a_usable_cache_folder_languages_are_still_identified(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    language._identifier.cache_clear()
    try:
        assert language.detect("Ауыл мектебі жаңа оқу жылына дайын")[0] == "kk"
        assert language._model_probs("The ministry announced new rules for the grain harvest")["en"] > 0.9
    finally:
        language._identifier.cache_clear()  # the next test loads it from the usual folder again
