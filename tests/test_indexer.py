import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

import searchkit
from searchkit.ingest import budget
from searchkit.storage import generations as store, writer as indexer
from searchkit.errors import IndexStateError, InputError, SettingError
from samples import GOV_REPORTS, missing


def export(index_dir):
    with searchkit.open_index(index_dir) as index:
        return [p.to_dict() for p in index.paragraphs()]


def write_speeches(folder, count, start=0):
    folder.mkdir(exist_ok=True)
    for n in range(start, start + count):
        (folder / f"s{n:02d}.txt").write_text(f"第{n}号讲话\n　　发展经济第{n}段。\n　　促进就业，共同{n}富裕。\n", encoding="utf-8")


def counts(report):
    return report.added, report.updated, report.removed, report.unchanged


def test_incremental_updates_count_exactly_and_equal_a_fresh_build(tmp_path):
    corpus, ix = tmp_path / "c", tmp_path / "ix"
    write_speeches(corpus, 5)
    assert counts(searchkit.update_index([corpus], ix)) == (5, 0, 0, 0)
    write_speeches(corpus, 3, start=5)
    assert counts(searchkit.update_index([corpus], ix)) == (3, 0, 0, 5)
    with open(corpus / "s02.txt", "a", encoding="utf-8") as file:
        file.write("　　新增一段关于数字经济的内容。\n")
    report = searchkit.update_index([corpus], ix)
    assert counts(report) == (0, 1, 0, 7) and report.updated_ids == ("s02",)
    (corpus / "s04.txt").unlink()
    report = searchkit.update_index([corpus], ix)
    assert counts(report) == (0, 0, 1, 7) and report.paragraphs == 7 * 3 + 1
    with searchkit.open_index(ix) as index:
        assert len(index.search("数字经济")) == 1
        assert index.search('"第4号讲话"').hits == ()
    searchkit.update_index([corpus], tmp_path / "fresh")
    assert export(ix) == export(tmp_path / "fresh")


def test_nothing_changed_writes_nothing(tmp_path):
    write_speeches(tmp_path / "c", 2)
    searchkit.update_index([tmp_path / "c"], tmp_path / "ix")
    generation = store.live_generation(tmp_path / "ix")
    assert counts(searchkit.update_index([tmp_path / "c"], tmp_path / "ix")) == (0, 0, 0, 2)
    assert store.live_generation(tmp_path / "ix") == generation


def test_other_folders_speeches_are_kept(tmp_path):
    write_speeches(tmp_path / "a", 2)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.txt").write_text("另一篇\n　　内容。\n", encoding="utf-8")
    searchkit.update_index([tmp_path / "a"], tmp_path / "ix")
    assert counts(searchkit.update_index([tmp_path / "b"], tmp_path / "ix")) == (1, 0, 0, 0)
    assert searchkit.update_index([tmp_path / "b"], tmp_path / "ix").speeches == 3


def test_rebuild_replaces_and_keeps_one_previous_generation(tmp_path):
    write_speeches(tmp_path / "c", 2)
    for _ in range(3):
        searchkit.update_index([tmp_path / "c"], tmp_path / "ix", rebuild=True)
    generations = sorted(p.name for p in (tmp_path / "ix").iterdir() if p.name.startswith("gen-"))
    assert generations == ["gen-000002", "gen-000003"]
    assert (tmp_path / "ix" / "CURRENT").read_text().strip() == "gen-000003"


def test_unreadable_file_keeps_its_indexed_speech(tmp_path):
    corpus = tmp_path / "c"
    write_speeches(corpus, 2)
    searchkit.update_index([corpus], tmp_path / "ix")
    (corpus / "s01.txt").write_bytes(b"\x00\x01binary now")
    report = searchkit.update_index([corpus], tmp_path / "ix")
    assert counts(report) == (0, 0, 0, 1) and len(report.skipped) == 1
    assert report.speeches == 2  # never lose indexed data because of one bad read


def test_bad_inputs_are_skipped_with_reasons_and_good_files_indexed(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text("好文件\n　　发展电子商务。\n", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "latin1.txt").write_bytes("café \xff\xfe\xfd".encode("latin-1") * 3)
    (corpus / "long.txt").write_text("长" * 1_000_000, encoding="utf-8")
    (corpus / "bad.jsonl").write_text('{"text": "有效的一行"}\n{oops\n', encoding="utf-8")
    report = searchkit.update_index([corpus], tmp_path / "ix")
    reasons = {os.path.basename(s.source).split(":")[0]: s.reason for s in report.skipped}
    assert set(reasons) == {"binary.txt", "empty.txt", "latin1.txt", "bad.jsonl"}
    assert "binary" in reasons["binary.txt"] and "no text" in reasons["empty.txt"]
    with searchkit.open_index(tmp_path / "ix") as index:
        assert len(index.search("电子商务")) == 1
        assert len(index.search("有效")) == 1
        assert len(index.search('"长长长"')) == 1


def test_missing_path_fails_before_touching_the_index(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        searchkit.update_index([tmp_path / "nope"], tmp_path / "ix")
    assert not store.exists(tmp_path / "ix")


def test_incompatible_index_says_rebuild(tmp_path):
    write_speeches(tmp_path / "c", 1)
    searchkit.update_index([tmp_path / "c"], tmp_path / "ix")
    info = store.live_generation(tmp_path / "ix") / store.INFO
    info.write_text(json.dumps({"format": 999, "searchkit": "9.9"}))
    with pytest.raises(IndexStateError, match="rebuild"):
        searchkit.open_index(tmp_path / "ix")
    with pytest.raises(IndexStateError, match="rebuild"):
        searchkit.update_index([tmp_path / "c"], tmp_path / "ix")
    searchkit.update_index([tmp_path / "c"], tmp_path / "ix", rebuild=True)
    assert len(export(tmp_path / "ix")) == 3


def test_second_writer_waits_then_gives_a_clear_message(tmp_path):
    write_speeches(tmp_path / "c", 1)
    with store.writer_lock(tmp_path / "ix"):
        started = time.monotonic()
        with pytest.raises(IndexStateError, match="another searchkit process"):
            searchkit.update_index([tmp_path / "c"], tmp_path / "ix", lock_timeout=0.5)
        assert time.monotonic() - started >= 0.5


def _index_in_subprocess(corpus, ix, *extra):
    code = "import sys; from searchkit.cli import app; app(sys.argv[1:])"
    return subprocess.Popen(
        [sys.executable, "-c", code, "index", str(corpus), "--index", str(ix), "--json", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


@pytest.mark.skipif(not GOV_REPORTS.is_dir(), reason=missing(GOV_REPORTS))
def test_kill_during_rebuild_leaves_old_index_and_searches_keep_working(tmp_path):
    corpus, ix = tmp_path / "c", tmp_path / "ix"
    corpus.mkdir()
    for file in sorted(GOV_REPORTS.glob("*.txt"))[:3]:
        shutil.copy(file, corpus)
    searchkit.update_index([corpus], ix)
    before = export(ix)
    for file in sorted(GOV_REPORTS.glob("*.txt"))[3:]:
        shutil.copy(file, corpus)
    count = len(list(corpus.glob("*.txt")))

    errors = []

    def search_loop(stop):
        while not stop.is_set():
            try:
                with searchkit.open_index(ix) as index:
                    index.search("经济 发展", limit=5)
            except Exception as error:  # noqa: BLE001 - any failure is the finding
                errors.append(error)

    stop = threading.Event()
    searcher = threading.Thread(target=search_loop, args=(stop,))
    searcher.start()
    process = _index_in_subprocess(corpus, ix, "--rebuild")
    deadline = time.monotonic() + 60
    while not list(ix.glob("*.tmp")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)  # the new generation is being written: kill it mid-way
    time.sleep(0.3)
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL, "the rebuild ended before it could be killed"
    stop.set()
    searcher.join()
    assert errors == []
    assert export(ix) == before  # killed before publishing: the old index, intact
    report = searchkit.update_index([corpus], ix, rebuild=True)  # no stale lock
    assert report.added == count
    assert not list(ix.glob("*.tmp"))
    searchkit.update_index([corpus], tmp_path / "fresh")
    assert export(ix) == export(tmp_path / "fresh")


def test_unchanged_files_are_not_read_again(tmp_path):
    corpus, ix = tmp_path / "c", tmp_path / "ix"
    write_speeches(corpus, 3)
    searchkit.update_index([corpus], ix)
    file = corpus / "s01.txt"
    stat = file.stat()
    # Same size and mtime: trusted as unchanged, so this edit is (knowingly) not seen...
    file.write_text(file.read_text(encoding="utf-8").replace("发展", "改革"), encoding="utf-8")
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert counts(searchkit.update_index([corpus], ix)) == (0, 0, 0, 3)
    # ...while a touched file is read again and its content hash decides.
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    report = searchkit.update_index([corpus], ix)
    assert counts(report) == (0, 1, 0, 2) and report.updated_ids == ("s01",)
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2 * 10**9))
    assert counts(searchkit.update_index([corpus], ix)) == (0, 0, 0, 3)


def test_overlapping_paths_index_each_file_once(tmp_path):
    corpus = tmp_path / "c"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "x.txt").write_text("标题甲\n电子商务甲。\n", encoding="utf-8")
    (corpus / "y.txt").write_text("标题乙\n电子商务乙。\n", encoding="utf-8")
    report = searchkit.update_index([corpus, corpus, corpus / "sub" / "x.txt"], tmp_path / "ix")
    assert counts(report) == (2, 0, 0, 0) and report.skipped == ()
    assert counts(searchkit.update_index([corpus], tmp_path / "ix")) == (0, 0, 0, 2)
    with searchkit.open_index(tmp_path / "ix") as index:
        assert len(index.search("电子商务", limit=None)) == 2


def test_the_same_id_in_another_folder_never_overwrites(tmp_path):
    for folder, text in (("a", "甲方推进电子商务发展。"), ("b", "乙方推动乡村振兴。")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(f"讲话\n{text}\n", encoding="utf-8")
    searchkit.update_index([tmp_path / "a"], tmp_path / "ix")
    report = searchkit.update_index([tmp_path / "b"], tmp_path / "ix")
    assert counts(report) == (0, 0, 0, 0) and "already used" in report.skipped[0].reason
    with searchkit.open_index(tmp_path / "ix") as index:
        assert len(index.search("电子商务")) == 1 and index.search("乡村振兴").hits == ()


def test_an_open_index_keeps_its_snapshot_through_updates(tmp_path):
    corpus = tmp_path / "c"
    write_speeches(corpus, 2)
    searchkit.update_index([corpus], tmp_path / "ix")
    with searchkit.open_index(tmp_path / "ix") as index:
        for n in (2, 3):
            write_speeches(corpus, 1, start=n)
            searchkit.update_index([corpus], tmp_path / "ix")
        assert len(index.search("发展经济", speaker="nobody")) == 0
        assert len(index.speeches()) == 2 and len(list(index.paragraphs())) == 6


# -- the build memory budget -------------------------------------------------------------------------


@given(memory=st.integers(budget.MIN_MEMORY_MB, 64_000), cpus=st.integers(1, 64))
def test_the_writer_plan_keeps_every_process_within_the_budget(memory, cpus):
    workers, limit = budget.writer_plan(memory, cpus)
    assert workers == 0 or 2 <= workers <= min(cpus, 4)
    readers = budget.reader_processes(cpus)
    estimate = (budget.PARENT_MB + budget.PROCESS_MB * workers + budget.READER_MB * readers
                + max(workers, 1) * limit * budget.POOL_FACTOR)
    assert limit >= budget.MIN_LIMIT_MB
    # Within the budget, except where even one process and its readers need more (then the minimum pool).
    assert estimate <= memory or (workers == 0 and limit == budget.MIN_LIMIT_MB)
    # More memory never means smaller pools for the same number of writers.
    more_workers, more_limit = budget.writer_plan(memory + 500, cpus)
    assert more_workers > workers or more_limit >= limit


@pytest.mark.parametrize("bad", [0, -1, budget.MIN_MEMORY_MB - 1, 1.5, "3000", True])
def test_a_bad_budget_is_refused_before_anything_is_written(tmp_path, bad):
    write_speeches(tmp_path / "c", 2)
    with pytest.raises(SettingError, match=f"at least {budget.MIN_MEMORY_MB}"):
        searchkit.update_index([tmp_path / "c"], tmp_path / "ix", memory_mb=bad)
    assert not (tmp_path / "ix").exists()


@pytest.mark.parametrize("parallel", [False, True])
@pytest.mark.parametrize("memory", [1000, 3000])
def test_the_writers_get_the_limit_the_budget_gives(tmp_path, monkeypatch, parallel, memory):
    from whoosh.index import FileIndex

    opened, writer = [], FileIndex.writer

    def spy(self, procs=1, **kwargs):
        opened.append({"procs": procs, **kwargs})
        return writer(self, procs=procs, **kwargs)

    monkeypatch.setattr(FileIndex, "writer", spy)
    monkeypatch.setattr(indexer, "PARALLEL_MIN_BYTES", 0 if parallel else 10**12)
    write_speeches(tmp_path / "c", 3)
    assert searchkit.update_index([tmp_path / "c"], tmp_path / "ix", memory_mb=memory).added == 3
    workers, limit = budget.writer_plan(memory, os.cpu_count() or 1)
    if parallel and workers:
        assert [(o["procs"], o["limitmb"], o["subargs"]["limitmb"]) for o in opened] == [(workers, limit, limit)]
    else:
        assert [(o["procs"], o["limitmb"]) for o in opened] == [(1, budget.writer_plan(memory, 1)[1])]
    assert export(tmp_path / "ix")  # and the index is whole


def test_character_index_follows_segments_through_updates(tmp_path):
    # Each update writes a segment and Whoosh merges small ones: every live segment has its character
    # index, none is left for a segment merged away, and searches see exactly the current texts.
    from whoosh import index as whoosh_index

    from searchkit.storage import charindex, generations as store

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(12):
        (corpus / f"s{n}.txt").write_text(f"标题{n}\n第{n}篇讲话谈改革。\n", encoding="utf-8")
        searchkit.update_index([corpus], tmp_path / "ix")
    (corpus / "s3.txt").write_text("标题3\n第3篇讲话谈开放。\n", encoding="utf-8")
    (corpus / "s5.txt").unlink()
    searchkit.update_index([corpus], tmp_path / "ix")
    generation = store.live_generation(tmp_path / "ix")
    with whoosh_index.open_dir(str(generation)).reader() as reader:
        readers = getattr(reader, "readers", None) or [reader]
        segments = {r.segment().segment_id() for r in readers}
    assert {p.name for p in (generation / charindex.FOLDER).iterdir()} == segments
    with searchkit.open_index(tmp_path / "ix") as index:
        assert index.count('"谈改革"') == 10
        assert [h.speech_id for h in index.search("谈开放")] == ["s3"]


def test_missing_character_index_asks_for_a_rebuild(tmp_path):
    import shutil

    from searchkit.storage import charindex, generations as store

    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("标题\n正文。\n", encoding="utf-8")
    searchkit.update_index([tmp_path / "corpus"], tmp_path / "ix")
    shutil.rmtree(store.live_generation(tmp_path / "ix") / charindex.FOLDER)
    with pytest.raises(IndexStateError, match="rebuild"):
        searchkit.open_index(tmp_path / "ix")


def test_reading_one_big_jsonl_reports_speeches_as_they_are_read(tmp_path):
    import json as json_module

    corpus = tmp_path / "news.jsonl"
    corpus.write_text("\n".join(json_module.dumps({"id": f"n{i}", "title": f"新闻{i}", "text": f"第{i}条新闻的内容。"},
                                                  ensure_ascii=False) for i in range(120)) + "\n", encoding="utf-8")
    heard, files = [], []
    searchkit.update_index([corpus], tmp_path / "ix", on_speeches=heard.append, progress=lambda d, t: files.append((d, t)))
    assert heard == list(range(1, 121))  # one file, yet the count moves with every story
    assert files[-1] == (1, 1)
